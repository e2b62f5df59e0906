"""Saving model objects to their files: canonical text through the atomic, guarded save."""

from __future__ import annotations

from pathlib import Path

from .canonical import organisation_text, period_text, questionnaire_text, year_notes_text
from .comments import Comments, collect_comments
from .errors import KtvError
from .folder import ORGANISATION_FILE, period_rel, questionnaire_rel, year_rel
from .lock import folder_lock
from .model import Organisation, Period, Questionnaire, YearNotes
from .parse import PERIOD_ID
from .paths import is_symlink_loop
from .toml_io import Saved, atomic_delete, atomic_save, decode, digest


class UnsafePath(KtvError):
    """A path that would lead outside the data folder."""


def safe_path(root: Path, rel: str) -> Path:
    """The file for `rel`, refusing anything that leaves the data folder (.., absolute, symlinks)."""
    if rel.startswith("/") or "\\" in rel or any(part in ("", ".", "..") for part in rel.split("/")):
        raise UnsafePath(f"ongeldig pad '{rel}'")
    try:
        root_resolved = root.resolve()
        target = (root / rel).resolve()
    except (RuntimeError, OSError) as exc:  # a symlink loop (Python 3.11, 3.12)
        raise UnsafePath(f"'{rel}': symbolische koppeling in een kring") from exc
    if is_symlink_loop(root / rel):  # Python 3.13's resolve() no longer raises for a loop
        raise UnsafePath(f"'{rel}': symbolische koppeling in een kring")
    if not target.is_relative_to(root_resolved):
        raise UnsafePath(f"'{rel}' wijst naar buiten de gegevensmap")
    return root / rel


def old_comments(root: Path, rel: str, expected: str | None) -> Comments | None:
    """The comments of the version a save replaces, so the save keeps them (SPEC §2)."""
    if expected is None:
        return None
    try:
        data = safe_path(root, rel).read_bytes()
        if digest(data) != expected:
            return None  # atomic_save refuses this save anyway
        return collect_comments(decode(data))
    except (OSError, UnicodeDecodeError, UnsafePath):
        return None


def save_text(root: Path, rel: str, text: str, expected: str | None) -> Saved:
    with folder_lock(root, "ktv (opslaan in de app)"):  # one writer per folder (store/lock.py)
        return atomic_save(safe_path(root, rel), text.encode("utf-8"), expected, rel=rel)


def save_period(root: Path, period: Period, expected: str | None) -> Saved:
    if not PERIOD_ID.fullmatch(period.id):
        raise UnsafePath(f"ongeldig periode-id '{period.id}'")
    rel = period_rel(period.id)
    return save_text(root, rel, period_text(period, old_comments(root, rel, expected)), expected)


def delete_period(root: Path, period_id: str, expected: str) -> None:
    if not PERIOD_ID.fullmatch(period_id):
        raise UnsafePath(f"ongeldig periode-id '{period_id}'")
    rel = period_rel(period_id)
    with folder_lock(root, "ktv (verwijderen in de app)"):
        atomic_delete(safe_path(root, rel), expected, rel=rel)


def save_year_notes(root: Path, notes: YearNotes, expected: str | None) -> Saved:
    rel = year_rel(notes.year)
    return save_text(root, rel, year_notes_text(notes, old_comments(root, rel, expected)), expected)


def save_organisation(root: Path, organisation: Organisation, expected: str | None) -> Saved:
    comments = old_comments(root, ORGANISATION_FILE, expected)
    return save_text(root, ORGANISATION_FILE, organisation_text(organisation, comments), expected)


def save_questionnaire(root: Path, questionnaire: Questionnaire, expected: str | None) -> Saved:
    rel = questionnaire_rel(questionnaire.side)
    return save_text(
        root, rel, questionnaire_text(questionnaire, old_comments(root, rel, expected)), expected
    )
