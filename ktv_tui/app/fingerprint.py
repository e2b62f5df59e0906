"""Cheap fingerprints of the data files and the git directory: how the app notices changes made outside it."""

from __future__ import annotations

import os
from pathlib import Path

Fingerprint = frozenset[tuple[str, int, int]]

DATA_DIRS = ("vragenlijsten", "perioden", "meetjaren")


def data_fingerprint(root: Path) -> Fingerprint:
    """(name, mtime_ns, size) of every data file: cheap enough to compare every two seconds."""
    entries: list[tuple[str, int, int]] = []
    for sub in ("", *DATA_DIRS):
        try:
            with os.scandir(root / sub if sub else root) as it:
                for entry in it:
                    if not entry.name.endswith(".toml") or (not sub and entry.name != "ktv.toml"):
                        continue
                    try:
                        stat = entry.stat()
                    except OSError:
                        continue
                    entries.append(
                        (f"{sub}/{entry.name}" if sub else entry.name, stat.st_mtime_ns, stat.st_size)
                    )
        except OSError:
            continue
    return frozenset(entries)


def find_git_dir(root: Path) -> Path | None:
    for folder in (root, *root.resolve().parents):
        if (folder / ".git").is_dir():
            return folder / ".git"
    return None


def git_fingerprint(git_dir: Path | None) -> tuple:
    """What changes on a commit, an add or a branch switch made outside the app."""
    if git_dir is None:
        return ()
    result = []
    for name in ("index", "HEAD", "logs/HEAD"):
        try:
            stat = (git_dir / name).stat()
            result.append((name, stat.st_mtime_ns, stat.st_size))
        except OSError:
            result.append((name, 0, 0))
    return tuple(result)
