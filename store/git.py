"""The git state of the data folder, read through the `git` command (never a shell)."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .errors import KtvError
from .git_safety import safe_args, safe_env, toplevel
from .paths import shown


@dataclass(frozen=True)
class GitState:
    is_repo: bool
    branch: str | None = None
    head: str | None = None
    """Full commit hash of HEAD; None in a repository without commits."""
    changed: tuple[str, ...] = field(default_factory=tuple)
    """Paths (relative to the data folder) with uncommitted changes, untracked included."""

    @property
    def dirty(self) -> bool:
        return bool(self.changed)


class GitError(KtvError):
    """A git command failed; the message is Dutch and includes git's own words."""


def _env() -> dict[str, str]:
    env = safe_env()
    env.update({"LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"})
    return env


def run_git_bytes(root: Path, *args: str, check: bool = True, input: str | None = None) -> bytes:
    """git's output as bytes: a file's content or name may be anything (a PDF, Latin-1)."""
    if shutil.which("git") is None:
        raise GitError("het programma git is niet gevonden")
    try:
        result = subprocess.run(
            ["git", *safe_args(args)],
            cwd=root,
            capture_output=True,
            env=_env(),
            input=None if input is None else input.encode("utf-8", errors="surrogateescape"),
            check=False,
        )
    except OSError as exc:  # the folder vanished, or git cannot be started
        from .paths import os_error

        raise GitError(f"git {args[0]} kon niet starten: {os_error(exc)}") from exc
    if check and result.returncode != 0:
        said = (result.stderr.strip() or result.stdout.strip()).decode("utf-8", errors="replace")
        from .git_words import with_explanation

        raise GitError(f"git {args[0]} mislukte: {with_explanation(shown(said))}")
    return result.stdout


def run_git(root: Path, *args: str, check: bool = True, input: str | None = None) -> str:
    """git's output as text; bytes that are not UTF-8 are kept as surrogates (like os.fsdecode),
    so a path read here names the same file again. Show such text through `paths.shown`."""
    return run_git_bytes(root, *args, check=check, input=input).decode("utf-8", errors="surrogateescape")


def _toplevel(root: Path) -> Path | None:
    return toplevel(root)


def git_state(root: Path) -> GitState:
    """Is the folder in a repository, on which branch and commit, and what is uncommitted."""
    top = _toplevel(root)
    if top is None:
        return GitState(is_repo=False)
    out = run_git(root, "status", "--porcelain=v1", "-z", "--branch", "--untracked-files=all", ".")
    entries = out.split("\0")
    branch = None
    changed: list[str] = []
    prefix = _prefix(root, top)
    skip_next = False
    for entry in entries:
        if skip_next:
            skip_next = False
            continue
        if not entry:
            continue
        if entry.startswith("## "):
            name = entry[3:].split("...")[0]
            branch = name.replace("No commits yet on ", "").strip() or None
            continue
        status, path = entry[:2], entry[3:]
        if "R" in status or "C" in status:
            skip_next = True
        if path.startswith(prefix):
            changed.append(path[len(prefix) :])
    head = run_git(root, "rev-parse", "--verify", "-q", "HEAD", check=False).strip() or None
    return GitState(True, branch, head, tuple(sorted(changed)))


def _prefix(root: Path, top: Path) -> str:
    rel = os.path.relpath(root.resolve(), top.resolve())
    return "" if rel == "." else rel.replace(os.sep, "/") + "/"


def changed_since(root: Path, commit: str, pathspec: str = "perioden") -> dict[str, str]:
    """Files under `pathspec` that differ between `commit` and the working tree: path → A/M/D."""
    out = run_git(root, "diff", "--name-status", "--no-renames", "-z", commit, "--", pathspec)
    parts = [p for p in out.split("\0") if p]
    top = _toplevel(root)
    prefix = _prefix(root, top) if top else ""
    changes = {}
    for status, path in zip(parts[::2], parts[1::2], strict=False):
        changes[path[len(prefix) :] if path.startswith(prefix) else path] = status[0]
    status_out = run_git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", pathspec)
    for path in status_out.split("\0"):
        if path:
            changes.setdefault(path, "A")
    return changes


def commit_exists(root: Path, commit: str) -> bool:
    return bool(run_git(root, "cat-file", "-t", commit, check=False).strip() == "commit")


def show_file(root: Path, commit: str, rel: str) -> bytes | None:
    """A file's bytes at `commit` (None: not there). Parse them as the loader parses a file
    from disk (`folder.parse_bytes`): any content is a problem at worst, never an exception."""
    try:
        return run_git_bytes(root, "show", f"{commit}:./{rel}")
    except GitError:
        return None


def init_repo(root: Path) -> None:
    run_git(root, "init", "-q")


BINARY = "binair bestand (geen tekstverschil)"
_DIFF_LIMIT = 200_000
"""Bytes of a diff that are shown; a bigger one is cut (a screen shows a few dozen lines)."""


def _is_binary(data: bytes) -> bool:
    """As git decides: a NUL byte near the start; also text that is not UTF-8."""
    if b"\0" in data[:8000]:
        return True
    try:
        data[:_DIFF_LIMIT].decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start < _DIFF_LIMIT - 4  # a character cut at the limit is still text
    return False


def _shown_text(data: bytes) -> str:
    return data[:_DIFF_LIMIT].decode("utf-8", errors="replace")


def diff_file(root: Path, rel: str) -> str:
    """The uncommitted diff of one file, fit to show: an untracked file whole, a binary file
    (a PDF) as BINARY, bytes that are not UTF-8 replaced; never an exception for content."""
    tracked = run_git(root, "ls-files", "--", rel).strip()
    if not tracked:
        path = root / rel
        try:
            if not path.is_file():
                return ""
            with open(path, "rb") as handle:
                data = handle.read(_DIFF_LIMIT + 1)
        except OSError:
            return ""
        if _is_binary(data):
            return BINARY
        return "".join("+" + line for line in _shown_text(data).splitlines(True))
    out = run_git_bytes(root, "diff", "--no-color", "--no-ext-diff", "HEAD", "--", rel, check=False)
    if any(line.startswith(b"Binary files ") for line in out.splitlines()):
        return BINARY
    return _shown_text(out)


def commit_all(root: Path, message: str) -> str:
    """Stage everything in the data folder and commit it; returns the new HEAD."""
    from .lock import FolderLocked, folder_lock

    try:
        with folder_lock(root, "ktv vastleggen"):  # one writer per folder (store/lock.py)
            return _commit_all(root, message)
    except FolderLocked as exc:  # callers (the git screen, the demo) show a GitError's message
        raise GitError(str(exc)) from exc


def _commit_all(root: Path, message: str) -> str:
    run_git(root, "add", "-A", "--", ".")
    args = ["commit", "-q", "-F", "-"]
    if not run_git(root, "config", "user.email", check=False).strip():
        args = ["-c", "user.name=ktv", "-c", "user.email=ktv@localhost", *args]
    run_git(root, *args, input=message)
    return run_git(root, "rev-parse", "HEAD").strip()


def changed_with_status(root: Path) -> list[tuple[str, str]]:
    """(status, path) per uncommitted file, as in `git_state().changed`; status is the
    two-letter `git status --porcelain` code (`??` untracked, ` M`, `D `, `R `, `UU` …)."""
    top = _toplevel(root)
    if top is None:
        return []
    out = run_git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", ".")
    prefix = _prefix(root, top)
    pairs: list[tuple[str, str]] = []
    entries = iter(out.split("\0"))
    for entry in entries:
        if not entry:
            continue
        status, path = entry[:2], entry[3:]
        if "R" in status or "C" in status:
            next(entries, None)  # the old name of a rename or copy
        if path.startswith(prefix):
            pairs.append((status, path[len(prefix) :]))
    return sorted(pairs, key=lambda pair: pair[1])
