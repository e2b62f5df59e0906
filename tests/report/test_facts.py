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


def test_distance_is_the_shown_mean_minus_the_norm():
    # Issue 22 item 3: the reader recomputes it from the two numbers on the page.
    assert distance_to_norm(side(["7", "7.5", "5.5", "8", "8"])) == "0,7 boven de norm"  # 7,2 − 6,5
    eight = ["7", "7.5", "7.5", "7.5", "7.5", "7.5", "7.5", "7.5"]  # 59,5 / 8 = 7,4375 → 7,4
    assert side(eight).display == "7,4" and distance_to_norm(side(eight)) == "0,9 boven de norm"
    # 6.4666… is shown cut to 6,46 (never 6,5): 6,46 − 6,5 = −0,04
    assert distance_to_norm(side(["6.5", "6.5", "6.4"])) == "0,04 onder de norm"
    # 6.5333… is shown 6,5: on the norm as the page shows it
    assert distance_to_norm(side(["6.5", "6.5", "6.6"])) == "op de norm"
    assert distance_to_norm(side(["6", "7"], norm="6.45")) == "0,05 boven de norm"  # 6,5 − 6,45
    assert distance_to_norm(side([])) is None


def test_margin_as_uwv_writes_it_and_the_norm_as_written():
    assert margin_text(side(["7", "7.5", "5.5", "8", "8"])) == "36 − 6,5 × 5 = 3,5"
    assert margin_text(side(["6", "6"], norm="6.45")) == "12 − 6,45 × 2 = −0,9"
    assert norm_text(Decimal("6.45")) == "6,45" and norm_text(Decimal("6.5")) == "6,5"
    assert norm_text(Decimal("7")) == "7,0"


def test_ties_are_named_as_ties_with_short_labels():
    stats = side(
        ["7"] * 4,
        questions=[
            question("a_een", 0, 2, 2),
            question("b", 0, 0, 4),
            question("c-twee", 1, 1, 2),
            question("d", 0, 1, 3),
        ],
    )
    strongest, weakest = strongest_and_weakest(stats)
    assert [f.question_id for f in strongest] == ["b"] and strongest[0].positive == Decimal("100.0")
    assert [f.question_id for f in weakest] == ["a_een", "c-twee"]  # both 50 %: neither is "the" one
    lines = side_summary(stats, running=False)
    assert lines[0] == "Sterkste punt: b (100,0 % positief)"
    assert lines[1] == "Zwakste punten: 2 vragen met 50,0 % positief (a een en c twee)"
    assert "Respons: 100,0 % (4 van 4 formulieren)." in lines
    assert lines[-1] == "Gemiddeld 7,0: 0,5 punt boven de norm van 6,5."
    running = side_summary(stats, running=True)
    assert running[-1].startswith("Tot nu toe gemiddeld 7,0: 0,5 punt boven de norm")


def test_a_large_tie_names_every_question_of_it():
    """SPEC "the edges": all questions sharing the share, each by a short label."""
    stats = side(["7"] * 4, questions=[question(q, 0, 0, 4) for q in "abcdef"] + [question("z", 4, 0, 0)])
    lines = side_summary(stats, running=False)
    assert lines[0] == "Sterkste punten: 6 vragen met 100,0 % positief (a, b, c, d, e en f)"
    assert lines[1] == "Zwakste punt: z (0,0 % positief)"
