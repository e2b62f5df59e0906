"""Start-up goals of issue 23, as ratios measured side by side in one run:

    python -m bench.startup [--repeat N] [--no-large]

1. app first paint        ≤ 1,2 × a bare Textual app (Header, Static, Footer)     headless 80×24
2. app data shown         ≤ 1,5 × that bare app's first paint
3. ktv deadlines / check  ≤ 4 × `python -c pass`, on the demo, ≤ 3 git processes each
4. cold `ktv check` of 10 000 periods of which 30 % carry a warning ≤ 0,6 × the tomllib floor

Every time is counted from the moment the process is spawned (what a user waits for after
Enter), as the median of N runs that alternate between the things compared, so a busy machine
slows both sides alike. Exit 0 when every goal holds, else 1."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .measure import ktv_command, process_env, run_process

OUT = Path(__file__).resolve().parent / "out"
DEMO_TODAY = "2026-11-26"
WARN_SHARE = 0.3
GOALS = {"paint": 1.2, "loaded": 1.5, "deadlines": 4.0, "check": 4.0, "large": 0.6}
GIT_MAX = 3


def _probe(args: list[str]) -> dict:
    spawned = time.time()
    done = subprocess.run(
        [sys.executable, "-m", "bench.startup_probe", *args],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
        env=process_env(),
        timeout=300,
    )
    for line in done.stdout.splitlines():
        if line.startswith("bench-startup: "):
            moments = json.loads(line.split(": ", 1)[1])
            return {key: value - spawned if value else None for key, value in moments.items()}
    raise RuntimeError(f"probe {args[0]} gaf geen resultaat:\n{done.stderr[-2000:]}")


def demo_folder() -> Path:
    """The demo (`ktv demo --no-tui`) at a fixed date, made once into bench/out/."""
    root = OUT / "startup-demo"
    if not (root / "ktv.toml").is_file():
        shutil.rmtree(root, ignore_errors=True)
        OUT.mkdir(parents=True, exist_ok=True)
        run = run_process([*ktv_command(), "demo", str(root), "--no-tui", "--today", DEMO_TODAY])
        if run.returncode != 0:
            raise RuntimeError(run.stderr.decode(errors="replace"))
    return root


def git_processes(root: Path, *args: str) -> int:
    """How many git processes `ktv args` starts: counted by a `git` shim first on PATH."""
    real = shutil.which("git")
    with tempfile.TemporaryDirectory() as tmp:
        shim, log = Path(tmp) / "git", Path(tmp) / "log"
        shim.write_text(f'#!/bin/sh\necho x >> "{log}"\nexec "{real}" "$@"\n')
        shim.chmod(0o755)
        env = process_env() | {"PATH": f"{tmp}{os.pathsep}{os.environ.get('PATH', '')}"}
        subprocess.run(
            [*ktv_command(), "--data", str(root), *args], env=env, capture_output=True, check=False
        )
        return len(log.read_text().splitlines()) if log.exists() else 0


def warned_folder(n: int = 10_000) -> Path:
    """bench's folder of n periods, with 30 % of the periods' werknemer form received before
    their end (warning `ontvangen-voor-einde`), made once into bench/out/."""
    from .data import ensure_folder

    root = OUT / f"data-{n}-warn"
    marker = OUT / f"data-{n}-warn.ok"
    if root.is_dir() and marker.is_file():
        return root
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(ensure_folder(OUT, n), root)
    files = sorted((root / "perioden").glob("*.toml"))
    changed, wanted = 0, int(len(files) * WARN_SHARE)
    pattern = re.compile(r"(\[beoordeling\.werknemer\]\nontvangen = )\d{4}-\d\d-\d\d")
    for path in files:
        if changed >= wanted:
            break
        text = path.read_text("utf-8")
        begin = re.search(r"^begin = (\d{4}-\d\d-\d\d)", text, re.MULTILINE)
        if begin is None or "\neinde = " not in text or not pattern.search(text):
            continue
        day = begin.group(1)
        path.write_text(pattern.sub(lambda m, day=day: m.group(1) + day, text, count=1), "utf-8")
        changed += 1
    marker.write_text(str(changed))
    return root


def _median(values: list[float]) -> float:
    return statistics.median(values)


def measure(repeat: int, large: bool, small: bool = True) -> dict:
    demo = demo_folder()
    runs: dict[str, list[float]] = {k: [] for k in ("bare", "paint", "loaded", "pass", "deadlines", "check")}
    ktv = [*ktv_command(), "--data", str(demo), "--today", DEMO_TODAY]
    for _ in range(repeat if small else 0):
        runs["bare"].append(_probe(["bare"])["paint"])
        shown = _probe(["ktv", str(demo), DEMO_TODAY])
        runs["paint"].append(shown["paint"])
        runs["loaded"].append(shown["loaded"])
        runs["pass"].append(run_process([sys.executable, "-c", "pass"]).seconds)
        runs["deadlines"].append(run_process([*ktv, "deadlines"]).seconds)
        runs["check"].append(run_process([*ktv, "check"]).seconds)
    result = {key: _median(values) for key, values in runs.items() if values}
    result["git_deadlines"] = git_processes(demo, "deadlines", "--today", DEMO_TODAY)
    result["git_check"] = git_processes(demo, "check", "--today", DEMO_TODAY)
    if large:
        from .run import floor_load

        root = warned_folder()
        floors, checks = [], []
        for _ in range(max(1, min(repeat, 3) if small else repeat)):
            start = time.perf_counter()
            floor_load(root)
            floors.append(time.perf_counter() - start)
            checks.append(run_process([*ktv_command(), "--data", str(root), "check"]).seconds)
        result["floor"], result["large_check"] = _median(floors), _median(checks)
    return result


def report(result: dict) -> tuple[str, bool]:
    rows = []
    if "bare" in result:
        rows += [
            ("app first paint / bare Textual app", result["paint"], result["bare"], "paint"),
            ("app data shown / bare Textual app", result["loaded"], result["bare"], "loaded"),
            ("ktv deadlines (demo) / python -c pass", result["deadlines"], result["pass"], "deadlines"),
            ("ktv check (demo) / python -c pass", result["check"], result["pass"], "check"),
        ]
    if "floor" in result:
        rows.append(
            (
                "ktv check 10 000, 30 % waarschuwingen / tomllib",
                result["large_check"],
                result["floor"],
                "large",
            )
        )
    lines, ok = [], True
    for label, value, base, goal in rows:
        ratio = value / base if base else float("inf")
        good = ratio <= GOALS[goal]
        ok &= good
        lines.append(
            f"{label:<50} {value:6.3f} s / {base:6.3f} s = {ratio:4.2f}×  (≤ {GOALS[goal]}×) "
            + ("PASS" if good else "FAIL")
        )
    for command in ("deadlines", "check"):
        count = result[f"git_{command}"]
        good = count <= GIT_MAX
        ok &= good
        lines.append(
            f"git-processen bij ktv {command:<29} {count:3d}  (≤ {GIT_MAX}) " + ("PASS" if good else "FAIL")
        )
    return "\n".join(lines), ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.startup", description=__doc__)
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (default 5)")
    parser.add_argument("--no-large", action="store_true", help="skip the 10 000-period check")
    parser.add_argument(
        "--only-large", action="store_true", help="only the 10 000-period check, --repeat runs"
    )
    args = parser.parse_args(argv)
    result = measure(args.repeat, not args.no_large, small=not args.only_large)
    text, ok = report(result)
    print(text)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "startup.json").write_text(json.dumps(result, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
