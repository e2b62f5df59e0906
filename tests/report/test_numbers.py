"""SPEC §4: the numbers of one meetjaar, exact in Decimal, and how they are shown."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from report.numbers import display_mean, format_grade, side_json, side_stats
from store.defaults import DEFAULT_QUESTIONNAIRES
from store.model import Assessment, Period, Question, Questionnaire

NORM = Decimal("6.5")
WN = DEFAULT_QUESTIONNAIRES["werknemer"]


def periods_with(
    grades: list[str | None], side: str = "werknemer", answers: list[dict] | None = None
) -> list[Period]:
    """One completed period per entry; None = form received without a cijfer."""
    result = []
    for index, grade in enumerate(grades):
        form = Assessment(
            received=date(2017, 1, 2),
            grade=None if grade is None else Decimal(grade),
            answers=(answers[index] if answers else {}),
        )
        result.append(
            Period(
                id=f"p{index}",
                employee=f"WN-{index}",
                employer="WG-1",
                begin=date(2016, 6, 1),
                end=date(2017, 1, 1) + timedelta(days=index),
                forms={side: form},
            )
        )
    return result


def stats(grades, norm=NORM, questionnaire=WN, side="werknemer", **kwargs):
    return side_stats(side, periods_with(grades, side, **kwargs), norm, questionnaire)


# --- the seed's example ----------------------------------------------------------------------


def test_seed_example_werknemer():
    s = stats(["7", "7.5", "5.5", "8", "8"])
    assert s.calculation == "36 : 5 = 7,2"
    assert (s.periods, s.forms, s.count, s.total, s.mean) == (5, 5, 5, Decimal(36), Decimal("7.2"))
    assert s.meets is True
    data = side_json(s)
    assert data["som"] == 36.0 and data["gemiddelde"] == 7.2 and data["weergave"] == "7,2"
    assert data["verdeling"] == {
        "1": 0,
        "2": 0,
        "3": 0,
        "4": 0,
        "5": 0,
        "6": 1,
        "7": 1,
        "8": 3,
        "9": 0,
        "10": 0,
    }


def test_seed_example_werkgever():
    s = stats(
        ["7.5", "7", "7", "8", "6"], side="werkgever", questionnaire=DEFAULT_QUESTIONNAIRES["werkgever"]
    )
    assert s.calculation == "35,5 : 5 = 7,1"
    assert side_json(s)["som"] == 35.5 and side_json(s)["gemiddelde"] == 7.1


# --- display: half up, decimal comma, never at or above the norm when below it ----------------


@pytest.mark.parametrize(
    ("grades", "shown"),
    [
        (["8.1", "8.2"], "8,2"),  # 8,15 → 8,2 (a float would give 8,1)
        (["7.2", "7.3"], "7,3"),  # 7,25 → 7,3 (banker's rounding would give 7,2)
        (["7", "7", "7.1"], "7,0"),  # 7,0333…
        (["7", "8"], "7,5"),
        (["10", "9.9"], "10,0"),  # 9,95 → 10,0
        (["1", "1"], "1,0"),
        (["6.6", "6.7", "6.7"], "6,7"),  # 6,6666…
        (["6.5", "6.6", "6.6"], "6,6"),  # 6,5666…
    ],
)
def test_mean_rounded_half_up(grades, shown):
    assert stats(grades).display == shown


@pytest.mark.parametrize(
    ("grades", "shown"),
    [
        (["6.5", "6.5", "6.5", "6.4"], "6,47"),  # 6,475: seed's example of a mean just below 6,5
        (["6.4", "6.5"], "6,45"),  # 6,45 would round to 6,5
        (["6.5", "6.5", "6.4"], "6,46"),  # 6,4666… → 6,5 rounded, cut to 6,46
        (["6.5"] * 19 + ["6.4"], "6,49"),  # 6,495
        (["6.5"] * 199 + ["6.4"], "6,49"),  # 6,4995 is cut, not rounded to 6,50
    ],
)
def test_mean_below_norm_is_never_shown_as_the_norm(grades, shown):
    s = stats(grades)
    assert s.meets is False
    assert s.display == shown


def test_6475_as_json():
    s = stats(["6.5", "6.5", "6.5", "6.4"])
    data = side_json(s)
    assert data["gemiddelde"] == 6.475 and data["weergave"] == "6,47" and data["voldoet"] is False
    assert s.calculation == "25,9 : 4 = 6,47"


def test_6475_with_many_grades():
    grades = ["6.5"] * 30 + ["6.4"] * 10  # 259 : 40 = 6,475
    s = stats(grades)
    assert s.total == Decimal("259.0") and s.display == "6,47" and s.meets is False


@pytest.mark.parametrize(
    ("grades", "norm", "meets"),
    [
        (["6.5"], "6.5", True),  # exactly the norm passes
        (["6.4", "6.6"], "6.5", True),
        (["6.4"], "6.5", False),
        (["6.4", "6.5"], "6.5", False),  # 6,45: rounding first would pass it
        (["6.5", "6.5", "6.6"], "6.5", True),
        (["7", "7", "6.9"], "7", False),  # 6,9666…
        (["7.1", "7.1", "6.8"], "7", True),  # exactly 7,0 with thirds
        (["6.1", "6.9"], "6.5", True),  # 6,5 from floats that do not add exactly
    ],
)
def test_voldoet_compared_exactly(grades, norm, meets):
    assert stats(grades, norm=Decimal(norm)).meets is meets


def test_norm_from_ktv_toml_is_used_for_display():
    s = stats(["6.9", "7"], norm=Decimal(7))  # 6,95 → would show 7,0
    assert s.meets is False and s.display == "6,95"


one_decimal_grades = st.integers(min_value=10, max_value=100).map(lambda t: Decimal(t) / 10)


@settings(max_examples=200, deadline=None)
@given(grades=st.lists(one_decimal_grades, min_size=1, max_size=60), norm=one_decimal_grades)
def test_display_agrees_with_exact_arithmetic(grades, norm):
    total = sum(grades, Decimal(0))
    exact = Fraction(total) / len(grades)
    shown = display_mean(total, len(grades), norm)
    value = Fraction(Decimal(shown.replace(",", ".")))
    meets = exact >= Fraction(norm)
    assert meets == stats([str(g) for g in grades], norm=norm).meets
    rounded = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    if meets or rounded < norm:
        # one decimal, half up
        assert shown == format(rounded, "f").replace(".", ",")
    else:
        # rounding would reach the norm: cut instead, to the first decimals that stay below it
        assert value < Fraction(norm)
        assert value <= exact < value + Fraction(1, 10 ** (len(shown.split(",")[1])))
        assert len(shown.split(",")[1]) >= 2
    assert (value >= Fraction(norm)) == meets


# --- formulieren, cijfers, respons, none ----------------------------------------------------------


def test_forms_without_a_grade_and_missing_forms():
    periods = periods_with(["7", None, "8"])
    periods.append(
        Period(id="zonder", employee="WN-9", employer="WG-1", begin=date(2016, 6, 1), end=date(2017, 2, 1))
    )
    s = side_stats("werknemer", periods, NORM, WN)
    assert (s.periods, s.forms, s.count) == (4, 3, 2)
    assert s.response == Decimal("0.75")
    assert s.calculation == "15 : 2 = 7,5"
    assert side_json(s)["respons"] == 0.75


def test_no_grades_means_no_mean_no_display_no_verdict():
    s = stats([None, None])
    data = side_json(s)
    assert (data["cijfers"], data["som"]) == (0, 0.0)
    assert data["gemiddelde"] is None and data["weergave"] is None and data["voldoet"] is None
    assert data["respons"] == 1.0


def test_empty_meetjaar_has_no_response():
    s = side_stats("werknemer", [], NORM, WN)
    assert s.response is None and side_json(s)["respons"] is None
    assert side_json(s)["verdeling"] == {str(k): 0 for k in range(1, 11)}


# --- verdeling ----------------------------------------------------------------------------------


def test_distribution_rounds_half_up():
    s = stats(["1", "1.4", "1.5", "4.5", "5.5", "6.4", "6.5", "9.4", "9.5", "10"])
    assert s.distribution == {1: 2, 2: 1, 3: 0, 4: 0, 5: 1, 6: 2, 7: 1, 8: 0, 9: 1, 10: 2}
    assert sum(s.distribution.values()) == s.count


# --- questions ----------------------------------------------------------------------------------


def test_answers_per_question_and_geen_antwoord():
    answers = [
        {"begeleiding": "ja", "bereikbaarheid": "nee"},
        {"begeleiding": "ja"},
        {"begeleiding": "niet helemaal", "bereikbaarheid": "ja"},
        {},
    ]
    s = stats(["7", "7", "7", "7"], answers=answers)
    data = side_json(s)["vragen"]
    assert [q["id"] for q in data] == ["begeleiding", "bereikbaarheid"]
    assert data[0]["antwoorden"] == {"nee": 0, "niet helemaal": 1, "ja": 2}
    assert data[0]["geen_antwoord"] == 1
    assert data[1]["antwoorden"] == {"nee": 1, "niet helemaal": 0, "ja": 1}
    assert data[1]["geen_antwoord"] == 2
    assert data[0]["tekst"] == "Bent u tevreden over de begeleiding van de jobcoach?"
    assert "vervallen" not in data[0]


def test_periods_without_this_sides_form_are_not_counted_as_geen_antwoord():
    periods = periods_with(["7"], answers=[{"begeleiding": "ja"}])
    periods.append(
        Period(id="z", employee="WN-9", employer="WG-1", begin=date(2016, 6, 1), end=date(2017, 2, 1))
    )
    s = side_stats("werknemer", periods, NORM, WN)
    assert [q.no_answer for q in s.questions] == [0, 1]


OLD = Questionnaire(
    "werknemer",
    "Oud",
    ("nee", "ja"),
    (Question("nieuw", "Nieuwe vraag?"), Question("oud", "Vervallen vraag?", obsolete=True)),
)


def test_vervallen_question_only_when_answered():
    unanswered = stats(["7"], questionnaire=OLD, answers=[{"nieuw": "ja"}])
    assert [q["id"] for q in side_json(unanswered)["vragen"]] == ["nieuw"]
    answered = stats(["7", "8"], questionnaire=OLD, answers=[{"nieuw": "ja"}, {"oud": "nee"}])
    vragen = side_json(answered)["vragen"]
    assert [q["id"] for q in vragen] == ["nieuw", "oud"]
    assert vragen[1]["vervallen"] is True
    assert vragen[1]["antwoorden"] == {"nee": 1, "ja": 0} and vragen[1]["geen_antwoord"] == 1


def test_format_grade_as_the_seed_writes_it():
    assert [format_grade(Decimal(g)) for g in ("7", "7.0", "7.5", "10")] == ["7", "7", "7,5", "10"]
    assert format_grade(None) is None
