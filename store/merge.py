"""Three-way merge of a period or meetjaar file, field by field (SPEC §9).

Two people who change different fields of the same period never conflict: the merge is done on
the parsed tables, key by key (a form's answers one by one), against the common base. A conflict
is only a field that both sides changed to different values, a table one side removed while the
other changed it, or a file one side deleted while the other changed it. The merged file is
written in canonical form with the comments of both sides kept.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import tomli_w

from .comments import BLANK, Comments, collect_comments
from .fields import FileContext
from .toml_io import conflict_marker_lines


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()
"""A key (or a whole file) that is not there on one side."""


@dataclass(frozen=True)
class FieldConflict:
    """Both sides changed `path` differently; `()` is the whole file (deleted against changed)."""

    path: tuple[str, ...]
    ours: Any
    theirs: Any

    @property
    def field_name(self) -> str | None:
        return ".".join(self.path) if self.path else None


def same_value(a: Any, b: Any) -> bool:
    """Equal as TOML values: 7 and 7.0 are one cijfer, but `true` is not the number 1."""
    return _normal(a) == _normal(b)


def _normal(value: Any) -> Any:
    if value is MISSING:
        return ("missing",)
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, int | Decimal | float):
        return ("number", Decimal(value))
    if isinstance(value, dict):
        return ("table", tuple(sorted((k, _normal(v)) for k, v in value.items())))
    if isinstance(value, list):
        return ("list", tuple(_normal(v) for v in value))
    return (type(value).__name__, value)


PRESENCE_FREE = frozenset(
    {"beoordeling", "antwoorden", "ontbreekt", "norm", "contact", "codes", "ondertekening", "uwv", "bewijs"}
)
"""Tables whose presence alone means nothing (an empty one is the same as none), so one side
removing the last key and the other adding one is no conflict. A form table
(`[beoordeling.werknemer]`) is not among them: its presence means the form was received."""


def _table_like(value: Any, key: str) -> bool:
    return isinstance(value, dict) or (value is MISSING and key in PRESENCE_FREE)


def _as_table(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


Choices = dict[tuple[str, ...], str]
"""A person's pick per conflicting field (`()` = the whole file): "ours" or "theirs"."""


def merge_tables(
    base: dict[str, Any],
    ours: dict[str, Any],
    theirs: dict[str, Any],
    path: tuple[str, ...] = (),
    choices: Choices | None = None,
) -> tuple[dict[str, Any], list[FieldConflict]]:
    """Merge two changed versions of a table against their base, key by key, tables recursively.

    The result holds ours where a key conflicts; the conflicts list names every such key.
    A conflict with a pick in `choices` takes the picked side and is no longer a conflict.
    Key order: ours first, then keys only theirs added.
    """
    merged: dict[str, Any] = {}
    conflicts: list[FieldConflict] = []
    keys = (
        list(ours)
        + [k for k in theirs if k not in ours]
        + [k for k in base if k not in ours and k not in theirs]
    )
    for key in keys:
        b, o, t = base.get(key, MISSING), ours.get(key, MISSING), theirs.get(key, MISSING)
        if same_value(o, t):
            value = o
        elif same_value(o, b):
            value = t
        elif same_value(t, b):
            value = o
        elif _table_like(o, key) and _table_like(t, key) and (b is MISSING or isinstance(b, dict)):
            value, inner = merge_tables(*(_as_table(v) for v in (b, o, t)), (*path, key), choices)
            conflicts += inner
            if not value and key in PRESENCE_FREE:
                value = MISSING
        elif choices and (*path, key) in choices:
            value = t if choices[(*path, key)] == "theirs" else o
        else:
            conflicts.append(FieldConflict((*path, key), o, t))
            value = o
        if value is not MISSING:
            merged[key] = value
    return merged, conflicts


def shown(value: Any) -> str | None:
    """A value as a person reads it in a conflict line; None for "not there"."""
    if value is MISSING:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return value
    if isinstance(value, dict | list):
        return json.dumps(_plain(value), ensure_ascii=False)
    return str(value)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, bool | int | str):
        return value
    return shown(value)


# --- whole files -------------------------------------------------------------------------------


@dataclass
class FileMerge:
    """The outcome for one file: its merged text (None: deleted) or the conflicts."""

    rel: str
    text: str | None = None
    conflicts: list[FieldConflict] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.conflicts


UNREADABLE = "(onleesbaar)"
DELETED = "(verwijderd)"
CHANGED = "(gewijzigd)"


def _read(text: str | None) -> dict[str, Any] | None | _Missing:
    """The table of a version; MISSING for a deleted file; None for one that is no valid TOML."""
    if text is None:
        return MISSING
    if conflict_marker_lines(text):
        return None
    try:
        return tomllib.loads(text, parse_float=Decimal)
    except (tomllib.TOMLDecodeError, ValueError, RecursionError):
        return None


def merge_file(
    rel: str, base: str | None, ours: str | None, theirs: str | None, choices: Choices | None = None
) -> FileMerge:
    """Three-way merge of one data file's texts (None = the file is absent in that version)."""
    if choices and () in choices:
        return FileMerge(rel, theirs if choices[()] == "theirs" else ours)
    if ours == theirs:
        return FileMerge(rel, ours)
    if ours == base:
        return FileMerge(rel, theirs)
    if theirs == base:
        return FileMerge(rel, ours)
    b, o, t = _read(base), _read(ours), _read(theirs)
    if o is None or t is None or (b is None and base is not None):
        return FileMerge(
            rel,
            conflicts=[
                FieldConflict((), UNREADABLE if o is None else CHANGED, UNREADABLE if t is None else CHANGED)
            ],
        )
    if o is MISSING or t is MISSING:
        # Deleted on one side: fine only when the other side left the content as it was.
        other = t if o is MISSING else o
        if b is not MISSING and same_value(other, b):
            return FileMerge(rel, None)
        if o is MISSING and t is MISSING:
            return FileMerge(rel, None)
        return FileMerge(
            rel,
            conflicts=[
                FieldConflict((), DELETED if o is MISSING else CHANGED, DELETED if t is MISSING else CHANGED)
            ],
        )
    merged, conflicts = merge_tables(b if isinstance(b, dict) else {}, o, t, (), choices)
    if conflicts:
        return FileMerge(rel, conflicts=conflicts)
    comments = merge_comments(collect_comments(base), collect_comments(ours), collect_comments(theirs))
    return FileMerge(rel, render(rel, merged, comments))


def render(rel: str, table: dict[str, Any], comments: Comments | None) -> str:
    """The merged table as text: canonical (comments kept) when it is a valid period or meetjaar."""
    raw = tomli_w.dumps(table, multiline_strings=True)
    from .canonical import period_text, year_notes_text
    from .parse import parse_period, parse_year_notes

    name = rel.rsplit("/", 1)[-1].removesuffix(".toml")
    ctx = FileContext(rel, raw)
    if rel.startswith("perioden/"):
        period, _ = parse_period(ctx, name)
        if period is not None and not ctx.problems:
            return period_text(period, comments)
    elif rel.startswith("meetjaren/") and name.isdigit():
        notes = parse_year_notes(ctx, int(name))
        if notes is not None and not ctx.problems:
            return year_notes_text(notes, comments)
    return raw


def merge_comments(base: Comments, ours: Comments, theirs: Comments) -> Comments:
    """Comments of both sides: a comment one side added or changed is kept; none is dropped."""
    merged = Comments(order=list(ours.order) + [p for p in theirs.order if p not in ours.order])
    for path in merged.order:
        above = _pick(*(c.above.get(path) for c in (base, ours, theirs)))
        b, o, t = (c.eol.get(path) for c in (base, ours, theirs))
        eol = _pick(b, o, t)
        if o and t and o != t and eol == o:  # two different end-of-line comments: theirs goes above
            above = [*(above or []), t[1]]
        if above:
            merged.above[path] = above
        if eol:
            merged.eol[path] = eol
    merged.end = _pick(base.end or None, ours.end or None, theirs.end or None) or []
    return merged


def _pick(base: Any, ours: Any, theirs: Any) -> Any:
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    if isinstance(ours, list) and isinstance(theirs, list):  # both changed a comment block: keep both
        return ours + [line for line in theirs if line not in ours or line == BLANK]
    return ours


def conflict_lines(rel: str, conflicts: list[FieldConflict]) -> list[str]:
    """Dutch lines that name file, field and both values."""
    lines = []
    for conflict in conflicts:
        ours, theirs = shown(conflict.ours), shown(conflict.theirs)
        if conflict.path:
            lines.append(
                f"{rel}: veld {conflict.field_name}: bij u {_quoted(ours)}, bij de ander {_quoted(theirs)}"
            )
        else:
            lines.append(f"{rel}: het bestand is bij u {ours[1:-1]}, bij de ander {theirs[1:-1]}")
    return lines


def _quoted(value: str | None) -> str:
    return "(leeg)" if value is None else f"'{value}'"
