"""A refusal names the way out in the words of where it is read: options on the command line,
keys in the app. One rule, two vocabularies (report/command_words.py)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from report import command_words
from report.command_words import APP, CLI, spoken_as
from report.pdf import report_refusals
from store.create import create_data_folder
from store.folder import load_folder

ROOT = Path(__file__).resolve().parents[2]


def _refusals(tmp_path: Path) -> str:
    root = tmp_path / "map"
    if not root.exists():
        create_data_folder(root, "Org", date(2013, 5, 12), git=False)
    folder = load_folder(root, date(2017, 1, 10), with_git=False)
    return "\n".join(report_refusals(folder, 2017, date(2017, 1, 10), concept=False))


def test_the_command_line_names_options_and_the_app_names_keys(tmp_path: Path) -> None:
    cli = _refusals(tmp_path)
    with spoken_as(APP):
        app = _refusals(tmp_path)
    assert "alleen een concept (--concept) kan nu" in cli and "stuur een melding (`ktv melding`)" in cli
    assert "alleen een concept (c) kan nu" in app and "stuur een melding (m)" in app
    assert "--" not in app and "`ktv" not in app
    assert command_words.words() is CLI  # the app's words end with the block


def test_no_refusal_spells_an_option_itself() -> None:
    """Every option or key in a refusal comes from CommandWords: a literal would be wrong in the app."""
    source = (ROOT / "report" / "pdf.py").read_text("utf-8")
    code = re.sub(r'"""[\s\S]*?"""', "", source)  # docstrings may speak of the options
    strings = re.findall(r'"[^"\n]*"', code)
    spelt = [
        s for s in strings if re.search(r"--concept|--ingediend|`ktv (report|melding)`|\(git commit\)", s)
    ]
    assert spelt == []
