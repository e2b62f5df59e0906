"""Who works in the data folder: the commit identity (asked once, kept in the folder's own git
config) and the commit log with authors and dates, for the app's git screen."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .git import GitError, run_git

FIELD = "\x1f"
RECORD = "\x1e"


@dataclass(frozen=True)
class Identity:
    name: str | None
    email: str | None

    @property
    def complete(self) -> bool:
        return bool(self.name and self.email)


@dataclass(frozen=True)
class LogEntry:
    commit: str
    when: datetime
    author: str
    email: str
    subject: str


def identity(root: Path) -> Identity:
    """Who commits: git's config (repository, global, system) or git's environment variables."""
    env = os.environ
    name = (
        run_git(root, "config", "user.name", check=False).strip()
        or env.get("GIT_AUTHOR_NAME", "").strip()
        or env.get("GIT_COMMITTER_NAME", "").strip()
    )
    email = (
        run_git(root, "config", "user.email", check=False).strip()
        or env.get("GIT_AUTHOR_EMAIL", "").strip()
        or env.get("GIT_COMMITTER_EMAIL", "").strip()
        or env.get("EMAIL", "").strip()
    )
    return Identity(name or None, email or None)


def set_identity(root: Path, name: str, email: str) -> None:
    """Store name and e-mail in this repository's own config (`.git/config`), not globally."""
    name, email = name.strip(), email.strip()
    if not name or not email:
        raise GitError("naam en e-mailadres zijn allebei nodig")
    run_git(root, "config", "--local", "user.name", name)
    run_git(root, "config", "--local", "user.email", email)


def commit_log(root: Path, limit: int = 50) -> list[LogEntry]:
    """The latest commits that touch the data folder, newest first; [] without commits."""
    fmt = FIELD.join(("%H", "%aI", "%an", "%ae", "%s")) + RECORD
    out = run_git(root, "log", f"-n{limit}", f"--format={fmt}", "--", ".", check=False)
    entries = []
    for record in out.split(RECORD):
        parts = record.strip("\n").split(FIELD)
        if len(parts) != 5:
            continue
        commit, when, author, email, subject = parts
        try:
            moment = datetime.fromisoformat(when)
        except ValueError:
            continue
        entries.append(LogEntry(commit, moment, author, email, subject))
    return entries
