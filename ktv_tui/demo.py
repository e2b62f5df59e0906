"""`ktv demo`: a realistic data folder a newcomer can explore, built through the real store."""

from __future__ import annotations

import os
import random
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from report.numbers import YearStats, side_stats
from store.calendar import Calendar, MeasurementYear
from store.create import create_data_folder
from store.defaults import DEFAULT_QUESTIONNAIRES
from store.git import GitError, commit_all
from store.model import DEFAULT_NORM, SIDES, Assessment, Period, YearNotes
from store.save import save_period, save_year_notes

from . import demo_texts

DEMO_NAME = "Jobcoach Voorbeeld B.V."
DEMO_RECOGNITION = date(2013, 5, 12)
"""The seed's example organisation: recognised before 2016, so the first meetjaar is 2017."""
DEMO_ACCOUNT_MANAGER = "M. de Vries"

SEED_EXAMPLE = (
    # werknemer, werkgever, cijfer werknemer, cijfer werkgever (seed 000, "Weergave cijfers")
    ("WN-001", "WG-001", "7", "7.5"),
    ("WN-001", "WG-002", "7.5", "7"),
    ("WN-002", "WG-001", "5.5", "7"),
    ("WN-002", "WG-001", "8", "8"),
    ("WN-003", "WG-001", "8", "6"),
)
JOBCOACHES = ("IJ", "MK", "SB", "RV")
GRADES = ("5.5", "6", "6.5", "7", "7", "7.5", "7.5", "8", "8", "8.5", "9")
LOW_GRADES = ("4.5", "5", "5.5", "6", "6", "6.5", "7")
REMARKS = (
    "Werkgever heeft het formulier per post teruggestuurd.",
    "Begeleiding afgebouwd na overstap naar vaste functie.",
    "Tweede periode bij dezelfde werkgever na uitbreiding van taken.",
    "Formulier samen met de werknemer ingevuld.",
)

DEMO_DETAILS = {
    "reference": "JC-2013-0412",
    "signatory": "A. Jansen",
    "signatory_function": "Directeur",
    "contact": {
        "adres": "Stationsweg 12",
        "postcode": "3511 AB",
        "plaats": "Utrecht",
        "telefoon": "030 123 4567",
        "email": "info@voorbeeld.nl",
        "website": "www.voorbeeld.nl",
    },
}
"""The demo organisation's own public contact details and signatory (ktv.toml)."""

MISSING_REASONS = {
    "werknemer": (
        "Niet teruggestuurd na twee herinneringen.",
        "Formulier kwam retour: het adres klopte niet meer.",
        "Werknemer wilde het formulier niet invullen.",
    ),
    "werkgever": (
        "Werkgever heeft het formulier na twee herinneringen niet teruggestuurd.",
        "Contactpersoon bij de werkgever is vertrokken; niemand anders kon het invullen.",
        "Bedrijf is gesloten na een reorganisatie.",
    ),
}
LOW_YEAR = 2019
LOW_CONTEXT = (
    "De lagere waardering door werkgevers hangt samen met het vertrek van twee jobcoaches in het "
    "najaar, waardoor de caseload tijdelijk hoog was en bedrijfsbezoeken soms werden uitgesteld."
)
LATE_YEAR = 2021
LATE_EXPLANATION = (
    "Door het vertrek van de kwaliteitsmedewerker in het voorjaar is de rapportage later opgesteld. "
    "De termijn staat nu in de jaarplanning van de directie, met een vaste vervanger."
)
RECOVERY_PLAN = (
    "Met de werkgevers is in een evaluatiegesprek besproken wat beter kan. Afspraken: vaste "
    "contactmomenten, een vervanger bij afwezigheid, en een tussentijdse evaluatie na drie maanden."
)


def _answers(rng: random.Random, side: str, grade: Decimal) -> dict[str, str]:
    questionnaire = DEFAULT_QUESTIONNAIRES[side]
    scale = questionnaire.scale
    top = len(scale) - 1
    base = top if grade >= 7 else top - 1 if grade >= 5.5 else max(0, top - 2)
    answers = {}
    for question in questionnaire.active_questions:
        if rng.random() < 0.05:
            continue  # a question left open on the paper form
        shift = rng.choice((0, 0, 0, -1, 1))
        answers[question.id] = scale[min(top, max(0, base + shift))]
    return answers


def _form(rng, side, grade: str, received: date) -> Assessment:
    value = Decimal(grade)
    return Assessment(received=received, grade=value, answers=_answers(rng, side, value))


def _period_id(rng: random.Random, begin: date, used: set[str]) -> str:
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    while True:
        pid = f"{begin.isoformat()}-{''.join(rng.choice(alphabet) for _ in range(5))}"
        if pid not in used:
            used.add(pid)
            return pid


def _seed_year(rng, start: date, used: set[str]) -> list[Period]:
    periods = []
    for index, (employee, employer, grade_wn, grade_wg) in enumerate(SEED_EXAMPLE):
        end = start + timedelta(days=60 + 55 * index)
        begin = end - timedelta(days=150 + 20 * index)
        received = end + timedelta(days=5)
        periods.append(
            Period(
                id=_period_id(rng, begin, used),
                employee=employee,
                employer=employer,
                jobcoach=JOBCOACHES[index % 2],
                begin=begin,
                end=end,
                forms={
                    "werknemer": _form(rng, "werknemer", grade_wn, received),
                    "werkgever": _form(rng, "werkgever", grade_wg, received + timedelta(days=2)),
                },
            )
        )
    return periods


def _random_year(
    rng,
    start: date,
    last_day: date,
    count: int,
    *,
    missing: int,
    low: bool,
    used,
    codes,
    reasons: bool = True,
):
    periods = []
    span = max(1, (last_day - start).days)
    for _ in range(count):
        end = start + timedelta(days=rng.randint(1, span))
        begin = end - timedelta(days=rng.randint(90, 330))
        employee = f"WN-{rng.randint(4, codes['wn'] + 3):03d}"
        if rng.random() < 0.4:
            codes["wn"] += 1
        employer = f"WG-{rng.randint(1, codes['wg']):03d}"
        if rng.random() < 0.25:
            codes["wg"] += 1
        received = min(end + timedelta(days=rng.randint(2, 20)), last_day)
        received = max(received, end)
        forms = {
            "werknemer": _form(rng, "werknemer", rng.choice(GRADES), received),
            "werkgever": _form(rng, "werkgever", rng.choice(LOW_GRADES if low else GRADES), received),
        }
        periods.append(
            Period(
                id=_period_id(rng, begin, used),
                employee=employee,
                employer=employer,
                jobcoach=rng.choice(JOBCOACHES),
                begin=begin,
                end=end,
                remark=rng.choice(REMARKS) if rng.random() < 0.15 else None,
                forms=forms,
            )
        )
    periods.sort(key=lambda p: p.end)
    for index in range(min(missing, len(periods))):
        victim = periods[-1 - 2 * index]
        side = "werkgever" if index % 2 == 0 else "werknemer"
        forms = {k: v for k, v in victim.forms.items() if k != side}
        why = {side: MISSING_REASONS[side][(index + start.year) % 3]} if reasons or index else {}
        periods[-1 - 2 * index] = Period(**{**victim.__dict__, "forms": forms, "missing_reasons": why})
    return periods


def _running_periods(rng, today: date, used, count: int) -> list[Period]:
    result = []
    for index in range(count):
        begin = today - timedelta(days=rng.randint(20, 200))
        result.append(
            Period(
                id=_period_id(rng, begin, used),
                employee=f"WN-{100 + index:03d}",
                employer=f"WG-{rng.randint(1, 12):03d}",
                jobcoach=rng.choice(JOBCOACHES),
                begin=begin,
            )
        )
    return result


@contextmanager
def _dated(day: date):
    """Git author and committer date for the commits made inside: the demo's history carries
    dates that fit its story (a submission's data commit lies on or before its ingediend_op)."""
    stamp = f"{day.isoformat()}T12:00:00+0000"
    saved = {key: os.environ.get(key) for key in ("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE")}
    os.environ.update({"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp})
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _commit(root: Path, message: str, day: date) -> str | None:
    with _dated(day):
        try:
            return commit_all(root, message)
        except GitError:
            return None


def make_demo(root: Path, today: date) -> None:
    """Every meetjaar from 2017 to today's has data; past ones submitted, one judged below norm."""
    rng = random.Random(2017)
    create_data_folder(
        root,
        DEMO_NAME,
        DEMO_RECOGNITION,
        account_manager=DEMO_ACCOUNT_MANAGER,
        details=DEMO_DETAILS,
        own_repository=True,  # its made-up history never goes into a repository around it
    )
    calendar = Calendar(DEMO_RECOGNITION)
    _commit(root, "Gegevensmap aangemaakt", min(today, calendar.year(calendar.first_label).start))
    used: set[str] = set()
    codes = {"wn": 6, "wg": 4}
    current = calendar.current_label(today)
    previous: tuple[YearStats, list] | None = None
    for label in range(calendar.first_label, current + 1):
        year = calendar.year(label)
        is_current = label == current
        last_day = min(year.end, today)
        if last_day <= year.start:
            continue
        periods = _year_periods(rng, label, year, last_day, is_current, current, used, codes)
        if is_current:
            periods += _running_periods(rng, today, used, 3)
        for period in periods:
            save_period(root, period, None)
        entered = min(
            today, max([year.start, *(f.received for p in periods for f in p.forms.values() if f.received)])
        )
        _commit(root, f"Meetjaar {label}: formulieren ingevoerd", entered)
        if is_current:
            continue
        stats = _year_stats(year, periods)
        previous = _write_year(root, rng, label, year, stats, previous, today, entered)


def _year_periods(rng, label, year, last_day, is_current, current, used, codes) -> list[Period]:
    if label == Calendar(DEMO_RECOGNITION).first_label:
        return _seed_year(rng, year.start, used)
    count = rng.randint(5, 8) if is_current else rng.randint(7, 12)
    missing = 2 if label >= current - 1 else 0
    return _random_year(
        rng,
        year.start,
        last_day,
        count,
        missing=missing,
        low=label == LOW_YEAR,
        used=used,
        codes=codes,
        reasons=not is_current,
    )


def _write_year(root, rng, label, year, stats, previous, today, entered) -> tuple[YearStats, list]:
    """The meetjaar's texts (evaluating last year's actions), then its submission: the texts are
    committed first, so the recorded ingediend_commit holds everything the report printed."""
    low = label == LOW_YEAR
    before, before_targets = previous if previous else (None, [])
    notes = YearNotes(
        year=label,
        analysis=demo_texts.analysis(stats, label, LOW_CONTEXT if low else None, before, before_targets),
        conclusions=demo_texts.conclusions(stats, label),
        actions=demo_texts.actions(stats, label, before, before_targets),
    )
    submit_on = year.end + timedelta(days=rng.randint(10, 25))
    if label == LATE_YEAR:
        submit_on = year.deadline + timedelta(days=23)
    written = min(today, max(entered, submit_on - timedelta(days=2)))
    if label == Calendar(DEMO_RECOGNITION).current_label(today) - 1 and today <= year.deadline:
        save_year_notes(root, notes, None)  # written, still to be submitted
        _commit(root, f"Meetjaar {label}: analyse geschreven", written)
    elif submit_on <= today:
        if submit_on > year.deadline:
            notes = replace(notes, late_explanation=LATE_EXPLANATION)
        saved = save_year_notes(root, notes, None)
        head = _commit(root, f"Meetjaar {label}: analyse geschreven", written)
        verdict_on = submit_on + timedelta(days=rng.randint(30, 50))
        judged = verdict_on <= today
        notes = replace(
            notes,
            submitted_on=submit_on,
            submitted_commit=head,
            verdict=("niet voldaan" if low else "voldaan") if judged else None,
            verdict_on=verdict_on if judged else None,
            recovery_plan=RECOVERY_PLAN if low and judged else None,
        )
        save_year_notes(root, notes, saved.digest)
        _commit(
            root,
            f"Meetjaar {label}: indiening en uitslag vastgelegd",
            min(today, verdict_on if judged else submit_on),
        )
    return stats, demo_texts.action_targets(stats)


def _year_stats(year: MeasurementYear, periods: list[Period]) -> YearStats:
    """The numbers of section 4 for the demo's own periods of one meetjaar (all completed)."""
    completed = sorted((p for p in periods if p.end and year.contains(p.end)), key=lambda p: (p.end, p.id))
    sides = {side: side_stats(side, completed, DEFAULT_NORM, DEFAULT_QUESTIONNAIRES[side]) for side in SIDES}
    return YearStats(year, tuple(completed), sides)
