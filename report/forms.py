"""Printable beoordelingsformulieren (SPEC §11): `ktv formulier` and `ktv formulieren`.

A form carries the period's pseudonym codes, its months and its id, never a name: the
organisation writes the addressee by hand or on the envelope. Unsubmitted data is fine here
(a blank form holds no numbers), so nothing is refused for uncommitted changes.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from store.folder import REPORT_DIR, DataFolder
from store.model import SIDES, Period
from store.toml_io import write_atomically

from .dutch import MONTHS
from .forms_render import render_with_files
from .pdf import Refused, resolve_output

FORMS_DIR = f"{REPORT_DIR}/formulieren"
SIDE_TITLES = {
    "werknemer": "Formulier voor de werknemer",
    "werkgever": "Formulier voor de werkgever",
}


def months(period: Period) -> str:
    """ "juni 2016 t/m maart 2017": a form names months, the days are the organisation's."""

    def month(day: date) -> str:
        return f"{MONTHS[day.month - 1]} {day.year}"

    if period.end is None:
        return f"vanaf {month(period.begin)}"
    if (period.begin.year, period.begin.month) == (period.end.year, period.end.month):
        return month(period.end)
    return f"{month(period.begin)} t/m {month(period.end)}"


def _questionnaire(folder: DataFolder, side: str):
    questionnaire = folder.questionnaires.get(side)
    if questionnaire is None:
        raise Refused(
            f"vragenlijsten/{side}.toml ontbreekt of heeft fouten; los dat eerst op (zie `ktv check`)"
        )
    return questionnaire


def form_json(folder: DataFolder, period: Period, side: str, number: int) -> dict:
    """One form: the questionnaire's current questions (not the `vervallen` ones) and the period."""
    questionnaire = _questionnaire(folder, side)
    questions = [
        {"nummer": index, "groep": q.group, "tekst": q.text}
        for index, q in enumerate(questionnaire.active_questions, start=1)
    ]
    return {
        "nummer": number,
        "id": period.id,
        "kant": side,
        "kant_titel": SIDE_TITLES[side],
        "titel": questionnaire.title,
        "werknemer": period.employee,
        "werkgever": period.employer,
        "maanden": months(period),
        "schaal": list(questionnaire.scale),
        "vragen": questions,
    }


def return_address(folder: DataFolder) -> list[str]:
    """The organisation's name and its public postal address (`[contact]`), for "Terugsturen naar"."""
    organisation = folder.organisation
    contact = organisation.contact
    lines = [organisation.name]
    if contact.get("adres"):
        lines.append(contact["adres"].replace("\n", ", "))
    place = " ".join(v for v in (contact.get("postcode"), contact.get("plaats")) if v)
    if place:
        lines.append(place)
    return lines


def forms_pdf(folder: DataFolder, forms: list[tuple[Period, str]], today: date) -> bytes:
    """One PDF with each (period, side) as its own set of pages."""
    if folder.organisation is None:
        raise Refused("ktv.toml ontbreekt of heeft fouten; los dat eerst op (zie `ktv check`)")
    data = {
        "organisatie": folder.organisation.name,
        "terug": return_address(folder),
        "formulieren": [form_json(folder, p, side, n) for n, (p, side) in enumerate(forms)],
    }
    return render_with_files("formulier", data, today)


def _period(folder: DataFolder, period_id: str) -> Period:
    period = folder.periods.get(period_id)
    if period is None:
        rel = f"perioden/{period_id}.toml"
        if (folder.root / rel).exists():
            raise Refused(f"{rel} kan niet gelezen worden; los de fouten op (zie `ktv check`)")
        raise Refused(f"periode '{period_id}' bestaat niet (zie perioden/ of `ktv ontbrekend`)")
    return period


def _write(path: Path, pdf: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, pdf)
    return path


def make_period_forms(
    folder: DataFolder, period_id: str, side: str | None, output: Path | str | None, today: date
) -> list[Path]:
    """`ktv formulier ID [--kant K] [-o PDF]`: per side `rapporten/formulieren/<id>-<kant>.pdf`;
    with -o and both sides, one PDF holding both forms."""
    period = _period(folder, period_id)
    sides = [side] if side else list(SIDES)
    if output is not None:
        path = resolve_output(folder, output, "")
        return [_write(path, forms_pdf(folder, [(period, s) for s in sides], today))]
    paths = []
    for s in sides:
        path = resolve_output(folder, None, f"formulieren/{period.id}-{s}.pdf")
        paths.append(_write(path, forms_pdf(folder, [(period, s)], today)))
    return paths


def year_forms(folder: DataFolder, label: int, *, only_open: bool) -> list[tuple[Period, str]]:
    """The forms of the completed periods of meetjaar `label` (by einde, werknemer first);
    `only_open`: only those not received (the chase list of `ktv ontbrekend`)."""
    return [
        (period, side)
        for period in folder.completed_periods(label)
        for side in SIDES
        if not (only_open and side in period.forms)
    ]


def make_year_forms(
    folder: DataFolder, label: int, output: Path | str | None, today: date, *, only_open: bool
) -> tuple[Path | None, int]:
    """`ktv formulieren --jaar J [--open] [-o PDF]`: one PDF for a print run; (None, 0) when
    there is nothing to print."""
    forms = year_forms(folder, label, only_open=only_open)
    if not forms:
        return None, 0
    name = f"formulieren/{'open' if only_open else 'alle'}-{label}.pdf"
    path = resolve_output(folder, output, name)
    return _write(path, forms_pdf(folder, forms, today)), len(forms)
