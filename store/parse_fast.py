"""The fast path for a period file that is exactly right: one tight pass, no messages.

Nearly every file of a real folder is clean; checking it in one pass instead of through
`fields.Table` halves the cost of parsing on top of the TOML reader (bench profile). Anything
unusual returns None and `parse.parse_period` takes the message-giving path, so both agree by
design (tests/store/test_parse_fast_path.py). The allowed keys come from store/schema.py.
"""

from __future__ import annotations

import functools
from datetime import date
from decimal import Decimal
from typing import Any

from .characters import FORBIDDEN_MULTILINE, FORBIDDEN_ONE_LINE
from .evidence import is_attachment_name
from .model import SCHEMA, SIDES, Assessment, Period
from .privacy import find_personal_data, find_personal_data_in_code
from .schema import PERIOD

GRADE_MIN, GRADE_MAX = Decimal(1), Decimal(10)

_PERIOD_KEYS = frozenset(PERIOD.keys())
_FORM_KEYS = frozenset(PERIOD.keys(("beoordeling", SIDES[0])))
_SIDE_KEYS = frozenset(SIDES)
_TOP_TEXTS = tuple(
    (f.key, f.required, FORBIDDEN_MULTILINE if f.multiline else FORBIDDEN_ONE_LINE)
    for f in PERIOD.fields_of(())
    if f.type == "str"
)
"""(key, required, forbidden characters) of each top-level text: plain tuples, read per file."""
_TENTH = Decimal("0.1")


def _plain_text(value: Any, *, required: bool, multiline: bool = False) -> bool:
    """A string without any forbidden character (SPEC §2), non-empty when required."""
    if value is None:
        return not required
    forbidden = FORBIDDEN_MULTILINE if multiline else FORBIDDEN_ONE_LINE
    return type(value) is str and not forbidden.search(value) and (not required or bool(value.strip()))


def _clean_form(raw: Any) -> Assessment | None:
    if type(raw) is not dict or not raw.keys() <= _FORM_KEYS:
        return None
    received = raw.get("ontvangen")
    if received is not None and type(received) is not date:
        return None
    grade = raw.get("cijfer")
    if grade is not None:
        if type(grade) not in (int, Decimal):
            return None
        grade = Decimal(grade)
        if not (grade.is_finite() and GRADE_MIN <= grade <= GRADE_MAX and grade == grade.quantize(_TENTH)):
            return None
    answers = raw.get("antwoorden", {})
    if type(answers) is not dict or any(type(v) is not str for v in answers.values()):
        return None
    attachment = raw.get("bijlage")
    if attachment is not None and not is_attachment_name(attachment):
        return None
    return Assessment(received=received, grade=grade, answers=dict(answers), attachment=attachment)


def build_period(
    period_id: str,
    employee: str,
    employer: str,
    begin: date,
    jobcoach: str | None,
    end: date | None,
    remark: str | None,
    forms: dict[str, Assessment],
    missing_reasons: dict[str, str] | None = None,
) -> Period:
    """The one place both parse paths make the model, so they normalise ("" → None) alike."""
    return Period(
        id=period_id,
        employee=employee,
        employer=employer,
        begin=begin,
        jobcoach=jobcoach or None,
        end=end,
        remark=remark or None,
        forms=forms,
        missing_reasons=missing_reasons or {},
    )


@functools.lru_cache(maxsize=1 << 16)
def _has_personal_data_in_code(code: str) -> bool:
    """Werknemer, werkgever and jobcoach codes recur across thousands of period files:
    each is checked once per process (15 % of a cold load's CPU without the memo, bench)."""
    return bool(find_personal_data_in_code(code))


def _clean_top(data: dict[str, Any]) -> bool:
    if type(data.get("schema")) is not int or data["schema"] != SCHEMA or not data.keys() <= _PERIOD_KEYS:
        return False
    for key, required, forbidden in _TOP_TEXTS:
        value = data.get(key)
        if value is None:
            if required:
                return False
        elif type(value) is not str or forbidden.search(value) or (required and not value.strip()):
            return False
    begin, end = data.get("begin"), data.get("einde")
    if type(begin) is not date or not (end is None or (type(end) is date and end >= begin)):
        return False
    for code in (data.get("werknemer"), data.get("werkgever"), data.get("jobcoach")):
        if code and _has_personal_data_in_code(code):
            return False
    remark = data.get("opmerking")
    return not (remark and find_personal_data(remark))


def _clean_forms(data: dict[str, Any]) -> dict[str, Assessment] | None:
    forms: dict[str, Assessment] = {}
    beoordeling = data.get("beoordeling")
    if beoordeling is None:
        return forms
    if type(beoordeling) is not dict or not beoordeling.keys() <= _SIDE_KEYS:
        return None
    for side in SIDES:
        if side in beoordeling:
            form = _clean_form(beoordeling[side])
            if form is None:
                return None
            forms[side] = form
    return forms


def _clean_reasons(data: dict[str, Any]) -> dict[str, str] | None:
    missing: dict[str, str] = {}
    ontbreekt = data.get("ontbreekt")
    if ontbreekt is None:
        return missing
    if type(ontbreekt) is not dict or not ontbreekt.keys() <= _SIDE_KEYS:
        return None
    for side, reason in ontbreekt.items():
        if not _plain_text(reason, required=False, multiline=True) or (reason and find_personal_data(reason)):
            return None
        if reason.strip():
            missing[side] = reason
    return missing


def clean_period(data: dict[str, Any], period_id: str) -> Period | None:
    """The period of a file that is exactly right, or None to take the full, message-giving path."""
    if not _clean_top(data):
        return None
    forms = _clean_forms(data)
    missing = _clean_reasons(data) if forms is not None else None
    if forms is None or missing is None:
        return None
    return build_period(
        period_id,
        data["werknemer"],
        data["werkgever"],
        data["begin"],
        data.get("jobcoach"),
        data.get("einde"),
        data.get("opmerking"),
        forms,
        missing,
    )
