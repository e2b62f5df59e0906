"""Git questions of one command answered by one `git cat-file --batch` process.

`ktv check` and `ktv deadlines` asked git four times per submitted meetjaar (rev-parse, diff,
ls-files, cat-file, and a `show` per changed period): 40 processes on the demo, most of the
command's time (issue 23 asks at most 3). Here one long-running `cat-file --batch` answers
whether a commit exists, the periods folder's tree at that commit and any file's old bytes; the
working tree side is hashed in Python the way git hashes a blob. Same signatures and results as
the functions of store/git.py, which remain the fallback when the batch cannot run."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
from pathlib import Path

from . import git as plain
from .git import GitError
from .git_safety import safe_args

__all__ = ["GitError", "changed_since", "commit_exists", "show_file"]

_HEX = re.compile(r"[0-9a-fA-F]{4,64}")
_SESSIONS: dict[str, _CatFile] = {}


class _CatFile:
    """One `git cat-file --batch` in the data folder; `get(spec)` → (type, bytes) or None."""

    def __init__(self, root: Path) -> None:
        self.process = subprocess.Popen(
            ["git", *safe_args(["cat-file", "--batch"])],  # hooks, fsmonitor, pager off
            cwd=root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=plain._env(),
        )

    def get(self, spec: str) -> tuple[str, bytes] | None:
        if "\n" in spec or "\r" in spec:
            return None
        stdin, stdout = self.process.stdin, self.process.stdout
        assert stdin is not None and stdout is not None
        stdin.write(spec.encode("utf-8", errors="surrogateescape") + b"\n")
        stdin.flush()
        header = stdout.readline().split()
        if len(header) != 3:  # "<spec> missing" or "ambiguous", or git ended
            if not header:
                raise GitError("git cat-file stopte onverwacht")
            return None
        kind, size = header[1].decode("ascii", "replace"), int(header[2])
        data = stdout.read(size)
        stdout.read(1)  # the newline after the object
        return kind, data


def _session(root: Path) -> _CatFile | None:
    key = str(root.resolve())
    session = _SESSIONS.get(key)
    if session is not None and session.process.poll() is None:
        return session
    try:
        session = _CatFile(root)
    except OSError:
        return None
    _SESSIONS[key] = session
    return session


def commit_exists(root: Path, commit: str) -> bool:
    session = _session(root) if _HEX.fullmatch(commit) else None
    if session is None:
        return plain.commit_exists(root, commit)
    found = session.get(commit)
    return found is not None and found[0] == "commit"


def show_file(root: Path, commit: str, rel: str) -> bytes | None:
    """A file's bytes at `commit` (None: not there), as store.git.show_file."""
    session = _session(root) if _HEX.fullmatch(commit) else None
    if session is None:
        return plain.show_file(root, commit, rel)
    found = session.get(f"{commit}:./{rel}")
    return found[1] if found is not None and found[0] == "blob" else None


def _tree_entries(data: bytes) -> dict[str, tuple[str, str]]:
    """A raw tree object: name → (mode, object id in hex)."""
    entries: dict[str, tuple[str, str]] = {}
    at = 0
    while at < len(data):
        space = data.index(b" ", at)
        nul = data.index(b"\0", space)
        mode = data[at:space].decode("ascii")
        name = os.fsdecode(data[space + 1 : nul])
        entries[name] = (mode, data[nul + 1 : nul + 21].hex())
        at = nul + 21
    return entries


_BLOB_IDS: dict[tuple[str, int, int], str | None] = {}


def _blob_id(path: Path) -> str | None:
    """The object id git gives this file's content (`git hash-object`); None when unreadable.
    Remembered per (path, mtime, size): ten submitted meetjaren compare the same files."""
    try:
        stat = path.lstat()
    except OSError:
        return None
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _BLOB_IDS:
        _BLOB_IDS[key] = _hash_file(path)
    return _BLOB_IDS[key]


def _hash_file(path: Path) -> str | None:
    try:
        data = os.readlink(path).encode() if path.is_symlink() else path.read_bytes()
    except OSError:
        return None
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def changed_since(root: Path, commit: str, pathspec: str = "perioden") -> dict[str, str]:
    """Files under `pathspec` that differ between `commit` and the working tree: path → A/M/D."""
    session = _session(root) if _HEX.fullmatch(commit) and "/" not in pathspec else None
    if session is None:
        return plain.changed_since(root, commit, pathspec)
    if session.get(commit) is None:
        raise GitError(f"git diff mislukte: onbekende commit {commit[:12]}")
    found = session.get(f"{commit}:./{pathspec}")
    old = _tree_entries(found[1]) if found is not None and found[0] == "tree" else {}
    old = {name: entry for name, entry in old.items() if not entry[0].startswith("40")}
    folder = root / pathspec
    try:
        names = [e.name for e in os.scandir(folder) if not e.is_dir(follow_symlinks=False)]
    except OSError:
        names = []
    changes: dict[str, str] = {}
    for name in names:
        if name not in old:
            if name.endswith(".toml") and not name.startswith("."):  # what git would not ignore
                changes[f"{pathspec}/{name}"] = "A"
        elif _blob_id(folder / name) != old[name][1]:
            changes[f"{pathspec}/{name}"] = "M"
    for name in old:
        if name not in names:
            changes[f"{pathspec}/{name}"] = "D"
    return changes
