"""The one three-way merge of every TOML file kind of the data folder (SPEC §9, "the edges").

ktv.toml, a questionnaire, a period and a meetjaar file all merge the same way: on the parsed
tables, key by key (a form's answers one by one, a questionnaire's `[[vraag]]` by id), against
the common base. Two people who change different fields never conflict; multi-line texts merge
line by line. A conflict is a field both changed differently, a table one removed while the
other changed it, a file one deleted while the other changed it, or a merge that would make a
period contradict itself (a received form with an `ontbreekt` reason for the same side).

The merged file keeps the comments of all three versions and its order whether or not it is
valid: canonical when it is a valid file of its kind, else in the order of the keys as read.
The merge driver, `ktv sync`, the period editor and the meetjaar screen all call `merge_texts`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .comments import Comments, collect_comments
from .hashes import sha1
from .merge_lines import both_texts, merge_lines
from .merge_render import kind_of, render
from .merge_words import (  # noqa: F401 (re-exported)
    CHANGED,
    DELETED,
    OTHER_FILE,
    PDF_FILE,
    UNCHANGED,
    UNREADABLE,
    conflict_lines,
    shown,
    spoken,
)
from .toml_io import conflict_marker_lines


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()
"""A key (or a whole file) that is not there on one side."""


@dataclass(frozen=True)
class FieldConflict:
    """Both sides changed `path` differently; `()` is the whole file.

    `kind`: "veld" (a value), "tekst" (a multi-line text whose edits overlap: "beide" allowed),
    "verwijderd" (deleted against changed), "onleesbaar" (a file ktv cannot read as TOML),
    "tegenstrijdig" (the merge would hold a received form and an `ontbreekt` reason)."""

    path: tuple[str, ...]
    ours: Any
    theirs: Any
    kind: str = "veld"
    base: Any = None
    digests: tuple[str | None, str | None] | None = None

    @property
    def field_name(self) -> str | None:
        return ".".join(str(part) for part in self.path) if self.path else None

    @property
    def allows_both(self) -> bool:
        return self.kind == "tekst"


@dataclass(frozen=True)
class Pick:
    """A person's choice for one conflict, with the two values it was shown: it applies only
    while the conflict still holds exactly those values (the other side may have moved on)."""

    side: str
    """"ours", "theirs" or "both" (texts only)."""
    ours: str | None = None
    theirs: str | None = None
    digests: tuple[str | None, str | None] | None = None
    """For a whole file: the contents shown (a label like "(gewijzigd)" does not tell versions apart)."""
    checked: bool = True
    """False for an old-style pick that carries no values (applies to whatever is there)."""

    def fits(self, ours: Any, theirs: Any, digests: tuple | None = None) -> bool:
        if not self.checked:
            return True
        if self.digests is not None and digests is not None and tuple(self.digests) != tuple(digests):
            return False
        return self.ours == shown(ours) and self.theirs == shown(theirs)


Choices = dict[tuple[str, ...], "Pick | str"]
"""Picks per conflicting path (`()` = the whole file)."""


def pick_for(conflict: FieldConflict, side: str) -> Pick:
    """The pick of `side` for a conflict as it was shown."""
    return Pick(side, shown(conflict.ours), shown(conflict.theirs), conflict.digests)


def _pick(
    choices: Choices | None, path: tuple, ours: Any, theirs: Any, digests: tuple | None = None
) -> str | None:
    if not choices or path not in choices:
        return None
    choice = choices[path]
    if isinstance(choice, str):
        return choice
    return choice.side if choice.fits(ours, theirs, digests) else None


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
"""Tables whose presence alone means nothing (an empty one is the same as none). A form table
(`[beoordeling.werknemer]`) is not among them: its presence means the form was received."""

TEXT_KEYS = frozenset(
    {"analyse", "conclusies", "acties", "toelichting_te_laat", "herstelplan", "opmerking", "adres", "tekst"}
)
"""Free texts: merged line by line, and "beide" may be picked when the edits overlap."""


def _table_like(value: Any, key: str) -> bool:
    return isinstance(value, dict) or (value is MISSING and key in PRESENCE_FREE)


def _as_table(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _keys(base: dict, ours: dict, theirs: dict) -> list:
    return (
        list(ours)
        + [k for k in theirs if k not in ours]
        + [k for k in base if k not in ours and k not in theirs]
    )


def _is_text(key: Any, *values: Any) -> bool:
    texts = [v for v in values if v is not MISSING]
    if not all(isinstance(v, str) for v in texts):
        return False
    return key in TEXT_KEYS or any("\n" in v for v in texts)


def merge_tables(
    base: dict[str, Any],
    ours: dict[str, Any],
    theirs: dict[str, Any],
    path: tuple[str, ...] = (),
    choices: Choices | None = None,
) -> tuple[dict[str, Any], list[FieldConflict]]:
    """Merge two changed versions of a table against their base, key by key, tables recursively.

    The result holds ours where a key conflicts; the conflicts list names every such key. A
    conflict with a fitting pick takes the picked side. Key order: ours, then theirs' new keys.
    """
    merged: dict[str, Any] = {}
    conflicts: list[FieldConflict] = []
    for key in _keys(base, ours, theirs):
        b, o, t = base.get(key, MISSING), ours.get(key, MISSING), theirs.get(key, MISSING)
        here = (*path, key)
        if same_value(o, t) or same_value(t, b):
            value = o
        elif same_value(o, b):
            value = t
        elif _table_like(o, key) and _table_like(t, key) and (b is MISSING or isinstance(b, dict)):
            value, inner = merge_tables(*(_as_table(v) for v in (b, o, t)), here, choices)
            conflicts += inner
            if not value and key in PRESENCE_FREE:
                value = MISSING
        elif (keyed := _question_lists(b, o, t)) is not None:
            value, inner = _merge_questions(*keyed, here, choices)
            conflicts += inner
        else:
            value, conflict = _merge_leaf(key, here, b, o, t, choices)
            if conflict is not None:
                conflicts.append(conflict)
        if value is not MISSING:
            merged[key] = value
    return merged, conflicts


def _merge_leaf(
    key: Any, here: tuple, b: Any, o: Any, t: Any, choices: Choices | None
) -> tuple[Any, FieldConflict | None]:
    """A value both sides changed differently: a text line by line, else a pick or a conflict."""
    text = _is_text(key, b, o, t)
    if text and isinstance(o, str) and isinstance(t, str):
        lines = merge_lines(b if isinstance(b, str) else "", o, t)
        if lines is not None:
            return lines, None
    side = _pick(choices, here, o, t)
    if side == "theirs":
        return t, None
    if side == "ours":
        return o, None
    if side == "both" and isinstance(o, str) and isinstance(t, str):
        return both_texts(o, t), None
    kind = "tekst" if text and isinstance(o, str) and isinstance(t, str) else "veld"
    return o, FieldConflict(here, o, t, kind, b)


def _question_lists(b: Any, o: Any, t: Any) -> tuple[dict, dict, dict] | None:
    """`[[vraag]]` lists as tables by question id, when every entry has its own id."""
    keyed = []
    for value in (b, o, t):
        if value is MISSING:
            keyed.append({})
            continue
        if not isinstance(value, list) or not all(
            isinstance(q, dict) and isinstance(q.get("id"), str) for q in value
        ):
            return None
        ids = [q["id"] for q in value]
        if len(set(ids)) != len(ids):
            return None
        keyed.append({q["id"]: q for q in value})
    return keyed[0], keyed[1], keyed[2]


def _merge_questions(b: dict, o: dict, t: dict, here: tuple, choices: Choices | None) -> tuple[Any, list]:
    merged, conflicts = merge_tables(b, o, t, here, choices)
    return [q for q in merged.values() if isinstance(q, dict)] or MISSING, conflicts


# --- a period must not contradict itself -------------------------------------------------------

SIDES = ("werknemer", "werkgever")


def _form_and_reason(table: dict, side: str) -> tuple[Any, Any]:
    form = _as_table(table.get("beoordeling")).get(side, MISSING)
    reason = _as_table(table.get("ontbreekt")).get(side, MISSING)
    return form, reason


def _contradiction_shown(table: dict, side: str) -> str:
    form, reason = _form_and_reason(table, side)
    if form is not MISSING:
        return f"formulier {side} ontvangen" + (
            f" (cijfer {spoken(form['cijfer'])})" if isinstance(form, dict) and "cijfer" in form else ""
        )
    if reason is not MISSING:
        return f"reden ontbreekt: {reason}"
    return "(leeg)"


def _contradictions(merged: dict, ours: dict, theirs: dict, choices: Choices | None) -> list[FieldConflict]:
    """A received form plus an `ontbreekt` reason for the same side, made by the merge itself:
    reported as a conflict (pick one side's form and reason), or resolved by a fitting pick."""
    conflicts = []
    for side in SIDES:
        form, reason = _form_and_reason(merged, side)
        if form is MISSING or reason is MISSING:
            continue
        if any(MISSING not in _form_and_reason(version, side) for version in (ours, theirs)):
            continue  # one side already held both: that is a check error, not the merge's doing
        here = ("ontbreekt", side)
        o, t = _contradiction_shown(ours, side), _contradiction_shown(theirs, side)
        picked = _pick(choices, here, o, t)
        if picked in ("ours", "theirs"):
            source = ours if picked == "ours" else theirs
            for table_key in ("beoordeling", "ontbreekt"):
                value = _as_table(source.get(table_key)).get(side, MISSING)
                target = merged.setdefault(table_key, {})
                if value is MISSING:
                    target.pop(side, None)
                else:
                    target[side] = value
                if not target:
                    merged.pop(table_key)
            continue
        conflicts.append(FieldConflict(here, o, t, "tegenstrijdig"))
    return conflicts


# --- whole texts -------------------------------------------------------------------------------


@dataclass
class MergeResult:
    """The outcome for one file: its merged text (None: deleted) or the conflicts.

    With conflicts, `text` is None and `draft` is the merge with ours in every conflicting
    place (comments kept), for a screen that wants to show it."""

    rel: str
    text: str | None = None
    conflicts: list[FieldConflict] = field(default_factory=list)
    draft: str | None = None

    def __post_init__(self) -> None:
        if self.conflicts:
            self.draft, self.text = self.draft if self.draft is not None else self.text, None

    @property
    def clean(self) -> bool:
        return not self.conflicts


FileMerge = MergeResult
"""The older name, kept for callers."""


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


def merge_texts(
    base: str | None,
    ours: str | None,
    theirs: str | None,
    kind: str | None,
    choices: Choices | None = None,
    rel: str = "",
) -> MergeResult:
    """Three-way merge of one data file's texts (None = absent in that version).

    `kind` is "organisatie", "vragenlijst", "periode" or "meetjaar" (None: guessed from `rel`);
    `choices` are picks for conflicts shown before (see Pick)."""
    kind = kind or kind_of(rel)
    b, o, t = _read(base), _read(ours), _read(theirs)
    label_o, label_t = whole_label(rel, ours, base, o), whole_label(rel, theirs, base, t)
    digests = (text_digest(ours), text_digest(theirs))
    whole = _pick(choices, (), label_o, label_t, digests)
    if whole in ("ours", "theirs"):
        return MergeResult(rel, theirs if whole == "theirs" else ours)
    if ours == theirs or theirs == base:
        return MergeResult(rel, ours)
    if ours == base:
        return MergeResult(rel, theirs)
    if o is None or t is None or (b is None and base is not None) or kind is None:
        return MergeResult(rel, ours, [FieldConflict((), label_o, label_t, "onleesbaar", digests=digests)])
    if o is MISSING or t is MISSING:
        other = theirs if o is MISSING else ours  # an edit of comments only is an edit too
        if (base is not None and other == base) or (o is MISSING and t is MISSING):
            return MergeResult(rel, None)
        return MergeResult(rel, ours, [FieldConflict((), label_o, label_t, "verwijderd", digests=digests)])
    merged, conflicts = merge_tables(b if isinstance(b, dict) else {}, o, t, (), choices)
    if kind == "periode":
        conflicts += _contradictions(merged, o, t, choices)
    comments = merge_comments(collect_comments(base), collect_comments(ours), collect_comments(theirs))
    return MergeResult(rel, render(kind, rel, merged, comments), conflicts)


def text_digest(text: str | bytes | None) -> str | None:
    """What a whole-file pick was shown: the version's content, so a newer one is shown again."""
    if text is None:
        return None
    data = text.encode("utf-8", "surrogateescape") if isinstance(text, str) else text
    return sha1(data).hexdigest()[:16]


def whole_label(rel: str, text: str | bytes | None, base: str | bytes | None, table: Any = 0) -> str:
    """How a whole version is named in a conflict: deleted, changed, or a file ktv cannot read."""
    if text is None:
        return DELETED
    if rel.lower().endswith(".pdf"):
        return PDF_FILE
    if not rel.endswith(".toml") or isinstance(text, bytes):
        return OTHER_FILE
    if table is None:
        return UNREADABLE
    return CHANGED if text != base else UNCHANGED


def merge_file(
    rel: str, base: str | None, ours: str | None, theirs: str | None, choices: Choices | None = None
) -> MergeResult:
    """`merge_texts` with the kind taken from the file's path (the merge driver, sync)."""
    return merge_texts(base, ours, theirs, None, choices, rel=rel)


def merge_comments(base: Comments, ours: Comments, theirs: Comments) -> Comments:
    """Comments of both sides: a comment one side added or changed is kept; none is dropped."""
    merged = Comments(order=list(ours.order) + [p for p in theirs.order if p not in ours.order])
    for path in merged.order:
        above = _pick_comment(*(c.above.get(path) for c in (base, ours, theirs)))
        b, o, t = (c.eol.get(path) for c in (base, ours, theirs))
        eol = _pick_comment(b, o, t)
        if o and t and o != t and eol == o:  # two different end-of-line comments: theirs goes above
            above = [*(above or []), t[1]]
        if above:
            merged.above[path] = above
        if eol:
            merged.eol[path] = eol
    merged.end = _pick_comment(base.end or None, ours.end or None, theirs.end or None) or []
    return merged


def _pick_comment(base: Any, ours: Any, theirs: Any) -> Any:
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    if isinstance(ours, list) and isinstance(theirs, list):  # both changed a comment block: keep both
        return ours + [line for line in theirs if line not in ours or line == ""]
    return ours
