"""SPEC §4: the numbers of one meetjaar per side, exact in Decimal, and their Dutch display."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from fractions import Fraction

from store.calendar import MeasurementYear
from store.model import SIDES, Period, Question, Questionnaire

TENTH = Decimal("0.1")


@dataclass(frozen=True)
class QuestionCount:
    """How often each answer of the scale was given to one question in one meetjaar."""

    question: Question
    counts: dict[str, int]
    no_answer: int

    @property
    def answered(self) -> int:
        return sum(self.counts.values())

    @property
    def received(self) -> int:
        return self.answered + self.no_answer

    @property
    def percentages(self) -> dict[str, Decimal]:
        """`procenten` (SPEC §4, changed 2026-12-01): each answer and `geen_antwoord` as a
        percentage of the received forms, one decimal, half up; equal counts get equal values
        (a row may add up to a little more or less than 100). All zero without a form."""
        keys = [*self.counts, "geen_antwoord"]
        values = [*self.counts.values(), self.no_answer]
        return {key: percentage(value, self.received) for key, value in zip(keys, values, strict=True)}

    @property
    def adds_up(self) -> bool:
        """True when the row's shown percentages add up to exactly 100 (or no form came in)."""
        return not self.received or sum(self.percentages.values()) == 100

    def positive_share(self, scale: tuple[str, ...]) -> Fraction | None:
        """Share of the answers given that lie in the upper half of the scale ("ja"; "voldoende"
        and "goed"); None when nobody answered."""
        if not self.answered:
            return None
        positive = sum(self.counts.get(answer, 0) for answer in positive_answers(scale))
        return Fraction(positive, self.answered)


def positive_answers(scale: tuple[str, ...]) -> tuple[str, ...]:
    """The upper half of a scale, the middle answer of an odd scale excluded: positions i with
    2·i > n − 1 ("ja" of nee/niet helemaal/ja; "voldoende" and "goed" of four)."""
    return tuple(answer for index, answer in enumerate(scale) if 2 * index > len(scale) - 1)


def percentage(count: int, total: int) -> Decimal:
    """count of total as a percentage with one decimal, rounded half up (3 of 8 → 37.5, 1 of 3 →
    33.3); 0.0 for an empty total. The one rule for `stats --json`, the app and the PDF."""
    if total <= 0:
        return Decimal("0.0")
    return (Decimal(count * 100) / Decimal(total)).quantize(TENTH, ROUND_HALF_UP)


def percent_text(value: Decimal | float | int) -> str:
    """A `procenten` value as people read it: 37.5 → "37,5 %", 100 → "100,0 %"."""
    return format_number(Decimal(str(value)), places=1) + " %"


def largest_remainder(counts: list[int]) -> list[int]:
    """Whole percentages of sum(counts) that add up to 100 (Hamilton's method); the earlier
    entry wins a tie. All zero for an empty total."""
    total = sum(counts)
    if total == 0:
        return [0] * len(counts)
    floors = [count * 100 // total for count in counts]
    remainders = [count * 100 % total for count in counts]
    order = sorted(range(len(counts)), key=lambda index: (-remainders[index], index))
    for index in order[: 100 - sum(floors)]:
        floors[index] += 1
    return floors


@dataclass(frozen=True)
class SideStats:
    """The numbers of one side (werknemer or werkgever) in one meetjaar."""

    side: str
    periods: int
    forms: int
    grades: tuple[Decimal, ...]
    norm: Decimal
    scale: tuple[str, ...]
    questions: tuple[QuestionCount, ...]

    @property
    def count(self) -> int:
        return len(self.grades)

    @property
    def total(self) -> Decimal:
        return sum(self.grades, Decimal(0))

    @property
    def mean(self) -> Decimal | None:
        return self.total / self.count if self.grades else None

    @property
    def meets(self) -> bool | None:
        """mean ≥ norm compared exactly: som ≥ norm × aantal, no division, no rounding."""
        return self.total >= self.norm * self.count if self.grades else None

    @property
    def response(self) -> Decimal | None:
        return Decimal(self.forms) / Decimal(self.periods) if self.periods else None

    @property
    def display(self) -> str | None:
        """One decimal, half up, decimal comma; never shown at or above the norm when below it."""
        if not self.grades:
            return None
        return display_mean(self.total, self.count, self.norm)

    @property
    def calculation(self) -> str | None:
        """UWV's way of writing it: "36 : 5 = 7,2"."""
        if not self.grades:
            return None
        return f"{format_number(self.total)} : {self.count} = {self.display}"

    @property
    def spread(self) -> dict[str, Decimal | int] | None:
        """`spreiding`: laagste, hoogste, mediaan (even count: mean of the two middle ones) and
        onder_norm (how many cijfers lie below the norm); None without cijfers."""
        if not self.grades:
            return None
        ordered = sorted(self.grades)
        middle = len(ordered) // 2
        median = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
        return {
            "laagste": ordered[0],
            "hoogste": ordered[-1],
            "mediaan": median,
            "onder_norm": sum(1 for grade in ordered if grade < self.norm),
        }

    @property
    def margin(self) -> Decimal | None:
        """`marge` = som − norm × cijfers, exact (negative below the norm); None without cijfers."""
        return self.total - self.norm * self.count if self.grades else None

    @property
    def next_minimum(self) -> Decimal | None:
        """`volgend_minimaal`: the lowest cijfer one more form may give with the side still
        meeting the norm: norm × (cijfers + 1) − som rounded up to one decimal, at least 1;
        None when even a 10 would not do, or without cijfers."""
        if not self.grades:
            return None
        needed = (self.norm * (self.count + 1) - self.total).quantize(TENTH, ROUND_CEILING)
        if needed > 10:
            return None
        return max(needed, Decimal("1.0"))

    @property
    def distribution(self) -> dict[int, int]:
        """How many cijfers, rounded half up to a whole number, are 1 … 10."""
        spread = {value: 0 for value in range(1, 11)}
        for grade in self.grades:
            spread[int(grade.quantize(Decimal(1), ROUND_HALF_UP))] += 1
        return spread


@dataclass(frozen=True)
class YearStats:
    year: MeasurementYear
    periods: tuple[Period, ...]
    sides: dict[str, SideStats]


def _tenths(total: Decimal) -> int:
    """The sum of one-decimal cijfers as a whole number of tenths (exact)."""
    return int((total * 10).to_integral_exact())


def display_mean(total: Decimal, count: int, norm: Decimal) -> str:
    """Exact rational rounding: mean = tenths / (10 · count), no intermediate Decimal division."""
    tenths = _tenths(total)
    quotient, remainder = divmod(tenths, count)
    if 2 * remainder >= count:
        quotient += 1
    shown = Decimal(quotient) / 10
    meets = total >= norm * count
    if meets or shown < norm:
        return format_number(shown, places=1)
    # Below the norm but rounding up would reach it: cut instead (6,475 → 6,47).
    for places in range(2, 12):
        cut = Decimal(tenths * 10 ** (places - 1) // count) / Decimal(10**places)
        if cut < norm:
            return format_number(cut, places=places)
    return format_number(cut, places=places)


def format_number(value: Decimal, places: int | None = None) -> str:
    """Dutch notation: decimal comma; whole numbers without decimals unless places is given."""
    if places is None:
        value = value.quantize(TENTH) if value != value.to_integral_value() else value.quantize(Decimal(1))
        text = format(value, "f")
    else:
        text = format(value.quantize(Decimal(1).scaleb(-places)), "f")
    return text.replace(".", ",")


def format_grade(grade: Decimal | None) -> str | None:
    """A cijfer as the seed writes it: 7, 7,5."""
    return None if grade is None else format_number(grade)


def count_questions(
    questionnaire: Questionnaire, periods: list[Period], side: str
) -> tuple[QuestionCount, ...]:
    forms = [p.forms[side] for p in periods if side in p.forms]
    result = []
    for question in questionnaire.questions:
        counts = {answer: 0 for answer in questionnaire.scale}
        answered_any = False
        for form in forms:
            answer = form.answers.get(question.id)
            if answer in counts:
                counts[answer] += 1
                answered_any = True
        if question.obsolete and not answered_any:
            continue
        result.append(QuestionCount(question, counts, len(forms) - sum(counts.values())))
    return tuple(result)


def side_stats(
    side: str, periods: list[Period], norm: Decimal, questionnaire: Questionnaire | None
) -> SideStats:
    forms = [p.forms[side] for p in periods if side in p.forms]
    grades = tuple(form.grade for form in forms if form.grade is not None)
    questions = count_questions(questionnaire, periods, side) if questionnaire else ()
    scale = questionnaire.scale if questionnaire else ()
    return SideStats(side, len(periods), len(forms), grades, norm, scale, questions)


def year_stats(folder, label: int) -> YearStats:
    """The numbers of meetjaar `label` from a loaded DataFolder (callers check blocking errors)."""
    year = folder.calendar.year(label)
    periods = folder.completed_periods(label)
    sides = {
        side: side_stats(side, periods, folder.organisation.norm[side], folder.questionnaires.get(side))
        for side in SIDES
    }
    return YearStats(year, tuple(periods), sides)


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _spread_json(spread: dict | None) -> dict | None:
    if spread is None:
        return None
    return {key: value if isinstance(value, int) else float(value) for key, value in spread.items()}


def side_json(stats: SideStats) -> dict:
    return {
        "perioden": stats.periods,
        "formulieren": stats.forms,
        "cijfers": stats.count,
        "som": float(stats.total),
        "gemiddelde": _float(stats.mean),
        "weergave": stats.display,
        "berekening": stats.calculation,
        "norm": float(stats.norm),
        "voldoet": stats.meets,
        "respons": _float(stats.response),
        "verdeling": {str(k): v for k, v in stats.distribution.items()},
        "spreiding": _spread_json(stats.spread),
        "marge": _float(stats.margin),
        "volgend_minimaal": _float(stats.next_minimum),
        "vragen": [
            {
                "id": qc.question.id,
                "tekst": qc.question.text,
                **({"groep": qc.question.group} if qc.question.group else {}),
                "antwoorden": qc.counts,
                "geen_antwoord": qc.no_answer,
                "procenten": {key: float(value) for key, value in qc.percentages.items()},
                **({"vervallen": True} if qc.question.obsolete else {}),
            }
            for qc in stats.questions
        ],
    }


def stats_json(stats: YearStats) -> dict:
    """`ktv stats --json` (SPEC §5)."""
    return {
        "jaar": stats.year.label,
        "start": stats.year.start.isoformat(),
        "eerste_dag": stats.year.first_day.isoformat(),
        "eind": stats.year.end.isoformat(),
        "deadline": stats.year.deadline.isoformat(),
        "perioden": [
            {
                "id": p.id,
                "werknemer": p.employee,
                "werkgever": p.employer,
                "jobcoach": p.jobcoach,
                "einde": p.end.isoformat() if p.end else None,
                "cijfer_werknemer": _float(p.grade("werknemer")),
                "cijfer_werkgever": _float(p.grade("werkgever")),
            }
            for p in stats.periods
        ],
        **{side: side_json(stats.sides[side]) for side in SIDES},
    }
