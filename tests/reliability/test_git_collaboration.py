"""SPEC §2 (ids that do not collide) and §8: two clones of one data folder, merged with git.

Two people each add 50 periods through the program and edit different periods, then merge:
no conflict, no id collision, `ktv check` clean. When both edit the same period git leaves
conflict markers: `ktv check` names the file and the lines, exits 1, and the rest still loads.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from reliability_support import TODAY, git, make_folder, make_period, run_ktv

from store.folder import load_folder, new_period_id, period_rel
from store.git import commit_all
from store.save import save_period

SHARED = 10
ADDED_PER_CLONE = 50


def _edit(root: Path, pid: str, **changes) -> None:
    folder = load_folder(root, TODAY)
    period = dataclasses.replace(folder.periods[pid], **changes)
    save_period(root, period, folder.digests[period_rel(pid)])


def _add_periods(root: Path, count: int, tag: str) -> set[str]:
    """What the app does for a new period: a fresh id from the begin date, saved as a new file."""
    folder = load_folder(root, TODAY)
    made = set()
    for n in range(count):
        begin = date(2016, 9, 1) + timedelta(days=n % 5)  # the same few begin dates in both clones
        pid = new_period_id(begin, lambda c: c in folder.periods or c in made)
        period = dataclasses.replace(
            make_period(pid, n), employee=f"WN-{tag}{n:02d}", begin=begin, end=begin + timedelta(days=200)
        )
        save_period(root, period, None)
        made.add(pid)
    return made


@pytest.fixture
def origin(tmp_path: Path) -> tuple[Path, list[str]]:
    root = make_folder(tmp_path / "origin", git=True)
    shared = [f"2016-06-{n + 1:02d}-gedee" for n in range(SHARED)]
    for n, pid in enumerate(shared):
        save_period(root, make_period(pid, n), None)
    commit_all(root, "Gedeelde perioden")
    return root, shared


def _clone(origin: Path, name: str) -> Path:
    target = origin.parent / name
    git(origin.parent, "clone", "-q", str(origin), str(target))
    return target


def test_two_clones_add_and_edit_then_merge_cleanly(origin: tuple[Path, list[str]]) -> None:
    root, shared = origin
    alice, bob = _clone(root, "alice"), _clone(root, "bob")

    added_alice = _add_periods(alice, ADDED_PER_CLONE, "A")
    added_bob = _add_periods(bob, ADDED_PER_CLONE, "B")
    for pid in shared[:5]:
        _edit(alice, pid, remark="Nagekeken door Alice.")
    for pid in shared[5:]:
        _edit(bob, pid, jobcoach="MK")
    commit_all(alice, "Perioden van Alice")
    commit_all(bob, "Perioden van Bob")

    git(bob, "push", "-q", "origin", "HEAD:refs/heads/bob")
    merge = git(alice, "pull", "-q", "--no-rebase", "--no-edit", "origin", "bob", check=False)
    assert merge.returncode == 0, merge.stdout + merge.stderr
    assert not git(alice, "diff", "--name-only", "--diff-filter=U").stdout

    assert not added_alice & added_bob, "id collision"
    files = {p.stem for p in (alice / "perioden").glob("*.toml")}
    assert files == set(shared) | added_alice | added_bob
    assert len(files) == SHARED + 2 * ADDED_PER_CLONE

    folder = load_folder(alice, TODAY)
    assert not folder.problems, folder.problems
    assert all(folder.periods[pid].remark == "Nagekeken door Alice." for pid in shared[:5])
    assert all(folder.periods[pid].jobcoach == "MK" for pid in shared[5:])
    check = run_ktv("--data", alice, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.strip() == f"Geen problemen gevonden in {len(folder.digests)} bestanden."


def test_same_period_edited_in_both_clones_leaves_markers_that_check_reports(
    origin: tuple[Path, list[str]],
) -> None:
    root, shared = origin
    alice, bob = _clone(root, "alice"), _clone(root, "bob")
    victim = shared[3]
    folder = load_folder(alice, TODAY)
    form = folder.periods[victim].forms["werknemer"]
    _edit(
        alice,
        victim,
        forms={**folder.periods[victim].forms, "werknemer": dataclasses.replace(form, grade=Decimal("9.0"))},
    )
    _edit(
        bob,
        victim,
        forms={**folder.periods[victim].forms, "werknemer": dataclasses.replace(form, grade=Decimal("4.0"))},
    )
    _add_periods(bob, 3, "B")
    commit_all(alice, "Cijfer 9")
    commit_all(bob, "Cijfer 4")
    git(bob, "push", "-q", "origin", "HEAD:refs/heads/bob")
    merge = git(alice, "pull", "-q", "--no-rebase", "--no-edit", "origin", "bob", check=False)
    assert merge.returncode != 0
    rel = period_rel(victim)
    text = (alice / rel).read_text()
    marker_lines = [n for n, line in enumerate(text.splitlines(), 1) if re.match(r"(<{7}|={7}|>{7})", line)]
    assert len(marker_lines) == 3

    check = run_ktv("--data", alice, "check")
    assert check.returncode == 1, check.stdout + check.stderr
    assert "Traceback" not in check.stdout + check.stderr
    for line in marker_lines:
        assert f"{rel}:{line}: fout: git-conflictmarkering" in check.stdout, check.stdout
    errors = [line for line in check.stdout.splitlines() if ": fout: " in line]
    assert all(line.startswith(rel + ":") for line in errors), errors

    folder = load_folder(alice, TODAY)
    assert set(folder.periods) == {p.stem for p in (alice / "perioden").glob("*.toml")} - {victim}
    assert folder.organisation is not None and len(folder.questionnaires) == 2
