"""The messages the app's workers and screens post to the app: folder loaded, load failed, keys released, git refreshed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.message import Message

from .fingerprint import Fingerprint

if TYPE_CHECKING:
    from store.folder import DataFolder
    from store.git import GitState


@dataclass
class FolderLoaded(Message):
    """The load worker finished: the folder, its git state and the fingerprint it was read at."""

    folder: DataFolder
    git: GitState | None
    fingerprint: Fingerprint


@dataclass
class LoadFailed(Message):
    error: str


class ReleaseKeys(Message):
    """The new screen is ready: hand it the keys typed while it was being built, in order."""


@dataclass
class GitRefreshed(Message):
    git: GitState | None


@dataclass
class PreviewReady(Message):
    """The start-up preview's overview content (app/preview.py), before this process's own load."""

    content: Any
