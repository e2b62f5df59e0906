"""A file's text to TOML data, with every way that can fail as a problem with a code.

Conflict markers, syntax errors (with a cause code and a line), a number too long for Python,
nesting too deep; and the comments, which are text too (SPEC §2: no personal data, no control
characters in them).
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

from .characters import character_name, forbidden_character
from .fields import FileContext
from .privacy import find_personal_data
from .problems import Problem, error
from .toml_io import MAX_FILE_BYTES, conflict_marker_lines, decode, load_toml, physical_lines, toml_comments

SYNTAX_CAUSES: dict[str, str] = {
    "dubbele-sleutel": "deze sleutel komt twee keer voor",
    "dubbele-tabel": "deze tabel komt twee keer voor",
    "is-teken-verwacht": "'=' verwacht na een sleutel",
    "tabelnaam-open": "']' verwacht aan het eind van de tabelnaam",
    "lijsttabelnaam-open": "']]' verwacht aan het eind van de tabelnaam",
    "iets-achter-waarde": "nog iets achter de waarde op dezelfde regel",
    "ongeldige-datum": "ongeldige datum (schrijf JJJJ-MM-DD)",
    "ongeldige-waarde": "ongeldige waarde (tekst tussen aanhalingstekens, datum als JJJJ-MM-DD)",
    "ongeldige-regel": "ongeldige regel",
    "ongeldige-sleutel": "ongeldig teken aan het begin van een sleutel",
    "lijst-open": "lijst niet afgesloten met ']'",
    "tabel-open": "tabel niet afgesloten met '}'",
    "tekst-open": "tekst niet afgesloten met een aanhalingsteken",
    "losse-backslash": "losse backslash in tekst",
    "ongeldig-teken": "ongeldig teken",
    "ongeldige-escape": "ongeldige escape in tekst",
    "te-lang-getal": "getal met te veel cijfers",
    "te-diep": "lijsten of tabellen te diep in elkaar genest",
    "onbekend": "",
}
"""Every cause of a `toml-syntax` problem (its `params["oorzaak"]`) and its Dutch wording."""

_TOMLLIB_TEMPLATES = (
    ("Cannot overwrite a value", "dubbele-sleutel"),
    ("Cannot declare", "dubbele-tabel"),
    ("Cannot redefine", "dubbele-tabel"),
    ("Cannot mutate", "dubbele-tabel"),
    ("Duplicate inline table key", "dubbele-sleutel"),
    ("Expected '=' after a key", "is-teken-verwacht"),
    ("Expected ']' at the end", "tabelnaam-open"),
    ("Expected ']]' at the end", "lijsttabelnaam-open"),
    ("Expected newline", "iets-achter-waarde"),
    ("Invalid date or datetime", "ongeldige-datum"),
    ("Invalid value", "ongeldige-waarde"),
    ("Invalid statement", "ongeldige-regel"),
    ("Invalid initial character for a key", "ongeldige-sleutel"),
    ("Unclosed array", "lijst-open"),
    ("Unclosed inline table", "tabel-open"),
    ("Unterminated string", "tekst-open"),
    ("Unescaped '\\'", "losse-backslash"),
    ("Illegal character", "ongeldig-teken"),
    ("Found invalid character", "ongeldig-teken"),
    ("Invalid hex value", "ongeldige-escape"),
    ("Escaped character", "ongeldige-escape"),
)
"""tomllib's error templates (Python's own, English, stable since 3.11) to cause codes: the one
place a library's message text is read, at the boundary, before any problem exists. Python 3.14
gives the template as `exc.msg`; earlier versions only as the start of `str(exc)`."""

_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)|\(at end of document\)")
_LONG_NUMBER = re.compile(r"[0-9_]{4000,}")


def syntax_error(exc: tomllib.TOMLDecodeError, text: str) -> tuple[int | None, str]:
    """The line and the cause code (SYNTAX_CAUSES) of a TOML syntax error."""
    template = getattr(exc, "msg", None) or str(exc)
    line: int | None = getattr(exc, "lineno", None)
    if line is None:
        match = _TOML_POSITION.search(str(exc))
        if match and match.group(1):
            line = int(match.group(1))
        elif match:
            line = text.count("\n") + 1
    cause = next((c for prefix, c in _TOMLLIB_TEMPLATES if template.startswith(prefix)), "onbekend")
    return line, cause


def syntax_message(cause: str) -> str:
    wording = SYNTAX_CAUSES.get(cause, "")
    return f"TOML-syntaxfout: {wording}" if wording else "TOML-syntaxfout"


def toml_error_in_dutch(exc: tomllib.TOMLDecodeError, text: str) -> tuple[int | None, str]:
    """The line and a Dutch message for a TOML syntax error (kept for callers of old)."""
    line, cause = syntax_error(exc, text)
    return line, syntax_message(cause)


def decode_toml(ctx: FileContext) -> dict[str, Any] | None:
    """Parse the file's text; conflict markers and syntax errors become problems, and so do
    personal data and control characters in its comments (SPEC §2: a comment is text too)."""
    markers = conflict_marker_lines(ctx.text)
    if markers:
        for line in markers:
            message = "git-conflictmarkering: los het samenvoegconflict op in dit bestand"
            ctx.problems.append(_problem_at(ctx, line, message, "conflictmarkering"))
        return None
    try:
        data = load_toml(ctx.text)
    except tomllib.TOMLDecodeError as exc:
        line, cause = syntax_error(exc, ctx.text)
        bad_date = _invalid_date(ctx.text, line)
        if bad_date is not None:  # `2016-13-01` is a wrong date, not broken syntax (issue 19)
            key, written, why = bad_date
            message = f"ongeldige datum {written} bij '{key}': {why} (schrijf JJJJ-MM-DD)"
            ctx.problems.append(_problem_at(ctx, line, message, "ongeldige-waarde", sleutel=key))
            return None
        ctx.problems.append(_syntax_problem(ctx, line, cause))
        return None
    except ValueError:
        # tomllib lets int()'s limit escape for a whole number of thousands of digits.
        long_number = _LONG_NUMBER.search(ctx.text)
        line = ctx.text.count("\n", 0, long_number.start()) + 1 if long_number else None
        ctx.problems.append(_syntax_problem(ctx, line, "te-lang-getal"))
        return None
    except RecursionError:
        ctx.problems.append(_syntax_problem(ctx, None, "te-diep"))
        return None
    check_comments(ctx)
    _markers_in_strings(ctx)
    return data


def _markers_in_strings(ctx: FileContext) -> None:
    """git's conflict block inside a multi-line text is no text: an error (issue 19 item 5)."""
    if "<<<<<<<" not in ctx.text:
        return  # the common case, without even the import below
    from .conflict_text import marker_block_lines

    for line in marker_block_lines(ctx.text)[:1]:
        message = "git-conflictmarkering in een tekst: los het samenvoegconflict op in dit bestand"
        ctx.problems.append(_problem_at(ctx, line, message, "conflictmarkering"))


def _invalid_date(text: str, line: int | None) -> tuple[str, str, str] | None:
    from .calendar import invalid_date_on_line

    lines = physical_lines(text)
    if line is None or not 1 <= line <= len(lines):
        return None
    return invalid_date_on_line(lines[line - 1])


def _syntax_problem(ctx: FileContext, line: int | None, cause: str) -> Problem:
    return error(ctx.rel, line, syntax_message(cause), code="toml-syntax", params={"oorzaak": cause})


def _problem_at(ctx: FileContext, line: int | None, message: str, code: str, **params: Any) -> Problem:
    return error(ctx.rel, line, message, code=code, params=params)


def check_comments(ctx: FileContext) -> None:
    """A comment may hold no personal data and no control character; `[contact]` is exempt
    only for its values, not for comments."""
    for line, comment in toml_comments(ctx.text):
        bad = forbidden_character(comment)
        if bad is not None and bad != "\t":
            message = f"commentaar bevat een stuurteken: {character_name(bad)}"
            ctx.problems.append(_problem_at(ctx, line, message, "stuurteken", teken=f"U+{ord(bad):04X}"))
        for hit in find_personal_data(comment):
            message = f"commentaar bevat persoonsgegevens: {hit.description}; gebruik alleen pseudoniemen"
            ctx.problems.append(_problem_at(ctx, line, message, "persoonsgegevens", soort=hit.description))


def parse_bytes(rel: str, data: bytes) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Bytes from anywhere (a file from the git history) through the same tolerant path as a
    file read from disk: not UTF-8, bad TOML, deep nesting, a huge number are problems."""
    if len(data) > MAX_FILE_BYTES:
        return None, [
            error(
                rel,
                None,
                f"bestand is te groot ({len(data)} bytes, hoogstens 1 MB); niet gelezen",
                code="onleesbaar-bestand",
            )
        ]
    try:
        text = decode(data)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [
            error(rel, line, "geen geldige UTF-8-tekst (sla het bestand op als UTF-8)", code="geen-utf8")
        ]
    ctx = FileContext(rel, text)
    return decode_toml(ctx), list(ctx.problems)
