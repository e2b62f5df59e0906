"""SPEC §10 `ktv import`: what a spreadsheet would add to a data folder, and adding it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .folder import PERIOD_DIR, DataFolder, new_period_id, period_rel
from .model import Period
from .sheet import (
    RowChecker,
    RowResult,
    cell_date,
    cell_text,
    columns,
    is_blank,
    read_header,
    row_is_empty,
    usable_id,
)

TOTAL_ROW = "geen werknemer, werkgever of begin (een totaalregel of notitie?)"


@dataclass
class ImportPlan:
    """Every data row's fate; `file_errors` means nothing at all is imported."""

    file_errors: list[str] = field(default_factory=list)
    rows: list[RowResult] = field(default_factory=list)

    @property
    def to_add(self) -> list[RowResult]:
        return [r for r in self.rows if r.period is not None and r.skipped is None]

    @property
    def error_rows(self) -> list[RowResult]:
        return [r for r in self.rows if r.errors]

    @property
    def skipped(self) -> list[RowResult]:
        return [r for r in self.rows if r.skipped]

    @property
    def has_errors(self) -> bool:
        return bool(self.file_errors or self.error_rows)


def plan_import(folder: DataFolder, table: list[list[Any]]) -> ImportPlan:
    """Check every row of `table` (the sheet's rows from row 1) against the folder."""
    plan = ImportPlan()
    header_index = next((i for i, row in enumerate(table) if not row_is_empty(row)), None)
    if header_index is None:
        plan.file_errors.append("het bestand is leeg (geen kopregel met kolomnamen)")
        return plan
    body = table[header_index + 1 :]
    head = table[header_index]
    unnamed = [i for i, cell in enumerate(head) if is_blank(cell)]
    filled = {i for i in unnamed if any(i < len(row) and not is_blank(row[i]) for row in body)}
    header = read_header(head, columns(folder.questionnaires), filled)
    if header.errors:
        plan.file_errors += header.errors
        return plan

    checker = RowChecker(folder.organisation, folder.questionnaires, folder.today)
    calendar = checker.calendar
    present = {(p.employee, p.employer, p.begin): p.id for p in folder.periods.values()}
    taken: set[str] = set()
    try:
        on_disk = {name[: -len(".toml")] for name in os.listdir(folder.root / PERIOD_DIR)}
    except OSError:
        on_disk = set()

    def exists(candidate: str) -> bool:
        return candidate in taken or candidate in folder.periods or candidate in on_disk

    for offset, cells in enumerate(body):
        number = header_index + offset + 2
        if row_is_empty(cells):
            continue
        values = {name: cells[i] for name, i in header.positions.items() if i < len(cells)}
        employee, employer = cell_text(values.get("werknemer")), cell_text(values.get("werkgever"))
        if not (employee and employer) or is_blank(values.get("begin")):
            plan.rows.append(RowResult(number, skipped=TOTAL_ROW))
            continue
        begin = cell_date(values.get("begin"))
        if begin is not None and (employee, employer, begin) in present:
            plan.rows.append(
                RowResult(number, skipped=f"al aanwezig ({present[(employee, employer, begin)]})")
            )
            continue
        end = cell_date(values.get("einde"))
        if end is not None and calendar.before_first_year(end):
            plan.rows.append(
                RowResult(
                    number,
                    skipped=f"einde ligt voor het eerste meetjaar ({calendar.first_label}) van deze map",
                )
            )
            continue
        wanted = cell_text(values.get("id"))
        period_id = wanted if usable_id(wanted) and not exists(wanted) else None
        if period_id is None:
            period_id = new_period_id(begin or folder.today, exists)
        result = checker.check(number, values, period_id)
        plan.rows.append(result)
        if result.period is not None:
            taken.add(period_id)
            present[(result.period.employee, result.period.employer, result.period.begin)] = period_id
    return plan


def apply_import(root: Path, plan: ImportPlan) -> list[Period]:
    """Write the good rows' periods as new files (never over an existing one)."""
    from .canonical import period_text
    from .lock import folder_lock
    from .toml_io import create_new_files

    periods = [row.period for row in plan.to_add]
    with folder_lock(root, "ktv import (in de app)"):  # one writer per folder (store/lock.py)
        create_new_files(
            root / PERIOD_DIR, [(f"{p.id}.toml", period_text(p).encode("utf-8")) for p in periods]
        )
    return periods


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
