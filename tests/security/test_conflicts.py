"""Issue 19 item 5: a conflict left inside a multi-line text, or an unmerged index, is a check
error (`conflictmarkering`), so no document is made from the folder."""

from __future__ import annotations

import json
import subprocess

import pytest

from store.conflict_text import marker_block_lines

from .helpers import TODAY, git

MARKED = (
    'schema = 1\nanalyse = """\nregel een\n<<<<<<< HEAD\nmijn versie\n=======\nhun versie\n'
    '>>>>>>> origin/main\n"""\nconclusies = "Doorgaan."\n'
)


def _codes(ktv, seed, rel: str) -> list[str]:
    result = ktv("--data", str(seed), "check", "--json", "--today", TODAY)
    return [p["code"] for p in json.loads(result.stdout)["problemen"] if p["bestand"] == rel]


def test_markers_inside_a_multi_line_text_are_an_error(seed, ktv):
    (seed / "meetjaren" / "2017.toml").write_text(MARKED, encoding="utf-8")
    assert "conflictmarkering" in _codes(ktv, seed, "meetjaren/2017.toml")
    result = ktv("--data", str(seed), "check", "--today", TODAY, rc=1)
    assert "meetjaren/2017.toml:4: fout: git-conflictmarkering" in result.stdout
    for args in (
        ["report", "--concept", "--jaar", "2017"],
        ["report", "--jaar", "2017"],
        ["stats", "--jaar", "2017"],
    ):
        refused = ktv("--data", str(seed), *args, "--today", TODAY, rc=2)
        assert "conflictmarkering" in refused.stderr or "meetjaren/2017.toml" in refused.stderr
    assert not list((seed / "rapporten").glob("*.pdf"))


def test_markers_in_a_period_s_remark_are_an_error(seed, ktv):
    rel = "perioden/2016-02-12-aaaaa.toml"
    path = seed / rel
    text = path.read_text(encoding="utf-8").replace(
        'jobcoach = "IJ"\n',
        'jobcoach = "IJ"\nopmerking = """\n<<<<<<< ons\na\n|||||||\nb\n=======\nc\n>>>>>>> hun\n"""\n',
    )
    path.write_text(text, encoding="utf-8")
    assert "conflictmarkering" in _codes(ktv, seed, rel)


def test_a_lone_separator_line_is_text():
    assert marker_block_lines('analyse = """\nDeel 1\n=======\nDeel 2\n"""\n') == []
    assert marker_block_lines(MARKED) == [4, 6, 8]


def test_an_unmerged_index_is_an_error(seed, ktv):
    year = seed / "meetjaren" / "2017.toml"
    git(seed, "checkout", "-q", "-b", "ander")
    year.write_text('schema = 1\nanalyse = "hun tekst"\nconclusies = "Doorgaan."\n', encoding="utf-8")
    git(seed, "commit", "-q", "-am", "hun")
    git(seed, "checkout", "-q", "-")
    year.write_text('schema = 1\nanalyse = "mijn tekst"\nconclusies = "Doorgaan."\n', encoding="utf-8")
    git(seed, "commit", "-q", "-am", "ons")
    merge = subprocess.run(
        ["git", "-c", "merge.ktv.driver=false", "merge", "-q", "ander"],
        cwd=seed,
        capture_output=True,
        text=True,
    )
    assert merge.returncode != 0 and "UU" in git(seed, "status", "--short")
    assert "<<<<<<<" not in year.read_text(encoding="utf-8")  # the file itself looks clean
    assert "conflictmarkering" in _codes(ktv, seed, "meetjaren/2017.toml")
    ktv("--data", str(seed), "report", "--concept", "--jaar", "2017", "--today", TODAY, rc=2)
    assert not list((seed / "rapporten").glob("*.pdf"))


@pytest.mark.parametrize("rel", ["ktv.toml", "vragenlijsten/werknemer.toml"])
def test_markers_in_other_files_are_an_error(seed, ktv, rel):
    path = seed / rel
    text = path.read_text(encoding="utf-8")
    if rel == "ktv.toml":
        text += '\n[uwv]\nadres = """\n<<<<<<< HEAD\nPostbus 1\n=======\nPostbus 2\n>>>>>>> x\n"""\n'
    else:
        text = text.replace('tekst = "', 'tekst = """\n<<<<<<< HEAD\na\n=======\nb\n>>>>>>> x\n"""\nx = "', 1)
    path.write_text(text, encoding="utf-8")
    assert "conflictmarkering" in _codes(ktv, seed, rel)
