"""`python -m bench --profile`: where the time goes (cProfile, `python -X importtime`).

Writes into bench/out/:
- profile-load.txt / .prof: cProfile of load_folder on the largest folder (top functions by own
  time and by cumulative time, and own time per module);
- stages-load.txt: the same load split into its steps, timed without a profiler (CPU time);
- profile-<command>.txt / .prof: cProfile of `ktv check` and `ktv report --concept` in-process
  (stats and deadlines profile like check: the load is all of it);
- importtime-<command>.txt: `python -X importtime` of `ktv --help` and `ktv check` on an empty
  folder, with the biggest imports summed per top-level package.
Prints a short summary of each.
"""

from __future__ import annotations

import contextlib
import cProfile
import io
import os
import pstats
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from . import data
from .measure import process_env

TODAY = data.TODAY.isoformat()
TOP = 25


def _stats_text(profile: cProfile.Profile, sort: str, limit: int) -> str:
    buffer = io.StringIO()
    stats = pstats.Stats(profile, stream=buffer)
    stats.strip_dirs().sort_stats(sort).print_stats(limit)
    return buffer.getvalue()


def _per_module(profile: cProfile.Profile) -> list[tuple[str, float]]:
    """Own time summed per source file (package/module), largest first."""
    stats = pstats.Stats(profile)
    totals: dict[str, float] = defaultdict(float)
    for (filename, _line, name), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():
        if filename == "~":
            key = f"builtin: {name}"
        else:
            parts = Path(filename).parts
            key = "/".join(parts[-2:]) if len(parts) >= 2 else filename
        totals[key] += tottime
    return sorted(totals.items(), key=lambda item: -item[1])


def _top_own(profile: cProfile.Profile, limit: int) -> list[tuple[str, float, int]]:
    stats = pstats.Stats(profile)
    rows = []
    for (filename, line, name), (_cc, ncalls, tottime, _ct, _callers) in stats.stats.items():
        where = f"{Path(filename).name}:{line}({name})" if filename != "~" else name
        rows.append((where, tottime, ncalls))
    rows.sort(key=lambda row: -row[1])
    return rows[:limit]


def _total(profile: cProfile.Profile) -> float:
    return pstats.Stats(profile).total_tt


def profile_call(name: str, fn, out: Path) -> cProfile.Profile:
    profile = cProfile.Profile()
    profile.enable()
    try:
        fn()
    finally:
        profile.disable()
    profile.dump_stats(out / f"profile-{name}.prof")
    total = _total(profile)
    report = [f"cProfile of {name}: {total:.2f} s in total (profiled; slower than unprofiled)", ""]
    report.append("own time per module:")
    for module, seconds in _per_module(profile)[:20]:
        report.append(f"  {seconds:7.3f} s  {100 * seconds / total:5.1f} %  {module}")
    report += ["", _stats_text(profile, "tottime", TOP), _stats_text(profile, "cumulative", TOP)]
    (out / f"profile-{name}.txt").write_text("\n".join(report))
    return profile


def summarise(name: str, profile: cProfile.Profile, limit: int = 12) -> None:
    total = _total(profile)
    print(f"\n== {name}: {total:.2f} s under cProfile")
    print("  own time by module:")
    for module, seconds in _per_module(profile)[:10]:
        print(f"    {100 * seconds / total:5.1f} %  {seconds:6.2f} s  {module}")
    print("  top functions by own time:")
    for where, seconds, ncalls in _top_own(profile, limit):
        print(f"    {100 * seconds / total:5.1f} %  {seconds:6.2f} s  {ncalls:>9} calls  {where}")


_IMPORT = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)")


ENTRY = "import sys; from ktv_tui.cli import entry; sys.argv[0] = 'ktv'; entry()"


def importtime(name: str, argv: list[str], out: Path, code: str = ENTRY) -> None:
    """Run `python -X importtime` on the ktv entry point; sum the imports per top-level package."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code, *argv],
        capture_output=True,
        text=True,
        env=process_env(),
        timeout=120,
    )
    rows = []
    for line in result.stderr.splitlines():
        match = _IMPORT.match(line)
        if match:
            own, cumulative, indent, module = match.groups()
            rows.append((int(own), int(cumulative), len(indent) // 2, module))
    (out / f"importtime-{name}.txt").write_text(result.stderr)
    total = sum(own for own, *_ in rows)
    per_package: dict[str, int] = defaultdict(int)
    for own, _cum, _depth, module in rows:
        per_package[module.split(".")[0]] += own
    what = f"ktv {' '.join(argv)}" if code == ENTRY else code
    print(f"\n== imports of `{what}`: {total / 1000:.0f} ms in {len(rows)} modules")
    print("  own import time per top-level package:")
    for package, own in sorted(per_package.items(), key=lambda item: -item[1])[:12]:
        print(f"    {own / 1000:6.1f} ms  {package}")
    print("  biggest imports of ktv's own modules and their first-level dependencies (cumulative):")
    ours = ("store", "report", "ktv_tui")
    seen = set()
    for _own, cumulative, _depth, module in sorted(rows, key=lambda row: -row[1]):
        top = module.split(".")[0]
        if cumulative < 3000 or module in seen:
            continue
        known = (
            "rich",
            "textual",
            "textual.app",
            "tomli_w",
            "typst",
            "decimal",
            "argparse",
            "importlib.metadata",
        )
        if top in ours or module in known:
            seen.add(module)
            print(f"    {cumulative / 1000:6.1f} ms  {module}")
        if len(seen) >= 15:
            break


def _best(fn, *, gc_on: bool = False) -> float:
    """CPU time (steady on a busy machine), best of three. The cyclic GC is off unless asked:
    the lists the harness keeps alive would make every step pay for collecting them."""
    import gc
    import time

    times = []
    for _ in range(3):
        gc.collect()
        if not gc_on:
            gc.disable()
        try:
            start = time.process_time()
            fn()
            times.append(time.process_time() - start)
        finally:
            gc.enable()
    return min(times)


def _steps(root: Path) -> list[tuple[str, float]]:
    import tomllib
    from decimal import Decimal

    from store.fields import FileContext
    from store.folder import load_folder
    from store.parse import decode_toml, parse_period
    from store.privacy import find_personal_data, find_personal_data_in_code
    from store.problems import sort_problems
    from store.toml_io import SafeReader, conflict_marker_lines, decode, digest, load_toml
    from store.validate import validate_folder

    folder_dir = root / "perioden"
    names = sorted(e.name for e in os.scandir(folder_dir) if e.name.endswith(".toml"))
    paths = [folder_dir / name for name in names]
    blobs = [path.read_bytes() for path in paths]
    texts = [blob.decode() for blob in blobs]
    parsed = [tomllib.loads(text, parse_float=Decimal) for text in texts]
    folder = load_folder(root, data.TODAY)
    reader = SafeReader(root)

    def plain_read() -> None:
        for path in paths:
            with open(path, "rb") as handle:
                handle.read()

    def privacy() -> None:
        for table in parsed:
            for key in ("werknemer", "werkgever", "jobcoach"):
                if table.get(key):
                    find_personal_data_in_code(table[key])
            if table.get("opmerking"):
                find_personal_data(table["opmerking"])

    def model() -> None:
        for name, text in zip(names, texts, strict=True):
            parse_period(FileContext(f"perioden/{name}", text), name[:-5])

    steps = [
        ("scandir of perioden/", lambda: [e.name for e in os.scandir(folder_dir)]),
        ("open+read bytes (plain)", plain_read),
        (
            "SafeReader.read (inside the folder? O_NOFOLLOW, fstat + read)",
            lambda: [reader.read(f"{folder_dir}/{name}") for name in names],
        ),
        ("digest (blake2b) of every file", lambda: [digest(b) for b in blobs]),
        ("decode UTF-8", lambda: [decode(b) for b in blobs]),
        ("conflict-marker regex", lambda: [conflict_marker_lines(t) for t in texts]),
        ("tomllib.loads (floats)", lambda: [tomllib.loads(t) for t in texts]),
        (
            "tomllib.loads (parse_float=Decimal)",
            lambda: [tomllib.loads(t, parse_float=Decimal) for t in texts],
        ),
        ("load_toml (scan, toml-rs, Decimal)", lambda: [load_toml(t) for t in texts]),
        (
            "decode_toml (markers + load_toml)",
            lambda: [decode_toml(FileContext("x", t)) for t in texts],
        ),
        ("parse_period incl. decode_toml (FileContext, Table, checks, model)", model),
        ("  of which privacy checks of codes and remarks", privacy),
        ("validate_folder (cross-file checks)", lambda: validate_folder(folder, with_git=True)),
        ("sort_problems", lambda: sort_problems(list(folder.problems))),
        ("load_folder with the cyclic GC off", lambda: load_folder(root, data.TODAY)),
    ]
    return [(label, _best(fn)) for label, fn in steps]


def stages(root: Path) -> list[tuple[str, float]]:
    """The load of the period files split into its steps, timed without a profiler.

    Uses store internals (SafeReader, load_toml, decode_toml, parse_period, privacy, validate), so it
    may need a touch when those change; each step runs over every period file.
    """
    from store.folder import load_folder

    rows = _steps(root)  # its lists are gone when it returns: the last row is the real load
    rows.append(("load_folder as it runs (GC on)", _best(lambda: load_folder(root, data.TODAY), gc_on=True)))
    return rows


def print_stages(root: Path, out: Path) -> None:
    rows = stages(root)
    total = rows[-1][1]
    floor = dict(rows)["tomllib.loads (floats)"]
    rows = [*rows[:-1], ("floor: tomllib.loads (floats) of every file", floor), rows[-1]]
    lines = [
        f"load of {root.name} split into steps (no profiler, CPU time, best of 3; % of load_folder, × floor):"
    ]
    for label, seconds in rows:
        lines.append(
            f"  {seconds * 1000:8.0f} ms  {100 * seconds / total:5.1f} %  {seconds / floor:5.2f}×  {label}"
        )
    text = "\n".join(lines)
    (out / "stages-load.txt").write_text(text + "\n")
    print("\n== " + text)


def run_profiles(root: Path, empty: Path, out: Path) -> None:
    from ktv_tui.cli import main as ktv_main
    from store.folder import load_folder

    load_folder(empty, data.TODAY)  # imports out of the way
    print_stages(root, out)
    profile = profile_call("load", lambda: load_folder(root, data.TODAY), out)
    summarise(f"load_folder of {root.name}", profile, limit=20)

    commands = {
        "check": ["check"],
        "report": ["report", "--concept", "--jaar", str(data.REPORT_LABEL), "-o", str(out / "profile.pdf")],
    }
    for name, args in commands.items():
        argv = ["--data", str(root), *args, "--today", TODAY]
        with open(os.devnull, "w") as devnull, contextlib.redirect_stdout(devnull):
            profile = profile_call(name, lambda argv=argv: ktv_main(argv), out)
        summarise(f"ktv {' '.join(args[:2])} on {root.name} (in-process)", profile, limit=8)

    importtime("help", ["--help"], out)
    importtime("check", ["--data", str(empty), "check", "--today", TODAY], out)
    importtime("app", [], out, code="import ktv_tui.app.app")
    print(f"\nfull listings in {out}/profile-*.txt, importtime-*.txt (open .prof with snakeviz or pstats)")
