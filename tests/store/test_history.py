"""store.history for the app's editor (ctrl+g): the same facts as `ktv historie`, as objects."""

from __future__ import annotations

import subprocess
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from store.git import GitError
from store.history import NoHistory, period_history


def test_entries_for_the_app(tmp_path: Path) -> None:
    root = tmp_path
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    (root / "perioden").mkdir()
    path = root / "perioden" / "p.toml"
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(root),
        "GIT_AUTHOR_NAME": "Anna",
        "GIT_AUTHOR_EMAIL": "a@x.nl",
        "GIT_COMMITTER_NAME": "Anna",
        "GIT_COMMITTER_EMAIL": "a@x.nl",
    }
    for text, message in (
        ('schema = 1\nwerknemer = "WN-1"\nwerkgever = "WG-1"\nbegin = 2016-06-01\n', "Nieuw"),
        (
            'schema = 1\nwerknemer = "WN-1"\nwerkgever = "WG-1"\nbegin = 2016-06-02\n\n[beoordeling.werknemer]\ncijfer = 7.5\n',
            "Cijfer",
        ),
    ):
        path.write_text(text)
        subprocess.run(["git", "add", "-A"], cwd=root, check=True)
        subprocess.run(["git", "commit", "-qm", message], cwd=root, check=True, env=env)
    path.write_text("kapot = \n")
    entries = period_history(root, "p")
    assert [e.message for e in entries] == ["Cijfer", "Nieuw"]  # uncommitted only on request
    newest = entries[0]
    assert isinstance(newest.date, datetime) and newest.author == "Anna"
    field, old, new = newest.changes[0]  # a plain (field, old, new) tuple for the screen
    assert (field, old, new) == ("begin", date(2016, 6, 1), date(2016, 6, 2))
    assert ("beoordeling.werknemer.cijfer", None, Decimal("7.5")) in newest.changes
    with_folder = period_history(root, "p", uncommitted=True)
    assert with_folder[0].commit is None and "geen geldige TOML" in with_folder[0].note
    assert period_history(root, "onbekend") == []


def test_not_a_repository_is_a_git_error(tmp_path: Path) -> None:
    with pytest.raises(GitError):
        period_history(tmp_path, "p")
    assert issubclass(NoHistory, GitError)
