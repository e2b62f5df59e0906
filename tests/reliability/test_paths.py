"""SPEC §8: nothing user-typed is used as a path that leads outside the data folder.

Hostile period ids and relative paths for `safe_path`, `save_period` and `delete_period`
(`..`, absolute paths, backslashes, symlinks, NUL, newlines, unicode look-alikes); `-o` of
`ktv report` writes only where the user asked and never over a data file; a git commit
message is never run by a shell.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_support import TODAY, make_folder, make_period, run_ktv, snapshot

from store.folder import load_folder, period_rel
from store.git import commit_all, run_git
from store.parse import PERIOD_ID
from store.save import UnsafePath, delete_period, safe_path, save_period
from store.toml_io import digest

HOSTILE_IDS = [
    "..",
    ".",
    "",
    "../evil",
    "../../etc/passwd",
    "/etc/passwd",
    "/tmp/evil",
    "a/../../evil",
    "a/b",
    "a\\..\\evil",
    "..\\evil",
    "-rf",
    "A",
    "x" * 65,
    "abc\n",
    "abc\x00def",
    "abc def",
    "ａｂｃ",  # full-width letters
    "١٢٣",  # Arabic-Indic digits
    "abc.toml",
    "~",
    "~root",
    "$(touch pwned)",
    "`id`",
    "x;rm -rf",
    "%2e%2e",
    "abc/",
]

HOSTILE_RELS = [
    "../x.toml",
    "perioden/../../x.toml",
    "/etc/passwd",
    "//etc/passwd",
    "perioden//x.toml",
    "perioden/./x.toml",
    "perioden\\..\\..\\x.toml",
    "",
    ".",
    "..",
    "perioden/..",
]


@pytest.mark.parametrize("rel", HOSTILE_RELS)
def test_safe_path_refuses_paths_that_leave_the_folder(data_root: Path, rel: str) -> None:
    with pytest.raises(UnsafePath):
        safe_path(data_root, rel)


@pytest.mark.parametrize("pid", HOSTILE_IDS, ids=[repr(p) for p in HOSTILE_IDS])
def test_hostile_period_ids_are_refused_by_save_and_delete(data_root: Path, pid: str) -> None:
    before = snapshot(data_root.parent)
    with pytest.raises(UnsafePath):
        save_period(data_root, dataclasses.replace(make_period("x"), id=pid), None)
    with pytest.raises(UnsafePath):
        delete_period(data_root, pid, "0" * 32)
    assert snapshot(data_root.parent) == before


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(pid=st.one_of(st.text(max_size=70), st.from_regex(r"[a-z0-9./\\-]{1,12}", fullmatch=True)))
def test_any_id_either_refused_or_written_exactly_in_perioden(pid: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        root = make_folder(base / "data")
        before = snapshot(base)
        try:
            saved = save_period(root, dataclasses.replace(make_period("x"), id=pid), None)
        except UnsafePath:
            assert not PERIOD_ID.fullmatch(pid)
            assert snapshot(base) == before
            return
        assert PERIOD_ID.fullmatch(pid)
        assert saved.path == root / "perioden" / f"{pid}.toml"
        assert saved.path.resolve().parent == (root / "perioden").resolve()
        after = snapshot(base)
        assert set(after) - set(before) == {f"data/perioden/{pid}.toml"}
        delete_period(root, pid, saved.digest)
        assert snapshot(base) == before


def test_symlinked_period_folder_pointing_outside_is_never_written(data_root: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    for child in (data_root / "perioden").glob("*"):
        child.unlink()
    (data_root / "perioden").rmdir()
    (data_root / "perioden").symlink_to(elsewhere)
    with pytest.raises(UnsafePath):
        save_period(data_root, make_period("2016-06-01-buite"), None)
    assert list(elsewhere.iterdir()) == []


def test_symlinked_period_file_pointing_outside_is_neither_written_nor_deleted(
    data_root: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "geheim.txt"
    outside.write_text("niet van ktv\n")
    link = data_root / period_rel("2016-06-01-buite")
    link.symlink_to(outside)
    with pytest.raises(UnsafePath):
        save_period(data_root, make_period("2016-06-01-buite"), digest(outside.read_bytes()))
    with pytest.raises(UnsafePath):
        delete_period(data_root, "2016-06-01-buite", digest(outside.read_bytes()))
    assert outside.read_text() == "niet van ktv\n"
    assert link.is_symlink()


def test_symlink_loop_is_refused_not_crashed(data_root: Path) -> None:
    link = data_root / period_rel("2016-06-01-kring")
    link.symlink_to(link.name)
    with pytest.raises(UnsafePath):
        save_period(data_root, make_period("2016-06-01-kring"), None)
    with pytest.raises(UnsafePath):
        delete_period(data_root, "2016-06-01-kring", "0" * 32)
    folder = load_folder(data_root, TODAY, with_git=False)  # and loading lists it
    assert any("kring" in p.message for p in folder.problems_of(period_rel("2016-06-01-kring")))


def test_a_link_inside_the_folder_is_saved_as_a_plain_file(data_root: Path) -> None:
    """Replacing a link (inside the folder) never writes through it to another file."""
    target = make_period("2016-06-01-doelx", 1)
    save_period(data_root, target, None)
    link = data_root / period_rel("2016-06-02-linkx")
    link.symlink_to("2016-06-01-doelx.toml")
    before = (data_root / period_rel(target.id)).read_bytes()
    save_period(data_root, make_period("2016-06-02-linkx", 2), digest(before))
    assert not link.is_symlink()
    assert (data_root / period_rel(target.id)).read_bytes() == before


def test_commit_message_is_never_run_by_a_shell(tmp_path: Path) -> None:
    root = make_folder(tmp_path / "data", git=True)
    message = f"$(touch {tmp_path}/pwned1) `touch {tmp_path}/pwned2`; touch {tmp_path}/pwned3 | x"
    commit_all(root, message)
    assert run_git(root, "log", "-1", "--format=%B").strip() == message
    assert not list(tmp_path.glob("pwned*"))


# --- ktv report -o ------------------------------------------------------------------------------

needs_report = pytest.mark.skipif(
    importlib.util.find_spec("report.pdf") is None, reason="ktv report (report/pdf.py) is not there yet"
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    from ktv_tui.demo import make_demo

    root = tmp_path_factory.mktemp("rapport") / "demo"
    make_demo(root, TODAY)
    return root


@needs_report
@pytest.mark.parametrize(
    "target",
    [
        "perioden/{first}",
        "perioden/nieuw.toml",
        "ktv.toml",
        "vragenlijsten/werknemer.toml",
        "meetjaren/2017.toml",
        "LEESMIJ.md",
        "perioden",
        "{outside}/aantekeningen.txt",
        "{outside}/aantekeningen.pdf",
        "{outside}/link.pdf",
    ],
)
def test_report_output_never_replaces_a_data_or_other_file(demo: Path, tmp_path: Path, target: str) -> None:
    outside = tmp_path / "buiten"
    outside.mkdir()
    (outside / "aantekeningen.txt").write_text("mijn aantekeningen\n")
    (outside / "aantekeningen.pdf").write_text("geen pdf, maar wel zo genoemd\n")
    (outside / "link.pdf").symlink_to(demo / "ktv.toml")
    first = sorted(p.name for p in (demo / "perioden").glob("*.toml"))[0]
    path = target.format(first=first, outside=outside)
    before, before_outside = snapshot(demo), snapshot(outside)
    result = run_ktv("report", "--concept", "--jaar", "2017", "-o", path, cwd=demo)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("ktv: ")
    assert snapshot(demo) == before
    assert snapshot(outside) == before_outside
    assert (outside / "link.pdf").is_symlink()


@needs_report
def test_report_output_goes_exactly_where_asked(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "uit" / "rapport 2017; $(rm -rf x).pdf"
    out.parent.mkdir()
    before = snapshot(demo)
    result = run_ktv("--data", demo, "report", "--concept", "--jaar", "2017", "-o", out, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert out.read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]
    assert snapshot(demo) == before
    assert not os.path.exists(tmp_path / "x")
