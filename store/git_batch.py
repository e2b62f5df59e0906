"""Git questions of one command answered by one `git cat-file --batch` process.

`ktv check` and `ktv deadlines` asked git four times per submitted meetjaar (rev-parse, diff,
ls-files, cat-file, and a `show` per changed period): 40 processes on the demo, most of the
command's time (issue 23 asks at most 3). Here one long-running `cat-file --batch` answers
whether a commit exists, the periods folder's tree at that commit and any file's old bytes; the
working tree side is hashed in Python the way git hashes a blob. Same signatures and results as
the functions of store/git.py, which remain the fallback when the batch cannot run."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from . import git as plain
from .git import GitError
from .git_safety import safe_args
from .hashes import sha1

__all__ = ["GitError", "WorkingTree", "changed_since", "commit_exists", "prefetch", "show_file"]

_HEX = re.compile(r"[0-9a-fA-F]{4,64}")
_FULL_ID = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
_SESSIONS: dict[str, _CatFile] = {}
PIPE_REQUEST_BYTES = 32 * 1024


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
        self.found: dict[str, tuple[str, bytes]] = {}
        """Objects already read: what a commit id names never changes (a missing one may yet
        arrive with a fetch, so only found objects are kept)."""

    def get(self, spec: str) -> tuple[str, bytes] | None:
        return self.get_many([spec])[0]

    def get_many(self, specs: list[str]) -> list[tuple[str, bytes] | None]:
        """Each spec's object, asked in one write and read back in order: one round trip to git
        instead of one per object (the requests are small, so the pipe never blocks them)."""
        results: dict[int, tuple[str, bytes] | None] = {}
        asked: list[tuple[int, str]] = []
        for index, spec in enumerate(specs):
            if spec in self.found:
                results[index] = self.found[spec]
            elif "\n" in spec or "\r" in spec:
                results[index] = None
            else:
                asked.append((index, spec))
        for chunk in _chunks(asked):
            stdin = self.process.stdin
            assert stdin is not None
            stdin.write(b"".join(line for _, _, line in chunk))
            stdin.flush()
            for index, spec, _ in chunk:
                results[index] = self._read_one()
                if results[index] is not None and _FULL_ID.fullmatch(spec.partition(":")[0]):
                    self.found[spec] = results[index]
        return [results[index] for index in range(len(specs))]

    def _read_one(self) -> tuple[str, bytes] | None:
        stdout = self.process.stdout
        assert stdout is not None
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


def _chunks(asked: list[tuple[int, str]]) -> list[list[tuple[int, str, bytes]]]:
    """The requests in groups that fit a pipe's buffer (64 KB): while git answers one group
    we are not yet reading, it must never wait for us to take requests we cannot send."""
    chunks: list[list[tuple[int, str, bytes]]] = []
    size = PIPE_REQUEST_BYTES
    for index, spec in asked:
        line = spec.encode("utf-8", errors="surrogateescape") + b"\n"
        if size + len(line) > PIPE_REQUEST_BYTES:
            chunks.append([])
            size = 0
        chunks[-1].append((index, spec, line))
        size += len(line)
    return chunks


def prefetch(root: Path, specs: list[str]) -> None:
    """Read these objects in one round trip, so the questions that follow are answered at once."""
    session = _session(root)
    if session is not None:
        session.get_many([spec for spec in specs if _HEX.fullmatch(spec.partition(":")[0])])


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
    return sha1(b"blob %d\0" % len(data) + data).hexdigest()


class WorkingTree:
    """The files under one folder of the working tree with their git object ids, listed and
    hashed once: ten submitted meetjaren compare the same files with ten commits."""

    def __init__(self, root: Path, pathspec: str = "perioden") -> None:
        self.root, self.pathspec = root, pathspec
        self._ids: dict[str, str | None] | None = None

    def ids(self) -> dict[str, str | None]:
        if self._ids is None:
            folder = self.root / self.pathspec
            try:
                names = [e.name for e in os.scandir(folder) if not e.is_dir(follow_symlinks=False)]
            except OSError:
                names = []
            self._ids = {name: _blob_id(folder / name) for name in names}
        return self._ids


def changed_since(
    root: Path, commit: str, pathspec: str = "perioden", tree: WorkingTree | None = None
) -> dict[str, str]:
    """Files under `pathspec` that differ between `commit` and the working tree: path → A/M/D.
    Pass one `tree` to compare the same working tree with several commits."""
    session = _session(root) if _HEX.fullmatch(commit) and "/" not in pathspec else None
    if session is None:
        return plain.changed_since(root, commit, pathspec)
    if session.get(commit) is None:
        raise GitError(f"git diff mislukte: onbekende commit {commit[:12]}")
    found = session.get(f"{commit}:./{pathspec}")
    old = _tree_entries(found[1]) if found is not None and found[0] == "tree" else {}
    old = {name: entry for name, entry in old.items() if not entry[0].startswith("40")}
    now = (tree if tree is not None and tree.pathspec == pathspec else WorkingTree(root, pathspec)).ids()
    changes: dict[str, str] = {}
    for name, blob in now.items():
        if name not in old:
            if name.endswith(".toml") and not name.startswith("."):  # what git would not ignore
                changes[f"{pathspec}/{name}"] = "A"
        elif blob != old[name][1]:
            changes[f"{pathspec}/{name}"] = "M"
    for name in old:
        if name not in now:
            changes[f"{pathspec}/{name}"] = "D"
    return changes
