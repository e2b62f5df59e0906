"""Typed access to a parsed TOML table that records a Dutch problem for every misfit."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from decimal import Decimal
from functools import cached_property
from typing import Any

from .characters import character_name, forbidden_character
from .problems import Problem, error, warning
from .schema import FileKind
from .toml_io import key_lines, line_of

KeyPath = tuple[str | int, ...]

TYPE_NAMES = {
    "str": "tekst",
    "date": "datum (JJJJ-MM-DD)",
    "number": "getal",
    "bool": "true of false",
    "table": "tabel",
    "list": "lijst",
}


def describe_value(value: Any) -> str:
    """A short Dutch name for what was found instead, for the message."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, time):
        return "tijd"
    if isinstance(value, datetime):
        return "datum met tijd"
    if isinstance(value, date):
        return "datum"
    if isinstance(value, int | Decimal | float):
        return "getal"
    if isinstance(value, str):
        return "tekst"
    if isinstance(value, dict):
        return "tabel"
    if isinstance(value, list):
        return "lijst"
    return type(value).__name__


def _matches(value: Any, kind: str) -> bool:
    if kind == "str":
        return isinstance(value, str)
    if kind == "date":
        return isinstance(value, date) and not isinstance(value, datetime)
    if kind == "number":
        return isinstance(value, int | Decimal) and not isinstance(value, bool)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "table":
        return isinstance(value, dict)
    if kind == "list":
        return isinstance(value, list)
    raise ValueError(kind)


def closest(key: str, allowed: Iterable[str]) -> str | None:
    """The known key a misspelt one most likely meant, or None."""
    close = difflib.get_close_matches(key, sorted(allowed), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(key: str, allowed: Iterable[str]) -> str:
    close = closest(key, allowed)
    return f" (bedoelt u '{close}'?)" if close else ""


def dotted(path: KeyPath) -> str:
    return ".".join(str(part) if isinstance(part, str) else f"[{part}]" for part in path)


class FileContext:
    """One file being read: its relative path, its text (for lines) and its problems so far."""

    def __init__(self, rel: str, text: str) -> None:
        self.rel = rel
        self.text = text
        self.problems: list[Problem] = []

    @cached_property
    def _lines(self) -> dict[KeyPath, int]:
        # Only computed when a problem needs a line: clean files never pay for the scan.
        return key_lines(self.text)

    def line(self, path: KeyPath) -> int | None:
        return line_of(self._lines, path) if path else None

    def error(self, path: KeyPath, message: str, *, code: str, **params: Any) -> None:
        self.problems.append(error(self.rel, self.line(path), message, code=code, path=path, params=params))

    def warn(self, path: KeyPath, message: str, *, code: str, **params: Any) -> None:
        self.problems.append(warning(self.rel, self.line(path), message, code=code, path=path, params=params))

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)


class Table:
    """Read keys of one table; `finish` reports every key the file kind's schema does not list."""

    def __init__(
        self, ctx: FileContext, data: dict[str, Any], path: KeyPath = (), kind: FileKind | None = None
    ) -> None:
        self.ctx = ctx
        self.data = data
        self.path = path
        self.kind = kind
        self.seen: set[str] = set()

    @property
    def known(self) -> tuple[str, ...]:
        """The keys this table may hold: the schema's (store/schema.py), else those asked for."""
        return self.kind.keys(self.path) if self.kind is not None else tuple(self.seen)

    def get(self, key: str, kind: str, *, required: bool = False) -> Any:
        self.seen.add(key)
        full = (*self.path, key)
        if key not in self.data:
            if required:
                where = f" in [{dotted(self.path)}]" if self.path and isinstance(self.path[-1], str) else ""
                # The path names the missing key; its line is the table's (line_of walks up).
                self.ctx.error(
                    full,
                    f"verplichte sleutel '{key}' ontbreekt{where}",
                    code="ontbrekende-sleutel",
                    sleutel=key,
                )
            return None
        value = self.data[key]
        if not _matches(value, kind):
            self.ctx.error(
                full,
                f"'{dotted(full)}' moet een {TYPE_NAMES[kind]} zijn, niet een {describe_value(value)}",
                code="verkeerd-type",
                sleutel=dotted(full),
                verwacht=kind,
                gevonden=describe_value(value),
            )
            return None
        return value

    def text(
        self, key: str, *, required: bool = False, nonempty: bool = False, multiline: bool = False
    ) -> str | None:
        """A text value; line breaks and tabs only where `multiline` (SPEC §2 control characters)."""
        value = self.get(key, "str", required=required)
        full = (*self.path, key)
        if value is not None and nonempty and not value.strip():
            self.ctx.error(
                full, f"'{dotted(full)}' mag niet leeg zijn", code="lege-waarde", sleutel=dotted(full)
            )
            return None
        if value is not None and not check_characters(self.ctx, full, value, multiline=multiline):
            return None
        return value

    def sub(self, key: str, *, required: bool = False) -> Table | None:
        value = self.get(key, "table", required=required)
        return Table(self.ctx, value, (*self.path, key), self.kind) if value is not None else None

    def finish(self, check: Callable[[str], bool] | None = None) -> None:
        """Every key the schema does not list is an error, with a did-you-mean from the keys this
        table knows: a misspelt `cijfr` or `[beoordeling.werknmer]` would otherwise drop a grade."""
        if self.kind is not None and self.kind.free(self.path):
            return
        known = set(self.known) | self.seen
        for key in self.data:
            if key in known or (check and check(key)):
                continue
            kind = "tabel" if isinstance(self.data[key], dict) else "sleutel"
            close = closest(key, sorted(known))
            self.ctx.error(
                (*self.path, key),
                f"onbekende {kind} '{dotted((*self.path, key))}'{did_you_mean(key, known)}",
                code="onbekende-sleutel",
                sleutel=dotted((*self.path, key)),
                suggestie=close,
            )


def check_characters(ctx: FileContext, path: KeyPath, value: str, *, multiline: bool = False) -> bool:
    """False (and an error) when the text holds a control, bidi or zero-width character."""
    bad = forbidden_character(value, multiline=multiline)
    if bad is None:
        return True
    where = "" if multiline or bad not in "\t\n\r" else " (alleen een meerregelige tekst mag dat)"
    ctx.error(
        path,
        f"'{dotted(path)}' bevat een stuurteken: {character_name(bad)}{where}",
        code="stuurteken",
        sleutel=dotted(path),
        teken=f"U+{ord(bad):04X}",
    )
    return False
