"""SPEC §7/§9 in the app: the git screen shows ahead/behind, `s` syncs, and a conflict screen
shows each conflicting field with both values and lets the user pick, then merges and pushes."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from store.create import create_data_folder
from store.folder import load_folder, period_rel
from store.model import Assessment, Period
from store.save import save_period
from store.team import clone
from tests.gitutil import git_out as git

from .conftest import TODAY, loaded, make_app

PID = "2016-06-01-gedee"


def set_grade(root: Path, grade: str) -> None:
    folder = load_folder(root, TODAY)
    old = folder.periods[PID]
    form = dataclasses.replace(old.forms["werknemer"], grade=Decimal(grade))
    save_period(root, dataclasses.replace(old, forms={"werknemer": form}), folder.digests[period_rel(PID)])


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path, Path]:
    first = tmp_path / "eerste"
    create_data_folder(first, "Team", date(2013, 5, 12))
    period = Period(
        PID,
        "WN-1",
        "WG-1",
        date(2016, 6, 1),
        end=date(2016, 12, 1),
        forms={"werknemer": Assessment(grade=Decimal("7.0"))},
    )
    save_period(first, period, None)
    git(first, "add", "-A")
    git(first, "commit", "-qm", "Start")
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    git(first, "push", "-q", str(remote), "HEAD:refs/heads/main")
    alice, bob = tmp_path / "alice", tmp_path / "bob"
    clone(str(remote), alice)
    clone(str(remote), bob)
    return remote, alice, bob


async def wait_for(pilot, condition, rounds: int = 400) -> None:
    for _ in range(rounds):
        await pilot.pause(0.05)
        if condition():
            return
    raise AssertionError(
        f"timed out: {pilot.app.screen.query('#git-title').first().render() if pilot.app.screen.query('#git-title') else pilot.app.screen}"
    )


async def test_sync_conflict_is_chosen_per_field_then_merged_and_pushed(pair) -> None:
    from ktv_tui.app.screens.team_sync import SyncConflictScreen

    remote, alice, bob = pair
    set_grade(alice, "6.0")
    git(alice, "commit", "-qam", "Alice")
    git(alice, "push", "-q")
    set_grade(bob, "9.5")
    app = make_app(bob)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("g")
        # the screen fetches on opening: Alice's push shows as one commit to bring in
        await wait_for(pilot, lambda: "1 binnen te halen" in str(app.screen.query_one("#git-title").render()))
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, SyncConflictScreen))
        conflict = app.screen.conflicts[0]
        assert conflict.file == f"perioden/{PID}.toml"
        assert conflict.conflict.field_name == "beoordeling.werknemer.cijfer"
        await pilot.press("enter")  # nothing picked yet: stays
        assert isinstance(app.screen, SyncConflictScreen)
        await pilot.press("h", "enter")
        await wait_for(pilot, lambda: not app.screen.query("#sync-conflicts") and not app.screen.syncing)
        await app.workers.wait_for_complete()
    assert load_folder(bob, TODAY).periods[PID].forms["werknemer"].grade == Decimal("6.0")
    assert git(bob, "rev-parse", "HEAD") == git(remote, "rev-parse", "main")
    assert not git(bob, "status", "--porcelain")


async def test_escape_on_the_conflict_screen_leaves_the_folder_as_it_was(pair) -> None:
    from ktv_tui.app.screens.team_sync import SyncConflictScreen

    remote, alice, bob = pair
    set_grade(alice, "6.0")
    git(alice, "commit", "-qam", "Alice")
    git(alice, "push", "-q")
    set_grade(bob, "9.5")
    app = make_app(bob)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("g", "s")
        await wait_for(pilot, lambda: isinstance(app.screen, SyncConflictScreen))
        head = git(bob, "rev-parse", "HEAD")
        await pilot.press("escape")
        await pilot.pause()
    assert git(bob, "rev-parse", "HEAD") == head
    assert not git(bob, "status", "--porcelain")
    assert load_folder(bob, TODAY).periods[PID].forms["werknemer"].grade == Decimal("9.5")


def write_analysis(root: Path, text: str) -> None:
    (root / "meetjaren").mkdir(exist_ok=True)
    (root / "meetjaren" / "2017.toml").write_text(f'schema = 1\nanalyse = """\n{text}\n"""\n')


async def test_a_text_conflict_shows_the_differing_lines_and_b_keeps_both(pair) -> None:
    from ktv_tui.app.screens.team_sync import SyncConflictScreen

    remote, alice, bob = pair
    write_analysis(alice, "Inleiding.\nBasis.")
    git(alice, "add", "-A")
    git(alice, "commit", "-qm", "Analyse")
    git(alice, "push", "-q")
    git(bob, "pull", "-q")
    write_analysis(alice, "Inleiding.\nVan Alice.")
    git(alice, "commit", "-qam", "Alice")
    git(alice, "push", "-q")
    write_analysis(bob, "Inleiding.\nVan Bob.")
    app = make_app(bob)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("g", "s")
        await wait_for(pilot, lambda: isinstance(app.screen, SyncConflictScreen))
        (conflict,) = app.screen.conflicts
        assert conflict.conflict.allows_both
        shown = str(app.screen.query_one("#sync-conflicts").get_option_at_index(0).prompt)
        assert "Van Bob." in shown and "Van Alice." in shown and "Inleiding." not in shown
        await pilot.press("b", "enter")
        await wait_for(pilot, lambda: not app.screen.query("#sync-conflicts") and not app.screen.syncing)
        await app.workers.wait_for_complete()
    text = (bob / "meetjaren" / "2017.toml").read_text()
    assert text.index("Van Bob.") < text.index("Van Alice.")
    assert "Van Bob.\n\nInleiding." in text
    assert git(bob, "rev-parse", "HEAD") == git(remote, "rev-parse", "main")


async def test_the_apps_commit_shares_only_data_files(pair) -> None:
    remote, alice, bob = pair
    (bob / "namenlijst.txt").write_text("Jan Jansen\n")
    set_grade(bob, "8.5")
    app = make_app(bob)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("g")
        await wait_for(pilot, lambda: app.screen.query("#git-files"))
        labels = [str(o.prompt) for o in app.screen.query_one("#git-files").options]
        assert any("lokaal" in label and "namenlijst.txt" in label for label in labels)
        await pilot.press("c")
        for key in "Cijfer":
            await pilot.press(key)
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Cijfer" in git(bob, "log", "-1", "--format=%s"))
        await app.workers.wait_for_complete()
    files = git(bob, "show", "--name-only", "--format=", "HEAD")
    assert f"perioden/{PID}.toml" in files and "namenlijst.txt" not in files
    assert (bob / "namenlijst.txt").exists()
