"""The dependency direction ktv_tui → report → store, checked by importing in a fresh process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def loaded_modules(code: str) -> set[str]:
    script = f"{code}\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def top_level(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


STORE_MODULES = [p.stem for p in (ROOT / "store").glob("*.py") if p.stem != "__init__"]
REPORT_MODULES = [p.stem for p in (ROOT / "report").glob("*.py") if p.stem != "__init__"]


@pytest.mark.parametrize("module", STORE_MODULES)
def test_store_knows_nothing_of_report_textual_or_typst(module: str) -> None:
    loaded = top_level(loaded_modules(f"import store.{module}"))
    assert not loaded & {"report", "ktv_tui", "textual", "typst", "rich"}


@pytest.mark.parametrize("module", REPORT_MODULES)
def test_report_knows_nothing_of_the_app(module: str) -> None:
    loaded = top_level(loaded_modules(f"import report.{module}"))
    assert not loaded & {"ktv_tui", "textual"}


def test_command_line_commands_do_not_import_textual_or_typst() -> None:
    """Start-up time of `ktv check` counts: the app and the compiler load only when needed."""
    loaded = top_level(
        loaded_modules("import ktv_tui.cli, ktv_tui.cli_data, ktv_tui.cli_files, ktv_tui.cli_pdf")
    )
    assert "textual" not in loaded
    assert "typst" not in loaded


APP_PACKAGES = ("textual", "ktv_tui.app", "ktv_tui.screens", "ktv_tui.widgets")


def modules_after_cli(*args: str) -> set[str]:
    """The modules a real `ktv ARGS` process has loaded when it exits (entry point as installed)."""
    script = (
        "import atexit, json, sys\n"
        "atexit.register(lambda: sys.__stderr__.write('MODULES' + json.dumps(sorted(sys.modules))))\n"
        f"sys.argv = ['ktv', *{list(args)!r}]\n"
        "from ktv_tui.cli import entry\n"
        "entry()\n"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert "Traceback" not in out.stderr, out.stderr
    return set(json.loads(out.stderr.rsplit("MODULES", 1)[1]))


def _app_modules(modules: set[str]) -> set[str]:
    return {m for m in modules if any(m == p or m.startswith(p + ".") for p in APP_PACKAGES)}


def test_cli_start_up_does_not_import_the_app(tmp_path: Path) -> None:
    """`ktv --help` and `ktv check` never pay for Textual or the app's screens (start-up time)."""
    from datetime import date

    from store.create import create_data_folder

    create_data_folder(tmp_path / "map", "Org", date(2013, 5, 12), git=False)
    help_modules = modules_after_cli("--help")
    check_modules = modules_after_cli("--data", str(tmp_path / "map"), "check", "--today", "2017-06-01")
    assert "ktv_tui.cli" in help_modules and "store.folder" in check_modules  # the probe works
    assert _app_modules(help_modules) == set()
    assert _app_modules(check_modules) == set()
    assert "typst" not in top_level(check_modules)
