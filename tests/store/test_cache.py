"""The parse cache gives exactly what a fresh parse gives, and never hides a change."""

from __future__ import annotations

import os
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from store.cache import cache_file
from store.create import create_data_folder
from store.folder import load_folder
from store.model import Assessment, Period
from store.save import save_period

TODAY = date(2017, 6, 1)


def _age(root: Path) -> None:
    """Make every period file look a minute old, so the cache may keep it (racy rule)."""
    past = time.time() - 60
    for path in (root / "perioden").glob("*.toml"):
        os.utime(path, (past, past))


@pytest.fixture
def folder_root(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("KTV_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("KTV_NO_CACHE", raising=False)
    root = tmp_path / "data"
    create_data_folder(root, "Org", date(2013, 5, 12), git=False)
    for index in range(5):
        period = Period(
            id=f"2016-06-0{index + 1}-abcde",
            employee=f"WN-00{index}",
            employer="WG-001",
            begin=date(2016, 6, index + 1),
            jobcoach="IJ",
            end=date(2017, 3, index + 1),
            remark='tekst met "quotes"\nen een regel',
            forms={
                "werknemer": Assessment(date(2017, 4, 1), Decimal("7.5"), {"begeleiding": "ja"}),
                "werkgever": Assessment(None, None, {}),
            },
        )
        save_period(root, period, None)
    (root / "perioden" / "2016-07-01-fout1.toml").write_text(
        'schema = 1\nwerknemer = "WN-9"\nwerkgever = "WG-1"\nbegin = 2016-07-01\neinde = 2017-01-01\n'
        "[beoordeling.werknemer]\ncijfer = 11\n",
        encoding="utf-8",
    )
    _age(root)
    return root


def _snapshot(folder) -> tuple:
    return (folder.periods, folder.problems, folder.digests, folder.period_labels)


def test_cached_load_equals_fresh_load(folder_root: Path) -> None:
    first = load_folder(folder_root, TODAY, with_git=False)
    assert cache_file(folder_root).exists()
    second = load_folder(folder_root, TODAY, with_git=False)
    assert _snapshot(second) == _snapshot(first)
    assert any("cijfer 11" in p.message and p.line == 7 for p in second.problems)


def test_an_edit_in_place_is_seen(folder_root: Path) -> None:
    load_folder(folder_root, TODAY, with_git=False)
    path = folder_root / "perioden" / "2016-06-01-abcde.toml"
    stat = path.stat()
    with open(path, "r+", encoding="utf-8") as handle:  # same inode, as an editor may do
        text = handle.read().replace("cijfer = 7.5", "cijfer = 8.5")
        handle.seek(0)
        handle.write(text)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000))
    folder = load_folder(folder_root, TODAY, with_git=False)
    assert folder.periods["2016-06-01-abcde"].grade("werknemer") == Decimal("8.5")


def test_a_save_is_seen(folder_root: Path) -> None:
    first = load_folder(folder_root, TODAY, with_git=False)
    period = first.periods["2016-06-02-abcde"]
    changed = Period(**{**period.__dict__, "employee": "WN-777"})
    save_period(folder_root, changed, first.digests["perioden/2016-06-02-abcde.toml"])
    assert load_folder(folder_root, TODAY, with_git=False).periods["2016-06-02-abcde"].employee == "WN-777"


def test_recent_files_are_not_cached(folder_root: Path) -> None:
    """A file written in the last two seconds could change again within the same mtime tick."""
    import marshal

    save_period(
        folder_root,
        Period(id="2016-08-01-nieuw", employee="WN-1", employer="WG-1", begin=date(2016, 8, 1)),
        None,
    )
    load_folder(folder_root, TODAY, with_git=False)
    entries = marshal.loads(cache_file(folder_root).read_bytes())["entries"]
    assert "2016-08-01-nieuw.toml" not in entries
    assert "2016-06-01-abcde.toml" in entries


def test_a_broken_cache_file_only_costs_time(folder_root: Path) -> None:
    fresh = load_folder(folder_root, TODAY, with_git=False)
    cache_file(folder_root).write_bytes(b"\x00not marshal at all")
    assert _snapshot(load_folder(folder_root, TODAY, with_git=False)) == _snapshot(fresh)


def test_cache_can_be_switched_off(folder_root: Path, monkeypatch) -> None:
    monkeypatch.setenv("KTV_NO_CACHE", "1")
    load_folder(folder_root, TODAY, with_git=False)
    assert cache_file(folder_root) is None
    assert not (folder_root.parent / "cache").exists()


def test_reading_never_writes_into_the_data_folder(folder_root: Path) -> None:
    before = sorted(p.relative_to(folder_root) for p in folder_root.rglob("*"))
    load_folder(folder_root, TODAY, with_git=False)
    load_folder(folder_root, TODAY, with_git=False)
    assert sorted(p.relative_to(folder_root) for p in folder_root.rglob("*")) == before
