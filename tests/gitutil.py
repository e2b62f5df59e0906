"""Git helpers shared by the tests: one way to run git, make a repository and commit.

The root conftest.py has already isolated HOME and git's global and system config, so these
helpers give git an identity only through the environment of the one process they start: a
test never depends on the machine's `user.name`, and a ktv process started by the same test
still sees no identity unless the test gives it one (`IDENTITY`).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

IDENTITY = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
}
"""A fixed author for commits the tests make (never the user's own)."""


def git_env(**extra: str) -> dict[str, str]:
    return {**os.environ, **IDENTITY, "LC_ALL": "C", **extra}


def git(root: Path, *args: str, check: bool = True, **extra_env: str) -> subprocess.CompletedProcess:
    """`git ARGS` in `root`; a failure raises with git's own output when `check`."""
    result = subprocess.run(
        ["git", *args], cwd=root, env=git_env(**extra_env), capture_output=True, text=True, check=False
    )
    if check and result.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def init_repo(root: Path) -> Path:
    """A fresh repository on branch `main` (whatever git's default)."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    return root


def commit_all(root: Path, message: str = "gegevens", *, date: str | None = None) -> str:
    """Stage everything, commit (at `date`, ISO, when given) and return the commit's id."""
    extra = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else {}
    git(root, "add", "-A")
    git(root, "commit", "-q", "--allow-empty", "-m", message, **extra)
    return git(root, "rev-parse", "HEAD").stdout.strip()


def git_out(root: Path, *args: str, **extra_env: str) -> str:
    """What `git ARGS` prints in `root` (it must succeed)."""
    return git(root, *args, **extra_env).stdout
