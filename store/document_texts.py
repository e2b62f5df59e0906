"""Every text of the data folder that is printed in a report or notice, with its file and key path.

The checks that guard what UWV reads (store/circumstances.py, store/glyphs.py) walk this one list,
so a new printed text is checked by all of them at once.
"""

from __future__ import annotations

from collections.abc import Iterator

from .model import CONTACT_KEYS, SIDES

YEAR_TEXTS = (
    ("analysis", "analyse"),
    ("conclusions", "conclusies"),
    ("actions", "acties"),
    ("recovery_plan", "herstelplan"),
    ("late_explanation", "toelichting_te_laat"),
)
"""The meetjaar texts that go to UWV, as (attribute, key)."""

Printed = tuple[str, tuple[str | int, ...], str]
"""(file relative to the data folder, key path, text)."""


def reason_texts(folder) -> Iterator[Printed]:
    """Each `ontbreekt` reason of a period (printed in the report's missing-forms table)."""
    for pid in sorted(folder.periods):
        period = folder.periods[pid]
        for side in SIDES:
            reason = period.missing_reasons.get(side)
            if reason:
                yield f"perioden/{pid}.toml", ("ontbreekt", side), reason


def year_texts(folder) -> Iterator[Printed]:
    for label in sorted(folder.years):
        notes = folder.years[label]
        for attr, key in YEAR_TEXTS:
            text = getattr(notes, attr, None)
            if text:
                yield f"meetjaren/{label}.toml", (key,), text


def organisation_texts(folder) -> Iterator[Printed]:
    org = folder.organisation
    if org is None:
        return
    for key, value in (
        ("naam", org.name),
        ("accounthouder", org.account_manager),
        ("kenmerk", org.reference),
    ):
        if value:
            yield "ktv.toml", (key,), value
    for key in CONTACT_KEYS:
        if org.contact.get(key):
            yield "ktv.toml", ("contact", key), org.contact[key]
    for key, value in (("naam", org.signatory), ("functie", org.signatory_function)):
        if value:
            yield "ktv.toml", ("ondertekening", key), value
    if getattr(org, "uwv_address", None):
        yield "ktv.toml", ("uwv", "adres"), org.uwv_address


def questionnaire_texts(folder) -> Iterator[Printed]:
    for side, questionnaire in sorted(folder.questionnaires.items()):
        rel = f"vragenlijsten/{side}.toml"
        yield rel, ("titel",), questionnaire.title
        for answer in questionnaire.scale:
            yield rel, ("schaal",), answer
        for index, question in enumerate(questionnaire.questions):
            yield rel, ("vraag", index, "tekst"), question.text
            if question.group:
                yield rel, ("vraag", index, "groep"), question.group


def code_texts(folder) -> Iterator[Printed]:
    """Each period's codes and jobcoach: printed on the forms, the form bundles and the
    steekproef (their own checks already judge them as codes; only the glyph check adds these)."""
    for pid in sorted(folder.periods):
        period = folder.periods[pid]
        for key, value in (
            ("werknemer", period.employee),
            ("werkgever", period.employer),
            ("jobcoach", period.jobcoach),
        ):
            if value:
                yield f"perioden/{pid}.toml", (key,), value


def printed_texts(folder) -> Iterator[Printed]:
    yield from organisation_texts(folder)
    yield from questionnaire_texts(folder)
    yield from reason_texts(folder)
    yield from year_texts(folder)


def shown_key(path: tuple) -> str:
    """ "ontbreekt werknemer", "analyse", "vraag 3 tekst" for a message."""
    return " ".join(str(part + 1) if isinstance(part, int) else part for part in path)
