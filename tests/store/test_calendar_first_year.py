"""`eerste_meetjaar` in the calendar (SPEC §3, last paragraph): later listing, same dates."""

from __future__ import annotations

from datetime import date

import pytest

from store.calendar import Calendar

E = date(2013, 5, 12)


def test_meetjaren_keep_their_dates_only_the_listing_starts_later() -> None:
    plain, later = Calendar(E), Calendar(E, 2019)
    assert later.first_label == 2019 and plain.first_label == 2017
    assert later.year(2019) == plain.year(2019)  # S = 2018-05-12 exclusive, not a "first" meetjaar
    assert not later.year(2019).is_first
    assert [y.label for y in later.years_until(date(2020, 1, 1))] == [2019, 2020]
    with pytest.raises(ValueError):
        later.year(2018)


@pytest.mark.parametrize(
    ("day", "label", "before"),
    [
        (date(2016, 5, 12), None, True),  # S1: meetjaar 2017
        (date(2018, 5, 12), None, True),  # T of 2018, not the first day of 2019
        (date(2018, 5, 13), 2019, False),
        (date(2015, 1, 1), None, False),  # before S1: no meetjaar at all
    ],
)
def test_days_before_eerste_meetjaar_belong_to_none(day: date, label, before: bool) -> None:
    later = Calendar(E, 2019)
    assert later.label_of(day) == label
    assert later.before_first_year(day) is before


def test_current_and_latest_ended_before_and_after_eerste_meetjaar() -> None:
    later = Calendar(E, 2021)
    assert later.current_label(date(2019, 9, 1)) == 2021  # before it: the first, as before S1
    assert later.latest_ended_label(date(2019, 9, 1)) is None
    assert later.latest_ended_label(date(2021, 6, 1)) == 2021  # 2021 ended, 2022 runs
    assert later.latest_ended_label(date(2021, 5, 12)) is None  # 2021 still runs (its last day)
    assert Calendar(E, 2010).first_label == 2017  # earlier than S1's meetjaar: no effect
