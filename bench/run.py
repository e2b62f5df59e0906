"""`python -m bench`: the performance benchmark of ktv (see bench/README.md)."""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import tomllib
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

from . import data
from .measure import ProcessRun, Sample, ktv_command, repetitions, run_process, time_call, time_process

OUT = Path(__file__).resolve().parent / "out"
DEFAULT_SIZES = (1000, 10_000, 20_000)
TARGET_SIZE = 20_000
TODAY = data.TODAY.isoformat()

CHECK_WALL_MAX = 0.6
CHECK_CPU_MAX = 1.0
"""A cold `ktv check` of TARGET_SIZE periods (a fresh process, no cache of any kind): at most
this times the floor's wall time, and this times the floor's CPU time."""
PROCESS_MAX = 2.0
STARTUP_MAX = 0.3
PAINT_MAX = 0.3
REPORT_MAX = 3.0
REPORT_PERIODS = 2000
MEMORY_MAX_MB = 300
LINEAR_SLACK = 1.25
"""Linear: the per-file cost (time above the empty-folder start-up, per file) at the largest
size is at most this times the per-file cost at the next size down."""


@dataclass
class Row:
    key: str
    label: str
    size: int | None
    sample: Sample | None
    unit: str = "s"
    ratio: float | None = None
    ratio_to: str = ""
    target: str = ""
    status: str = ""
    note: str = ""
    cpu_ratio: float | None = None
    """CPU time against the floor's CPU time, where the row has a CPU target."""

    def as_json(self) -> dict:
        s = self.sample
        return {
            "key": self.key,
            "label": self.label,
            "size": self.size,
            "unit": self.unit,
            "median": s.median if s else None,
            "min": s.low if s else None,
            "max": s.high if s else None,
            "runs": s.runs if s else [],
            "extra": s.extra if s else {},
            "ratio": self.ratio,
            "ratio_to": self.ratio_to,
            "cpu_ratio": self.cpu_ratio,
            "target": self.target,
            "status": self.status,
            "note": self.note,
        }


@dataclass
class Bench:
    sizes: list[int]
    repeat: int
    slow_cap: int
    app: bool
    rows: list[Row] = field(default_factory=list)
    scaling: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    busy: list[float] = field(default_factory=list)
    """The highest 1-minute load averages seen while measuring, when others used the machine too
    (the bench itself keeps about one core busy)."""

    def sample_load(self) -> None:
        load = os.getloadavg()[0]
        if load > 0.75 * (os.cpu_count() or 1):
            self.busy = sorted({*self.busy, round(load, 1)})[-3:]

    def add(self, row: Row) -> Row:
        self.sample_load()
        self.rows.append(row)
        s = row.sample
        shown = f"{fmt(s.median, row.unit)}" if s else (row.status or "n.v.t.")
        size = f" N={row.size}" if row.size is not None else ""
        log(f"    {row.label}{size}: {shown}")
        return row

    def get(self, key: str, size: int | None) -> Row | None:
        return next((r for r in self.rows if r.key == key and r.size == size), None)


def log(*args, **kwargs) -> None:
    kwargs.setdefault("file", sys.stderr)
    print(*args, **kwargs)


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        if value < 0.01:
            return f"{value * 1000:.1f} ms"
        if value < 1:
            return f"{value * 1000:.0f} ms"
        return f"{value:.2f} s"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.3g} {unit}"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


# --- the measurements ------------------------------------------------------------------------


def floor_load(root: Path) -> int:
    """The floor: read every TOML file of the folder and parse it with tomllib, nothing else."""
    count = 0
    for sub in ("", "vragenlijsten", "meetjaren", "perioden"):
        with os.scandir(root / sub if sub else root) as entries:
            for entry in entries:
                if entry.name.endswith(".toml") and entry.is_file():
                    with open(entry.path, "rb") as handle:
                        tomllib.load(handle)
                    count += 1
    return count


def store_load(root: Path):
    """One load in this process, starting as a fresh process would: nothing memoised."""
    from store import parse
    from store.folder import load_folder

    memo = getattr(parse, "_has_personal_data_in_code", None)
    if memo is not None:
        memo.cache_clear()
    return load_folder(root, data.TODAY)


def traced_load(root: Path) -> tuple[float, float, int]:
    """Peak and retained traced memory (MB) of one load, and its problem count."""
    tracemalloc.start()
    try:
        folder = store_load(root)
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 1e6, current / 1e6, len(folder.problems)


def ktv(root: Path | None, *args: str) -> list[str]:
    data_args = ["--data", str(root)] if root is not None else []
    return [*ktv_command(), *data_args, *args]


def measure_startup(bench: Bench, empty: Path) -> None:
    log("  start-up")
    python, _ = time_process([sys.executable, "-c", "pass"], bench.repeat, bench.slow_cap)
    base = bench.add(Row("python", "python -c pass (start-up floor)", None, python))
    for key, label, argv in (
        ("help", "ktv --help", ktv(None, "--help")),
        ("check_empty", "ktv check, empty folder", ktv(empty, "check", "--today", TODAY)),
    ):
        sample, _ = time_process(argv, bench.repeat, bench.slow_cap)
        bench.add(
            Row(
                key,
                label,
                None,
                sample,
                ratio=sample.median / base.sample.median,
                ratio_to="python",
                target=f"< {STARTUP_MAX} s",
                status=verdict(sample.median < STARTUP_MAX),
            )
        )


def measure_size(bench: Bench, root: Path, n: int, report: bool) -> None:
    log(f"  N = {n}")
    at_target = n == TARGET_SIZE
    files = floor_load(root)
    floor, sample, last = floor_and_check(bench, root)
    floor.extra["files"] = files
    bench.add(Row("floor", "floor: tomllib loop", n, floor, ratio=1.0, ratio_to="floor"))
    f = floor.median
    f_cpu = statistics.median(floor.extra["cpu"])

    load = time_call(lambda: store_load(root), bench.repeat, bench.slow_cap)
    bench.add(Row("load", "load_folder (in-process)", n, load, ratio=load.median / f, ratio_to="floor"))

    problem = _check_summary(last.stdout)
    if problem:
        bench.notes.append(f"N={n} ktv check: {problem}")
    cpu = statistics.median(sample.extra["cpu"])
    passed = sample.median <= CHECK_WALL_MAX * f and cpu <= CHECK_CPU_MAX * f_cpu
    bench.add(
        Row(
            "check",
            "ktv check, cold (fresh process)",
            n,
            sample,
            ratio=sample.median / f,
            ratio_to="floor",
            cpu_ratio=cpu / f_cpu,
            target=f"≤ {CHECK_WALL_MAX}×, cpu ≤ {CHECK_CPU_MAX}×" if at_target else "",
            status=verdict(passed) if at_target else "",
        )
    )
    rss = Sample([sample.extra["maxrss_kb"] / 1024], unit="MB")
    bench.add(
        Row(
            "check_rss",
            "ktv check peak RSS (process)",
            n,
            rss,
            unit="MB",
            target=f"< {MEMORY_MAX_MB} MB" if at_target else "",
            status=verdict(rss.median < MEMORY_MAX_MB) if at_target else "",
        )
    )

    peak, retained, problems = traced_load(root)
    if problems:
        bench.notes.append(f"N={n}: the generated folder has {problems} problem(s); expected none")
    mem = Sample([peak], unit="MB", extra={"retained_mb": retained, "problems": problems})
    bench.add(
        Row(
            "load_peak_mem",
            "load_folder peak memory (tracemalloc)",
            n,
            mem,
            unit="MB",
            target=f"< {MEMORY_MAX_MB} MB" if at_target else "",
            status=verdict(peak < MEMORY_MAX_MB) if at_target else "",
            note=f"retained after load {retained:.0f} MB",
        )
    )

    for key, label, args, check_output in (
        ("stats", "ktv stats --json", ("stats", "--json"), _check_stats(n)),
        ("deadlines", "ktv deadlines --json", ("deadlines", "--json"), _check_deadlines),
    ):
        sample, last = time_process(ktv(root, *args, "--today", TODAY), bench.repeat, bench.slow_cap)
        problem = check_output(last.stdout)
        if problem:
            bench.notes.append(f"N={n} {label}: {problem}")
        bench.add(
            Row(
                key,
                label,
                n,
                sample,
                ratio=sample.median / f,
                ratio_to="floor",
                target=f"< {PROCESS_MAX} s" if at_target else "",
                status=verdict(sample.median < PROCESS_MAX) if at_target else "",
            )
        )

    if report:
        measure_report(bench, root, n, f)
    if bench.app:
        measure_app(bench, root, n, f)


def floor_and_check(bench: Bench, root: Path) -> tuple[Sample, Sample, ProcessRun]:
    """The floor and a cold `ktv check` in turns, so both meet the same load on a shared machine.

    Cold, as after a fresh clone: a new process each run, and ktv keeps no cache of any kind.
    """
    argv = ktv(root, "check", "--today", TODAY)
    floor, check = Sample(extra={"cpu": []}), Sample(extra={"cpu": []})
    rss = []
    while True:
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        floor_load(root)
        floor.runs.append(time.perf_counter() - start)
        floor.extra["cpu"].append(time.process_time() - start_cpu)
        run = run_process(argv)
        if run.returncode != 0:
            raise RuntimeError(
                f"ktv check gaf exit {run.returncode}: {run.stderr.decode(errors='replace')[-2000:]}"
            )
        check.runs.append(run.seconds)
        check.extra["cpu"].append(run.cpu)
        rss.append(run.maxrss_kb)
        first = max(floor.runs[0], check.runs[0])
        if len(check.runs) >= repetitions(first, bench.repeat, bench.slow_cap):
            check.extra["maxrss_kb"] = max(rss)
            return floor, check, run


def measure_report(bench: Bench, root: Path, n: int, floor: float) -> None:
    periods = data.allocation(n)[data.REPORT_LABEL]
    pdf = OUT / f"report-{n}.pdf"
    argv = ktv(
        root, "report", "--concept", "--jaar", str(data.REPORT_LABEL), "-o", str(pdf), "--today", TODAY
    )
    sample, _ = time_process(argv, bench.repeat, min(bench.slow_cap, 3))
    sample.extra["meetjaar_periods"] = periods
    sample.extra["pdf_bytes"] = pdf.stat().st_size if pdf.exists() else None
    judged = periods >= REPORT_PERIODS
    bench.add(
        Row(
            "report",
            f"ktv report --concept ({periods}-period meetjaar)",
            n,
            sample,
            ratio=sample.median / floor,
            ratio_to="floor",
            target=f"< {REPORT_MAX} s" if judged else "",
            status=verdict(sample.median < REPORT_MAX) if judged else "",
            note="" if judged else f"target is for a {REPORT_PERIODS}-period meetjaar",
        )
    )


def measure_app(bench: Bench, root: Path, n: int, floor: float | None) -> None:
    argv = [sys.executable, "-m", "bench.app_probe", str(root), TODAY]
    cwd = Path(__file__).resolve().parent.parent

    # One run waits for the data; the other runs measure only the first paint and leave.
    def probe(extra: list[str]) -> dict:
        run = run_process([*argv, *extra], cwd=cwd, timeout=300)
        result = _probe_result(run)
        if result.get("paint_wall") is not None:
            result["paint_from_spawn"] = result["paint_wall"] - run.spawned_wall
        return result

    results = [probe([])]
    for _ in range(max(1, min(bench.repeat, 5)) - 1):
        if "error" in results[0]:
            break
        results.append(probe(["paint"]))
    error = next((r["error"] for r in results if "error" in r), None)
    if error:
        bench.add(Row("app_paint", "app first paint (headless)", n, None, status="n.v.t.", note=error))
        bench.add(Row("app_loaded", "app data loaded (headless)", n, None, status="n.v.t.", note=error))
        return
    if not bench.get("app_import", None):
        imports = Sample([r["import"] for r in results])
        bench.add(Row("app_import", "import ktv_tui.app.app (fresh process)", None, imports))
    paints = [r["first_paint"] for r in results if r.get("first_paint") is not None]
    paint = Sample(paints) if paints else None
    bench.add(
        Row(
            "app_paint",
            "app first paint (headless, after import)",
            n,
            paint,
            target=f"< {PAINT_MAX} s",
            status=verdict(paint.median < PAINT_MAX) if paint else "n.v.t.",
        )
    )
    spawn = [r["paint_from_spawn"] for r in results if r.get("paint_from_spawn") is not None]
    if spawn:
        sample = Sample(spawn)
        bench.add(
            Row(
                "app_paint_process",
                "app first paint from process start",
                n,
                sample,
                target=f"< {PAINT_MAX} s",
                status=verdict(sample.median < PAINT_MAX),
                note="" if n else "python start-up + imports + first paint, as a user waits for it",
            )
        )
    hook = results[0].get("hook")
    loaded = [r["loaded"] for r in results if r.get("loaded") is not None]
    if hook is None or not loaded:
        why = (
            "no hook: KtvApp needs `data_loaded` (bool or Event) set when the folder is loaded"
            if hook is None
            else f"hook `{hook}` never became true"
        )
        bench.add(Row("app_loaded", "app data loaded (headless)", n, None, status="n.v.t.", note=why))
        return
    sample = Sample(loaded, extra={"hook": hook})
    bench.add(
        Row(
            "app_loaded",
            "app data loaded (headless)",
            n,
            sample,
            ratio=sample.median / floor if floor else None,
            ratio_to="floor",
            note=_shown_note(results),
        )
    )


def _shown_note(results: list[dict]) -> str:
    shown = [r["loaded_paint"] for r in results if r.get("loaded_paint") is not None]
    if not shown:
        return ""
    shown.sort()
    return (
        f"first paint after loading: median {fmt(shown[len(shown) // 2], 's')} (hook `{results[0]['hook']}`)"
    )


def _probe_result(run) -> dict:
    from .app_probe import MARKER

    for line in run.stdout.decode(errors="replace").splitlines():
        if line.startswith(MARKER):
            return json.loads(line[len(MARKER) :])
    tail = (run.stderr or run.stdout).decode(errors="replace").strip().splitlines() or ["?"]
    return {"error": f"the probe printed no result: {tail[-1]}"}


# --- output sanity: a fast wrong answer is no result -------------------------------------------


def _check_summary(stdout: bytes) -> str | None:
    text = stdout.decode(errors="replace")
    return None if "Geen problemen gevonden" in text else f"unexpected output: {text[-300:]!r}"


def _check_stats(n: int):
    def check(stdout: bytes) -> str | None:
        try:
            result = json.loads(stdout)
        except ValueError:
            return "no JSON"
        expected = data.allocation(n)[data.REPORT_LABEL]
        got = result.get("werknemer", {}).get("perioden")
        if result.get("jaar") != data.REPORT_LABEL or got != expected:
            return (
                f"meetjaar {result.get('jaar')} with {got} periods, expected {data.REPORT_LABEL}/{expected}"
            )
        return None

    return check


def _check_deadlines(stdout: bytes) -> str | None:
    try:
        result = json.loads(stdout)
    except ValueError:
        return "no JSON"
    return None if result.get("fouten") == 0 else f"fouten = {result.get('fouten')}"


# --- scaling, table, JSON ----------------------------------------------------------------------


def evaluate_scaling(bench: Bench) -> None:
    startup = bench.get("check_empty", None)
    base = startup.sample.median if startup and startup.sample else 0.0
    sizes = sorted(bench.sizes)
    for key in ("load", "check", "stats", "deadlines", "app_loaded"):
        medians = {n: r.sample.median for n in sizes if (r := bench.get(key, n)) and r.sample}
        if len(medians) < 2:
            continue
        offset = 0.0 if key == "load" else base
        per_file = {n: max(t - offset, 0.0) / n * 1e6 for n, t in medians.items()}
        known = sorted(medians)
        ratios = {f"{b}/{a}": medians[b] / medians[a] for a, b in zip(known, known[1:], strict=False)}
        big, below = known[-1], known[-2]
        linear = per_file[big] <= LINEAR_SLACK * per_file[below]
        judged = key in ("check", "stats", "deadlines")
        bench.scaling.append(
            {
                "key": key,
                "medians": medians,
                "ratios": ratios,
                "us_per_file": per_file,
                "startup_subtracted": offset,
                "status": verdict(linear) if judged else "",
            }
        )


def table(bench: Bench) -> str:
    header = ("measurement", "N", "median", "min–max", "cpu", "ratio", "target", "result")
    lines = []
    for row in bench.rows:
        s = row.sample
        spread = f"{fmt(s.low, row.unit)}–{fmt(s.high, row.unit)}" if s and len(s.runs) > 1 else ""
        if s and len(s.runs) > 1:
            spread += f" ({len(s.runs)}×)"
        ratio = f"{row.ratio:.2f}× {row.ratio_to}" if row.ratio is not None else ""
        if row.cpu_ratio is not None:
            ratio += f", cpu {row.cpu_ratio:.2f}×"
        cpu = s.extra.get("cpu") if s else None
        lines.append(
            (
                row.label,
                str(row.size) if row.size is not None else "",
                fmt(s.median, row.unit) if s else "n.v.t.",
                spread,
                fmt(statistics.median(cpu), "s") if cpu else "",
                ratio,
                row.target,
                row.status,
            )
        )
    widths = [max(len(line[i]) for line in [header, *lines]) for i in range(len(header))]
    out = []
    for i, line in enumerate([header, *lines]):
        out.append("  ".join(cell.ljust(widths[j]) for j, cell in enumerate(line)).rstrip())
        if i == 0:
            out.append("  ".join("-" * w for w in widths))
    if bench.scaling:
        out.append("")
        out.append(
            "scaling (time ratios between sizes; µs per file above the empty-folder start-up; "
            f"linear = per-file cost at the largest size ≤ {LINEAR_SLACK}× the next size down)"
        )
        for entry in bench.scaling:
            ratios = ", ".join(f"t({k.replace('/', ')/t(')})={v:.2f}" for k, v in entry["ratios"].items())
            per_file = ", ".join(f"{n}: {v:.0f} µs" for n, v in entry["us_per_file"].items())
            status = f"  linear: {entry['status']}" if entry["status"] else ""
            out.append(f"  {entry['key']:<10} {ratios}; per file {per_file}{status}")
    if bench.busy:
        bench.notes.append(
            f"the machine was busy (load average {', '.join(f'{x:.1f}' for x in bench.busy)} on "
            f"{os.cpu_count()} cores): wall times are inflated; the cpu column is steadier"
        )
    notes = [
        f"  {row.label}{f' N={row.size}' if row.size is not None else ''}: {row.note}"
        for row in bench.rows
        if row.note
    ]
    if notes or bench.notes:
        out.append("")
        out.append("notes")
        out += notes
        out += [f"  {note}" for note in bench.notes]
    return "\n".join(out)


def meta(bench: Bench, elapsed: float) -> dict:
    repo = Path(__file__).resolve().parent.parent

    def git(*args: str) -> str | None:
        try:
            return subprocess.run(
                ["git", *args], cwd=repo, capture_output=True, text=True, timeout=10, check=True
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return None

    dirty = git("status", "--porcelain", "--untracked-files=no")
    return {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "commit": git("rev-parse", "HEAD"),
        "uncommitted_changes": bool(dirty) if dirty is not None else None,
        "sizes": bench.sizes,
        "repeat": bench.repeat,
        "today": TODAY,
        "ktv": ktv_command(),
        "elapsed_s": elapsed,
        "busy_load_averages": bench.busy,
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--sizes",
        help="comma-separated period counts (default 1000,10000,20000; --quick: 1000,20000)",
    )
    parser.add_argument("--repeat", type=int, help="runs per measurement (default 5, --quick 2)")
    parser.add_argument("--quick", action="store_true", help="fewer sizes and runs: a rough look in ~1 min")
    parser.add_argument("--no-app", action="store_true", help="skip the headless app measurements")
    parser.add_argument("--no-import", action="store_true", help="skip the 5 000-row spreadsheet import")
    parser.add_argument(
        "--only-sheets",
        action="store_true",
        help="only the spreadsheet part: import and export of 5 000 rows",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="instead of timing: profile the load of the largest folder and `ktv check` start-up",
    )
    return parser.parse_args(argv)


def _only_sheets(repeat: int) -> int:
    """`python -m bench --only-sheets`: the import and export rows and their floor, nothing else."""
    from .sheets import measure_import

    os.environ["GIT_CEILING_DIRECTORIES"] = str(OUT)
    bench = Bench([], repeat, slow_cap=2, app=False)
    measure_import(bench, OUT, ktv, TODAY, Row, verdict, log=log)
    print(table(bench))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.sizes:
        sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    else:
        sizes = [1000, TARGET_SIZE] if args.quick else list(DEFAULT_SIZES)
    if any(n < 1 for n in sizes):
        log("sizes must be positive")
        return 2
    repeat = args.repeat or (2 if args.quick else 5)
    started = time.perf_counter()
    # The data folders live inside ktv's own repository: keep git (ktv's git_state, report
    # provenance) from finding that repository above them, as it would not for real data.
    os.environ["GIT_CEILING_DIRECTORIES"] = str(OUT)

    if args.only_sheets:
        return _only_sheets(repeat)
    log(f"data folders in {OUT}")
    empty = data.ensure_folder(OUT, 0, log=log)
    roots = {n: data.ensure_folder(OUT, n, log=log) for n in sizes}

    if args.profile:
        from .profile import run_profiles

        run_profiles(roots[max(sizes)], empty, OUT)
        return 0

    bench = Bench(sizes, repeat, slow_cap=1 if args.quick else 3, app=not args.no_app)
    log("warm-up (byte-compiling, page cache)")
    repo = Path(__file__).resolve().parent.parent
    packages = [str(repo / name) for name in ("store", "report", "ktv_tui", "bench")]
    run_process([sys.executable, "-m", "compileall", "-q", *packages])
    run_process(ktv(None, "--help"))
    run_process(ktv(empty, "check", "--today", TODAY))
    store_load(empty)
    for root in roots.values():
        floor_load(root)

    measure_startup(bench, empty)
    if bench.app:
        measure_app(bench, empty, 0, None)
    for n in sizes:
        measure_size(bench, roots[n], n, report=n == max(sizes))
    if not args.no_import:
        from .sheets import measure_import

        measure_import(bench, OUT, ktv, TODAY, Row, verdict, log=log)
    evaluate_scaling(bench)

    elapsed = time.perf_counter() - started
    text = table(bench)
    print(text)
    print(f"\n(total {elapsed:.0f} s; JSON in {OUT / 'results.json'})")
    results = {
        "meta": meta(bench, elapsed),
        "rows": [row.as_json() for row in bench.rows],
        "scaling": bench.scaling,
        "notes": bench.notes,
        "table": text,
    }
    (OUT / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    return 0
