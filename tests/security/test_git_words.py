"""Issue 19 item 9 (git): mid-rebase `sync` says a rebase is in progress; git's English errors
come with a Dutch explanation of which case it is."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from store.git_words import explain

from .helpers import TODAY, git


def _remote(seed: Path, tmp_path: Path) -> Path:
    remote = tmp_path / "gedeeld.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    git(seed, "remote", "add", "origin", str(remote))
    git(seed, "push", "-q", "-u", "origin", "HEAD")
    return remote


def test_sync_mid_rebase_says_a_rebase_is_in_progress(seed, ktv, tmp_path):
    year = seed / "meetjaren" / "2017.toml"
    git(seed, "checkout", "-q", "-b", "ander")
    year.write_text('schema = 1\nanalyse = "hun"\nconclusies = "c"\n', encoding="utf-8")
    git(seed, "commit", "-q", "-am", "hun")
    git(seed, "checkout", "-q", "-")
    year.write_text('schema = 1\nanalyse = "mijn"\nconclusies = "c"\n', encoding="utf-8")
    git(seed, "commit", "-q", "-am", "mijn")
    rebase = subprocess.run(
        ["git", "-c", "merge.ktv.driver=false", "rebase", "ander"], cwd=seed, capture_output=True, text=True
    )
    assert rebase.returncode != 0
    result = ktv("--data", str(seed), "sync", "--today", TODAY, rc=2)
    assert "rebase" in result.stderr and "rebase --abort" in result.stderr
    assert "losse HEAD" not in result.stderr


def test_an_unreachable_remote_is_named_so(seed, ktv, tmp_path):
    git(seed, "remote", "add", "origin", str(tmp_path / "bestaat-niet.git"))
    result = ktv("--data", str(seed), "sync", "--today", TODAY)
    assert result.returncode == 1
    assert "niet bereikbaar" in result.stdout + result.stderr


def test_no_access_is_named_so(seed, ktv, tmp_path):
    fake_ssh = tmp_path / "ssh"
    fake_ssh.write_text(
        "#!/bin/sh\necho 'git@server: Permission denied (publickey).' >&2\nexit 255\n", encoding="utf-8"
    )
    fake_ssh.chmod(0o755)
    git(seed, "remote", "add", "origin", "ssh://git@server.invalid/ktv.git")
    result = ktv("--data", str(seed), "sync", "--today", TODAY, env={"GIT_SSH_COMMAND": str(fake_ssh)})
    assert result.returncode == 1
    assert "geen toegang" in result.stdout + result.stderr


def test_a_lock_held_by_another_git_is_named_so(seed, ktv):
    (seed / ".git" / "index.lock").write_text("", encoding="utf-8")
    path = seed / "perioden" / "2016-02-12-aaaaa.toml"
    path.write_text(path.read_text(encoding="utf-8") + "# opmerking\n", encoding="utf-8")
    git(seed, "remote", "add", "origin", str(seed))
    result = ktv("--data", str(seed), "sync", "--today", TODAY)
    assert result.returncode in (1, 2)
    assert "ander git-proces" in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("text", "case"),
    [
        ("error: cannot lock ref 'refs/heads/main': is at 1 but expected 2", "ander git-proces"),
        ("fatal: Unable to create '/x/.git/index.lock': File exists.", "ander git-proces"),
        (
            "ssh: Could not resolve hostname server: Name or service not known\nfatal: Could not read",
            "niet bereikbaar",
        ),
        ("fatal: '/x.git' does not appear to be a git repository", "niet bereikbaar"),
        (
            "git@h: Permission denied (publickey).\nfatal: Could not read from remote repository.\n\nPlease make sure you have the correct access rights",
            "geen toegang",
        ),
        ("fatal: Authentication failed for 'https://h/x.git/'", "geen toegang"),
    ],
)
def test_explain_names_the_case(text, case):
    assert case in (explain(text) or "")
