"""Writing a merged table back as text, with every comment and in order (SPEC "the edges").

A merged table that is a valid file of its kind is written in canonical form (the writer of
that kind, comments put back by key path). One that is not (a typo key, a grade out of range)
is written in the order of its keys as read, by the same emitter and with the same comments:
a merge never drops a comment, whatever the file holds.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import tomli_w

from .canonical import Norm, Section, emit
from .comments import Comments
from .fields import FileContext

KINDS = ("organisatie", "vragenlijst", "periode", "meetjaar")


def kind_of(rel: str) -> str | None:
    """The file kind from its path (also under a sub-folder of a larger repository)."""
    parts = rel.replace("\\", "/").split("/")
    name, parent = parts[-1], (parts[-2] if len(parts) > 1 else "")
    if not name.endswith(".toml"):
        return None
    if name == "ktv.toml" and parent not in ("perioden", "meetjaren", "vragenlijsten"):
        return "organisatie"
    if parent == "vragenlijsten":
        return "vragenlijst"
    if parent == "perioden":
        return "periode"
    if parent == "meetjaren" and name.removesuffix(".toml").isdigit():
        return "meetjaar"
    return None


def render(kind: str | None, rel: str, table: dict[str, Any], comments: Comments | None) -> str:
    """The merged table as text: canonical when valid for its kind, else in read order."""
    raw = tomli_w.dumps(table, multiline_strings=True)
    canonical = _canonical(kind, rel, raw, comments)
    if canonical is not None:
        return canonical
    try:
        return emit(_sections(table), comments)
    except (TypeError, ValueError):  # a value the emitter cannot write (a time, inline tables)
        return raw


def _canonical(kind: str | None, rel: str, raw: str, comments: Comments | None) -> str | None:
    from .canonical import organisation_text, period_text, questionnaire_text, year_notes_text
    from .parse import parse_organisation, parse_period, parse_questionnaire, parse_year_notes

    name = rel.replace("\\", "/").rsplit("/", 1)[-1].removesuffix(".toml")
    ctx = FileContext(rel, raw)
    try:
        if kind == "periode":
            period, _ = parse_period(ctx, name)
            text = period_text(period, comments) if period is not None and not ctx.problems else None
        elif kind == "meetjaar":
            notes = parse_year_notes(ctx, int(name))
            text = year_notes_text(notes, comments) if notes is not None and not ctx.problems else None
        elif kind == "organisatie":
            org = parse_organisation(ctx)
            text = organisation_text(org, comments) if org is not None and not ctx.problems else None
        elif kind == "vragenlijst":
            questionnaire = parse_questionnaire(ctx, name)
            ok = questionnaire is not None and not ctx.problems
            text = questionnaire_text(questionnaire, comments) if ok else None
        else:
            return None
    except (TypeError, ValueError, KeyError, AttributeError):
        return None
    if text is None or _lost_something(raw, text):
        return None
    return text


def _lost_something(raw: str, text: str) -> bool:
    """The canonical writer must hold every value of the merge; when a model leaves a key out
    (one it does not know yet), the file is written in read order instead."""
    import tomllib

    try:
        return _flat(tomllib.loads(raw)) - _flat(tomllib.loads(text)) != set()
    except tomllib.TOMLDecodeError:
        return True


def _flat(table: Any, prefix: tuple = ()) -> set:
    if isinstance(table, dict):
        return set().union(*(_flat(v, (*prefix, k)) for k, v in table.items())) if table else {prefix}
    if isinstance(table, list) and table and all(isinstance(v, dict) for v in table):
        return set().union(*(_flat(v, (*prefix, i)) for i, v in enumerate(table)))
    if isinstance(table, float | Decimal | int) and not isinstance(table, bool):
        return {(*prefix, Decimal(str(table)).normalize())}
    return {(*prefix, repr(table))}


def _value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return Norm(value)  # written with the decimals it has
    if isinstance(value, list):
        return [_value(v) for v in value]
    if isinstance(value, dict):
        raise TypeError("inline table")
    return value


def _sections(table: dict[str, Any], name: str | None = None) -> list[Section]:
    """Sections in read order: the table's own keys, then its sub-tables and arrays of tables."""
    pairs = [(k, _value(v)) for k, v in table.items() if not isinstance(v, dict) and not _is_table_array(v)]
    super_table = name and not pairs and table and all(isinstance(v, dict) for v in table.values())
    sections: list[Section] = [] if super_table else [(f"[{name}]" if name else None, pairs)]
    for key, value in table.items():
        child = f"{name}.{_key(key)}" if name else _key(key)
        if isinstance(value, dict):
            sections += _sections(value, child)
        elif _is_table_array(value):
            for item in value:
                own = [
                    (k, _value(v))
                    for k, v in item.items()
                    if not isinstance(v, dict) and not _is_table_array(v)
                ]
                sections.append((f"[[{child}]]", own))
                rest = {k: v for k, v in item.items() if isinstance(v, dict) or _is_table_array(v)}
                sections += [s for s in _sections(rest, child) if s[0] != f"[{child}]"] if rest else []
    return sections


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _key(key: str) -> str:
    from .canonical import format_key

    return format_key(key)
