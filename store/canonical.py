"""The canonical text of each kind of data file: fixed key order, one-decimal grades.

tomli-w formats the values (strings with their escapes, multi-line text, dates); this module
adds what tomli-w does not do for the canonical form: the key order of SPEC §2, `[[vraag]]`
tables instead of inline arrays, short inline arrays, and grades written as `7.0`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

import tomli_w

from .comments import Comments, KeyPath, place_comments
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
        return _format_scalar(value)
    raise TypeError(f"cannot write {type(value).__name__}")


@functools.lru_cache(maxsize=4096, typed=True)
def _format_scalar(value: str | date | int | bool) -> str:
    """Codes, answers and dates repeat across files: an import of 5 000 rows formats each once."""
    line = tomli_w.dumps({"v": value}, multiline_strings=True)
    return line[len("v = ") :].rstrip("\n")


@functools.lru_cache(maxsize=512)
def format_key(key: str) -> str:
    line = tomli_w.dumps({key: 0})
    return line[: -len(" = 0\n")]


def emit(sections: Iterable[Section], comments: Comments | None = None) -> str:
    sections = [(header, [(k, v) for k, v in pairs if v is not None]) for header, pairs in sections]
    if comments:
        return _emit_with_comments(sections, comments)
    chunks: list[str] = []
    for header, pairs in sections:
        lines = [header] if header else []
        lines += [f"{format_key(k)} = {format_value(v)}" for k, v in pairs]
        if lines:
            chunks.append("\n".join(lines) + "\n")
    return "\n".join(chunks)


def _header_paths(sections: list[Section]) -> list[KeyPath]:
    paths: list[KeyPath] = []
    counts: dict[str, int] = {}
    for header, _ in sections:
        if header is None:
            paths.append(())
        elif header.startswith("[["):
            name = header.strip("[]")
            counts[name] = counts.get(name, -1) + 1
            paths.append((name, counts[name]))
        else:
            paths.append(tuple(header.strip("[]").split(".")))
    return paths


def _emit_with_comments(sections: list[Section], comments: Comments) -> str:
    """The canonical text with the old file's comments put back by key path (SPEC §2)."""
    headers = _header_paths(sections)
    present: list[KeyPath] = []
    for (header, pairs), path in zip(sections, headers, strict=True):
        if header:
            present.append(path)
        present += [(*path, key) for key, _ in pairs]
    placed = place_comments(comments, present) or Comments()

    def with_comments(path: KeyPath, line: str) -> list[str]:
        eol = placed.eol.get(path)
        return [*placed.above.get(path, []), line + (eol[0] + eol[1] if eol else "")]

    chunks: list[str] = []
    for (header, pairs), path in zip(sections, headers, strict=True):
        lines = with_comments(path, header) if header else []
        for key, value in pairs:
            lines += with_comments((*path, key), f"{format_key(key)} = {format_value(value)}")
        if lines:
            chunks.append("\n".join(lines) + "\n")
    text = "\n".join(chunks)
    if placed.end:
        text += "\n".join(placed.end) + "\n"
    return text


def organisation_text(org: Organisation, comments: Comments | None = None) -> str:
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
    if org.evidence:
        sections.append(("[bewijs]", [(key, org.evidence.get(key)) for key in ("scans", "delen")]))
    return emit(sections, comments)


def questionnaire_text(questionnaire: Questionnaire, comments: Comments | None = None) -> str:
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
    return emit(sections, comments)


def period_text(period: Period, comments: Comments | None = None) -> str:
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
        sections.append(
            (
                f"[beoordeling.{side}]",
                [("ontvangen", form.received), ("cijfer", form.grade), ("bijlage", form.attachment)],
            )
        )
        if form.answers:
            sections.append((f"[beoordeling.{side}.antwoorden]", list(form.answers.items())))
    if period.missing_reasons:
        sections.append(("[ontbreekt]", [(side, period.missing_reasons.get(side)) for side in SIDES]))
    return emit(sections, comments)


def year_notes_text(notes: YearNotes, comments: Comments | None = None) -> str:
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
        ],
        comments,
    )
