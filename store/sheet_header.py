"""Finding a sheet's header row: the first row (of the first 20 that hold anything) that names
the required columns, so a title row or an empty row above it is no problem (issue 20)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .sheet import REQUIRED_COLUMNS, cell_text, header_key, is_blank, read_header, row_is_empty

SEARCH_ROWS = 20


@dataclass
class FoundHeader:
    """Where the header is (0-based row index) and which column holds which ktv column."""

    index: int | None = None
    positions: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    empty: bool = False

    def skip_reason(self) -> str:
        if self.empty:
            return "leeg"
        if self.index is None:
            return "geen kopregel met de kolommen " + ", ".join(REQUIRED_COLUMNS)
        return "kopregel klopt niet: " + "; ".join(self.errors)


def _names_required(row: list[Any]) -> bool:
    keys = {header_key(cell_text(cell)) for cell in row if not is_blank(cell)}
    return all(header_key(name) in keys for name in REQUIRED_COLUMNS)


def find_header(rows: list[list[Any]], known: list[str]) -> FoundHeader:
    """The header row, its columns, or the errors of the row that was meant to be it."""
    filled_rows = [i for i, row in enumerate(rows[:2000]) if not row_is_empty(row)]
    if not filled_rows:
        return FoundHeader(empty=True, errors=["het bestand is leeg (geen kopregel met kolomnamen)"])
    index = next((i for i in filled_rows[:SEARCH_ROWS] if _names_required(rows[i])), None)
    chosen = filled_rows[0] if index is None else index
    head = rows[chosen]
    body = rows[chosen + 1 :]
    unnamed = [i for i, cell in enumerate(head) if is_blank(cell)]
    filled = {i for i in unnamed if any(i < len(row) and not is_blank(row[i]) for row in body)}
    header = read_header(head, known, filled)
    return FoundHeader(index=index, positions=header.positions, errors=header.errors)
