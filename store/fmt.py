"""`ktv fmt`: which valid files are not in canonical form, and rewriting them safely."""

from __future__ import annotations

from dataclasses import dataclass, field

from .canonical import organisation_text, period_text, questionnaire_text, year_notes_text
from .comments import Comments, collect_comments
from .folder import ORGANISATION_FILE, PERIOD_DIR, QUESTIONNAIRE_DIR, YEAR_DIR, DataFolder, year_of_name
from .save import save_text
from .toml_io import ChangedOnDisk, clean_stale_temp_files, decode, digest


@dataclass
class FormatResult:
    not_canonical: list[str] = field(default_factory=list)
    rewritten: list[str] = field(default_factory=list)
    skipped_errors: list[str] = field(default_factory=list)
    """Files with errors are never rewritten (their content would be lost)."""
    skipped_unknown_keys: list[str] = field(default_factory=list)
    """Files with unknown keys: a rewrite would drop those keys, so they are left alone."""
    changed_meanwhile: list[str] = field(default_factory=list)


def canonical_text(folder: DataFolder, rel: str, comments: Comments | None = None) -> str | None:
    """The canonical text of a loaded file, with `comments` (of its current text) kept."""
    if rel == ORGANISATION_FILE:
        return organisation_text(folder.organisation, comments) if folder.organisation else None
    stem = rel.rsplit("/", 1)[-1].removesuffix(".toml")
    if rel.startswith(QUESTIONNAIRE_DIR + "/"):
        q = folder.questionnaires.get(stem)
        return questionnaire_text(q, comments) if q else None
    if rel.startswith(PERIOD_DIR + "/"):
        p = folder.periods.get(stem)
        return period_text(p, comments) if p else None
    label = year_of_name(rel.removeprefix(YEAR_DIR + "/"))
    if rel.startswith(YEAR_DIR + "/") and label is not None:
        notes = folder.years.get(label)
        return year_notes_text(notes, comments) if notes else None
    return None


def format_folder(folder: DataFolder, *, write: bool) -> FormatResult:
    result = FormatResult()
    error_files = folder.error_files
    unknown_key_files = {p.file for p in folder.problems if p.code == "onbekende-sleutel"}
    for rel in sorted(folder.digests):
        if rel in error_files:
            result.skipped_errors.append(rel)
            continue
        if canonical_text(folder, rel) is None:
            continue
        try:
            data = (folder.root / rel).read_bytes()
        except OSError:
            continue
        if digest(data) != folder.digests[rel]:
            result.changed_meanwhile.append(rel)
            continue
        try:
            current = decode(data)
        except UnicodeDecodeError:
            continue
        wanted = canonical_text(folder, rel, collect_comments(current))
        if wanted is None:
            continue
        if current == wanted and data == wanted.encode("utf-8"):
            continue
        if rel in unknown_key_files:
            result.skipped_unknown_keys.append(rel)
            continue
        result.not_canonical.append(rel)
        if write:
            try:
                save_text(folder.root, rel, wanted, folder.digests[rel])
                result.rewritten.append(rel)
            except ChangedOnDisk:
                result.changed_meanwhile.append(rel)
    if write:
        for sub in (PERIOD_DIR, YEAR_DIR, QUESTIONNAIRE_DIR, ""):
            clean_stale_temp_files(folder.root / sub if sub else folder.root)
    return result
