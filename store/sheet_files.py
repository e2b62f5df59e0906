"""Spreadsheet files: CSV as Dutch Excel and Calc write it, `.xlsx` and `.ods` (every sheet).

Reading: sheet_csv.py (CSV) and sheet_office.py (workbooks, through python-calamine). Writing:
CSV here, `.xlsx` in sheet_xlsx.py (its XML parts directly: openpyxl was too slow).
"""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from .sheet_csv import decode_csv, sniff_delimiter  # noqa: F401  (used by tests and callers)
from .sheet_table import FORMULA_START, SheetContentError, SheetError, SheetTable, guard, unguard  # noqa: F401
from .toml_io import write_atomically

KINDS = {".csv": "csv", ".xlsx": "xlsx", ".ods": "ods"}
"""What `ktv import` reads; `ktv export` writes csv and xlsx."""

REFUSED = {
    ".xls": "een oude Excel-werkmap (.xls)",
    ".xlsm": "een Excel-werkmap met macro's (.xlsm)",
    ".xlsb": "een binaire Excel-werkmap (.xlsb)",
    ".numbers": "een Numbers-bestand",
    ".fods": "een platte LibreOffice-werkmap (.fods)",
    ".txt": "een tekstbestand",
    ".tsv": "een tekstbestand met tabs",
}


def kind_of(path: Path) -> str | None:
    """ "csv", "xlsx" or "ods" by the file's extension; None for anything else."""
    return KINDS.get(path.suffix.casefold())


def unreadable_kind(path: Path) -> str:
    """Why a file of another kind is refused, with the concrete fix."""
    what = REFUSED.get(path.suffix.casefold())
    if what:
        return f"'{path.name}' is {what}; open het in Excel of LibreOffice en sla het op als .xlsx"
    return f"'{path.name}' is geen .csv-, .xlsx- of .ods-bestand; sla het op als .xlsx"


# --- reading -----------------------------------------------------------------------------------


def read_sheets(path: Path) -> list[SheetTable]:
    """Every sheet of the file (a CSV is one table without a name)."""
    kind = kind_of(path)
    if kind in ("xlsx", "ods"):
        from .sheet_office import read_workbook

        return read_workbook(path, kind)
    if kind == "csv":
        from .sheet_csv import read_csv

        return [read_csv(path)]
    raise SheetError(unreadable_kind(path))


def read_table(path: Path) -> list[list[Any]]:
    """The rows of the first sheet, from the spreadsheet's row 1 (empty rows kept)."""
    sheets = read_sheets(path)
    return sheets[0].rows if sheets else []


# --- writing -----------------------------------------------------------------------------------


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, Decimal):
        return format(value.quantize(Decimal("0.1")), "f").replace(".", ",")
    return guard(str(value))


def csv_bytes(header: list[str], rows: list[list[Any]]) -> bytes:
    """`;`-separated, decimal comma, dd-mm-jjjj, UTF-8 with BOM, CRLF: as Dutch Excel opens it."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(header: list[str], rows: list[list[Any]]) -> bytes:
    """A workbook with real dates and numbers, a bold frozen header row and an autofilter."""
    from .sheet_xlsx import xlsx_bytes as write

    return write(header, rows)


def write_sheet(path: Path, header: list[str], rows: list[list[Any]]) -> None:
    """CSV or `.xlsx` by the extension, written atomically (old or new file, never half)."""
    data = xlsx_bytes(header, rows) if kind_of(path) == "xlsx" else csv_bytes(header, rows)
    write_atomically(path, data)
