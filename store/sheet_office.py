"""Workbooks (`.xlsx`, `.ods`): every sheet's cells through python-calamine (Rust; 5 000 rows in a
tenth of openpyxl's time), plus a scan of the sheet's XML for what calamine reads as an empty
cell although it is not: a formula without a stored value, an error value (`#DEEL/0!`, `#N/B`),
and for `.ods` the merged cells. The scan also finds the last cell that holds a value, so a stray
formatted but empty cell far down does not count and a stray value far away is refused before
calamine would fill memory with empty cells.
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import iterparse

from .sheet_table import ERROR_VALUE, FORMULA_WITHOUT_VALUE, SheetError, SheetTable, unguard

MAX_ROWS = 200_000
MAX_CELLS = 10_000_000
MAX_SHEET_BYTES = 200_000_000

_SHEET = re.compile(rb"<(?:\w+:)?sheet\b([^>]*?)/?>")
_ATTR = re.compile(rb'([\w:]+)="([^"]*)"')
_RELATION = re.compile(rb"<Relationship\b[^>]*?>")
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,8})"')
_TYPE = re.compile(rb'\bt="(\w+)"')
_VALUE = re.compile(rb"<v>(.*?)</v>|<is>", re.S)

_ERRORS_NL = {
    "#DIV/0!": "#DEEL/0!",
    "#N/A": "#N/B",
    "#VALUE!": "#WAARDE!",
    "#REF!": "#VERW!",
    "#NAME?": "#NAAM?",
    "#NUM!": "#GETAL!",
    "#NULL!": "#LEEG!",
}


def read_workbook(path: Path, kind: str) -> list[SheetTable]:
    """Every worksheet in the workbook's order (chart sheets left out)."""
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        with zipfile.ZipFile(path) as archive:
            scans = _scan_ods(archive, path) if kind == "ods" else _scan_xlsx(archive, path)
        workbook = CalamineWorkbook.from_path(str(path))
        tables = []
        for meta in workbook.sheets_metadata:
            if "WorkSheet" not in str(meta.typ):
                continue
            sheet = workbook.get_sheet_by_name(meta.name)
            bad, merged = scans.get(meta.name, ({}, []))
            rows = _unguarded(sheet.to_python(skip_empty_area=False))  # from row 1, column A
            merged = merged or [tuple(map(tuple, r)) for r in (sheet.merged_cell_ranges or ())]
            tables.append(SheetTable(meta.name, rows, bad, merged))
        return tables
    except SheetError:
        raise
    except (CalamineError, ValueError, OSError, zipfile.BadZipFile, KeyError) as exc:
        if isinstance(exc, FileNotFoundError):
            raise
        name = "LibreOffice-werkmap (.ods)" if kind == "ods" else "Excel-werkmap (.xlsx)"
        raise SheetError(f"'{path.name}' kan niet gelezen worden: beschadigd of geen {name}") from exc


def _unguarded(rows: list[list[Any]]) -> list[list[Any]]:
    """The spreadsheet guard taken off every text (an office program keeps ktv's apostrophe)."""
    for row in rows:
        for index, cell in enumerate(row):
            if type(cell) is str and cell.startswith("'"):
                row[index] = unguard(cell)
    return rows


def _sheet_members(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → zip member (xl/workbook.xml → xl/_rels/workbook.xml.rels)."""
    targets: dict[str, str] = {}
    for relation in _RELATION.findall(archive.read("xl/_rels/workbook.xml.rels")):
        attrs = dict(_ATTR.findall(relation))
        if b"Id" in attrs and b"Target" in attrs:
            name = attrs[b"Target"].decode().lstrip("/")
            targets[attrs[b"Id"].decode()] = name if name.startswith("xl/") else f"xl/{name}"
    members = {}
    for match in _SHEET.finditer(archive.read("xl/workbook.xml")):
        attrs = dict(_ATTR.findall(match.group(1)))
        rid = attrs.get(b"r:id")
        if b"name" in attrs and rid and rid.decode() in targets:
            members[html.unescape(attrs[b"name"].decode("utf-8"))] = targets[rid.decode()]
    return members


def _column_number(letters: bytes) -> int:
    """b"A" → 1, b"Z" → 26, b"AA" → 27."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _refuse_extent(path: Path, last_row: int, last_column: int, far: tuple[int, int] | None = None) -> None:
    """`far`: the (1-based) cell furthest down, named in the message."""
    if last_row > MAX_ROWS or last_row * last_column > MAX_CELLS:
        from .sheet_table import column_letter

        row, column = far or (last_row, last_column)
        raise SheetError(
            f"'{path.name}' is te groot om in te lezen (er staat een waarde in cel "
            f"{column_letter(max(column - 1, 0))}{row}; hoogstens {MAX_ROWS} rijen): "
            "haal die cel weg of splits het bestand"
        )


_FILLED_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,8})"[^>]*?(?<!/)>')


def _quick_extent(path: Path, data: bytes) -> bool:
    """Without formulas or error values only the extent needs checking: the cells that are not
    self-closing (`<c r="B250000" s="1"/>` is formatted, not filled). False when the cells do
    not start with their reference (the full scan handles any attribute order)."""
    if data.count(b"<c ") != len(re.findall(rb'<c r="', data)):
        return False
    last_row = last_column = 0
    far = None
    for letters, digits in _FILLED_CELL.findall(data):
        row = int(digits)
        if row > last_row:
            last_row, far = row, (row, _column_number(letters))
        if len(letters) > 1:
            last_column = max(last_column, _column_number(letters))
    last_column = max(last_column, 26 if last_row else 0, far[1] if far else 0)
    _refuse_extent(path, last_row, last_column, far)
    return True


def _scan_xlsx(archive: zipfile.ZipFile, path: Path) -> dict[str, tuple[dict, list]]:
    """Per sheet: the cells calamine would read as empty although they are not; refuses a
    sheet whose last cell with a value lies far away."""
    result = {}
    for name, member in _sheet_members(archive).items():
        try:
            info = archive.getinfo(member)
        except KeyError:
            continue
        if info.file_size > MAX_SHEET_BYTES:
            raise SheetError(f"'{path.name}' is te groot om in te lezen: splits het bestand")
        data = archive.read(member)
        if b"<f" not in data and b't="e"' not in data and _quick_extent(path, data):
            result[name] = ({}, [])
            continue
        bad: dict[tuple[int, int], tuple[str, str]] = {}
        last_row = last_column = 0
        far = None
        for match in _CELL.finditer(data):
            body = match.group(2)
            if not body:
                continue  # `<c r="B250000" s="1"/>`: formatted, no value
            ref = _REF.search(match.group(1))
            if ref is None:
                continue
            row, column = int(ref.group(2)), _column_number(ref.group(1))
            value = _VALUE.search(body)
            kind = _TYPE.search(match.group(1))
            kind_text = kind.group(1) if kind else b"n"
            if kind_text == b"e":
                shown = value.group(1).decode("utf-8", "replace") if value and value.group(1) else "#?"
                bad[(row - 1, column - 1)] = (ERROR_VALUE, _ERRORS_NL.get(shown, shown))
            elif b"<f" in body and (value is None or (value.group(1) in (b"", None) and kind_text != b"str")):
                bad[(row - 1, column - 1)] = (FORMULA_WITHOUT_VALUE, "")
            elif value is None:
                continue
            if row > last_row:
                far = (row, column)
            last_row, last_column = max(last_row, row), max(last_column, column)
        _refuse_extent(path, last_row, last_column, far)
        result[name] = (bad, [])
    return result


_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_O = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_C = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"
_P = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}p"


def _scan_ods(archive: zipfile.ZipFile, path: Path) -> dict[str, tuple[dict, list]]:
    """The same for `.ods` (content.xml): rows and cells repeat (`number-rows-repeated`), merged
    cells are spans on their first cell."""
    if archive.getinfo("content.xml").file_size > MAX_SHEET_BYTES:
        raise SheetError(f"'{path.name}' is te groot om in te lezen: splits het bestand")
    result: dict[str, tuple[dict, list]] = {}
    bad: dict = {}
    merged: list = []
    row = column = last_row = last_column = 0
    with archive.open("content.xml") as stream:
        for event, element in iterparse(stream, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == f"{_T}table":
                    bad, merged, row = {}, [], 0
                    last_row = last_column = 0
                    result[element.get(f"{_T}name", "")] = (bad, merged)
                elif tag == f"{_T}table-row":
                    column = 0
                continue
            if tag == f"{_T}table-row":
                row += int(element.get(f"{_T}number-rows-repeated", "1"))
                element.clear()
            elif tag in (f"{_T}table-cell", f"{_T}covered-table-cell"):
                repeat = int(element.get(f"{_T}number-columns-repeated", "1"))
                has_value = element.get(f"{_O}value-type") is not None or element.find(_P) is not None
                if element.get(f"{_T}formula") is not None:
                    if element.get(f"{_C}value-type") == "error":
                        shown = "".join(element.find(_P).itertext()) if element.find(_P) is not None else "#?"
                        bad[(row, column)] = (ERROR_VALUE, _ERRORS_NL.get(shown, shown))
                    elif element.get(f"{_O}value-type") is None:
                        bad[(row, column)] = (FORMULA_WITHOUT_VALUE, "")
                rows_spanned = int(element.get(f"{_T}number-rows-spanned", "1"))
                columns_spanned = int(element.get(f"{_T}number-columns-spanned", "1"))
                if rows_spanned > 1 or columns_spanned > 1:
                    merged.append(((row, column), (row + rows_spanned - 1, column + columns_spanned - 1)))
                if has_value:
                    last_row, last_column = max(last_row, row + 1), max(last_column, column + repeat)
                    _refuse_extent(path, last_row, last_column, (row + 1, column + 1))
                column += repeat
                element.clear()
    return result
