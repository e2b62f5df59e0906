"""The at-a-glance facts of the first screen and `ktv` without a terminal: one pass over the folder."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from store.model import SIDES

from .deadlines import YearDeadline, deadlines
from .numbers import SideStats, year_stats


@dataclass(frozen=True)
class Overview:
    current: YearDeadline
    years: list[YearDeadline]
    running: dict[str, SideStats] | None
    """Running numbers of the current meetjaar; None while errors block them."""
    days_to_end: int
    missing_forms: dict[str, int]
    """Completed periods of the current and the latest ended meetjaar without that side's form."""
    blocked: bool


def overview(folder, today: date) -> Overview:
    years = deadlines(folder, today)
    current_label = folder.calendar.current_label(today)
    current = next(item for item in years if item.year.label == current_label)
    blocked = bool(folder.blocking_problems(current_label))
    running = None if blocked else year_stats(folder, current_label).sides
    labels = {current_label, current_label - 1}
    missing = {side: 0 for side in SIDES}
    for pid, label in folder.period_labels.items():
        period = folder.periods.get(pid)
        if period is None or label not in labels:
            continue
        for side in SIDES:
            if side not in period.forms:
                missing[side] += 1
    return Overview(
        current=current,
        years=years,
        running=running,
        days_to_end=(current.year.end - today).days,
        missing_forms=missing,
        blocked=blocked,
    )
