"""One data row of an import: a note, an error, a new period or a change to an existing one."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from .folder import DataFolder
from .model import Period
from .sheet import (
    BASE_COLUMNS,
    REQUIRED_COLUMNS,
    RowChecker,
    RowResult,
    cell_date,
    cell_text,
    is_blank,
    usable_id,
)
from .sheet_match import PeriodIndex, differences, period_key, stable_id, with_existing
from .sheet_table import ERROR_VALUE, SheetTable, cell_ref

NOT_PERIOD_DATA = frozenset({"opmerking", "wn_ontbreekt", "wg_ontbreekt"})
"""Columns whose text alone makes a row a note, not a period (a remark, a reason)."""


def row_cell_errors(sheet: SheetTable, index: int, positions: dict[str, int]) -> list[str]:
    """A formula without a stored value or an error value in one of the row's cells: calamine
    reads both as empty, which would import a period without its cijfer (issue 20)."""
    errors = []
    for column, position in sorted(positions.items(), key=lambda item: item[1]):
        bad = sheet.bad_cells.get((index, position))
        if bad is None:
            continue
        ref = cell_ref(index, position)
        if bad[0] == ERROR_VALUE:
            errors.append(f"{ref} ({column}) bevat een foutwaarde ({bad[1]}); vul de echte waarde in")
        else:
            errors.append(
                f"{ref} ({column}) bevat een formule zonder waarde (niet berekend opgeslagen): "
                "open het bestand in Excel of LibreOffice en sla het opnieuw op, of typ de waarde"
            )
    return errors


def _has_period_data(values: dict[str, Any]) -> bool:
    for column, value in values.items():
        if is_blank(value) or column in NOT_PERIOD_DATA:
            continue
        if column == "id" and not usable_id(cell_text(value)):
            continue
        return True
    return False


def period_data_missing(
    sheet: SheetTable, index: int, positions: dict[str, int], values: dict[str, Any]
) -> str | None:
    """None when werknemer, werkgever and begin are there; "note" for a row without any period
    data (a remark, a heading); else the error naming the empty cells (and a merge over them)."""
    missing = [name for name in REQUIRED_COLUMNS if is_blank(values.get(name))]
    if not missing:
        return None
    if not _has_period_data(values):
        return "note"
    parts = []
    for name in missing:
        position = positions[name]
        ref = cell_ref(index, position)
        text = f"{name} ontbreekt ({ref} is leeg)"
        merged = sheet.merged_range_of(index, position)
        if merged and merged[0] != (index, position):
            first = cell_ref(*merged[0])
            text = (
                f"{name} ontbreekt: {ref} valt in de samengevoegde cel {first}:{cell_ref(*merged[1])} "
                f"en alleen {first} heeft de waarde; maak het samenvoegen ongedaan en vul elke rij in"
            )
        parts.append(text)
    return "; ".join(parts)


@dataclass
class RowContext:
    """What every row of one import shares: the folder, its periods, the ids given out so far."""

    folder: DataFolder
    checker: RowChecker
    index: PeriodIndex
    on_disk: set[str]
    also_submitted: bool = False
    taken: set[str] = field(default_factory=set)
    planned: dict[tuple[str, str, date], tuple[str, Period]] = field(default_factory=dict)
    """(werknemer, werkgever, begin) → (where in the file, period) for every row planned so far."""
    claimed: dict[str, str] = field(default_factory=dict)
    """Existing period id → where in the file the row that changes it is."""

    def exists(self, candidate: str) -> bool:
        return candidate in self.taken or candidate in self.folder.periods or candidate in self.on_disk

    def plan_period(self, number: int, values: dict[str, Any], refs: dict[str, str], where: str) -> RowResult:
        employee, employer = cell_text(values.get("werknemer")), cell_text(values.get("werkgever"))
        begin = cell_date(values.get("begin"))
        existing = self.index.match(cell_text(values.get("id")), employee, employer, begin)
        if existing is not None:
            return self._change(number, values, refs, where, existing)
        return self._addition(number, values, refs, where, employee, employer, begin)

    def _change(self, number: int, values: dict, refs: dict, where: str, existing: Period) -> RowResult:
        if existing.id in self.claimed:
            return RowResult(
                number, errors=(f"zelfde periode ({existing.id}) als {self.claimed[existing.id]}",)
            )
        questionnaires = self.folder.questionnaires
        result = self.checker.check(
            number, with_existing(values, existing, questionnaires), existing.id, refs
        )
        if result.period is None:
            return result
        changes = differences(existing, result.period, questionnaires)
        if not changes:
            self.claimed[existing.id] = where
            return RowResult(number, skipped=f"al aanwezig ({existing.id})")
        key = period_key(result.period.employee, result.period.employer, result.period.begin)
        other = self.index.by_key.get(key)
        if other is not None and other != existing.id:
            return RowResult(
                number,
                errors=(
                    f"met deze wijziging heeft {existing.id} dezelfde werknemer, werkgever en begin als {other}",
                ),
            )
        listed = "; ".join(f"{column} {old} → {new}" for column, old, new in changes)
        result = self._submitted(
            replace(result, replaces=existing.id, changes=changes), existing.end, f"wijziging ({listed})"
        )
        if result.period is not None:
            self.claimed[existing.id] = where
        return result

    def _addition(
        self,
        number: int,
        values: dict,
        refs: dict,
        where: str,
        employee: str,
        employer: str,
        begin: date | None,
    ) -> RowResult:
        calendar = self.checker.calendar
        end = cell_date(values.get("einde"))
        if end is not None and calendar.before_first_year(end):
            return RowResult(
                number, skipped=f"einde ligt voor het eerste meetjaar ({calendar.first_label}) van deze map"
            )
        wanted = cell_text(values.get("id"))
        if usable_id(wanted) and not self.exists(wanted):
            period_id = wanted
        else:
            period_id = stable_id(employee, employer, begin or self.folder.today, self.exists)
        result = self.checker.check(number, values, period_id, refs)
        if result.period is None:
            return result
        period = result.period
        key = period_key(period.employee, period.employer, period.begin)
        if key in self.planned:
            first, planned = self.planned[key]
            if differences(planned, replace(period, id=planned.id), self.folder.questionnaires):
                return RowResult(number, errors=(f"zelfde werknemer, werkgever en begin als {first}",))
            return RowResult(number, skipped=f"al aanwezig (in {first} van dit bestand)")
        result = self._submitted(result, None, "toevoeging")
        if result.period is None:
            return result
        self.taken.add(period_id)
        self.planned[key] = (where, period)
        return result

    def _submitted(self, result: RowResult, old_end: date | None, what: str) -> RowResult:
        """A change or addition in a meetjaar whose submission is recorded: an error, or with
        --ook-ingediend a warning (the numbers UWV received change)."""
        calendar = self.checker.calendar
        labels = {calendar.label_of(day) for day in (old_end, result.period.end) if day is not None}
        for label in sorted(label for label in labels if label is not None):
            notes = self.folder.years.get(label)
            when = notes and (notes.submitted_on or notes.notice_on)
            if not when:
                continue
            if not self.also_submitted:
                return RowResult(
                    result.number,
                    errors=(
                        f"meetjaar {label} is al ingediend (op {when:%d-%m-%Y}): deze {what} verandert "
                        "wat UWV kreeg; alleen met --ook-ingediend",
                    ),
                )
            return replace(
                result,
                warnings=(
                    *result.warnings,
                    f"meetjaar {label} is al ingediend (op {when:%d-%m-%Y}): deze {what} verandert "
                    "de ingediende cijfers",
                ),
            )
        return result


__all__ = ["BASE_COLUMNS", "RowContext", "period_data_missing", "row_cell_errors"]
