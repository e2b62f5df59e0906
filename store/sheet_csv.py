"""Reading CSV as office programs write it: Dutch Excel and LibreOffice Calc (`;`, decimal comma,
Windows-1252 or UTF-8 with BOM, Calc's "Unicode" UTF-16, a first line `sep=;`), and scripts (`,`).

A quote that is never closed swallows every later line into one cell; Python's csv module accepts
that silently, so the file is checked for it first and refused naming the line (issue 20).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .sheet_table import SheetContentError, SheetError, SheetTable, unguard

MAX_CSV_BYTES = 200_000_000


def decode_csv(data: bytes) -> str:
    """UTF-16 (with a BOM, or recognisable by its zero bytes), UTF-8 (with or without BOM), else
    Windows-1252: what Dutch Excel's plain "CSV" writes."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if len(data) >= 4 and data[1] == 0 and data[3] == 0 and data[0] != 0:
        return data.decode("utf-16-le", errors="replace")
    if len(data) >= 4 and data[0] == 0 and data[2] == 0 and data[1] != 0:
        return data.decode("utf-16-be", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def split_sep_line(text: str) -> tuple[str | None, str, int]:
    """Excel's `sep=;` first line names the delimiter: (delimiter, rest, lines taken off)."""
    first, newline, rest = text.partition("\n")
    line = first.rstrip("\r").strip()
    if line.casefold().startswith("sep=") and len(line) == 5:
        return line[4], rest, 1
    return None, text, 0


def sniff_delimiter(text: str) -> str:
    """`;` from Dutch Excel, `,` from scripts, tab from a copy: the most frequent in the header line."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {sep: first.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ";"


def unclosed_quote_line(text: str, delimiter: str) -> int | None:
    """The line (1-based) where a quoted field opens that is never closed, else None.

    A field is quoted when its first character is `"`; inside it `""` is a quote and the field
    ends at a `"` followed by the delimiter or the end of a line (what csv reads too)."""
    line = 1
    i, n = 0, len(text)
    at_field_start = True
    while i < n:
        ch = text[i]
        if at_field_start and ch == '"':
            opened = line
            i += 1
            while True:
                if i >= n:
                    return opened
                ch = text[i]
                if ch == '"':
                    if i + 1 < n and text[i + 1] == '"':
                        i += 2
                        continue
                    i += 1
                    break
                if ch == "\n":
                    line += 1
                i += 1
            at_field_start = False
            continue
        if ch == delimiter:
            at_field_start = True
        elif ch == "\n":
            line += 1
            at_field_start = True
        elif ch != "\r":
            at_field_start = False
        i += 1
    return None


def read_csv(path: Path) -> SheetTable:
    """The rows of a CSV file from its row 1. A `sep=` line is not a row: Excel hides it, so the
    header stays row 1 and every row keeps the number the user sees."""
    if path.stat().st_size > MAX_CSV_BYTES:
        raise SheetError(f"'{path.name}' is te groot om in te lezen: splits het bestand")
    text = decode_csv(path.read_bytes())
    if "\x00" in text:
        raise SheetError(f"'{path.name}' is geen tekstbestand (CSV); sla het op als .csv of .xlsx")
    named, body, taken = split_sep_line(text)
    delimiter = named or sniff_delimiter(body)
    opened = unclosed_quote_line(body, delimiter)
    if opened is not None:
        raise SheetContentError(
            f'regel {opened + taken}: een aanhalingsteken (") wordt geopend maar nooit '
            "gesloten, zodat alle volgende regels in één cel zouden vallen; niets ingelezen. "
            "Sluit het aanhalingsteken of haal het weg"
        )
    try:
        rows = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
        table = [[unguard(cell) for cell in row] for row in rows]
    except csv.Error as exc:
        raise SheetError(f"'{path.name}' is geen geldig CSV-bestand: {exc}") from exc
    return SheetTable(name=None, rows=table)
