"""The data folder's model: organisation, questionnaires, periods and meetjaar notes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

from . import schema

Side = Literal["werknemer", "werkgever"]
SIDES: tuple[Side, Side] = schema.SIDES  # type: ignore[assignment]

DEFAULT_NORM = Decimal("6.5")
SCHEMA = 1


@dataclass(frozen=True)
class Organisation:
    """ktv.toml: who the organisation is and since when it is recognised."""

    name: str
    recognition_date: date
    account_manager: str | None = None
    norm: dict[str, Decimal] = field(
        default_factory=lambda: {"werknemer": DEFAULT_NORM, "werkgever": DEFAULT_NORM}
    )
    """Norm per side; explicit in the file only when it differs from 6.5."""
    norm_explicit: bool = False
    """Whether ktv.toml had a [norm] table, so a canonical save keeps it."""
    reference: str | None = None
    """`kenmerk`: UWV's reference for this erkenning, printed on the notice."""
    first_year: int | None = None
    """`eerste_meetjaar`: meetjaren before it do not exist for ktv (`ktv init --vanaf`)."""
    contact: dict[str, str] = field(default_factory=dict)
    """`[contact]`: the organisation's own public details (adres, postcode, plaats, telefoon,
    email, website), printed on the documents; exempt from the personal-data checks."""
    signatory: str | None = None
    """`[ondertekening] naam`: who signs the report and the notice."""
    signatory_function: str | None = None
    """`[ondertekening] functie`."""
    code_pattern: str | None = None
    """`[codes] patroon`: a regular expression every werknemer/werkgever code must match."""
    uwv_address: str | None = None
    """`[uwv] adres`: UWV's postal address (multi-line), in the notice's addressee block."""
    evidence: dict[str, bool] = field(default_factory=dict)
    """`[bewijs]` as written (`scans`, `delen`): see store/evidence.py (SPEC §11)."""


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    group: str | None = None
    """Heading shared by consecutive questions ("Wat is uw mening over:")."""
    obsolete: bool = False
    """`vervallen`: kept for old answers, not asked in new entry."""


@dataclass(frozen=True)
class Questionnaire:
    """vragenlijsten/<side>.toml."""

    side: Side
    title: str
    scale: tuple[str, ...]
    questions: tuple[Question, ...]

    def question(self, question_id: str) -> Question | None:
        for question in self.questions:
            if question.id == question_id:
                return question
        return None

    @property
    def active_questions(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if not q.obsolete)


@dataclass(frozen=True)
class Assessment:
    """One received form (`[beoordeling.<side>]`): its presence means it was received."""

    received: date | None = None
    grade: Decimal | None = None
    answers: dict[str, str] = field(default_factory=dict)
    attachment: str | None = None
    """`bijlage`: file name of the returned form's scan under bijlagen/<id>/ (SPEC §11)."""


@dataclass(frozen=True)
class Period:
    """perioden/<id>.toml: one jobcoachperiode and both its forms."""

    id: str
    employee: str
    employer: str
    begin: date
    jobcoach: str | None = None
    end: date | None = None
    remark: str | None = None
    forms: dict[str, Assessment] = field(default_factory=dict)
    """Received forms keyed by side; a missing key means that form is not in."""
    missing_reasons: dict[str, str] = field(default_factory=dict)
    """`[ontbreekt]`: per side, why that form of a completed period did not come back."""

    @property
    def completed(self) -> bool:
        return self.end is not None

    def form(self, side: str) -> Assessment | None:
        return self.forms.get(side)

    def grade(self, side: str) -> Decimal | None:
        form = self.forms.get(side)
        return form.grade if form else None


@dataclass(frozen=True)
class YearNotes:
    """meetjaren/<jaar>.toml: the texts and the submission of one meetjaar."""

    year: int
    analysis: str | None = None
    conclusions: str | None = None
    actions: str | None = None
    submitted_on: date | None = None
    submitted_commit: str | None = None
    notice_on: date | None = None
    verdict: str | None = None
    verdict_on: date | None = None
    recovery_plan: str | None = None
    late_explanation: str | None = None
    """`toelichting_te_laat`: why the report or notice went in after the deadline."""


VERDICTS = ("voldaan", "niet voldaan")

CONTACT_KEYS = schema.ORGANISATION.keys(("contact",))
"""`[contact]` keys of ktv.toml, in canonical order (from the field table)."""
