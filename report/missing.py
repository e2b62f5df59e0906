"""`ktv ontbrekend`: the forms still out for completed periods of the current and the previous meetjaar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from store.model import SIDES, Period


@dataclass(frozen=True)
class MissingForm:
    """One form of a completed period that has not come back."""

    period: Period
    side: str
    label: int
    """The meetjaar of the period."""
    days: int
    """Days since the period's `einde` (the form could have come back since then)."""

    @property
    def reason(self) -> str | None:
        """The `[ontbreekt]` reason, when one is recorded."""
        return self.period.missing_reasons.get(self.side)


def chase_labels(folder, today: date) -> list[int]:
    """The current and the previous meetjaar, as far as they exist for ktv."""
    calendar = folder.calendar
    if calendar is None:
        return []
    current = calendar.current_label(today)
    return [label for label in (current - 1, current) if label >= calendar.first_label]


def missing_forms(folder, today: date) -> list[MissingForm]:
    """Oldest first: by einde, then period id, werknemer before werkgever."""
    result = []
    for label in chase_labels(folder, today):
        for period in folder.completed_periods(label):
            for side in SIDES:
                if side not in period.forms:
                    result.append(MissingForm(period, side, label, (today - period.end).days))
    side_order = {side: index for index, side in enumerate(SIDES)}
    return sorted(result, key=lambda m: (m.period.end, m.period.id, side_order[m.side]))


def missing_json(folder, today: date) -> dict:
    """`ktv ontbrekend --json`."""
    return {
        "vandaag": today.isoformat(),
        "meetjaren": chase_labels(folder, today),
        "formulieren": [
            {
                "id": m.period.id,
                "werknemer": m.period.employee,
                "werkgever": m.period.employer,
                "jobcoach": m.period.jobcoach,
                "kant": m.side,
                "einde": m.period.end.isoformat(),
                "dagen": m.days,
                "reden": m.reason,
                "meetjaar": m.label,
            }
            for m in missing_forms(folder, today)
        ],
    }
