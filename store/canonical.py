"""The canonical text of each kind of data file: fixed key order, one-decimal grades.

tomli-w formats the values (strings with their escapes, multi-line text, dates); this module
adds what tomli-w does not do for the canonical form: the key order of SPEC §2, `[[vraag]]`
tables instead of inline arrays, short inline arrays, and grades written as `7.0`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

import tomli_w

from .comments import Comments, KeyPath, place_comments
from .model import DEFAULT_NORM, SCHEMA, SIDES, Organisation, Period, Questionnaire, YearNotes
from .schema import ORGANISATION, PERIOD, QUESTIONNAIRE, SIDE, YEAR_NOTES, FileKind

Section = tuple[str | None, list[tuple[str, Any]]]
"""A table header (None for the top, `[[name]]` written literally) and its key/value pairs."""


class Norm(Decimal):
    """A norm is written with the decimals it was written with (6.45 stays 6.45, 7 becomes 7.0)."""


def one_decimal(value: Decimal) -> Decimal:
    return Decimal(value).quantize(Decimal("0.1"))


def format_value(value: Any) -> str:
    if isinstance(value, Norm):
        return format(value if value.as_tuple().exponent < 0 else one_decimal(value), "f")
    if isinstance(value, Decimal):
        return format(one_decimal(value), "f")
    if isinstance(value, list):
        return "[" + ", ".join(format_value(item) for item in value) + "]"
    if isinstance(value, str | date | int | bool):
        return _format_scalar(value)
    raise TypeError(f"cannot write {type(value).__name__}")


@functools.lru_cache(maxsize=4096, typed=True)
def _format_scalar(value: str | date | int | bool) -> str:
    """Codes, answers and dates repeat across files: an import of 5 000 rows formats each once."""
    if isinstance(value, str):
        return format_string(value)
    line = tomli_w.dumps({"v": value})
    return line[len("v = ") :].rstrip("\n")


_COMPACT_ESCAPES = {"\b": "\\b", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}


def format_string(value: str) -> str:
    """A TOML basic string that reads back as exactly `value` (SPEC §2: form, never content).

    A text with a line break is written as a multi-line string, one line per line; every other
    control character, and a carriage return (also one before a line break: tomli-w turns
    CRLF into LF, and a CRLF typed in a text is content), is written as an escape.
    """
    multiline = "\n" in value
    out = ['"""\n' if multiline else '"']
    for char in value:
        if char == "\n" and multiline:
            out.append("\n")
        elif char == "\t":
            out.append("\t")
        elif char in _COMPACT_ESCAPES:
            out.append(_COMPACT_ESCAPES[char])
        elif char < " " or char == "\x7f":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    out.append('"""' if multiline else '"')
    return "".join(out)


@functools.lru_cache(maxsize=512)
def format_key(key: str) -> str:
    line = tomli_w.dumps({key: 0})
    return line[: -len(" = 0\n")]


def emit(sections: Iterable[Section], comments: Comments | None = None) -> str:
    sections = [(header, [(k, v) for k, v in pairs if v is not None]) for header, pairs in sections]
    if comments:
        return _emit_with_comments(sections, comments)
    chunks: list[str] = []
    for header, pairs in sections:
        lines = [header] if header else []
        lines += [f"{format_key(k)} = {format_value(v)}" for k, v in pairs]
        if lines:
            chunks.append("\n".join(lines) + "\n")
    return "\n".join(chunks)


def _header_paths(sections: list[Section]) -> list[KeyPath]:
    paths: list[KeyPath] = []
    counts: dict[str, int] = {}
    for header, _ in sections:
        if header is None:
            paths.append(())
        elif header.startswith("[["):
            name = header.strip("[]")
            counts[name] = counts.get(name, -1) + 1
            paths.append((name, counts[name]))
        else:
            paths.append(tuple(header.strip("[]").split(".")))
    return paths


def _emit_with_comments(sections: list[Section], comments: Comments) -> str:
    """The canonical text with the old file's comments put back by key path (SPEC §2)."""
    headers = _header_paths(sections)
    present: list[KeyPath] = []
    for (header, pairs), path in zip(sections, headers, strict=True):
        if header:
            present.append(path)
        present += [(*path, key) for key, _ in pairs]
    placed = place_comments(comments, present) or Comments()

    def with_comments(path: KeyPath, line: str) -> list[str]:
        eol = placed.eol.get(path)
        return [*placed.above.get(path, []), line + (eol[0] + eol[1] if eol else "")]

    chunks: list[str] = []
    for (header, pairs), path in zip(sections, headers, strict=True):
        lines = with_comments(path, header) if header else []
        for key, value in pairs:
            lines += with_comments((*path, key), f"{format_key(key)} = {format_value(value)}")
        if lines:
            chunks.append("\n".join(lines) + "\n")
    text = "\n".join(chunks)
    if placed.end:
        text += "\n".join(placed.end) + "\n"
    return text


def _pairs(kind: FileKind, table: tuple[str, ...], obj: Any) -> list[tuple[str, Any]]:
    """The value fields of one schema table in canonical order, read from the model object."""
    return [
        (f.key, SCHEMA if f.key == "schema" else getattr(obj, f.attr))
        for f in kind.fields_of(table)
        if f.type not in ("table", "tables")
    ]


def _header(path: tuple[str, ...]) -> str:
    return "[" + ".".join(format_key(part) for part in path) + "]"


def organisation_text(org: Organisation, comments: Comments | None = None) -> str:
    sections: list[Section] = [(None, _pairs(ORGANISATION, (), org))]
    default = all(org.norm[side] == DEFAULT_NORM for side in SIDES)
    if org.norm_explicit or not default:
        keys = ORGANISATION.keys(("norm",))
        sections.append((_header(("norm",)), [(key, Norm(org.norm[key])) for key in keys]))
    if org.contact:
        keys = ORGANISATION.keys(("contact",))
        sections.append((_header(("contact",)), [(key, org.contact.get(key)) for key in keys]))
    signature = _pairs(ORGANISATION, ("ondertekening",), org)
    if any(value for _, value in signature):
        sections.append((_header(("ondertekening",)), signature))
    codes = _pairs(ORGANISATION, ("codes",), org)
    if any(value is not None for _, value in codes):
        sections.append((_header(("codes",)), codes))
    if org.evidence:
        keys = ORGANISATION.keys(("bewijs",))
        sections.append((_header(("bewijs",)), [(key, org.evidence.get(key)) for key in keys]))
    uwv = _pairs(ORGANISATION, ("uwv",), org)
    if any(value is not None for _, value in uwv):
        sections.append((_header(("uwv",)), uwv))
    return emit(sections, comments)


def questionnaire_text(questionnaire: Questionnaire, comments: Comments | None = None) -> str:
    top = [
        (key, list(value) if key == "schaal" else value)
        for key, value in _pairs(QUESTIONNAIRE, (), questionnaire)
    ]
    sections: list[Section] = [(None, top)]
    for question in questionnaire.questions:
        pairs = [
            (key, value if key != "vervallen" else (True if value else None))
            for key, value in _pairs(QUESTIONNAIRE, ("vraag",), question)
        ]
        sections.append(("[[" + format_key("vraag") + "]]", pairs))
    return emit(sections, comments)


def period_text(period: Period, comments: Comments | None = None) -> str:
    sections: list[Section] = [(None, _pairs(PERIOD, (), period))]
    form_table = ("beoordeling", SIDE)
    for side in SIDES:
        form = period.forms.get(side)
        if form is None:
            continue
        header = _header(("beoordeling", side))
        sections.append(
            (header, [(k, v) for k, v in _pairs(PERIOD, form_table, form) if not isinstance(v, dict)])
        )
        if form.answers:
            sections.append((_header(("beoordeling", side, "antwoorden")), list(form.answers.items())))
    if period.missing_reasons:
        keys = PERIOD.keys(("ontbreekt",))
        sections.append((_header(("ontbreekt",)), [(key, period.missing_reasons.get(key)) for key in keys]))
    return emit(sections, comments)


def year_notes_text(notes: YearNotes, comments: Comments | None = None) -> str:
    return emit([(None, _pairs(YEAR_NOTES, (), notes))], comments)
