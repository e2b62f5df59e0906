"""Drafts of unsaved typing, kept outside the tracked files so a dropped connection loses nothing.

SPEC §8: what is typed but not yet saved survives a killed terminal. A draft is a small JSON file
under `.git/ktv-drafts/` when the data folder is in a git repository (git never tracks it), else
under the user's cache folder (`$XDG_CACHE_HOME/ktv/drafts/<hash of the folder>/`). Every write is
atomic (temporary file, flush, fsync, rename), so a kill mid-write leaves the previous draft.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .hashes import sha256

SUFFIX = ".json"
_SAFE_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,100}")


@dataclass(frozen=True)
class Draft:
    name: str
    """File name without `.json`: `periode-<id>`, `periode-nieuw-<token>`, `meetjaar-<jaar>`."""
    data: dict[str, Any]
    mtime: float
    """When it was last written (seconds since the epoch)."""


def _git_dir(root: Path) -> Path | None:
    """The repository's git directory (also when `.git` is a file, as in a worktree)."""
    for folder in (root, *root.resolve().parents):
        dot_git = folder / ".git"
        if dot_git.is_dir():
            return dot_git
        if dot_git.is_file():
            try:
                line = dot_git.read_text(encoding="utf-8", errors="replace").strip()
            except OSError:
                return None
            if line.startswith("gitdir:"):
                target = Path(line[len("gitdir:") :].strip())
                return target if target.is_absolute() else (folder / target)
            return None
    return None


def drafts_dir(root: Path) -> Path:
    """Where the drafts of this data folder live (not created here)."""
    git_dir = _git_dir(root)
    if git_dir is not None:
        return git_dir / "ktv-drafts"
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    key = sha256(str(root.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return Path(cache) / "ktv" / "drafts" / key


def save_draft(root: Path, name: str, data: dict[str, Any]) -> None:
    """Write (or replace) one draft atomically. Raises OSError when it cannot be written."""
    if not _SAFE_NAME.fullmatch(name):
        raise ValueError(f"bad draft name {name!r}")
    folder = drafts_dir(root)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (name + SUFFIX)
    tmp = folder / f".{name}.{os.getpid()}.tmp"
    payload = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    with open(tmp, "wb") as handle:
        handle.write(payload)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, target)


def remove_draft(root: Path, name: str) -> None:
    try:
        (drafts_dir(root) / (name + SUFFIX)).unlink()
    except (OSError, ValueError):
        pass


def list_drafts(root: Path) -> list[Draft]:
    """Every readable draft of this folder, newest first; unreadable ones are skipped."""
    folder = drafts_dir(root)
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    drafts = []
    for path in entries:
        if path.suffix != SUFFIX or path.name.startswith("."):
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            mtime = path.stat().st_mtime
        except (OSError, ValueError):
            continue
        if isinstance(data, dict):
            drafts.append(Draft(path.stem, data, mtime))
    drafts.sort(key=lambda d: d.mtime, reverse=True)
    return drafts
