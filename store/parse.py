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

from .calendar import LAST_YEAR
from .fields import FileContext, Table, check_characters, dotted
from .model import (
    DEFAULT_NORM,
    SCHEMA,
    SIDES,
    VERDICTS,
    Assessment,
    Organisation,
    Period,
    Question,
    Questionnaire,
    YearNotes,
)
from .parse_fast import GRADE_MAX, GRADE_MIN, build_period, clean_period
from .privacy import find_personal_data, find_personal_data_in_code
from .schema import ORGANISATION, PERIOD, QUESTIONNAIRE, RESERVED_QUESTION_IDS, YEAR_NOTES, Field, FileKind
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
    "toml_error_in_dutch",
]

PERIOD_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
QUESTION_ID = re.compile(r"[a-z0-9_][a-z0-9_-]{0,63}")
COMMIT = re.compile(r"[0-9a-f]{7,64}")

_KIND_OF_TYPE = {"int": "number", "tables": "list"}
"""The reader's type for a schema type: a year is read as a number and then checked whole."""


def read_fields(table: Table, kind: FileKind, schema_table: tuple[str, ...] = ()) -> dict[str, Any]:
    """Every value field of one table as the schema describes it (type, required, multi-line),
    keyed by the model attribute; a value that does not fit is a problem and None."""
    values: dict[str, Any] = {}
    for f in kind.fields_of(schema_table):
        if f.type == "table" or f.key == "schema":
            continue
        values[f.attr or f.key] = _read_field(table, f)
    return values


def _read_field(table: Table, f: Field, key: str | None = None) -> Any:
    """One value; `key` names it where the schema has a placeholder (`[ontbreekt] <kant>`)."""
    key = key or f.key
    if f.type == "str":
        return table.text(key, required=f.required, nonempty=f.required, multiline=f.multiline)
    return table.get(key, _KIND_OF_TYPE.get(f.type, f.type), required=f.required)


def check_schema(table: Table) -> bool:
    value = table.data.get("schema")
    table.seen.add("schema")
    if "schema" not in table.data:
        table.ctx.error(
            (), f"verplichte sleutel 'schema' ontbreekt (schrijf: schema = {SCHEMA})", code="onbekend-schema"
        )
        return False
    if not isinstance(value, int) or isinstance(value, bool) or value != SCHEMA:
        table.ctx.error(
            ("schema",),
            f"onbekend schema {_shown(value)}; deze versie van ktv leest schema {SCHEMA}",
            code="onbekend-schema",
        )
        return False
    return True


def _shown(value: Any) -> str:
    """A TOML value as the person wrote it, not as Python's repr."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, Decimal):
        return _plain(value)
    if isinstance(value, int) and abs(value) >= 10**24:  # str() refuses past 4300 digits
        return "(een getal van meer dan 24 cijfers)"
    return str(value)


def check_private(ctx: FileContext, path: tuple[str, ...], value: str | None, *, code: bool) -> None:
    """Only pseudonyms belong in the data: a BSN, e-mail or phone number is an error."""
    if not value:
        return
    hits = find_personal_data_in_code(value) if code else find_personal_data(value)
    for hit in hits:
        where = "code" if code else "tekst"
        ctx.error(
            path,
            f"'{dotted(path)}' bevat persoonsgegevens: {hit.description}; "
            f"gebruik alleen pseudoniemen in deze {where}",
            code="persoonsgegevens",
            sleutel=dotted(path),
            soort=hit.description,
        )


# --- ktv.toml --------------------------------------------------------------------------------


def parse_organisation(ctx: FileContext) -> Organisation | None:
    data = decode_toml(ctx)
    if data is None:
        return None
    top = Table(ctx, data, kind=ORGANISATION)
    check_schema(top)
    values = read_fields(top, ORGANISATION)
    recognition = values["recognition_date"]
    if recognition is not None and recognition.year > LAST_YEAR:
        ctx.error(
            ("erkenningsdatum",),
            f"erkenningsdatum {recognition.isoformat()} ligt te ver in de toekomst",
            code="ongeldige-waarde",
            sleutel="erkenningsdatum",
        )
        values["recognition_date"] = None
    values["first_year"] = _first_year(ctx, values["first_year"])
    norm_table = top.sub("norm")
    norm = _norm(ctx, norm_table)
    contact = _contact(top)
    signatory, signatory_function = _signature(top)
    code_pattern = _code_pattern(top)
    top.finish()
    if ctx.has_errors or values["name"] is None or values["recognition_date"] is None:
        return None
    return Organisation(
        name=values["name"],
        recognition_date=values["recognition_date"],
        account_manager=values["account_manager"] or None,
        norm=norm,
        norm_explicit=norm_table is not None,
        reference=values["reference"] or None,
        first_year=values["first_year"],
        contact=contact,
        signatory=signatory,
        signatory_function=signatory_function,
        code_pattern=code_pattern,
    )


def _first_year(ctx: FileContext, first_year: Any) -> int | None:
    if first_year is not None and (not isinstance(first_year, int) or not 1900 <= first_year <= LAST_YEAR):
        ctx.error(
            ("eerste_meetjaar",),
            f"eerste_meetjaar {_shown(first_year)} is geen jaartal (schrijf bijv. eerste_meetjaar = 2024)",
            code="ongeldige-waarde",
            sleutel="eerste_meetjaar",
        )
        return None
    return first_year


def _norm(ctx: FileContext, norm_table: Table | None) -> dict[str, Decimal]:
    norm = {"werknemer": DEFAULT_NORM, "werkgever": DEFAULT_NORM}
    if norm_table is None:
        return norm
    for side, value in read_fields(norm_table, ORGANISATION, ("norm",)).items():
        value = read_norm(ctx, side, value) if value is not None else None
        if value is not None:
            norm[side] = value
    norm_table.finish()
    return norm


NORM_MIN, NORM_MAX = Decimal(1), Decimal(10)


def read_norm(ctx: FileContext, side: str, value: int | Decimal) -> Decimal | None:
    """A norm from 1 to 10 with at most two decimals as written (SPEC §2): `6.45` is kept and
    shown as 6,45; `6.455` or a norm of thirty digits would be compared or shown wrongly."""
    norm = Decimal(value)
    path = ("norm", side)
    if not norm.is_finite() or not NORM_MIN <= norm <= NORM_MAX:
        ctx.error(
            path,
            f"norm {side} {_plain(norm)} ligt buiten 1 tot 10",
            code="norm-buiten-bereik",
            kant=side,
            waarde=_plain(norm),
        )
        return None
    exponent = norm.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        ctx.error(
            path,
            f"norm {side} {_plain(norm)} heeft meer dan twee decimalen (schrijf bijv. 6.5 of 6.45)",
            code="te-veel-decimalen",
            kant=side,
            waarde=_plain(norm),
        )
        return None
    return norm


def _contact(top: Table) -> dict[str, str]:
    """`[contact]`: the organisation's own public details; not checked for personal data."""
    table = top.sub("contact")
    if table is None:
        return {}
    values = read_fields(table, ORGANISATION, ("contact",))
    table.finish()
    return {key: value for key, value in values.items() if value and value.strip()}


def _signature(top: Table) -> tuple[str | None, str | None]:
    """`[ondertekening]`: who signs the report and the notice."""
    table = top.sub("ondertekening")
    if table is None:
        return None, None
    values = read_fields(table, ORGANISATION, ("ondertekening",))
    table.finish()
    return (values["signatory"] or None), (values["signatory_function"] or None)


def _code_pattern(top: Table) -> str | None:
    """`[codes] patroon`, checked to be a regular expression Python can use."""
    table = top.sub("codes")
    if table is None:
        return None
    pattern = read_fields(table, ORGANISATION, ("codes",))["code_pattern"]
    table.finish()
    if pattern is None:
        return None
    try:
        re.compile(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        table.ctx.error(
            ("codes", "patroon"),
            "patroon is geen geldige reguliere expressie"
            + (f" (fout bij teken {exc.pos + 1})" if getattr(exc, "pos", None) is not None else ""),
            code="ongeldige-waarde",
            sleutel="codes.patroon",
        )
        return None
    return pattern


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
            f"cijfer {_plain(grade)} ligt buiten 1 tot 10",
            code="cijfer-buiten-bereik",
            kant=side,
            waarde=_plain(grade),
        )
        return None
    if grade != grade.quantize(Decimal("0.1")):
        table.ctx.error(
            path,
            f"cijfer {_plain(grade)} heeft meer dan één decimaal",
            code="te-veel-decimalen",
            kant=side,
            waarde=_plain(grade),
        )
        return None
    return grade


def _plain(value: Decimal) -> str:
    if abs(value.adjusted()) > 20:  # 1e999999999 written out in full would take gigabytes
        return str(value)
    text = format(value, "f")
    return text if len(text) <= 24 else text[:20] + "…"


def read_assessment(top: Table, beoordeling: Table, side: str) -> Assessment | None:
    table = beoordeling.sub(side)
    if table is None:
        return None
    received = _read_field(table, PERIOD.field((*table.path, "ontvangen")))  # type: ignore[arg-type]
    grade = read_grade(table)
    answers: dict[str, str] = {}
    answer_table = table.sub("antwoorden")
    if answer_table is not None:
        for key in answer_table.data:
            value = answer_table.get(key, "str")
            if value is not None:
                answers[key] = value
    table.finish()
    return Assessment(received=received, grade=grade, answers=answers)


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
        value = _read_field(table, PERIOD.field(("ontbreekt", side)), side)  # type: ignore[arg-type]
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
