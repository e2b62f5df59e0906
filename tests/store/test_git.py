"""The data folder's git state and the `ingediend_commit` warning (SPEC §2)."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from store.create import create_data_folder
from store.folder import load_folder
from store.git import changed_since, commit_all, diff_file, git_state, run_git
from store.problems import format_problem

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

TODAY = date(2017, 6, 1)
PERIOD = (
    'schema = 1\nwerknemer = "WN-1{wn}"\nwerkgever = "WG-1"\nbegin = 2016-06-01\neinde = {end}\n'
    '[ontbreekt]\nwerknemer = "Niet teruggestuurd."\nwerkgever = "Niet teruggestuurd."\n'
)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Test")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "test@example.org")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "Test")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "test@example.org")
    root = tmp_path / "gegevens"
    create_data_folder(root, "Jobcoach Test B.V.", date(2013, 5, 12))
    return root


def test_init_makes_a_repository(repo):
    state = git_state(repo)
    assert state.is_repo and state.head is None
    assert "ktv.toml" in state.changed and state.dirty


def test_commit_all_and_state(repo):
    head = commit_all(repo, "Gegevensmap aangemaakt")
    state = git_state(repo)
    assert state.head == head and not state.dirty
    (repo / "perioden" / "a.toml").write_text(PERIOD.format(wn="a", end="2017-01-01"))
    state = git_state(repo)
    assert state.changed == ("perioden/a.toml",)
    assert diff_file(repo, "perioden/a.toml").startswith("+schema = 1")


def test_no_repository(tmp_path):
    assert not git_state(tmp_path).is_repo


def submit(repo, commit: str) -> None:
    (repo / "meetjaren" / "2017.toml").write_text(
        f'schema = 1\ningediend_op = 2017-05-20\ningediend_commit = "{commit}"\n'
    )


def warnings_of(repo) -> list[str]:
    return [format_problem(p) for p in load_folder(repo, TODAY).problems]


def test_a_period_changed_since_the_submitted_commit_is_warned(repo):
    (repo / "perioden" / "a.toml").write_text(PERIOD.format(wn="a", end="2017-01-01"))
    (repo / "perioden" / "later.toml").write_text(PERIOD.format(wn="later", end="2017-05-30"))
    head = commit_all(repo, "perioden")
    submit(repo, head)
    assert warnings_of(repo) == []
    (repo / "perioden" / "a.toml").write_text(PERIOD.format(wn="a", end="2017-01-02"))
    (repo / "perioden" / "later.toml").write_text(
        PERIOD.format(wn="later", end="2017-05-31")
    )  # meetjaar 2018
    shown = warnings_of(repo)
    assert len(shown) == 1
    assert shown[0].startswith(
        "perioden/a.toml: waarschuwing: gewijzigd sinds de indiening van meetjaar 2017"
    )
    assert changed_since(repo, head) == {"perioden/a.toml": "M", "perioden/later.toml": "M"}


def test_added_and_deleted_periods_since_the_submission(repo):
    (repo / "perioden" / "a.toml").write_text(PERIOD.format(wn="a", end="2017-01-01"))
    head = commit_all(repo, "perioden")
    submit(repo, head)
    (repo / "perioden" / "a.toml").unlink()
    (repo / "perioden" / "b.toml").write_text(PERIOD.format(wn="b", end="2017-02-01"))
    shown = warnings_of(repo)
    assert any(
        s.startswith("meetjaren/2017.toml: waarschuwing: perioden/a.toml is verwijderd") for s in shown
    )
    assert any(
        s.startswith("perioden/b.toml: waarschuwing: toegevoegd sinds de indiening van meetjaar 2017")
        for s in shown
    )


def test_an_unknown_submitted_commit_is_warned(repo):
    (repo / "perioden" / "a.toml").write_text(PERIOD.format(wn="a", end="2017-01-01"))
    commit_all(repo, "perioden")
    submit(repo, "0123456789abcdef0123456789abcdef01234567")
    shown = warnings_of(repo)
    assert shown == [
        "meetjaren/2017.toml:3: waarschuwing: ingediend_commit 0123456789ab bestaat niet in deze git-map"
    ]


def test_commit_message_is_passed_verbatim(repo):
    message = "Periode $(rm -rf /) `echo x` ; 'quotes'"
    commit_all(repo, message)
    assert run_git(repo, "log", "-1", "--format=%B").strip() == message
