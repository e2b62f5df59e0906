"""The canonical text of each kind of data file: fixed key order, one-decimal grades.

tomli-w formats the values (strings with their escapes, multi-line text, dates); this module
adds what tomli-w does not do for the canonical form: the key order of SPEC §2, `[[vraag]]`
tables instead of inline arrays, short inline arrays, and grades written as `7.0`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

import tomli_w

from .model import CONTACT_KEYS, DEFAULT_NORM, SCHEMA, SIDES, Organisation, Period, Questionnaire, YearNotes

Section = tuple[str | None, list[tuple[str, Any]]]
"""A table header (None for the top, `[[name]]` written literally) and its key/value pairs."""


class Norm(Decimal):
    """A norm is written with the decimals it was written with (6.45 stays 6.45, 7 becomes 7.0)."""


def one_decimal(value: Decimal) -> Decimal:
    return Decimal(value).quantize(Decimal("0.1"))


def format_value(value: Any) -> str:
    if isinstance(value, Norm):
        return format(value if value.as_tuple().exponent < 0 else one_decimal(value), "f")
    if isinstance(value, Decimal):
        return format(one_decimal(value), "f")
    if isinstance(value, list):
        return "[" + ", ".join(format_value(item) for item in value) + "]"
    if isinstance(value, str | date | int | bool):
        line = tomli_w.dumps({"v": value}, multiline_strings=True)
        return line[len("v = ") :].rstrip("\n")
    raise TypeError(f"cannot write {type(value).__name__}")


def format_key(key: str) -> str:
    line = tomli_w.dumps({key: 0})
    return line[: -len(" = 0\n")]


def emit(sections: Iterable[Section]) -> str:
    chunks: list[str] = []
    for header, pairs in sections:
        lines = [header] if header else []
        lines += [f"{format_key(k)} = {format_value(v)}" for k, v in pairs if v is not None]
        if lines:
            chunks.append("\n".join(lines) + "\n")
    return "\n".join(chunks)


def organisation_text(org: Organisation) -> str:
    sections: list[Section] = [
        (
            None,
            [
                ("schema", SCHEMA),
                ("naam", org.name),
                ("erkenningsdatum", org.recognition_date),
                ("accounthouder", org.account_manager),
                ("kenmerk", org.reference),
                ("eerste_meetjaar", org.first_year),
            ],
        )
    ]
    default = all(org.norm[side] == DEFAULT_NORM for side in SIDES)
    if org.norm_explicit or not default:
        sections.append(("[norm]", [(side, Norm(org.norm[side])) for side in SIDES]))
    if org.contact:
        sections.append(("[contact]", [(key, org.contact.get(key)) for key in CONTACT_KEYS]))
    if org.signatory or org.signatory_function:
        sections.append(("[ondertekening]", [("naam", org.signatory), ("functie", org.signatory_function)]))
    if org.code_pattern is not None:
        sections.append(("[codes]", [("patroon", org.code_pattern)]))
    return emit(sections)


def questionnaire_text(questionnaire: Questionnaire) -> str:
    sections: list[Section] = [
        (
            None,
            [("schema", SCHEMA), ("titel", questionnaire.title), ("schaal", list(questionnaire.scale))],
        )
    ]
    for question in questionnaire.questions:
        pairs: list[tuple[str, Any]] = [
            ("id", question.id),
            ("groep", question.group),
            ("tekst", question.text),
        ]
        if question.obsolete:
            pairs.append(("vervallen", True))
        sections.append(("[[vraag]]", pairs))
    return emit(sections)


def period_text(period: Period) -> str:
    sections: list[Section] = [
        (
            None,
            [
                ("schema", SCHEMA),
                ("werknemer", period.employee),
                ("werkgever", period.employer),
                ("jobcoach", period.jobcoach),
                ("begin", period.begin),
                ("einde", period.end),
                ("opmerking", period.remark),
            ],
        )
    ]
    for side in SIDES:
        form = period.forms.get(side)
        if form is None:
            continue
        sections.append((f"[beoordeling.{side}]", [("ontvangen", form.received), ("cijfer", form.grade)]))
        if form.answers:
            sections.append((f"[beoordeling.{side}.antwoorden]", list(form.answers.items())))
    if period.missing_reasons:
        sections.append(("[ontbreekt]", [(side, period.missing_reasons.get(side)) for side in SIDES]))
    return emit(sections)


def year_notes_text(notes: YearNotes) -> str:
    return emit(
        [
            (
                None,
                [
                    ("schema", SCHEMA),
                    ("analyse", notes.analysis),
                    ("conclusies", notes.conclusions),
                    ("acties", notes.actions),
                    ("ingediend_op", notes.submitted_on),
                    ("ingediend_commit", notes.submitted_commit),
                    ("melding_op", notes.notice_on),
                    ("uitslag", notes.verdict),
                    ("uitslag_op", notes.verdict_on),
                    ("toelichting_te_laat", notes.late_explanation),
                    ("herstelplan", notes.recovery_plan),
                ],
            )
        ]
    )
