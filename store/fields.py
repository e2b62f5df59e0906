"""Typed access to a parsed TOML table that records a Dutch problem for every misfit."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from decimal import Decimal
from functools import cached_property
from typing import Any

from .problems import Problem, error, warning
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


def did_you_mean(key: str, allowed: Iterable[str]) -> str:
    close = difflib.get_close_matches(key, list(allowed), n=1, cutoff=0.6)
    return f" (bedoelt u '{close[0]}'?)" if close else ""


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

    def error(self, path: KeyPath, message: str) -> None:
        self.problems.append(error(self.rel, self.line(path), message))

    def warn(self, path: KeyPath, message: str) -> None:
        self.problems.append(warning(self.rel, self.line(path), message))

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)


class Table:
    """Read keys of one table; `finish` warns about the keys nobody asked for."""

    def __init__(self, ctx: FileContext, data: dict[str, Any], path: KeyPath = ()) -> None:
        self.ctx = ctx
        self.data = data
        self.path = path
        self.seen: set[str] = set()

    def get(self, key: str, kind: str, *, required: bool = False) -> Any:
        self.seen.add(key)
        full = (*self.path, key)
        if key not in self.data:
            if required:
                where = f" in [{dotted(self.path)}]" if self.path and isinstance(self.path[-1], str) else ""
                self.ctx.error(self.path, f"verplichte sleutel '{key}' ontbreekt{where}")
            return None
        value = self.data[key]
        if not _matches(value, kind):
            self.ctx.error(
                full,
                f"'{dotted(full)}' moet een {TYPE_NAMES[kind]} zijn, niet een {describe_value(value)}",
            )
            return None
        return value

    def text(self, key: str, *, required: bool = False, nonempty: bool = False) -> str | None:
        value = self.get(key, "str", required=required)
        if value is not None and nonempty and not value.strip():
            self.ctx.error((*self.path, key), f"'{dotted((*self.path, key))}' mag niet leeg zijn")
            return None
        if value is not None:
            bad = [ch for ch in value if ord(ch) < 32 and ch not in "\n\t"]
            if bad:
                self.ctx.error(
                    (*self.path, key),
                    f"'{dotted((*self.path, key))}' bevat een stuurteken (U+{ord(bad[0]):04X})",
                )
                return None
        return value

    def sub(self, key: str, *, required: bool = False) -> Table | None:
        value = self.get(key, "table", required=required)
        return Table(self.ctx, value, (*self.path, key)) if value is not None else None

    def finish(self, check: Callable[[str], bool] | None = None) -> None:
        """Warn about unknown keys, with a did-you-mean from the keys this table knows."""
        for key in self.data:
            if key in self.seen or (check and check(key)):
                continue
            self.ctx.warn(
                (*self.path, key),
                f"onbekende sleutel '{dotted((*self.path, key))}'{did_you_mean(key, self.seen)}",
            )
