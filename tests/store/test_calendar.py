"""SPEC §3: meetjaren, deadlines, membership and statuses, on their boundary days."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.calendar import Calendar, add_month, anniversary, first_start, status, verdict_expected_by

SEED_A = Calendar(date(2013, 5, 12))
SEED_B = Calendar(date(2015, 9, 12))


def span(calendar: Calendar, label: int) -> tuple[date, date, date]:
    year = calendar.year(label)
    return year.start, year.end, year.deadline


# --- the seed's two examples ----------------------------------------------------------------


def test_seed_example_recognised_2013():
    assert SEED_A.first_label == 2017
    assert span(SEED_A, 2017) == (date(2016, 5, 12), date(2017, 5, 12), date(2017, 6, 12))
    assert SEED_A.year(2018).deadline == date(2018, 6, 12)
    assert span(SEED_A, 2018)[:2] == (date(2017, 5, 12), date(2018, 5, 12))


def test_seed_example_recognised_2015():
    assert SEED_B.first_label == 2017
    assert span(SEED_B, 2017) == (date(2016, 9, 12), date(2017, 9, 12), date(2017, 10, 12))
    assert SEED_B.year(2018).deadline == date(2018, 10, 12)


# --- the first meetjaar ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("recognition", "start", "label"),
    [
        (date(2013, 5, 12), date(2016, 5, 12), 2017),
        (date(2015, 12, 31), date(2016, 12, 31), 2017),  # the last day before 2016 still waits
        (date(2016, 1, 1), date(2016, 1, 1), 2017),  # from 2016 on: E itself
        (date(2016, 3, 15), date(2016, 3, 15), 2017),
        (date(2019, 11, 2), date(2019, 11, 2), 2020),
        (date(2012, 2, 29), date(2016, 2, 29), 2017),  # 2016 is a leap year
        (date(2008, 2, 29), date(2016, 2, 29), 2017),
    ],
)
def test_first_start(recognition, start, label):
    calendar = Calendar(recognition)
    assert first_start(recognition) == start
    assert calendar.first_label == label
    assert calendar.year(label).start == start
    assert calendar.year(label).is_first


def test_years_before_the_first_do_not_exist():
    with pytest.raises(ValueError):
        SEED_A.year(2016)


def test_every_meetjaar_starts_where_the_previous_ended():
    for calendar in (SEED_A, SEED_B, Calendar(date(2016, 2, 29)), Calendar(date(2017, 1, 31))):
        for label in range(calendar.first_label, calendar.first_label + 10):
            assert calendar.year(label).end == calendar.year(label + 1).start
            assert calendar.year(label).label == calendar.year(label).end.year == label


# --- leap day and month ends ----------------------------------------------------------------


def test_leap_day_recognition():
    calendar = Calendar(date(2016, 2, 29))
    assert span(calendar, 2017) == (date(2016, 2, 29), date(2017, 2, 28), date(2017, 3, 28))
    assert span(calendar, 2018) == (date(2017, 2, 28), date(2018, 2, 28), date(2018, 3, 28))
    assert span(calendar, 2020) == (date(2019, 2, 28), date(2020, 2, 29), date(2020, 3, 29))
    assert span(calendar, 2021) == (date(2020, 2, 29), date(2021, 2, 28), date(2021, 3, 28))
    assert calendar.label_of(date(2020, 2, 29)) == 2020
    assert calendar.label_of(date(2020, 3, 1)) == 2021
    assert calendar.label_of(date(2019, 2, 28)) == 2019
    assert calendar.label_of(date(2019, 3, 1)) == 2020


def test_leap_day_recognition_before_2016():
    calendar = Calendar(date(2012, 2, 29))
    assert span(calendar, 2017) == (date(2016, 2, 29), date(2017, 2, 28), date(2017, 3, 28))


@pytest.mark.parametrize(
    ("recognition", "label", "end", "deadline"),
    [
        (date(2017, 1, 31), 2018, date(2018, 1, 31), date(2018, 2, 28)),  # clamps to end of Feb
        (date(2017, 1, 31), 2020, date(2020, 1, 31), date(2020, 2, 29)),  # leap February
        (date(2017, 1, 30), 2019, date(2019, 1, 30), date(2019, 2, 28)),
        (date(2016, 8, 31), 2017, date(2017, 8, 31), date(2017, 9, 30)),
        (date(2016, 3, 31), 2017, date(2017, 3, 31), date(2017, 4, 30)),
        (date(2016, 5, 31), 2017, date(2017, 5, 31), date(2017, 6, 30)),
        (date(2016, 10, 31), 2017, date(2017, 10, 31), date(2017, 11, 30)),
        (date(2016, 12, 31), 2017, date(2017, 12, 31), date(2018, 1, 31)),  # into the next year
        (date(2016, 12, 15), 2017, date(2017, 12, 15), date(2018, 1, 15)),
        (date(2016, 7, 31), 2017, date(2017, 7, 31), date(2017, 8, 31)),  # no clamping needed
    ],
)
def test_month_end_deadlines(recognition, label, end, deadline):
    year = Calendar(recognition).year(label)
    assert (year.end, year.deadline) == (end, deadline)


def test_anniversary_and_add_month():
    assert anniversary(date(2016, 2, 29), 2017) == date(2017, 2, 28)
    assert anniversary(date(2016, 2, 29), 2024) == date(2024, 2, 29)
    assert anniversary(date(2013, 5, 12), 2030) == date(2030, 5, 12)
    assert add_month(date(2017, 1, 29)) == date(2017, 2, 28)
    assert add_month(date(2017, 12, 31)) == date(2018, 1, 31)
    assert add_month(date(2017, 11, 30)) == date(2017, 12, 30)


# --- membership -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (date(2016, 5, 11), None),  # before S1: no meetjaar
        (date(2010, 1, 1), None),
        (date(2016, 5, 12), 2017),  # e = S1 belongs to the first
        (date(2016, 5, 13), 2017),
        (date(2016, 12, 31), 2017),
        (date(2017, 5, 11), 2017),
        (date(2017, 5, 12), 2017),  # e = T1
        (date(2017, 5, 13), 2018),  # the day after T1
        (date(2018, 5, 12), 2018),  # T2
        (date(2018, 5, 13), 2019),
        (date(2018, 1, 1), 2018),
    ],
)
def test_membership_boundaries(day, label):
    assert SEED_A.label_of(day) == label
    for candidate in range(2017, 2021):
        assert SEED_A.year(candidate).contains(day) == (candidate == label)


def test_the_start_of_a_later_meetjaar_belongs_to_the_previous_one():
    second = SEED_A.year(2018)
    assert not second.contains(second.start)
    assert SEED_A.year(2017).contains(second.start)


def test_recognition_after_2016_membership():
    calendar = Calendar(date(2016, 3, 15))
    assert calendar.label_of(date(2016, 3, 14)) is None
    assert calendar.label_of(date(2016, 3, 15)) == 2017
    assert calendar.label_of(date(2017, 3, 15)) == 2017
    assert calendar.label_of(date(2017, 3, 16)) == 2018


recognitions = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))


@settings(max_examples=200, deadline=None)
@given(recognition=recognitions, offset=st.integers(min_value=0, max_value=12 * 366))
def test_every_day_from_s1_belongs_to_exactly_one_meetjaar(recognition, offset):
    calendar = Calendar(recognition)
    day = calendar.first_start + timedelta(days=offset)
    owners = [
        label
        for label in range(calendar.first_label, calendar.first_label + 15)
        if calendar.year(label).contains(day)
    ]
    assert len(owners) == 1
    assert calendar.label_of(day) == owners[0]
    year = calendar.year(owners[0])
    assert year.start <= day <= year.end


@settings(max_examples=100, deadline=None)
@given(recognition=recognitions, before=st.integers(min_value=1, max_value=3000))
def test_days_before_s1_belong_to_none(recognition, before):
    calendar = Calendar(recognition)
    day = calendar.first_start - timedelta(days=before)
    assert calendar.label_of(day) is None
    assert not any(
        calendar.year(label).contains(day) for label in range(calendar.first_label, calendar.first_label + 3)
    )
    assert calendar.current_label(day) == calendar.first_label


@settings(max_examples=100, deadline=None)
@given(recognition=recognitions, offset=st.integers(min_value=0, max_value=12 * 366))
def test_deadline_is_one_calendar_month_after_the_end(recognition, offset):
    calendar = Calendar(recognition)
    label = calendar.label_of(calendar.first_start + timedelta(days=offset))
    year = calendar.year(label)
    deadline = year.deadline
    assert (deadline.year * 12 + deadline.month) - (year.end.year * 12 + year.end.month) == 1
    assert deadline.day == year.end.day or (
        deadline.day < year.end.day and (deadline + timedelta(days=1)).day == 1
    )


# --- current and latest ended meetjaar ---------------------------------------------------------


def test_current_and_latest_ended():
    assert SEED_A.current_label(date(2015, 1, 1)) == 2017  # before S1: the first
    assert SEED_A.latest_ended_label(date(2015, 1, 1)) is None
    assert SEED_A.latest_ended_label(date(2016, 5, 12)) is None
    assert SEED_A.latest_ended_label(date(2017, 5, 12)) is None  # 2017 has its last day today
    assert SEED_A.latest_ended_label(date(2017, 5, 13)) == 2017
    assert SEED_A.current_label(date(2017, 5, 20)) == 2018
    assert [y.label for y in SEED_A.years_until(date(2017, 5, 20))] == [2017, 2018]
    assert [y.label for y in SEED_A.years_until(date(2015, 5, 20))] == [2017]


# --- statuses on their boundary days ------------------------------------------------------------

FIRST = SEED_A.year(2017)  # 2016-05-12 .. 2017-05-12, deadline 2017-06-12
SECOND = SEED_A.year(2018)  # 2017-05-12 .. 2018-05-12, deadline 2018-06-12


@pytest.mark.parametrize(
    ("year", "day", "expected"),
    [
        (FIRST, date(2016, 5, 11), "toekomst"),
        (FIRST, date(2016, 5, 12), "lopend"),  # S1 is a day of the first meetjaar
        (FIRST, date(2017, 5, 12), "lopend"),
        (FIRST, date(2017, 5, 13), "in_te_dienen"),
        (FIRST, date(2017, 6, 12), "in_te_dienen"),
        (FIRST, date(2017, 6, 13), "te_laat"),
        (SECOND, date(2017, 5, 11), "toekomst"),
        (SECOND, date(2017, 5, 12), "toekomst"),  # S2 still belongs to the first meetjaar
        (SECOND, date(2017, 5, 13), "lopend"),
        (SECOND, date(2018, 5, 12), "lopend"),
        (SECOND, date(2018, 5, 13), "in_te_dienen"),
        (SECOND, date(2018, 6, 12), "in_te_dienen"),
        (SECOND, date(2018, 6, 13), "te_laat"),
    ],
)
def test_status_on_boundary_days(year, day, expected):
    assert status(year, day, submitted=False, judged=False) == expected


@pytest.mark.parametrize("day", [date(2016, 1, 1), date(2017, 5, 1), date(2017, 6, 1), date(2019, 1, 1)])
def test_submitted_and_judged_come_first(day):
    assert status(FIRST, day, submitted=True, judged=False) == "ingediend"
    assert status(FIRST, day, submitted=True, judged=True) == "beoordeeld"
    assert status(FIRST, day, submitted=False, judged=True) == "beoordeeld"


def test_verdict_expected_after_eight_weeks():
    assert verdict_expected_by(date(2017, 6, 1)) == date(2017, 7, 27)
    assert verdict_expected_by(None) is None
