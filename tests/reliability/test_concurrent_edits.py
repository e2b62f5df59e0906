"""SPEC §8: a file changed on disk since it was loaded is never overwritten without asking.

Two sessions (two terminals: two `load_folder` results) edit the same period: the second save
is refused with a Dutch message and the first one's work stays. Different periods: both saves
go through. Several processes racing to replace one file with the same expected digest: exactly
one wins.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import traceback
from decimal import Decimal
from pathlib import Path

import pytest
from reliability_support import TODAY, make_period

from store.folder import load_folder, new_period_id, period_rel
from store.save import delete_period, save_period
from store.toml_io import TEMP_SUFFIX, ChangedOnDisk, digest

A, B = "2016-06-01-aaaaa", "2016-07-01-bbbbb"


@pytest.fixture
def two_periods(data_root: Path) -> Path:
    for n, pid in enumerate((A, B)):
        save_period(data_root, make_period(pid, n), None)
    return data_root


def _with_grade(period, grade: str):
    form = dataclasses.replace(period.forms["werknemer"], grade=Decimal(grade))
    return dataclasses.replace(period, forms={**period.forms, "werknemer": form})


def _assert_clear_dutch_refusal(exc: ChangedOnDisk, rel: str) -> None:
    message = str(exc)
    assert rel in message
    assert "op schijf gewijzigd" in message and "niet overschreven" in message
    assert exc.rel == rel


def test_second_session_saving_the_same_period_is_refused(two_periods: Path) -> None:
    root = two_periods
    first = load_folder(root, TODAY, with_git=False)
    second = load_folder(root, TODAY, with_git=False)
    rel = period_rel(A)

    save_period(root, _with_grade(first.periods[A], "9.0"), first.digests[rel])
    after_first = (root / rel).read_bytes()
    with pytest.raises(ChangedOnDisk) as refused:
        save_period(root, _with_grade(second.periods[A], "4.0"), second.digests[rel])
    _assert_clear_dutch_refusal(refused.value, rel)
    assert (root / rel).read_bytes() == after_first  # never silently applied

    reloaded = load_folder(root, TODAY, with_git=False)
    assert reloaded.periods[A].grade("werknemer") == Decimal("9.0")
    assert not reloaded.problems


def test_two_sessions_editing_different_periods_both_succeed(two_periods: Path) -> None:
    root = two_periods
    first = load_folder(root, TODAY, with_git=False)
    second = load_folder(root, TODAY, with_git=False)
    save_period(root, _with_grade(first.periods[A], "9.0"), first.digests[period_rel(A)])
    save_period(root, _with_grade(second.periods[B], "4.0"), second.digests[period_rel(B)])
    reloaded = load_folder(root, TODAY, with_git=False)
    assert reloaded.periods[A].grade("werknemer") == Decimal("9.0")
    assert reloaded.periods[B].grade("werknemer") == Decimal("4.0")


def test_a_session_keeps_saving_its_own_edits(two_periods: Path) -> None:
    """The digest of what a session wrote is the expectation of its next save."""
    root = two_periods
    session = load_folder(root, TODAY, with_git=False)
    expected = session.digests[period_rel(A)]
    for grade in ("6.0", "7.0", "8.0"):
        expected = save_period(root, _with_grade(session.periods[A], grade), expected).digest
    assert expected == digest((root / period_rel(A)).read_bytes())


@pytest.mark.parametrize(
    "change",
    ["edit", "delete", "comment"],
    ids=["editor-changed-it", "git-removed-it", "a-comment-was-added"],
)
def test_change_by_another_program_is_not_overwritten(two_periods: Path, change: str) -> None:
    """An editor or a `git pull` changed the file after it was loaded."""
    root = two_periods
    session = load_folder(root, TODAY, with_git=False)
    path = root / period_rel(A)
    if change == "edit":
        path.write_text(path.read_text().replace("cijfer = 7.5", "cijfer = 8.0"))
    elif change == "delete":
        path.unlink()
    else:
        path.write_text("# nagekeken door IJ\n" + path.read_text())
    on_disk = path.read_bytes() if path.exists() else None
    with pytest.raises(ChangedOnDisk) as refused:
        save_period(root, _with_grade(session.periods[A], "4.0"), session.digests[period_rel(A)])
    _assert_clear_dutch_refusal(refused.value, period_rel(A))
    assert (path.read_bytes() if path.exists() else None) == on_disk


def test_new_period_never_replaces_an_existing_file(two_periods: Path) -> None:
    """A new period is saved with expected=None: a file with that id that appeared is kept."""
    root = two_periods
    before = (root / period_rel(A)).read_bytes()
    with pytest.raises(ChangedOnDisk):
        save_period(root, make_period(A, 5), None)
    assert (root / period_rel(A)).read_bytes() == before


def test_deleting_a_period_changed_meanwhile_is_refused(two_periods: Path) -> None:
    root = two_periods
    first = load_folder(root, TODAY, with_git=False)
    second = load_folder(root, TODAY, with_git=False)
    save_period(root, _with_grade(first.periods[A], "9.0"), first.digests[period_rel(A)])
    with pytest.raises(ChangedOnDisk) as refused:
        delete_period(root, A, second.digests[period_rel(A)])
    _assert_clear_dutch_refusal(refused.value, period_rel(A))
    assert (root / period_rel(A)).exists()
    # with the current version, the delete goes through
    delete_period(root, B, second.digests[period_rel(B)])
    assert not (root / period_rel(B)).exists()


# --- processes racing -------------------------------------------------------------------------

RACERS = 6
ROUNDS = 15


def _race(root: str, expected: str, n: int, round_no: int, barrier, results) -> None:
    try:
        period = make_period(A, 0, remark=f"ronde {round_no}, proces {n}")
        barrier.wait(timeout=30)
        save_period(Path(root), period, expected)
        results.put((n, "saved"))
    except ChangedOnDisk:
        results.put((n, "refused"))
    except BaseException:
        results.put((n, traceback.format_exc()))


def test_processes_racing_to_save_the_same_file_exactly_one_wins(two_periods: Path) -> None:
    root = two_periods
    ctx = multiprocessing.get_context("fork")
    for round_no in range(ROUNDS):
        expected = digest((root / period_rel(A)).read_bytes())
        barrier = ctx.Barrier(RACERS)
        results = ctx.Queue()
        racers = [
            ctx.Process(target=_race, args=(str(root), expected, n, round_no, barrier, results))
            for n in range(RACERS)
        ]
        for racer in racers:
            racer.start()
        outcome = dict(results.get(timeout=60) for _ in racers)
        for racer in racers:
            racer.join(timeout=30)
        winners = [n for n, result in outcome.items() if result == "saved"]
        assert set(outcome.values()) <= {"saved", "refused"}, outcome
        assert len(winners) == 1, f"round {round_no}: {outcome}"
        period = load_folder(root, TODAY, with_git=False).periods[A]
        assert period.remark == f"ronde {round_no}, proces {winners[0]}"  # the winner's version


def test_new_ids_from_two_sessions_do_not_collide(data_root: Path) -> None:
    """Two sessions adding periods with the same begin date at once get different files."""
    first = load_folder(data_root, TODAY, with_git=False)
    second = load_folder(data_root, TODAY, with_git=False)
    made = set()
    for session in (first, second) * 50:
        # each session knows only what it loaded: no shared counter, no look at the other's ids
        pid = new_period_id(make_period("x").begin, lambda c, s=session: c in s.periods)
        assert pid not in made
        made.add(pid)
        save_period(data_root, dataclasses.replace(make_period(pid, len(made)), id=pid), None)
    assert len(made) == 100
    folder = load_folder(data_root, TODAY, with_git=False)
    assert set(folder.periods) == made
    assert not folder.errors


def test_save_refusal_leaves_no_temporary_file(two_periods: Path) -> None:
    root = two_periods
    with pytest.raises(ChangedOnDisk):
        save_period(root, make_period(A, 0), "0" * 32)
    assert not list((root / "perioden").glob(f"*{TEMP_SUFFIX}"))
