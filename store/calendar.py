"""SPEC §3: meetjaren, their deadlines and statuses, from the erkenningsdatum."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property, lru_cache
from typing import Literal

Status = Literal["beoordeeld", "ingediend", "toekomst", "lopend", "in_te_dienen", "te_laat"]

FIRST_MEASUREMENT_YEAR = 2016
"""Recognitions from before 2016 measure from the 2016 anniversary (UWV, Erkenningskader 2016)."""

LAST_YEAR = 9000
"""Dates after this year are refused where they are read (ktv.toml, --today, meetjaar files):
Python's dates end in 9999, so meetjaren and deadlines near that end cannot be computed."""

VERDICT_DAYS = 56
"""UWV answers within 8 weeks of the submission."""


def _is_leap(year: int) -> bool:
    """The stdlib `calendar` module would cost 2 ms of every command's start (it loads `locale`)."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if _is_leap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def anniversary(recognition: date, year: int) -> date:
    """Day and month of the recognition in `year`; 29 February falls on the 28th in other years.

    Python's dates end on 9999-12-31: an anniversary after that is `date.max` ("never"), so a
    period ending in 9999 (a typo) is a problem `ktv check` names, never a traceback."""
    if year > date.max.year:
        return date.max
    if year < date.min.year:
        return date.min
    day = recognition.day
    if recognition.month == 2 and day == 29 and not _is_leap(year):
        day = 28
    return date(year, recognition.month, day)


def add_month(day: date) -> date:
    """The same day number one calendar month later, clamped to that month's last day
    (and to `date.max` at the end of Python's calendar)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    if year > date.max.year:
        return date.max
    last = _days_in_month(year, month)
    return date(year, month, min(day.day, last))


def add_days(day: date, days: int) -> date:
    """`day + days`, clamped to Python's calendar instead of an OverflowError."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def first_start(recognition: date) -> date:
    """S1: the first meetjaar's first day."""
    if recognition < date(FIRST_MEASUREMENT_YEAR, 1, 1):
        return anniversary(recognition, FIRST_MEASUREMENT_YEAR)
    return recognition


@dataclass(frozen=True)
class MeasurementYear:
    """One meetjaar: runs from `start` (exclusive, except the first) to `end` (inclusive)."""

    label: int
    """The year of `end`: "meting 2017"."""
    start: date
    end: date
    deadline: date
    is_first: bool

    def contains(self, day: date) -> bool:
        """S_k < d ≤ T_k, and for the first meetjaar also d = S1."""
        return self.start < day <= self.end or (self.is_first and day == self.start)

    @property
    def first_day(self) -> date:
        """Shown to people (SPEC §3): S1 for the first meetjaar, else S_k + 1 day, so no day
        appears in two meetjaren."""
        return self.start if self.is_first else add_days(self.start, 1)


@dataclass(frozen=True)
class Calendar:
    """The meetjaren of one organisation."""

    recognition: date
    first_year: int | None = None
    """`eerste_meetjaar`: meetjaren before it do not exist for ktv (not listed, never late, their
    periods counted nowhere). The meetjaren keep their own dates: only the listing starts later."""

    # A check asks the calendar once or twice per period file (10 000 and more): the derived
    # dates are computed once per calendar and kept on it (it is frozen, so they never change).

    @cached_property
    def first_start(self) -> date:
        return first_start(self.recognition)

    @cached_property
    def natural_first_label(self) -> int:
        """The first meetjaar by the calendar alone (S1's meetjaar), whatever `eerste_meetjaar` says."""
        return self.first_start.year + 1

    @cached_property
    def first_label(self) -> int:
        """The first meetjaar that exists for ktv: `eerste_meetjaar` when it is later than S1's."""
        natural = self.natural_first_label
        return max(natural, self.first_year) if self.first_year is not None else natural

    def year(self, label: int) -> MeasurementYear:
        years = self.__dict__.setdefault("_years", {})
        found = years.get(label)
        if found is None:
            found = years[label] = self._year(label)
        return found

    def _anniversary(self, year: int) -> date:
        days = self.__dict__.setdefault("_anniversaries", {})
        found = days.get(year)
        if found is None:
            found = days[year] = anniversary(self.recognition, year)
        return found

    def _year(self, label: int) -> MeasurementYear:
        start_year = label - 1
        if label < self.first_label:
            raise ValueError(f"meetjaar {label} ligt voor het eerste meetjaar {self.first_label}")
        natural = self.natural_first_label
        start = self.first_start if label == natural else anniversary(self.recognition, start_year)
        end = anniversary(self.recognition, label)
        return MeasurementYear(label, start, end, add_month(end), label == natural)

    def natural_label_of(self, day: date) -> int | None:
        """The meetjaar a day belongs to by the calendar alone; None before S1."""
        s1 = self.first_start
        if day < s1:
            return None
        if day == s1:
            return self.natural_first_label
        return day.year if day <= self._anniversary(day.year) else day.year + 1

    def label_of(self, day: date) -> int | None:
        """The meetjaar a day belongs to (a period by its einde); None before S1 or before
        `eerste_meetjaar`."""
        label = self.natural_label_of(day)
        return label if label is not None and label >= self.first_label else None

    def before_first_year(self, day: date) -> bool:
        """Whether the day lies in a meetjaar before `eerste_meetjaar` (one that does not exist
        for ktv: a period ending then is not counted and not checked beyond TOML syntax)."""
        label = self.natural_label_of(day)
        return label is not None and label < self.first_label

    def current_label(self, today: date) -> int:
        """The meetjaar today belongs to; before S1 (or before `eerste_meetjaar`) the first one."""
        return self.label_of(today) or self.first_label

    def years_until(self, today: date) -> list[MeasurementYear]:
        """Every meetjaar from the first to the current one."""
        return [self.year(label) for label in range(self.first_label, self.current_label(today) + 1)]

    def latest_ended_label(self, today: date) -> int | None:
        """The latest meetjaar whose last day lies before today."""
        current = self.current_label(today)
        if today < self.first_start:
            return None
        previous = current - 1
        return previous if previous >= self.first_label else None


def status(
    year: MeasurementYear,
    today: date,
    *,
    submitted: bool,
    judged: bool,
) -> Status:
    """SPEC §3: the first status that applies on `today`."""
    if judged:
        return "beoordeeld"
    if submitted:
        return "ingediend"
    if today < year.start or (today == year.start and not year.is_first):
        return "toekomst"
    if year.contains(today):
        return "lopend"
    if today <= year.deadline:
        return "in_te_dienen"
    return "te_laat"


def verdict_expected_by(submitted_on: date | None) -> date | None:
    return add_days(submitted_on, VERDICT_DAYS) if submitted_on else None


_DATE_LIKE = re.compile(
    r"^\s*(?P<key>[A-Za-z0-9_.\"'-]+)\s*=\s*(?P<date>[0-9]{4}-[0-9]{1,2}-[0-9]{1,2})(?![0-9])"
)


def invalid_date_on_line(line: str) -> tuple[str, str, str] | None:
    """`erkenningsdatum = 2016-13-01`: (key, the date as written, why it is no date) when the
    line holds a date-like value that is no calendar date, else None.

    TOML cannot read such a line (tomllib calls it a syntax error, or "expected newline" for a
    month 13), but to a person it is a wrong date, not broken syntax (issue 19 item 9)."""
    match = _DATE_LIKE.match(line)
    if match is None:
        return None
    text = match["date"]
    year, month, day = (int(part) for part in text.split("-"))
    if not (len(text) == 10):
        return match["key"].strip("\"'"), text, "schrijf JJJJ-MM-DD met twee cijfers voor maand en dag"
    if not 1 <= month <= 12:
        return match["key"].strip("\"'"), text, f"maand {month} bestaat niet"
    if year < 1:
        return match["key"].strip("\"'"), text, "jaar 0 bestaat niet"
    last = _days_in_month(year, month)
    if not 1 <= day <= last:
        return match["key"].strip("\"'"), text, f"{_MONTH_NAMES[month - 1]} {year} heeft {last} dagen"
    return None


_MONTH_NAMES = (
    "januari februari maart april mei juni juli augustus september oktober november december".split()
)


@lru_cache(maxsize=64)
def calendar_of(recognition: date, first_year: int | None = None) -> Calendar:
    """The one Calendar of an organisation in this process, so the dates it derives (kept on it)
    are derived once, however often `DataFolder.calendar` is asked."""
    return Calendar(recognition, first_year)
