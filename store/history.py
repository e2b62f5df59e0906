"""The git history of one period (`ktv historie`, SPEC §5): who changed which field, when.

Every commit that touched the period's file, newest first, also after the file was deleted;
per commit the fields that changed from what to what (merge commits against their first
parent). A version that is no valid TOML (conflict markers, a typo) is named, never a crash.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from .git import GitError
from .merge import MISSING, same_value, shown
from .team import git
from .toml_io import conflict_marker_lines

NULL_SHA = "0" * 40


class FieldChange(NamedTuple):
    """One key from its old to its new value (None: not there); a tuple (field, old, new)."""

    field: str
    old: Any
    new: Any

    def as_json(self) -> dict[str, str | None]:
        return {"veld": self.field, "oud": _shown(self.old), "nieuw": _shown(self.new)}


def _shown(value: Any) -> str | None:
    return None if value is None else shown(value)


@dataclass
class HistoryEntry:
    commit: str | None
    """None for the changes in the folder that are not committed yet."""
    date: datetime | None
    author: str | None
    email: str | None
    message: str
    kind: str
    """"toegevoegd", "gewijzigd" or "verwijderd"."""
    changes: list[FieldChange] = field(default_factory=list)
    note: str | None = None
    """E.g. that a version was no valid TOML, so no field list could be made."""

    def as_json(self) -> dict[str, Any]:
        return {
            "commit": self.commit,
            "datum": self.date.isoformat() if self.date else None,
            "auteur": self.author,
            "email": self.email,
            "bericht": self.message,
            "soort": self.kind,
            "wijzigingen": [c.as_json() for c in self.changes],
            "opmerking": self.note,
        }


class NoHistory(GitError):
    """Not a git repository: there is no history to show."""


def _table(text: str | None) -> dict[str, Any] | None:
    if text is None or conflict_marker_lines(text):
        return None
    try:
        return tomllib.loads(text, parse_float=Decimal)
    except (tomllib.TOMLDecodeError, ValueError, RecursionError):
        return None


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = value
    return flat


def field_changes(old_text: str | None, new_text: str | None) -> tuple[list[FieldChange], str | None]:
    """The fields that differ between two versions (None = no file), and a note when one is unreadable."""
    old = {} if old_text is None else _table(old_text)
    new = {} if new_text is None else _table(new_text)
    if old is None or new is None:
        which = "deze versie" if new is None else "de vorige versie"
        return [], f"{which} is geen geldige TOML; geen lijst van velden"
    flat_old, flat_new = _flatten(old), _flatten(new)
    changes = []
    for key in list(flat_old) + [k for k in flat_new if k not in flat_old]:
        before, after = flat_old.get(key, MISSING), flat_new.get(key, MISSING)
        if not same_value(before, after):
            changes.append(
                FieldChange(key, None if before is MISSING else before, None if after is MISSING else after)
            )
    return changes, None


def period_history(root: Path, period_id: str, *, uncommitted: bool = False) -> list[HistoryEntry]:
    """Every version of the period, newest first (empty: never committed and, with
    `uncommitted`, not in the folder either). `uncommitted` adds the folder's own changes
    as a first entry without a commit."""
    rel = f"perioden/{period_id}.toml"
    if git(root, "rev-parse", "--git-dir").code != 0:
        raise NoHistory(f"de gegevensmap {root} is geen git-repository: er is geen geschiedenis")
    log = git(
        root,
        "log",
        "--follow",  # a renamed period keeps what came before (issue 19 item 8)
        "--diff-merges=first-parent",
        "--raw",
        "--no-abbrev",
        "--format=%x1e%H%x00%aI%x00%an%x00%ae%x00%B%x00",
        "--",
        rel,
    )
    records = []
    for record in log.out.split("\x1e")[1:]:
        parts = record.split("\x00")
        if len(parts) < 6:
            continue
        sha, when, name, email, body, raw = parts[:6]
        old = new = renamed = None
        for line in raw.splitlines():
            if line.startswith(":"):
                head, *paths = line.split("\t")
                fields = head.split()
                old, new = fields[2], fields[3]
                if fields[4].startswith(("R", "C")) and len(paths) == 2:
                    renamed = paths[0]
        try:
            moment = datetime.fromisoformat(when)
        except ValueError:
            moment = None
        records.append((sha, moment, name, email, body.strip(), old, new, renamed))
    blobs = _blobs(root, {b for r in records for b in r[5:7] if b and b != NULL_SHA})
    entries = []
    working = _working_text(root, rel)
    head_text = blobs.get(records[0][6]) if records and records[0][6] != NULL_SHA else None
    if uncommitted and (records and working != head_text or (not records and working is not None)):
        changes, note = field_changes(head_text, working)
        kind = "verwijderd" if working is None else "toegevoegd" if head_text is None else "gewijzigd"
        entries.append(HistoryEntry(None, None, None, None, "(nog niet vastgelegd)", kind, changes, note))
    cut = shallow_commits(root)
    for sha, when, name, email, body, old, new, renamed in records:
        old_text = blobs.get(old) if old and old != NULL_SHA else None
        new_text = blobs.get(new) if new and new != NULL_SHA else None
        kind = "verwijderd" if new_text is None else "toegevoegd" if old_text is None else "gewijzigd"
        changes, note = field_changes(old_text, new_text)
        if kind == "verwijderd":
            changes, note = [], None
        if renamed:
            kind = "hernoemd"
            note = f"hernoemd van {shown(renamed)}" + (f"; {note}" if note else "")
        if sha in cut:
            note = (note + "; " if note else "") + CUT_NOTE
        entries.append(HistoryEntry(sha, when, name, email, body, kind, changes, note))
    return entries


CUT_NOTE = (
    "de geschiedenis voor deze versie ontbreekt in deze ondiepe kloon (shallow clone): "
    "wat hier 'toegevoegd' heet kan eerder al bestaan hebben"
)


def shallow_commits(root: Path) -> set[str]:
    """The commits where a shallow clone's history is cut off (their parents are missing)."""
    if git(root, "rev-parse", "--is-shallow-repository").out.strip() != "true":
        return set()
    git_dir = git(root, "rev-parse", "--absolute-git-dir").out.strip()
    try:
        text = (Path(git_dir) / "shallow").read_text(encoding="utf-8")
    except OSError:
        return set()
    return {line.strip() for line in text.splitlines() if line.strip()}


def history_is_cut(root: Path) -> bool:
    """Is this a shallow clone, so that history may be incomplete?"""
    return git(root, "rev-parse", "--is-shallow-repository").out.strip() == "true"


def _working_text(root: Path, rel: str) -> str | None:
    try:
        return (root / rel).read_bytes().decode("utf-8", "replace")
    except OSError:
        return None


def _blobs(root: Path, shas: set[str]) -> dict[str, str]:
    """Many blobs in one `git cat-file --batch` instead of one process each."""
    if not shas:
        return {}
    import subprocess

    from .git_safety import safe_args
    from .team import git_env

    order = sorted(shas)
    result = subprocess.run(
        ["git", *safe_args(["cat-file", "--batch"])],
        cwd=root,
        input=("\n".join(order) + "\n").encode(),
        capture_output=True,
        env=git_env(),
        check=False,
    )
    data, pos, blobs = result.stdout, 0, {}
    for sha in order:
        end = data.find(b"\n", pos)
        if end < 0:
            break
        header = data[pos:end].split()
        pos = end + 1
        if len(header) < 3 or header[1] == b"missing":
            continue
        size = int(header[2])
        blobs[sha] = data[pos : pos + size].decode("utf-8", "replace")
        pos += size + 1
    return blobs
