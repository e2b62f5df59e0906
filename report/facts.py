"""Facts of one meetjaar in Dutch words, computed from the numbers only (SPEC §6 "Fit to sign and
send"): the report's first-page summary, the app's "feiten invoegen" and the demo's texts all use
these, so a text built from them can never contradict the numbers printed beside it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .numbers import SideStats, YearStats, format_number, percent_text, percentage, positive_answers

SIDE_WORDS = {"werknemer": "werknemers", "werkgever": "werkgevers"}


@dataclass(frozen=True)
class QuestionFact:
    """One question ranked by its share of positive answers (upper half of the scale)."""

    question_id: str
    text: str
    positive: Decimal
    """Percentage (one decimal, half up) of the received forms with a positive answer: the
    positive count over the forms, by the same rule as `procenten`."""
    share: Fraction
    """Exact share used for ranking (positive answers / received forms)."""

    @property
    def label(self) -> str:
        """A short name for the question, from its id ("contact_werknemer" → "contact werknemer")."""
        return short_label(self.question_id)


def short_label(question_id: str) -> str:
    """The id read as words: ids are stable, short and made by the organisation itself."""
    return " ".join(question_id.replace("_", " ").replace("-", " ").split())


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
        count = sum(qc.counts[answer] for answer in positive)
        facts.append(
            QuestionFact(
                qc.question.id, qc.question.text, percentage(count, side.forms), Fraction(count, side.forms)
            )
        )
    return facts


def strongest_and_weakest(side: SideStats) -> tuple[list[QuestionFact], list[QuestionFact]] | None:
    """All questions sharing the largest and all sharing the smallest share of positive answers
    (a tie is never broken: each of them is "the" strongest); None when nothing can be ranked."""
    facts = question_facts(side)
    if not facts:
        return None
    best = max(f.share for f in facts)
    worst = min(f.share for f in facts)
    return [f for f in facts if f.share == best], [f for f in facts if f.share == worst]


def tie_phrase(facts: list[QuestionFact]) -> str:
    """ "bereikbaarheid (50,0 % positief)" for one question; "2 vragen met 50,0 % positief
    (bezoeken en benadering)" for a tie: every question of it by its short label, however many
    (SPEC "the edges"; six questions at 100 % were once left as just a count)."""
    shown = percent_text(facts[0].positive)
    if len(facts) == 1:
        return f"{facts[0].label} ({shown} positief)"
    labels = [f.label for f in facts]
    return f"{len(facts)} vragen met {shown} positief ({', '.join(labels[:-1])} en {labels[-1]})"


def shown_mean(side: SideStats) -> Decimal | None:
    """The mean exactly as the document prints it (one decimal, or cut to two below the norm)."""
    if side.display is None:
        return None
    return Decimal(side.display.replace(",", "."))


def distance_to_norm(side: SideStats) -> str | None:
    """ "0,9 boven de norm", "0,03 onder de norm", "op de norm": the shown mean minus the norm,
    so the reader can recompute it from the two numbers on the page (7,4 − 6,5 = 0,9)."""
    shown = shown_mean(side)
    if shown is None:
        return None
    difference = shown - side.norm
    if difference == 0:
        return "op de norm"
    places = max(1, -difference.as_tuple().exponent)
    word = "boven" if difference > 0 else "onder"
    return f"{format_number(abs(difference), places=places)} {word} de norm"


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


def mean_margin_text(side: SideStats) -> str | None:
    """The margin next to the mean: the shown mean minus the norm, "7,4 − 6,5 = 0,9", so the
    reader recomputes it from the two numbers printed beside it (issue 22)."""
    shown = shown_mean(side)
    if shown is None:
        return None
    difference = shown - side.norm
    places = max(1, -difference.as_tuple().exponent)
    sign = "−" if difference < 0 else ""
    return f"{side.display} − {norm_text(side.norm)} = {sign}{format_number(abs(difference), places=places)}"


def _places(value: Decimal) -> int | None:
    """Whole numbers without decimals, else as many as needed (at most two: norm × count)."""
    if value == value.to_integral_value():
        return None
    return 1 if value * 10 == (value * 10).to_integral_value() else 2


def response_text(side: SideStats) -> str | None:
    if side.response is None:
        return None
    return (
        f"{percent_text(percentage(side.forms, side.periods))} ({side.forms} van {side.periods} formulieren)"
    )


def side_summary(side: SideStats, *, running: bool) -> list[str]:
    """Short lines for the first page: strongest and weakest questions (ties named as ties),
    response, and the distance of the shown mean to the norm."""
    lines = []
    ranked = strongest_and_weakest(side)
    if ranked:
        strongest, weakest = ranked
        if strongest[0].share == weakest[0].share:
            lines.append(f"Alle vragen even vaak positief beantwoord: {percent_text(strongest[0].positive)}.")
        else:
            lines.append(
                f"{'Sterkste punten' if len(strongest) > 1 else 'Sterkste punt'}: {tie_phrase(strongest)}"
            )
            lines.append(f"{'Zwakste punten' if len(weakest) > 1 else 'Zwakste punt'}: {tie_phrase(weakest)}")
    response = response_text(side)
    if response:
        lines.append(f"Respons: {response}.")
    distance = distance_to_norm(side)
    if distance:
        prefix = "Tot nu toe gemiddeld " if running else "Gemiddeld "
        if distance != "op de norm":
            distance = distance.replace(" ", " punt ", 1)
        lines.append(f"{prefix}{side.display}: {distance} van {norm_text(side.norm)}.")
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
        if strongest[0].share == weakest[0].share:
            parts.append(
                f"Alle vragen kregen even vaak een positief antwoord ({percent_text(strongest[0].positive)})."
            )
        else:
            parts.append(
                f"Het vaakst positief: {tie_phrase(strongest)}; het minst vaak: {tie_phrase(weakest)}."
            )
    return " ".join(parts)


def facts_paragraph(stats: YearStats, *, running: bool) -> str:
    """The facts of a meetjaar as a starting text for the analysis: one paragraph per side."""
    if not stats.periods:
        return f"Er is {'tot nu toe ' if running else ''}geen jobcoachperiode afgerond in dit meetjaar."
    return "\n\n".join(side_paragraph(stats.sides[side], running=running) for side in stats.sides)
