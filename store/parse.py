"""Turn the text of each kind of data file into the model, with a problem for every misfit.

Parsing checks everything that one file can tell on its own (SPEC §2 "Validation"); checks
that need other files (answers against the questionnaire, duplicates, the calendar) live in
`validate.py`. Which keys exist, their types, which are required and which are multi-line
texts comes from the field tables of `schema.py`; this module adds the rules of each value.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from .evidence import read_attachment
from .fields import FileContext, Table, check_characters
from .model import (
    SIDES,
    VERDICTS,
    Assessment,
    Period,
    Question,
    Questionnaire,
    YearNotes,
)
from .parse_common import check_private, check_schema, plain_number, read_field, read_fields
from .parse_fast import GRADE_MAX, GRADE_MIN, build_period, clean_period
from .parse_organisation import parse_organisation, read_norm
from .schema import PERIOD, QUESTIONNAIRE, RESERVED_QUESTION_IDS, YEAR_NOTES
from .toml_decode import check_comments, decode_toml, toml_error_in_dutch

__all__ = [
    "COMMIT",
    "PERIOD_ID",
    "QUESTION_ID",
    "check_comments",
    "check_private",
    "clean_period",
    "decode_toml",
    "parse_organisation",
    "parse_period",
    "parse_period_data",
    "parse_questionnaire",
    "parse_year_notes",
    "read_fields",
    "read_norm",
    "toml_error_in_dutch",
]

PERIOD_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
QUESTION_ID = re.compile(r"[a-z0-9_][a-z0-9_-]{0,63}")
COMMIT = re.compile(r"[0-9a-f]{7,64}")


# --- vragenlijsten/*.toml --------------------------------------------------------------------


def parse_questionnaire(ctx: FileContext, side: str) -> Questionnaire | None:
    data = decode_toml(ctx)
    if data is None:
        return None
    top = Table(ctx, data, kind=QUESTIONNAIRE)
    check_schema(top)
    values = read_fields(top, QUESTIONNAIRE)
    scale = _scale(ctx, values["scale"])
    questions: list[Question] = []
    seen_ids: set[str] = set()
    for index, raw in enumerate(values["questions"] or []):
        question = _question(ctx, raw, index, seen_ids)
        if question is not None:
            seen_ids.add(question.id)
            questions.append(question)
    top.finish()
    if ctx.has_errors or values["title"] is None or scale is None:
        return None
    return Questionnaire(side, values["title"], tuple(scale), tuple(questions))  # type: ignore[arg-type]


def _scale(ctx: FileContext, scale: list | None) -> list[str] | None:
    if scale is None:
        return None
    if len(scale) < 2 or not all(isinstance(v, str) and v.strip() for v in scale):
        ctx.error(
            ("schaal",),
            "'schaal' moet een lijst van minstens twee antwoorden (tekst) zijn",
            code="ongeldige-waarde",
            sleutel="schaal",
        )
        return None
    if len(set(scale)) != len(scale):
        ctx.error(
            ("schaal",), "'schaal' bevat een antwoord twee keer", code="ongeldige-waarde", sleutel="schaal"
        )
        return None
    if not all(check_characters(ctx, ("schaal", i), v) for i, v in enumerate(scale)):
        return None
    return scale


def _question(ctx: FileContext, raw: Any, index: int, seen_ids: set[str]) -> Question | None:
    """One `[[vraag]]`; its id must be well-formed, unique and no name the schema reserves."""
    if not isinstance(raw, dict):
        ctx.error(("vraag",), "elke [[vraag]] moet een tabel zijn", code="verkeerd-type", sleutel="vraag")
        return None
    table = Table(ctx, raw, ("vraag", index), QUESTIONNAIRE)
    values = read_fields(table, QUESTIONNAIRE, ("vraag",))
    table.finish()
    qid, path = values["id"], ("vraag", index, "id")
    if qid is not None and not QUESTION_ID.fullmatch(qid):
        ctx.error(
            path, f"vraag-id '{qid}' mag alleen a-z, 0-9, _ en - bevatten", code="ongeldige-waarde", vraag=qid
        )
        return None
    if qid in RESERVED_QUESTION_IDS:
        ctx.error(
            path,
            f"vraag-id '{qid}' is een vaste sleutel of kolom van ktv (een antwoord zou naast "
            f"'{qid}' van het formulier of de spreadsheet staan); kies een andere id",
            code="ongeldige-waarde",
            vraag=qid,
            reden="gereserveerd",
        )
        return None
    if qid in seen_ids:
        ctx.error(path, f"vraag-id '{qid}' komt twee keer voor", code="dubbele-vraag", vraag=qid)
        return None
    if not qid or not values["text"]:
        return None
    return Question(qid, values["text"], values["group"] or None, bool(values["obsolete"]))


# --- perioden/<id>.toml ----------------------------------------------------------------------


def read_grade(table: Table) -> Decimal | None:
    value = table.get("cijfer", "number")
    if value is None:
        return None
    grade = Decimal(value)
    path = (*table.path, "cijfer")
    side = table.path[-1] if table.path else ""
    if not grade.is_finite():
        table.ctx.error(
            path, f"cijfer {value} is geen getal van 1 tot 10", code="cijfer-buiten-bereik", kant=side
        )
        return None
    if not GRADE_MIN <= grade <= GRADE_MAX:
        table.ctx.error(
            path,
            f"cijfer {plain_number(grade)} ligt buiten 1 tot 10",
            code="cijfer-buiten-bereik",
            kant=side,
            waarde=plain_number(grade),
        )
        return None
    if grade != grade.quantize(Decimal("0.1")):
        table.ctx.error(
            path,
            f"cijfer {plain_number(grade)} heeft meer dan één decimaal",
            code="te-veel-decimalen",
            kant=side,
            waarde=plain_number(grade),
        )
        return None
    return grade


def read_assessment(top: Table, beoordeling: Table, side: str) -> Assessment | None:
    table = beoordeling.sub(side)
    if table is None:
        return None
    received = read_field(table, PERIOD.field((*table.path, "ontvangen")))  # type: ignore[arg-type]
    grade = read_grade(table)
    answers: dict[str, str] = {}
    answer_table = table.sub("antwoorden")
    if answer_table is not None:
        for key in answer_table.data:
            value = answer_table.get(key, "str")
            if value is not None:
                answers[key] = value
    attachment = read_attachment(table)
    table.finish()
    return Assessment(received=received, grade=grade, answers=answers, attachment=attachment)


def parse_period(ctx: FileContext, period_id: str) -> tuple[Period | None, dict[str, Any]]:
    """Returns the period (None with errors) and the raw facts the calendar needs regardless."""
    data = decode_toml(ctx)
    if data is None:
        return None, {}
    return parse_period_data(ctx, data, period_id)


def parse_period_data(
    ctx: FileContext, data: dict[str, Any], period_id: str
) -> tuple[Period | None, dict[str, Any]]:
    """`parse_period` on an already decoded table: a file's TOML or a spreadsheet row (`ktv import`)."""
    facts = {"einde": data.get("einde"), "begin": data.get("begin"), "has_einde": "einde" in data}
    clean = None if ctx.problems else clean_period(data, period_id)
    if clean is not None:
        return clean, facts
    top = Table(ctx, data, kind=PERIOD)
    check_schema(top)
    values = read_fields(top, PERIOD)
    for f in PERIOD.fields_of(()):
        if f.type == "str":
            check_private(ctx, f.path, values[f.attr], code=not f.multiline)
    begin, end = values["begin"], values["end"]
    if begin is not None and end is not None and end < begin:
        ctx.error(
            ("einde",),
            f"einde {end.isoformat()} ligt voor begin {begin.isoformat()}",
            code="einde-voor-begin",
            einde=end.isoformat(),
            begin=begin.isoformat(),
        )
    forms: dict[str, Assessment] = {}
    beoordeling = top.sub("beoordeling")
    if beoordeling is not None:
        for side in SIDES:
            form = read_assessment(top, beoordeling, side)
            if form is not None:
                forms[side] = form
        beoordeling.finish()
    missing = _missing_reasons(ctx, top)
    top.finish()
    if values["employee"] is None or values["employer"] is None or begin is None:
        return None, facts
    period = build_period(
        period_id,
        values["employee"],
        values["employer"],
        begin,
        values["jobcoach"],
        end,
        values["remark"],
        forms,
        missing,
    )
    return period, facts


def _missing_reasons(ctx: FileContext, top: Table) -> dict[str, str]:
    """`[ontbreekt]`: per side why a form did not come back; free text, checked like opmerking."""
    table = top.sub("ontbreekt")
    if table is None:
        return {}
    reasons = {}
    for side in SIDES:
        value = read_field(table, PERIOD.field(("ontbreekt", side)), side)  # type: ignore[arg-type]
        check_private(ctx, ("ontbreekt", side), value, code=False)
        if value and value.strip():
            reasons[side] = value
    table.finish()
    return reasons


# --- meetjaren/<jaar>.toml -------------------------------------------------------------------


def parse_year_notes(ctx: FileContext, year: int) -> YearNotes | None:
    data = decode_toml(ctx)
    if data is None:
        return None
    top = Table(ctx, data, kind=YEAR_NOTES)
    check_schema(top)
    values = read_fields(top, YEAR_NOTES)
    for f in YEAR_NOTES.fields_of(()):
        if f.multiline:
            check_private(ctx, f.path, values[f.attr], code=False)
            values[f.attr] = values[f.attr] if values[f.attr] and values[f.attr].strip() else None
    commit = values["submitted_commit"]
    if commit is not None and not COMMIT.fullmatch(commit):
        ctx.error(
            ("ingediend_commit",),
            f"ingediend_commit '{commit}' is geen git-commit",
            code="ongeldige-waarde",
            sleutel="ingediend_commit",
        )
        values["submitted_commit"] = None
    verdict = values["verdict"]
    if verdict is not None and verdict not in VERDICTS:
        ctx.error(
            ("uitslag",),
            f'uitslag \'{verdict}\' moet "voldaan" of "niet voldaan" zijn',
            code="ongeldige-waarde",
            sleutel="uitslag",
        )
        values["verdict"] = None
    top.finish()
    if ctx.has_errors:
        return None
    return YearNotes(year=year, **values)
