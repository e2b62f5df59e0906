"""Checks with explicit inputs (issue 18 item 2): every cross-file check is a pure function of
the loaded data — no git, no disk — and the git-dependent checks live in validate_git.py."""

from __future__ import annotations

import ast
import shutil
from datetime import date
from pathlib import Path
from types import SimpleNamespace

from store import validate
from store.folder import load_folder
from store.model import Period

ROOT = Path(__file__).resolve().parent.parent.parent
TODAY = date(2017, 6, 1)

PERIOD = """\
schema = 1
werknemer = "WN-1"
werkgever = "WG-1"
begin = 2016-06-01
einde = 2017-08-31

[beoordeling.werknemer]
ontvangen = 2017-04-03
cijfer = 7.0

[beoordeling.werknemer.antwoorden]
begeleiding = "misschien"
"""


def test_the_checks_give_the_same_problems_and_lines_with_the_folder_gone(folder: Path, put) -> None:
    put("perioden/p.toml", PERIOD)
    put("perioden/q.toml", PERIOD)
    put("meetjaren/2017.toml", "schema = 1\n\ningediend_op = 2017-05-01\n")
    loaded = load_folder(folder, TODAY, with_git=False)
    expected = validate.validate_folder(loaded, with_git=False)
    assert {p.code for p in expected} >= {
        "antwoord-buiten-schaal",
        "einde-in-toekomst",
        "ontvangen-voor-einde",
        "dubbele-periode",
        "indiendatum",
    }
    shutil.rmtree(folder)
    again = validate.validate_folder(loaded, with_git=False)
    assert again == expected
    assert {(p.file, p.line) for p in again if p.code == "indiendatum"} == {("meetjaren/2017.toml", 3)}
    assert {(p.file, p.line) for p in again if p.code == "antwoord-buiten-schaal"} == {
        ("perioden/p.toml", 12),
        ("perioden/q.toml", 12),
    }


def test_a_check_runs_on_data_made_in_memory() -> None:
    """The editor and the importer call the same functions on what they built themselves."""
    period = Period("x", "WN-1", "WG-1", date(2016, 6, 1), end=date(2018, 1, 1))
    text = 'schema = 1\nwerknemer = "WN-1"\nwerkgever = "WG-1"\nbegin = 2016-06-01\neinde = 2018-01-01\n'
    data = SimpleNamespace(periods={"x": period}, today=TODAY, texts={"perioden/x.toml": text})
    [problem] = validate.check_period_dates(data)
    assert (problem.code, problem.line, problem.params) == ("einde-in-toekomst", 5, {"einde": "2018-01-01"})
    [without_text] = validate.check_period_dates(SimpleNamespace(periods={"x": period}, today=TODAY))
    assert without_text.line is None and without_text.code == "einde-in-toekomst"


def test_validate_touches_neither_git_nor_the_disk() -> None:
    tree = ast.parse((ROOT / "store" / "validate.py").read_text("utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            imported.add(("." * node.level) + (node.module or ""))
        elif isinstance(node, ast.Import):
            imported |= {a.name for a in node.names}
    assert not imported & {".git", "subprocess", "os", "pathlib", ".folder", ".toml_io.SafeReader"}
    calls = {
        node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    }
    assert not calls & {"read_text", "read_bytes", "open", "exists", "iterdir", "glob"}
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    assert "open" not in names
    # the only way to git is the separate module, imported where `with_git` asks for it
    assert ".validate_git" in imported
