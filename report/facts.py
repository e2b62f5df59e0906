"""Facts of one meetjaar in Dutch words, computed from the numbers only (SPEC §6 "Fit to sign and
send"): the report's first-page summary, the app's "feiten invoegen" and the demo's texts all use
these, so a text built from them can never contradict the numbers printed beside it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from fractions import Fraction

from .dutch import percent
from .numbers import SideStats, YearStats, format_number, positive_answers

SIDE_WORDS = {"werknemer": "werknemers", "werkgever": "werkgevers"}
HUNDREDTH = Decimal("0.01")


@dataclass(frozen=True)
class QuestionFact:
    """One question ranked by its share of positive answers (upper half of the scale)."""

    question_id: str
    text: str
    positive: int
    """Whole percentage of the received forms that gave a positive answer: the sum of the
    positive answers' `procenten`, so it agrees with the table."""
    share: Fraction
    """Exact share used for ranking (positive answers / received forms)."""


def norm_text(norm: Decimal) -> str:
    """The norm with the decimals it was written with, at least one: 6,5 and 6,45."""
    places = max(1, -norm.normalize().as_tuple().exponent) if norm != norm.to_integral_value() else 1
    return format_number(norm, places=places)


def question_facts(side: SideStats) -> list[QuestionFact]:
    """Every question that is still asked and has a received form, with its positive share."""
    if not side.forms:
        return []
    positive = positive_answers(side.scale)
    facts = []
    for qc in side.questions:
        if qc.question.obsolete:
            continue
        shown = qc.percentages
        facts.append(
            QuestionFact(
                qc.question.id,
                qc.question.text,
                sum(shown[answer] for answer in positive),
                Fraction(sum(qc.counts[answer] for answer in positive), side.forms),
            )
        )
    return facts


def strongest_and_weakest(side: SideStats) -> tuple[QuestionFact, QuestionFact] | None:
    """The question with the largest and the one with the smallest share of positive answers
    (the earlier question wins a tie); None when no question can be ranked."""
    facts = question_facts(side)
    if not facts:
        return None
    strongest = max(facts, key=lambda f: f.share)  # max/min keep the first of equals
    weakest = min(facts, key=lambda f: f.share)
    return strongest, weakest


def distance_to_norm(side: SideStats) -> str | None:
    """ "0,70 boven de norm", "0,04 onder de norm", "precies op de norm": the mean minus the norm
    in hundredths, rounded towards the norm when above and away from it when below, so a side
    below the norm never reads as on it."""
    if side.mean is None:
        return None
    difference = side.mean - side.norm
    if difference == 0:
        return "precies op de norm"
    if difference > 0:
        shown = difference.quantize(HUNDREDTH, ROUND_FLOOR)
        return f"{format_number(shown, places=2)} boven de norm"
    shown = (-difference).quantize(HUNDREDTH, ROUND_CEILING)
    return f"{format_number(shown, places=2)} onder de norm"


def margin_text(side: SideStats) -> str | None:
    """UWV's way of writing the margin: "36 − 6,5 × 5 = 3,5"."""
    if side.margin is None:
        return None
    margin = side.margin
    sign = "−" if margin < 0 else ""
    return (
        f"{format_number(side.total)} − {norm_text(side.norm)} × {side.count} = "
        f"{sign}{format_number(abs(margin), places=_places(margin))}"
    )


def _places(value: Decimal) -> int | None:
    """Whole numbers without decimals, else as many as needed (at most two: norm × count)."""
    if value == value.to_integral_value():
        return None
    return 1 if value * 10 == (value * 10).to_integral_value() else 2


def response_text(side: SideStats) -> str | None:
    if side.response is None:
        return None
    return f"{percent(side.response)} ({side.forms} van {side.periods} formulieren)"


def side_summary(side: SideStats, *, running: bool) -> list[str]:
    """Short lines for the first page: strongest and weakest question, response, margin."""
    lines = []
    ranked = strongest_and_weakest(side)
    if ranked:
        strongest, weakest = ranked
        if strongest.share == weakest.share:
            lines.append(f"Alle vragen even vaak positief beantwoord: {strongest.positive}%.")
        else:
            lines.append(f"Sterkste punt: {strongest.text} ({strongest.positive}% positief)")
            lines.append(f"Zwakste punt: {weakest.text} ({weakest.positive}% positief)")
    response = response_text(side)
    if response:
        lines.append(f"Respons: {response}.")
    distance = distance_to_norm(side)
    if distance:
        prefix = "Tot nu toe gemiddeld " if running else "Gemiddeld "
        if not distance.startswith("precies"):
            distance = distance.replace(" ", " punt ", 1)
        lines.append(f"{prefix}{distance} van {norm_text(side.norm)}.")
    return lines


def side_paragraph(side: SideStats, *, running: bool) -> str:
    """A few sentences about one side, to start an analysis from."""
    who = SIDE_WORDS[side.side]
    if side.mean is None:
        if side.periods == 0:
            return f"Er is {'tot nu toe ' if running else ''}geen jobcoachperiode afgerond."
        return f"Van de {who} is {'tot nu toe ' if running else ''}geen cijfer ontvangen."
    cijfers = "cijfer" if side.count == 1 else "cijfers"
    opening = "Tot nu toe gaven" if running else "De"
    if running:
        sentence = f"{opening} {who} gemiddeld een {side.display} ({side.count} {cijfers})"
    else:
        sentence = f"{opening} {who} gaven gemiddeld een {side.display} ({side.count} {cijfers})"
    sentence += f", {distance_to_norm(side)} van {norm_text(side.norm)}."
    parts = [sentence]
    spread = side.spread
    if spread and side.count > 1:
        low, high = format_number(spread["laagste"]), format_number(spread["hoogste"])
        below = spread["onder_norm"]
        under = "geen enkel cijfer" if below == 0 else f"{below} {'cijfer' if below == 1 else 'cijfers'}"
        parts.append(f"De cijfers lopen van {low} tot {high}; {under} onder de norm.")
    parts.append(f"De respons is {response_text(side)}.")
    ranked = strongest_and_weakest(side)
    if ranked:
        strongest, weakest = ranked
        if strongest.share == weakest.share:
            parts.append(f"Alle vragen kregen even vaak een positief antwoord ({strongest.positive}%).")
        else:
            parts.append(
                f"Het vaakst positief was het antwoord op \u201c{strongest.text}\u201d "
                f"({strongest.positive}% positief), het minst vaak op \u201c{weakest.text}\u201d ({weakest.positive}%)."
            )
    return " ".join(parts)


def facts_paragraph(stats: YearStats, *, running: bool) -> str:
    """The facts of a meetjaar as a starting text for the analysis: one paragraph per side."""
    if not stats.periods:
        return f"Er is {'tot nu toe ' if running else ''}geen jobcoachperiode afgerond in dit meetjaar."
    return "\n\n".join(side_paragraph(stats.sides[side], running=running) for side in stats.sides)
