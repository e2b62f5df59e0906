"""Who works in the data folder: the commit identity (asked once, kept in the folder's own git
config) and the commit log with authors and dates, for the app's git screen."""

from __future__ import annotations

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
    """The name and e-mail git would put on a commit made in this folder (any config level)."""
    name = run_git(root, "config", "user.name", check=False).strip() or None
    email = run_git(root, "config", "user.email", check=False).strip() or None
    return Identity(name, email)


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


@dataclass(frozen=True)
class FileChange:
    """One commit of one file: when, who, why, and which keys went from what to what."""

    date: datetime
    author: str
    message: str
    changes: list[tuple[str, object, object]]
    commit: str = ""


def _flat(data: object, prefix: str = "") -> dict[str, object]:
    if not isinstance(data, dict):
        return {prefix: data} if prefix else {}
    result: dict[str, object] = {}
    for key, value in data.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict):
            result.update(_flat(value, path))
        else:
            result[path] = value
    return result


def file_history(root: Path, rel: str, limit: int = 100) -> list[FileChange]:
    """The commits that changed `rel`, newest first, each with its changed keys (old → new).

    A stand-in for `store.history.period_history` (`ktv historie`) where that is not available:
    same shape, read with plain `git log` and `git show`. An unreadable version counts as empty.
    """
    import tomllib

    fmt = FIELD.join(("%H", "%aI", "%an", "%s")) + RECORD
    out = run_git(root, "log", f"-n{limit}", f"--format={fmt}", "--", rel, check=False)
    commits = []
    for record in out.split(RECORD):
        parts = record.strip("\n").split(FIELD)
        if len(parts) == 4:
            commits.append(parts)

    def version(commit: str) -> dict[str, object]:
        text = run_git(root, "show", f"{commit}:./{rel}", check=False)
        try:
            return _flat(tomllib.loads(text))
        except tomllib.TOMLDecodeError:
            return {}

    entries = []
    for commit, when, author, subject in commits:
        new = version(commit)
        old = (
            version(commit + "^")
            if run_git(root, "rev-parse", "-q", "--verify", commit + "^", check=False).strip()
            else {}
        )
        keys = [k for k in new if k != "schema"] + [k for k in old if k not in new and k != "schema"]
        changes = [(k, old.get(k), new.get(k)) for k in keys if old.get(k) != new.get(k)]
        try:
            moment = datetime.fromisoformat(when)
        except ValueError:
            continue
        entries.append(FileChange(moment, author, subject, changes, commit))
    return entries
