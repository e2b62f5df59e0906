"""SPEC §10 `ktv import`: what a spreadsheet would add to or change in a data folder, and doing it.

Every data row of every sheet with a usable header ends as exactly one of: new, gewijzigd, al
aanwezig / a note (skipped, with why) or an error row (issue 20: every row accounted for).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .folder import PERIOD_DIR, DataFolder, period_rel
from .model import Period
from .sheet import RowChecker, RowResult, cell_date, cell_text, columns, is_blank
from .sheet_header import find_header
from .sheet_match import PeriodIndex, differences, stable_id, with_existing
from .sheet_rows import RowContext, period_data_missing, row_cell_errors
from .sheet_table import SheetTable

NOTE_ROW = "geen periodegegevens (geen code, datum, cijfer of antwoord): een notitie of kopje"


@dataclass
class ImportPlan:
    """Every data row's fate; `file_errors` means nothing at all is imported."""

    file_errors: list[str] = field(default_factory=list)
    rows: list[RowResult] = field(default_factory=list)
    skipped_sheets: list[tuple[str, str]] = field(default_factory=list)
    """(sheet name, why) for every sheet that is not read."""
    sheets: int = 1
    """How many sheets the file has: with more than one, a message names its sheet."""

    @property
    def to_add(self) -> list[RowResult]:
        return [r for r in self.rows if r.period is not None and r.skipped is None and r.replaces is None]

    @property
    def to_change(self) -> list[RowResult]:
        return [r for r in self.rows if r.period is not None and r.skipped is None and r.replaces]

    @property
    def error_rows(self) -> list[RowResult]:
        return [r for r in self.rows if r.errors]

    @property
    def skipped(self) -> list[RowResult]:
        return [r for r in self.rows if r.skipped]

    @property
    def has_errors(self) -> bool:
        return bool(self.file_errors or self.error_rows)

    def where(self, row: RowResult) -> str:
        """`rij 5` or, in a workbook of several sheets, `blad '2018', rij 5`."""
        if row.sheet is not None and self.sheets > 1:
            return f"blad '{row.sheet}', rij {row.number}"
        return f"rij {row.number}"


def plan_import(
    folder: DataFolder, sheets: list[SheetTable] | list[list[Any]], *, also_submitted: bool = False
) -> ImportPlan:
    """Check every row of every sheet against the folder; nothing is written."""
    if sheets and not isinstance(sheets[0], SheetTable):
        sheets = [SheetTable(None, sheets)]  # one table of rows (the older call)
    plan = ImportPlan(sheets=len(sheets))
    known = columns(folder.questionnaires)
    several = len(sheets) > 1
    usable = []
    for sheet in sheets:
        header = find_header(sheet.rows, known)
        prefix = f"blad '{sheet.name}': " if sheet.name is not None and several else ""
        if header.index is not None and header.errors:
            plan.file_errors += [prefix + error for error in header.errors]
        elif header.index is not None:
            usable.append((sheet, header))
        elif several:
            plan.skipped_sheets.append((sheet.name or "", header.skip_reason()))
        else:
            plan.file_errors += header.errors
    if several and not usable and not plan.file_errors:
        plan.file_errors.append(
            "geen blad met een kopregel met de kolommen werknemer, werkgever en begin ("
            + "; ".join(f"blad '{name}': {why}" for name, why in plan.skipped_sheets)
            + ")"
        )
    if not sheets:
        plan.file_errors.append("het bestand is leeg (geen kopregel met kolomnamen)")
    if plan.file_errors:
        return plan
    context = _context(folder, also_submitted)
    for sheet, header in usable:
        _plan_sheet(plan, context, sheet, header)
    return plan


def _context(folder: DataFolder, also_submitted: bool) -> RowContext:
    try:
        on_disk = {name[: -len(".toml")] for name in os.listdir(folder.root / PERIOD_DIR)}
    except OSError:
        on_disk = set()
    return RowContext(
        folder=folder,
        checker=RowChecker(folder.organisation, folder.questionnaires, folder.today),
        index=PeriodIndex(folder.periods),
        on_disk=on_disk,
        also_submitted=also_submitted,
    )


def _plan_sheet(plan: ImportPlan, context: RowContext, sheet: SheetTable, header) -> None:
    for offset, cells in enumerate(sheet.rows[header.index + 1 :]):
        index = header.index + 1 + offset
        where = f"blad '{sheet.name}', rij {index + 1}" if sheet.name is not None and plan.sheets > 1 else ""
        row = _plan_row(context, sheet, header.positions, index, cells, where or f"rij {index + 1}")
        if row is not None:
            plan.rows.append(replace(row, sheet=sheet.name))


def _plan_row(
    context: RowContext, sheet: SheetTable, positions: dict[str, int], index: int, cells: list, where: str
) -> RowResult | None:
    """One data row's fate (None: an empty row, skipped silently)."""
    number = index + 1
    values = {name: cells[i] for name, i in positions.items() if i < len(cells)}
    refs = CellRefs(positions, number)
    bad = row_cell_errors(sheet, index, positions)
    if all(is_blank(v) for v in values.values()) and not bad:
        return None
    missing = period_data_missing(sheet, index, positions, values)
    if missing == "note" and not bad:
        return RowResult(number, skipped=NOTE_ROW)
    if bad or missing:
        errors = list(bad) + ([missing] if missing and missing != "note" else [])
        return RowResult(number, errors=tuple(errors))
    return context.plan_period(number, values, refs, where)


class CellRefs:
    """The cell of each column in one row (`E7`), made only for the columns a message names."""

    __slots__ = ("positions", "number")

    def __init__(self, positions: dict[str, int], number: int) -> None:
        self.positions, self.number = positions, number

    def get(self, column: str | None, default: str | None = None) -> str | None:
        from .sheet_table import column_letter

        index = self.positions.get(column) if column else None
        return default if index is None else f"{column_letter(index)}{self.number}"


def apply_import(root: Path, plan: ImportPlan, digests: dict[str, str] | None = None) -> list[Period]:
    """Write the new rows' periods as new files (never over an existing one) and the changed
    ones through the app's save (comments kept; refused when the file changed since it was read)."""
    from .canonical import period_text
    from .lock import folder_lock
    from .save import save_period
    from .toml_io import create_new_files

    periods = [row.period for row in plan.to_add]
    with folder_lock(root, "ktv import (in de app)"):  # one writer per folder (store/lock.py)
        create_new_files(
            root / PERIOD_DIR, [(f"{p.id}.toml", period_text(p).encode("utf-8")) for p in periods]
        )
        for row in plan.to_change:
            save_period(root, row.period, (digests or {}).get(period_rel(row.period.id)))
    return periods + [row.period for row in plan.to_change]


def row_summary(period: Period) -> dict[str, Any]:
    """What the preview shows of a period that would be added."""
    return {
        "id": period.id,
        "werknemer": period.employee,
        "werkgever": period.employer,
        "begin": period.begin.isoformat(),
        "einde": period.end.isoformat() if period.end else None,
        "rel": period_rel(period.id),
    }


__all__ = [
    "ImportPlan",
    "apply_import",
    "cell_date",
    "cell_text",
    "differences",
    "plan_import",
    "row_summary",
    "stable_id",
    "with_existing",
]
