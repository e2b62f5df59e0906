"""SPEC §3 applied to a loaded folder: every meetjaar's status, action and countdown."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from store.calendar import MeasurementYear, Status, status, verdict_expected_by
from store.model import YearNotes


@dataclass(frozen=True)
class YearDeadline:
    year: MeasurementYear
    completed: int
    action: str
    """`rapportage` when the meetjaar has a completed period, else `melding`."""
    status: Status
    days_to_deadline: int
    notes: YearNotes | None

    @property
    def verdict_expected_by(self) -> date | None:
        """ingediend_op + 56 days (SPEC §3); none for a notice, which UWV does not judge."""
        if self.notes is None or self.notes.submitted_on is None:
            return None
        return verdict_expected_by(self.notes.submitted_on)


def completed_counts(folder) -> dict[int, int]:
    counts: dict[int, int] = {}
    for label in folder.period_labels.values():
        if isinstance(label, int):
            counts[label] = counts.get(label, 0) + 1
    return counts


def deadlines(folder, today: date) -> list[YearDeadline]:
    """Every meetjaar from the first to the current one."""
    calendar = folder.calendar
    counts = completed_counts(folder)
    result = []
    for year in calendar.years_until(today):
        notes = folder.years.get(year.label)
        completed = counts.get(year.label, 0)
        state = status(
            year,
            today,
            submitted=bool(notes and (notes.submitted_on or notes.notice_on)),
            judged=bool(notes and notes.verdict),
        )
        result.append(
            YearDeadline(
                year=year,
                completed=completed,
                action="rapportage" if completed else "melding",
                status=state,
                days_to_deadline=(year.deadline - today).days,
                notes=notes,
            )
        )
    return result


def deadline_remark(item: YearDeadline) -> str:
    """The table's last column: days to the deadline while it counts, else the verdict or when
    the verdict is expected (the same words in `ktv deadlines` and its fast path)."""
    from .dutch import days_phrase, short_date

    if item.status in ("lopend", "in_te_dienen", "te_laat", "toekomst"):
        return days_phrase(item.days_to_deadline)
    if item.notes and item.notes.verdict:
        return item.notes.verdict
    if item.verdict_expected_by:
        return f"uitslag vóór {short_date(item.verdict_expected_by)}"
    return ""


def due_within(items: list[YearDeadline], days: int) -> list[YearDeadline]:
    """`deadlines --binnen N`: report or notice not submitted and due within N days, or late."""
    return [
        item
        for item in items
        if item.status not in ("ingediend", "beoordeeld")
        and (item.status == "te_laat" or 0 <= item.days_to_deadline <= days)
    ]


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def deadlines_json(folder, today: date, within: int | None = None) -> dict:
    """`ktv deadlines --json` (SPEC §5); with `within`, only the meetjaren `due_within` keeps."""
    recognition = folder.recognition_date
    items = deadlines(folder, today) if recognition else []
    if within is not None:
        items = due_within(items, within)
    return {
        "organisatie": folder.name,
        "erkenningsdatum": _iso(recognition),
        "vandaag": today.isoformat(),
        "fouten": len(folder.errors),
        "meetjaren": [
            {
                "jaar": item.year.label,
                "start": item.year.start.isoformat(),
                "eerste_dag": item.year.first_day.isoformat(),
                "eind": item.year.end.isoformat(),
                "deadline": item.year.deadline.isoformat(),
                "afgeronde_perioden": item.completed,
                "actie": item.action,
                "status": item.status,
                "dagen_tot_deadline": item.days_to_deadline,
                "ingediend_op": _iso(item.notes.submitted_on if item.notes else None),
                "melding_op": _iso(item.notes.notice_on if item.notes else None),
                "uitslag": item.notes.verdict if item.notes else None,
                "uitslag_verwacht_voor": _iso(item.verdict_expected_by),
            }
            for item in items
        ],
    }


STATUS_TEXT = {
    "beoordeeld": "beoordeeld",
    "ingediend": "ingediend",
    "toekomst": "nog niet begonnen",
    "lopend": "lopend",
    "in_te_dienen": "in te dienen",
    "te_laat": "te laat",
}
