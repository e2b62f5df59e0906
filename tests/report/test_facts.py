"""report/facts.py: the words of the summary and of "feiten invoegen", from the numbers only."""

from __future__ import annotations

from decimal import Decimal

from report.facts import distance_to_norm, margin_text, norm_text, side_summary, strongest_and_weakest
from report.numbers import QuestionCount, SideStats
from store.model import Question

SCALE = ("nee", "niet helemaal", "ja")


def side(grades: list[str], norm: str = "6.5", questions=()) -> SideStats:
    values = tuple(Decimal(g) for g in grades)
    return SideStats("werknemer", len(values), len(values), values, Decimal(norm), SCALE, tuple(questions))


def question(qid: str, nee: int, half: int, ja: int, none: int = 0) -> QuestionCount:
    return QuestionCount(Question(qid, f"Vraag {qid}?"), {"nee": nee, "niet helemaal": half, "ja": ja}, none)


def test_distance_never_puts_a_side_below_the_norm_on_it():
    assert distance_to_norm(side(["7", "7.5", "5.5", "8", "8"])) == "0,70 boven de norm"
    # 6.4999… : 3 cijfers 6.5, 6.5, 6.4 → mean 6.4666 → 0.0333 below, shown rounded away: 0,04
    assert distance_to_norm(side(["6.5", "6.5", "6.4"])) == "0,04 onder de norm"
    # just above: 6.5, 6.5, 6.6 → 6.5333 → floor 0,03
    assert distance_to_norm(side(["6.5", "6.5", "6.6"])) == "0,03 boven de norm"
    assert distance_to_norm(side(["6.5"])) == "precies op de norm"
    assert distance_to_norm(side([])) is None


def test_margin_as_uwv_writes_it_and_the_norm_as_written():
    assert margin_text(side(["7", "7.5", "5.5", "8", "8"])) == "36 − 6,5 × 5 = 3,5"
    assert margin_text(side(["6", "6"], norm="6.45")) == "12 − 6,45 × 2 = −0,9"
    assert norm_text(Decimal("6.45")) == "6,45" and norm_text(Decimal("6.5")) == "6,5"
    assert norm_text(Decimal("7")) == "7,0"


def test_strongest_and_weakest_by_share_of_positive_answers_first_wins_a_tie():
    stats = side(
        ["7"] * 4, questions=[question("a", 0, 2, 2), question("b", 0, 0, 4), question("c", 1, 1, 2)]
    )
    strongest, weakest = strongest_and_weakest(stats)
    assert (strongest.question_id, strongest.positive) == ("b", 100)
    assert (weakest.question_id, weakest.positive) == ("a", 50)  # a and c both 50%: the earlier one
    lines = side_summary(stats, running=False)
    assert lines[0] == "Sterkste punt: Vraag b? (100% positief)"
    assert lines[1] == "Zwakste punt: Vraag a? (50% positief)"
    assert "Respons: 100% (4 van 4 formulieren)." in lines
    running = side_summary(stats, running=True)
    assert running[-1].startswith("Tot nu toe gemiddeld 0,50 punt boven de norm")
