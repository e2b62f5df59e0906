"""Spreadsheet files: CSV as Dutch Excel writes it (`;`, decimal comma, BOM) and `.xlsx`.

Reading `.xlsx` uses python-calamine (Rust; 5 000 rows in a tenth of openpyxl's time, see the
commit that chose it); writing uses openpyxl (calamine only reads): real dates and numbers, a
frozen header row and an autofilter.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from .errors import KtvError
from .toml_io import write_atomically

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


MAX_ROWS = 200_000
MAX_CELLS = 10_000_000
MAX_SHEET_BYTES = 200_000_000
"""A sheet whose last cell lies far away (a stray value in row 1 048 576) would otherwise fill
memory with empty cells; real imports are a few thousand rows."""


class SheetError(KtvError):
    """A file that cannot be read as a spreadsheet: the message is Dutch."""


def kind_of(path: Path) -> str | None:
    """ "csv" or "xlsx" by the file's extension; None for anything else."""
    suffix = path.suffix.casefold()
    return {".csv": "csv", ".xlsx": "xlsx"}.get(suffix)


# --- reading -----------------------------------------------------------------------------------


def read_table(path: Path) -> list[list[Any]]:
    """Every row of the first sheet, from the spreadsheet's row 1 (empty rows kept, so that an
    index + 1 is the row number the spreadsheet shows)."""
    kind = kind_of(path)
    if kind == "xlsx":
        return _read_xlsx(path)
    if kind == "csv":
        return _read_csv(path)
    raise SheetError(f"'{path.name}' is geen .csv- of .xlsx-bestand")


def _read_xlsx(path: Path) -> list[list[Any]]:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        _check_extent(path)
        workbook = CalamineWorkbook.from_path(str(path))
        if not workbook.sheet_names:
            return []
        return workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except (CalamineError, ValueError, OSError, zipfile.BadZipFile, KeyError) as exc:
        if isinstance(exc, FileNotFoundError):
            raise
        raise SheetError(
            f"'{path.name}' kan niet als werkmap (.xlsx) gelezen worden: beschadigd of geen Excel-werkmap"
        ) from exc


_CELL_REF = re.compile(rb' r="([A-Z]{1,3})([0-9]{1,8})"')
"""A cell's reference (`<c r="B7" …>`); rows carry digits only and other elements use `ref=`."""
_FIRST_SHEET = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\br:id="([^"]+)"')
_RELATION = re.compile(rb"<Relationship\b[^>]*?>")


def _first_sheet_member(archive: zipfile.ZipFile) -> str | None:
    """The zip member of the workbook's first sheet (xl/workbook.xml → its relationship)."""
    first = _FIRST_SHEET.search(archive.read("xl/workbook.xml"))
    if not first:
        return None
    for relation in _RELATION.findall(archive.read("xl/_rels/workbook.xml.rels")):
        if f'Id="{first.group(1).decode()}"'.encode() in relation:
            target = re.search(rb'Target="([^"]+)"', relation)
            if target:
                name = target.group(1).decode().lstrip("/")
                return name if name.startswith("xl/") else f"xl/{name}"
    return None


def _column_number(letters: bytes) -> int:
    """b"A" → 1, b"Z" → 26, b"AA" → 27."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _check_extent(path: Path) -> None:
    """Refuse, before calamine reads it, a first sheet whose last cell lies so far away that the
    reader would fill memory with empty cells (one stray value in XFD1048576 asks for 500 GB and
    aborts the process), or whose XML unpacks to more than a real import needs."""
    with zipfile.ZipFile(path) as archive:
        member = _first_sheet_member(archive)
        if member is None:
            return
        info = archive.getinfo(member)
        if info.file_size > MAX_SHEET_BYTES:
            raise SheetError(f"'{path.name}' is te groot om in te lezen: splits het bestand")
        refs = _CELL_REF.findall(archive.read(member))
    last_row = max((int(digits) for _, digits in refs), default=0)
    last_column = max((_column_number(letters) for letters in {letters for letters, _ in refs}), default=0)
    if last_row > MAX_ROWS or last_row * last_column > MAX_CELLS:
        raise SheetError(
            f"'{path.name}' is te groot om in te lezen (de laatste cel staat in rij {last_row}, "
            f"kolom {last_column}; hoogstens {MAX_ROWS} rijen): splits het bestand"
        )


def decode_csv(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252: what Dutch Excel's plain "CSV" writes."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sniff_delimiter(text: str) -> str:
    """`;` from Dutch Excel, `,` from scripts, tab from a copy: the most frequent in the header line."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {sep: first.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ";"


def _read_csv(path: Path) -> list[list[Any]]:
    if path.stat().st_size > MAX_SHEET_BYTES:
        raise SheetError(f"'{path.name}' is te groot om in te lezen: splits het bestand")
    text = decode_csv(path.read_bytes())
    if "\x00" in text:
        raise SheetError(f"'{path.name}' is geen tekstbestand (CSV)")
    try:
        rows = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
        return [[unguard(cell) for cell in row] for row in rows]
    except csv.Error as exc:
        raise SheetError(f"'{path.name}' is geen geldig CSV-bestand: {exc}") from exc


# --- writing -----------------------------------------------------------------------------------


def guard(text: str) -> str:
    """A text a spreadsheet would run as a formula (`=…`, `+…`, `-…`, `@…`) gets an apostrophe,
    the spreadsheets' own sign for "this is text"; the import takes it off again."""
    return "'" + text if text.lstrip("'").startswith(FORMULA_START) else text


def unguard(text: str) -> str:
    """Undo `guard`: one apostrophe off a text that would otherwise start a formula."""
    return text[1:] if text.startswith("'") and text.lstrip("'").startswith(FORMULA_START) else text


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
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("perioden")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    for index, name in enumerate(header, start=1):
        width = 12 if name in ("begin", "einde") or name.endswith("_ontvangen") else max(10, len(name) + 2)
        sheet.column_dimensions[get_column_letter(index)].width = min(width, 30)
    bold = Font(bold=True)
    head = []
    for name in header:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        head.append(cell)
    sheet.append(head)
    for row in rows:
        cells: list[Any] = []
        for value in row:
            if isinstance(value, Decimal):
                cell = WriteOnlyCell(sheet, value=float(value))
                cell.number_format = "0.0"
            elif isinstance(value, date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "DD-MM-YYYY"
            elif isinstance(value, str) and value.startswith("="):
                cell = WriteOnlyCell(sheet, value=value)
                cell.data_type = "s"  # text, never a formula
            else:
                cell = value  # plain text or empty: the cheap path (most cells)
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def write_sheet(path: Path, header: list[str], rows: list[list[Any]]) -> None:
    """CSV or `.xlsx` by the extension, written atomically (old or new file, never half)."""
    data = xlsx_bytes(header, rows) if kind_of(path) == "xlsx" else csv_bytes(header, rows)
    write_atomically(path, data)
