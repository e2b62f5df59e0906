"""What a spreadsheet file reads as: one table of raw cells per sheet, plus what the cells alone
do not say (a formula without a stored value, an error value, merged cells), so that a message
can name the cell as the spreadsheet does (`B7`, `blad '2018', rij 5`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .errors import KtvError

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

FORMULA_WITHOUT_VALUE = "formule"
ERROR_VALUE = "fout"


class SheetError(KtvError):
    """A file that cannot be read as a spreadsheet (refused, exit 2): the message is Dutch."""


class SheetContentError(SheetError):
    """A spreadsheet whose content is wrong as a whole (an unclosed quote): an error of the
    file, like an unknown column (nothing imported, exit 1)."""


@dataclass
class SheetTable:
    """One sheet: `rows[i][j]` is the cell in row i + 1, column j (empty rows kept)."""

    name: str | None
    """The sheet's name; None for CSV (one table, no sheets)."""
    rows: list[list[Any]]
    bad_cells: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)
    """(row index, column index) → (FORMULA_WITHOUT_VALUE or ERROR_VALUE, the text shown)."""
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    """Merged ranges as ((first row, first column), (last row, last column)), 0-based."""

    def merged_range_of(self, row: int, column: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
        for start, end in self.merged:
            if start[0] <= row <= end[0] and start[1] <= column <= end[1]:
                return start, end
        return None


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: as the spreadsheet shows it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def cell_ref(row: int, column: int) -> str:
    """0-based row and column → `B7`."""
    return f"{column_letter(column)}{row + 1}"


def guard(text: str) -> str:
    """A text a spreadsheet would run as a formula (`=…`, `+…`, `-…`, `@…`) gets an apostrophe,
    the spreadsheets' own sign for "this is text"; the import takes it off again."""
    return "'" + text if text.lstrip("'").startswith(FORMULA_START) else text


def unguard(text: str) -> str:
    """Undo `guard`: one apostrophe off a text that would otherwise start a formula. An office
    program that opened ktv's CSV keeps the apostrophe in the cell, so this holds for every
    format (issue 20)."""
    return text[1:] if text.startswith("'") and text.lstrip("'").startswith(FORMULA_START) else text
