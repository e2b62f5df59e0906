"""`ktv import` of a 5 000-row workbook (issue 15): dry run and --toepassen, whole processes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from . import data
from .measure import Sample, run_process, time_process

IMPORT_ROWS = 5000
IMPORT_MAX = 3.0
EXPORT_MAX = 2.0


def ensure_workbook(out: Path, *, log=print) -> Path:
    """bench/out/import-5000.xlsx: the generator's periods as `ktv export` writes them (kept)."""
    from store.defaults import DEFAULT_QUESTIONNAIRES
    from store.sheet import columns, period_row
    from store.sheet_files import xlsx_bytes

    path = out / f"import-{IMPORT_ROWS}.xlsx"
    marker = out / f"import-{IMPORT_ROWS}.ok"
    expected = {"generator": data.GENERATOR_VERSION, "rows": IMPORT_ROWS}
    if path.is_file() and marker.is_file() and json.loads(marker.read_text()) == expected:
        return path
    log(f"  maak {path.name} …")
    questionnaires = DEFAULT_QUESTIONNAIRES
    rows = [list(period_row(p, questionnaires).values()) for p in data.generate_periods(IMPORT_ROWS)]
    out.mkdir(parents=True, exist_ok=True)
    path.write_bytes(xlsx_bytes(columns(questionnaires), rows))
    marker.write_text(json.dumps(expected))
    return path


def _fresh_folder(out: Path) -> Path:
    from store.create import create_data_folder

    root = out / "import-target"
    if root.exists():
        shutil.rmtree(root)
    create_data_folder(root, data.NAME, data.RECOGNITION, git=False)
    return root


def _floor(root: Path, repeat: int) -> Sample:
    """The tomllib floor of the folder the import wrote (the same 5 000 period files)."""
    import time
    import tomllib

    sample = Sample(extra={"cpu": []})
    for _ in range(max(repeat, 2)):
        start, start_cpu = time.perf_counter(), time.process_time()
        for path in sorted(root.rglob("*.toml")):
            with open(path, "rb") as handle:
                tomllib.load(handle)
        sample.runs.append(time.perf_counter() - start)
        sample.extra["cpu"].append(time.process_time() - start_cpu)
    return sample


def measure_import(bench, out: Path, ktv, today: str, row_type, verdict, log=print) -> None:
    """Rows for the dry run (read, every row checked, the preview printed), --toepassen (the
    same plus 5 000 new files), the tomllib floor of those 5 000 files and `ktv export` of
    them to .xlsx, each as a ratio to that floor (issue 20: one run, one machine load)."""
    workbook = ensure_workbook(out, log=log)
    root = _fresh_folder(out)
    dry, _ = time_process(ktv(root, "import", str(workbook), "--today", today), bench.repeat, 2)
    apply = Sample()
    cpu = apply.extra.setdefault("cpu", [])
    for _ in range(min(bench.repeat, 2)):
        root = _fresh_folder(out)
        run = run_process(ktv(root, "import", str(workbook), "--toepassen", "--today", today))
        written = len(list((root / "perioden").glob("*.toml")))
        if run.returncode != 0 or written != IMPORT_ROWS:
            raise RuntimeError(f"ktv import --toepassen: exit {run.returncode}, {written} bestanden")
        apply.runs.append(run.seconds)
        cpu.append(run.cpu)
    floor = _floor(root, bench.repeat)
    target = out / f"export-{IMPORT_ROWS}.xlsx"
    export, _ = time_process(
        ktv(root, "export", "-o", str(target), "--overschrijven", "--today", today), bench.repeat, 2
    )
    target.unlink(missing_ok=True)
    shutil.rmtree(root)
    f = floor.median
    bench.add(
        row_type(
            "sheets-floor",
            f"floor: tomllib loop ({IMPORT_ROWS} bestanden)",
            IMPORT_ROWS,
            floor,
            ratio=1.0,
            ratio_to="floor",
        )
    )
    for key, label, sample, limit in (
        ("import", f"ktv import {IMPORT_ROWS} rijen .xlsx (proefrun)", dry, IMPORT_MAX),
        ("import-apply", f"ktv import {IMPORT_ROWS} rijen .xlsx --toepassen", apply, IMPORT_MAX),
        ("export-xlsx", f"ktv export {IMPORT_ROWS} perioden naar .xlsx", export, EXPORT_MAX),
    ):
        bench.add(
            row_type(
                key,
                label,
                IMPORT_ROWS,
                sample,
                ratio=sample.median / f if f else None,
                ratio_to="floor",
                target=f"< {limit} s",
                status=verdict(sample.median < limit),
            )
        )
