"""What the period editor holds: the typed text of every field, and its checks by `ktv check`'s rules.

The draft is turned into the TOML a person could have typed (unparsable dates or numbers stay
text) and read back with `store.parse.parse_period`, so the editor shows exactly the messages
`ktv check` would print for that file.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from types import SimpleNamespace
from typing import Any

from store.fields import FileContext
from store.model import SIDES, Organisation, Period, Questionnaire
from store.problems import Problem
from store.toml_io import key_lines
from store.validate import check_answers, duplicate_key, duplicate_warning

from .disk_merge import FieldMerge
from .disk_merge import merge_fields as merge_three

TOP_FIELDS = ("werknemer", "werkgever", "jobcoach", "begin", "einde", "opmerking")
KNOWN_TOP = {"schema", *TOP_FIELDS, "beoordeling", "ontbreekt"}
KNOWN_FORM = {"ontvangen", "cijfer", "antwoorden", "bijlage"}
GENERAL = "_"
"""Field key for problems that belong to no single field."""


@dataclass
class FormDraft:
    """One side's form as typed: is it in, and the text of each field."""

    present: bool = False
    received: str = ""
    grade: str = ""
    answers: dict[str, str] = field(default_factory=dict)
    missing_reason: str = ""
    """`[ontbreekt] <side>`: why this form did not come back (kept on save)."""
    attachment: str = ""
    """`bijlage`: the scan's file name (set by `ktv bijlage`, kept on save; SPEC §11)."""


@dataclass
class PeriodDraft:
    """A period as typed in the editor (every value is text, as on screen)."""

    values: dict[str, str] = field(default_factory=lambda: dict.fromkeys(TOP_FIELDS, ""))
    forms: dict[str, FormDraft] = field(default_factory=lambda: {side: FormDraft() for side in SIDES})
    unknown_keys: tuple[str, ...] = ()
    """Keys of the file on disk that the editor does not know (they are not kept on save)."""


# --- typed text to values --------------------------------------------------------------------

_DUTCH_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")


def parse_date_text(text: str) -> date | str | None:
    """2017-04-03 or 3-4-2017 (also with / or .) → a date; other text stays text; empty → None."""
    text = text.strip()
    if not text:
        return None
    try:
        if len(text) == 10 and text[4] == "-":
            return date.fromisoformat(text)
        match = _DUTCH_DATE.fullmatch(text)
        if match:
            day, month, year = (int(g) for g in match.groups())
            return date(year, month, day)
    except ValueError:
        return text
    return text


def parse_grade_text(text: str) -> Decimal | str | None:
    """7, 7,5 or 7.5 → a Decimal; other text stays text; empty → None."""
    text = text.strip()
    if not text:
        return None
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return text
    return value if value.is_finite() else text


def grade_text(value: Any) -> str:
    """A cijfer with one decimal, as everywhere in ktv: 7,0 and 7,5 (a finer one stays exact)."""
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        number = Decimal(value)
        if number == number.quantize(Decimal("0.1")):
            return format(number.quantize(Decimal("0.1")), "f").replace(".", ",")
        return format(number.normalize(), "f").replace(".", ",")
    return "" if value is None else str(value)


def value_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


# --- file ↔ draft ----------------------------------------------------------------------------


def draft_from_text(text: str) -> PeriodDraft | None:
    """The draft of a period file as it is on disk; None when it is no readable TOML."""
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError:
        return None
    draft = PeriodDraft()
    unknown = [key for key in data if key not in KNOWN_TOP]
    for key in TOP_FIELDS:
        draft.values[key] = value_text(data.get(key))
    forms = data.get("beoordeling")
    if isinstance(forms, dict):
        unknown += [f"beoordeling.{key}" for key in forms if key not in SIDES]
        for side in SIDES:
            raw = forms.get(side)
            if not isinstance(raw, dict):
                continue
            unknown += [f"beoordeling.{side}.{key}" for key in raw if key not in KNOWN_FORM]
            answers = raw.get("antwoorden")
            draft.forms[side] = FormDraft(
                present=True,
                received=value_text(raw.get("ontvangen")),
                grade=grade_text(raw.get("cijfer")),
                attachment=value_text(raw.get("bijlage")),
                answers={str(k): value_text(v) for k, v in answers.items()}
                if isinstance(answers, dict)
                else {},
            )
    missing = data.get("ontbreekt")
    if isinstance(missing, dict):
        for side in SIDES:
            draft.forms[side].missing_reason = value_text(missing.get(side))
    draft.unknown_keys = tuple(unknown)
    return draft


def draft_data(draft: PeriodDraft, questionnaires: dict[str, Questionnaire]) -> dict[str, Any]:
    """The TOML data the draft stands for; answers in questionnaire order."""
    data: dict[str, Any] = {"schema": 1}
    for key in ("werknemer", "werkgever"):
        data[key] = draft.values[key].strip()
    if draft.values["jobcoach"].strip():
        data["jobcoach"] = draft.values["jobcoach"].strip()
    for key in ("begin", "einde"):
        value = parse_date_text(draft.values[key])
        if value is not None:
            data[key] = value
    if draft.values["opmerking"].strip():
        data["opmerking"] = draft.values["opmerking"].strip()
    forms: dict[str, Any] = {}
    for side in SIDES:
        form = draft.forms[side]
        if not form.present:
            continue
        table: dict[str, Any] = {}
        received = parse_date_text(form.received)
        if received is not None:
            table["ontvangen"] = received
        grade = parse_grade_text(form.grade)
        if isinstance(grade, Decimal) and grade == grade.to_integral_value():
            grade = int(grade)
        if grade is not None:
            table["cijfer"] = grade
        if form.attachment:
            table["bijlage"] = form.attachment
        order = [q.id for q in questionnaires[side].questions] if side in questionnaires else []
        answers = {qid: form.answers[qid] for qid in order if form.answers.get(qid)}
        answers.update({k: v for k, v in form.answers.items() if v and k not in answers})
        if answers:
            table["antwoorden"] = answers
        forms[side] = table
    if forms:
        data["beoordeling"] = forms
    reasons = {side: draft.forms[side].missing_reason.strip() for side in SIDES}
    if any(reasons.values()):
        data["ontbreekt"] = {side: reason for side, reason in reasons.items() if reason}
    return data


# --- checking --------------------------------------------------------------------------------


@dataclass
class DraftCheck:
    """The period the draft makes (None while required fields are missing) and its problems."""

    period: Period | None
    problems: dict[str, list[Problem]]
    """Per field key (`werknemer`, `werknemer.cijfer`, `werkgever.q.bezoeken`, GENERAL)."""

    @property
    def errors(self) -> list[tuple[str, Problem]]:
        return [(key, p) for key, items in self.problems.items() for p in items if p.is_error]

    @property
    def has_errors(self) -> bool:
        return bool(self.errors)


def _field_of(path: tuple) -> str:
    if not path:
        return GENERAL
    if path[0] != "beoordeling" or len(path) < 2:
        return str(path[0]) if path[0] in TOP_FIELDS else GENERAL
    side = path[1]
    if len(path) == 2:
        return f"{side}.ontvangen"
    if path[2] == "antwoorden" and len(path) >= 4:
        return f"{side}.q.{path[3]}"
    return f"{side}.{path[2]}" if path[2] in ("ontvangen", "cijfer") else f"{side}.ontvangen"


def check_draft(
    draft: PeriodDraft,
    rel: str,
    period_id: str,
    questionnaires: dict[str, Questionnaire],
    today: date,
    others: dict[str, Period] | None = None,
    organisation: Organisation | None = None,
) -> DraftCheck:
    """Every check `ktv check` makes on this one file, mapped to the editor's fields by each
    problem's key path (never by its message)."""
    import tomli_w

    from store.parse import parse_period
    from store.validate import check_period_dates, period_code_problems

    text = tomli_w.dumps(draft_data(draft, questionnaires))
    ctx = FileContext(rel, text)
    period, _facts = parse_period(ctx, period_id)
    problems = list(ctx.problems)
    if period is not None:
        problems += check_period_dates(
            SimpleNamespace(root=_NoFolder(), periods={period_id: period}, today=today)
        )
        problems += _check_duplicate(period, rel, others or {})
        if organisation is not None:
            problems += period_code_problems(period, organisation.code_pattern, rel)
    answer_checks = _check_answers(draft, period_id, questionnaires)
    lines = {line: path for path, line in key_lines(text).items()}
    result: dict[str, list[Problem]] = {}
    for problem in problems:
        if problem.path:
            key = _field_of(problem.path)
        elif problem.line is not None and problem.line in lines:
            key = _field_of(lines[problem.line])
        else:
            key = GENERAL
        result.setdefault(key, []).append(problem)
    for problem in answer_checks:
        result.setdefault(_field_of(problem.path), []).append(problem)
    clean = not any(p.is_error for p in problems) and not answer_checks
    return DraftCheck(period if clean else None, result)


class _NoFolder:
    """A root under which no file exists: cross-file checks then give no line numbers."""

    def __truediv__(self, other: str) -> _NoFolder:
        return self

    def read_text(self, *args: Any) -> str:
        raise OSError("no file")


def _check_answers(
    draft: PeriodDraft, period_id: str, questionnaires: dict[str, Questionnaire]
) -> list[Problem]:
    """`ktv check`'s answer checks (store.validate.check_answers) on the answers as typed, also
    while the period itself cannot be made yet."""
    forms = {
        side: SimpleNamespace(answers={k: v for k, v in draft.forms[side].answers.items() if v})
        for side in SIDES
        if draft.forms[side].present
    }
    stand_in = SimpleNamespace(id=period_id, forms=forms)
    return check_answers(
        SimpleNamespace(root=_NoFolder(), periods={period_id: stand_in}, questionnaires=questionnaires)
    )


def _check_duplicate(period: Period, rel: str, others: dict[str, Period]) -> list[Problem]:
    for other in others.values():
        if other.id == period.id:
            continue
        if duplicate_key(other) == duplicate_key(period):
            return [duplicate_warning(rel, period, [other.id])]
    return []


# --- merging a change on disk into the open editor (SPEC §8) ---------------------------------

FieldValue = str | bool


def flat_fields(draft: PeriodDraft) -> dict[str, FieldValue]:
    """Every field of the draft under its editor key (`werknemer`, `werkgever.cijfer`, …)."""
    fields: dict[str, FieldValue] = {key: draft.values[key] for key in TOP_FIELDS}
    for side in SIDES:
        form = draft.forms[side]
        fields[f"{side}.present"] = form.present
        fields[f"{side}.ontvangen"] = form.received
        fields[f"{side}.cijfer"] = form.grade
        if form.missing_reason:
            fields[f"{side}.ontbreekt"] = form.missing_reason
        if form.attachment:
            fields[f"{side}.bijlage"] = form.attachment
        for question, answer in form.answers.items():
            if answer:
                fields[f"{side}.q.{question}"] = answer
    return fields


def draft_from_fields(fields: dict[str, FieldValue], unknown_keys: tuple[str, ...] = ()) -> PeriodDraft:
    """The inverse of `flat_fields`."""
    draft = PeriodDraft(unknown_keys=unknown_keys)
    for key in TOP_FIELDS:
        draft.values[key] = str(fields.get(key, ""))
    for side in SIDES:
        prefix = f"{side}.q."
        draft.forms[side] = FormDraft(
            present=bool(fields.get(f"{side}.present", False)),
            received=str(fields.get(f"{side}.ontvangen", "")),
            grade=str(fields.get(f"{side}.cijfer", "")),
            missing_reason=str(fields.get(f"{side}.ontbreekt", "")),
            attachment=str(fields.get(f"{side}.bijlage", "")),
            answers={
                key[len(prefix) :]: str(value)
                for key, value in fields.items()
                if key.startswith(prefix) and value
            },
        )
    return draft


def empty_value(key: str) -> FieldValue:
    return False if key.endswith(".present") else ""


def same_value(key: str, a: FieldValue | None, b: FieldValue | None) -> bool:
    """Equal in meaning: "7" and "7,0", "3-4-2017" and "2017-04-03", trailing spaces."""
    a = empty_value(key) if a is None else a
    b = empty_value(key) if b is None else b
    if isinstance(a, bool) or isinstance(b, bool):
        return bool(a) == bool(b)
    if key.endswith(".cijfer"):
        return parse_grade_text(a) == parse_grade_text(b)
    if key in ("begin", "einde") or key.endswith(".ontvangen"):
        return parse_date_text(a) == parse_date_text(b)
    return a.strip() == b.strip()


def _token(key: str, value: FieldValue | None) -> object:
    """What a field means, for the merge: None when empty, so "" and a missing key are one."""
    if value is None or value == empty_value(key):
        return None
    if isinstance(value, bool):
        return value
    if key.endswith(".cijfer"):
        return ("cijfer", parse_grade_text(value))
    if key in ("begin", "einde") or key.endswith(".ontvangen"):
        return ("datum", parse_date_text(value))
    return value.strip() or None


def merge_fields(
    base: dict[str, FieldValue], mine: dict[str, FieldValue], theirs: dict[str, FieldValue]
) -> FieldMerge:
    """Field by field through store/merge.py: only-on-disk changes are taken, only-here changes
    kept, both → a conflict."""
    return merge_three(base, mine, theirs, _token, empty_value)
