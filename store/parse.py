"""Turn the text of each kind of data file into the model, with a problem for every misfit.

Parsing checks everything that one file can tell on its own (SPEC §2 "Validation"); checks
that need other files (answers against the questionnaire, duplicates, the calendar) live in
`validate.py`.
"""

from __future__ import annotations

import functools
import re
import tomllib
from datetime import date
from decimal import Decimal
from typing import Any

from .calendar import LAST_YEAR
from .characters import FORBIDDEN_MULTILINE, FORBIDDEN_ONE_LINE, character_name, forbidden_character
from .fields import FileContext, Table, check_characters, dotted
from .model import (
    CONTACT_KEYS,
    DEFAULT_NORM,
    SCHEMA,
    SIDES,
    Assessment,
    Organisation,
    Period,
    Question,
    Questionnaire,
    YearNotes,
)
from .privacy import find_personal_data, find_personal_data_in_code
from .problems import Problem, error
from .toml_io import conflict_marker_lines, load_toml, toml_comments

PERIOD_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
QUESTION_ID = re.compile(r"[a-z0-9_][a-z0-9_-]{0,63}")
COMMIT = re.compile(r"[0-9a-f]{7,64}")

_TOML_MESSAGES = (
    ("Cannot overwrite a value", "deze sleutel komt twee keer voor"),
    ("Cannot declare", "deze tabel komt twee keer voor"),
    ("Cannot redefine", "deze tabel komt twee keer voor"),
    ("Cannot mutate", "deze tabel komt twee keer voor"),
    ("Duplicate inline table key", "deze sleutel komt twee keer voor"),
    ("Expected '=' after a key", "'=' verwacht na een sleutel"),
    ("Expected ']' at the end", "']' verwacht aan het eind van de tabelnaam"),
    ("Expected ']]' at the end", "']]' verwacht aan het eind van de tabelnaam"),
    ("Expected newline", "nog iets achter de waarde op dezelfde regel"),
    ("Invalid date or datetime", "ongeldige datum (schrijf JJJJ-MM-DD)"),
    ("Invalid value", "ongeldige waarde (tekst tussen aanhalingstekens, datum als JJJJ-MM-DD)"),
    ("Invalid statement", "ongeldige regel"),
    ("Invalid initial character for a key", "ongeldig teken aan het begin van een sleutel"),
    ("Unclosed array", "lijst niet afgesloten met ']'"),
    ("Unclosed inline table", "tabel niet afgesloten met '}'"),
    ("Unterminated string", "tekst niet afgesloten met een aanhalingsteken"),
    ("Unescaped '\\'", "losse backslash in tekst"),
    ("Illegal character", "ongeldig teken"),
    ("Found invalid character", "ongeldig teken"),
    ("Invalid hex value", "ongeldige escape in tekst"),
    ("Escaped character", "ongeldige escape in tekst"),
)
_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)|\(at end of document\)")


def toml_error_in_dutch(exc: tomllib.TOMLDecodeError, text: str) -> tuple[int | None, str]:
    """The line and a Dutch message for a TOML syntax error."""
    raw = str(exc)
    match = _TOML_POSITION.search(raw)
    line: int | None = None
    if match and match.group(1):
        line = int(match.group(1))
    elif match:
        line = text.count("\n") + 1
    for english, dutch in _TOML_MESSAGES:
        if raw.startswith(english):
            return line, f"TOML-syntaxfout: {dutch}"
    return line, "TOML-syntaxfout"


def decode_toml(ctx: FileContext) -> dict[str, Any] | None:
    """Parse the file's text; conflict markers and syntax errors become problems, and so do
    personal data and control characters in its comments (SPEC §2: a comment is text too)."""
    markers = conflict_marker_lines(ctx.text)
    if markers:
        for line in markers:
            ctx.problems.append(
                _problem_at(
                    ctx,
                    line,
                    "git-conflictmarkering: los het samenvoegconflict op in dit bestand",
                    "conflictmarkering",
                )
            )
        return None
    try:
        data = load_toml(ctx.text)
    except tomllib.TOMLDecodeError as exc:
        line, message = toml_error_in_dutch(exc, ctx.text)
        bad_date = _invalid_date(ctx.text, line)
        if bad_date is not None:  # `2016-13-01` is a wrong date, not broken syntax (issue 19)
            key, written, why = bad_date
            message = f"ongeldige datum {written} bij '{key}': {why} (schrijf JJJJ-MM-DD)"
            ctx.problems.append(_problem_at(ctx, line, message, "ongeldige-waarde"))
            return None
        ctx.problems.append(_problem_at(ctx, line, message, "toml-syntax"))
        return None
    except ValueError:
        # tomllib lets int()'s limit escape for a whole number of thousands of digits.
        long_number = _LONG_NUMBER.search(ctx.text)
        line = ctx.text.count("\n", 0, long_number.start()) + 1 if long_number else None
        ctx.problems.append(
            _problem_at(ctx, line, "TOML-syntaxfout: getal met te veel cijfers", "toml-syntax")
        )
        return None
    except RecursionError:
        message = "TOML-syntaxfout: lijsten of tabellen te diep in elkaar genest"
        ctx.problems.append(_problem_at(ctx, None, message, "toml-syntax"))
        return None
    check_comments(ctx)
    _markers_in_strings(ctx)
    return data


def _markers_in_strings(ctx: FileContext) -> None:
    """git's conflict block inside a multi-line text is no text: an error (issue 19 item 5)."""
    from .conflict_text import marker_block_lines

    for line in marker_block_lines(ctx.text)[:1]:
        message = "git-conflictmarkering in een tekst: los het samenvoegconflict op in dit bestand"
        ctx.problems.append(_problem_at(ctx, line, message, "conflictmarkering"))


_LONG_NUMBER = re.compile(r"[0-9_]{4000,}")


def _invalid_date(text: str, line: int | None) -> tuple[str, str, str] | None:
    from .calendar import invalid_date_on_line

    lines = text.splitlines()
    if line is None or not 1 <= line <= len(lines):
        return None
    return invalid_date_on_line(lines[line - 1])


def _problem_at(ctx: FileContext, line: int | None, message: str, code: str) -> Problem:
    return error(ctx.rel, line, message, code=code)


def check_comments(ctx: FileContext) -> None:
    """A comment may hold no personal data and no control character; `[contact]` is exempt
    only for its values, not for comments."""
    for line, comment in toml_comments(ctx.text):
        bad = forbidden_character(comment)
        if bad is not None and bad != "\t":
            ctx.problems.append(
                _problem_at(
                    ctx, line, f"commentaar bevat een stuurteken: {character_name(bad)}", "stuurteken"
                )
            )
        for hit in find_personal_data(comment):
            ctx.problems.append(
                _problem_at(
                    ctx,
                    line,
                    f"commentaar bevat persoonsgegevens: {hit.description}; gebruik alleen pseudoniemen",
                    "persoonsgegevens",
                )
            )


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
        )


# --- ktv.toml --------------------------------------------------------------------------------


def parse_organisation(ctx: FileContext) -> Organisation | None:
    data = decode_toml(ctx)
    if data is None:
        return None
    top = Table(ctx, data)
    check_schema(top)
    name = top.text("naam", required=True, nonempty=True)
    recognition = top.get("erkenningsdatum", "date", required=True)
    if recognition is not None and recognition.year > LAST_YEAR:
        ctx.error(
            ("erkenningsdatum",),
            f"erkenningsdatum {recognition.isoformat()} ligt te ver in de toekomst",
            code="ongeldige-waarde",
        )
        recognition = None
    account_manager = top.text("accounthouder")
    reference = top.text("kenmerk")
    first_year = top.get("eerste_meetjaar", "number")
    if first_year is not None and (not isinstance(first_year, int) or not 1900 <= first_year <= LAST_YEAR):
        ctx.error(
            ("eerste_meetjaar",),
            f"eerste_meetjaar {_shown(first_year)} is geen jaartal (schrijf bijv. eerste_meetjaar = 2024)",
            code="ongeldige-waarde",
        )
        first_year = None
    norm = {"werknemer": DEFAULT_NORM, "werkgever": DEFAULT_NORM}
    norm_table = top.sub("norm")
    if norm_table is not None:
        for side in SIDES:
            value = norm_table.get(side, "number")
            if value is None:
                continue
            value = read_norm(ctx, side, value)
            if value is not None:
                norm[side] = value
        norm_table.finish()
    contact = _contact(top)
    signatory, signatory_function = _signature(top)
    code_pattern = _code_pattern(top)
    top.finish()
    if ctx.has_errors or name is None or recognition is None:
        return None
    return Organisation(
        name=name,
        recognition_date=recognition,
        account_manager=account_manager or None,
        norm=norm,
        norm_explicit=norm_table is not None,
        reference=reference or None,
        first_year=first_year,
        contact=contact,
        signatory=signatory,
        signatory_function=signatory_function,
        code_pattern=code_pattern,
    )


NORM_MIN, NORM_MAX = Decimal(1), Decimal(10)


def read_norm(ctx: FileContext, side: str, value: int | Decimal) -> Decimal | None:
    """A norm from 1 to 10 with at most two decimals as written (SPEC §2): `6.45` is kept and
    shown as 6,45; `6.455` or a norm of thirty digits would be compared or shown wrongly."""
    norm = Decimal(value)
    path = ("norm", side)
    if not norm.is_finite() or not NORM_MIN <= norm <= NORM_MAX:
        ctx.error(path, f"norm {side} {_plain(norm)} ligt buiten 1 tot 10", code="norm-buiten-bereik")
        return None
    exponent = norm.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        ctx.error(
            path,
            f"norm {side} {_plain(norm)} heeft meer dan twee decimalen (schrijf bijv. 6.5 of 6.45)",
            code="te-veel-decimalen",
        )
        return None
    return norm


def _contact(top: Table) -> dict[str, str]:
    """`[contact]`: the organisation's own public details; not checked for personal data."""
    table = top.sub("contact")
    if table is None:
        return {}
    contact = {}
    for key in CONTACT_KEYS:
        value = table.text(key, multiline=True)
        if value and value.strip():
            contact[key] = value
    table.finish()
    return contact


def _signature(top: Table) -> tuple[str | None, str | None]:
    """`[ondertekening]`: who signs the report and the notice."""
    table = top.sub("ondertekening")
    if table is None:
        return None, None
    name = table.text("naam")
    function = table.text("functie")
    table.finish()
    return (name or None), (function or None)


def _code_pattern(top: Table) -> str | None:
    """`[codes] patroon`, checked to be a regular expression Python can use."""
    table = top.sub("codes")
    if table is None:
        return None
    pattern = table.text("patroon")
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
        )
        return None
    return pattern


# --- vragenlijsten/*.toml --------------------------------------------------------------------


def parse_questionnaire(ctx: FileContext, side: str) -> Questionnaire | None:
    data = decode_toml(ctx)
    if data is None:
        return None
    top = Table(ctx, data)
    check_schema(top)
    title = top.text("titel", required=True, nonempty=True)
    scale = top.get("schaal", "list", required=True)
    if scale is not None:
        if len(scale) < 2 or not all(isinstance(v, str) and v.strip() for v in scale):
            ctx.error(
                ("schaal",),
                "'schaal' moet een lijst van minstens twee antwoorden (tekst) zijn",
                code="ongeldige-waarde",
            )
            scale = None
        elif len(set(scale)) != len(scale):
            ctx.error(("schaal",), "'schaal' bevat een antwoord twee keer", code="ongeldige-waarde")
            scale = None
        elif not all(check_characters(ctx, ("schaal", i), v) for i, v in enumerate(scale)):
            scale = None
    raw_questions = top.get("vraag", "list", required=True)
    questions: list[Question] = []
    seen_ids: set[str] = set()
    for index, raw in enumerate(raw_questions or []):
        if not isinstance(raw, dict):
            ctx.error(("vraag",), "elke [[vraag]] moet een tabel zijn", code="verkeerd-type")
            continue
        table = Table(ctx, raw, ("vraag", index))
        qid = table.text("id", required=True, nonempty=True)
        text = table.text("tekst", required=True, nonempty=True)
        group = table.text("groep")
        obsolete = table.get("vervallen", "bool")
        table.finish()
        if qid is not None and not QUESTION_ID.fullmatch(qid):
            ctx.error(
                ("vraag", index, "id"),
                f"vraag-id '{qid}' mag alleen a-z, 0-9, _ en - bevatten",
                code="ongeldige-waarde",
            )
            continue
        if qid in seen_ids:
            ctx.error(("vraag", index, "id"), f"vraag-id '{qid}' komt twee keer voor", code="dubbele-vraag")
            continue
        if qid and text:
            seen_ids.add(qid)
            questions.append(Question(qid, text, group or None, bool(obsolete)))
    top.finish()
    if ctx.has_errors or title is None or scale is None:
        return None
    return Questionnaire(side, title, tuple(scale), tuple(questions))  # type: ignore[arg-type]


# --- perioden/<id>.toml ----------------------------------------------------------------------

GRADE_MIN, GRADE_MAX = Decimal(1), Decimal(10)


def read_grade(table: Table) -> Decimal | None:
    value = table.get("cijfer", "number")
    if value is None:
        return None
    grade = Decimal(value)
    path = (*table.path, "cijfer")
    if not grade.is_finite():
        table.ctx.error(path, f"cijfer {value} is geen getal van 1 tot 10", code="cijfer-buiten-bereik")
        return None
    if not GRADE_MIN <= grade <= GRADE_MAX:
        table.ctx.error(path, f"cijfer {_plain(grade)} ligt buiten 1 tot 10", code="cijfer-buiten-bereik")
        return None
    if grade != grade.quantize(Decimal("0.1")):
        table.ctx.error(path, f"cijfer {_plain(grade)} heeft meer dan één decimaal", code="te-veel-decimalen")
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
    received = table.get("ontvangen", "date")
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
    top = Table(ctx, data)
    check_schema(top)
    employee = top.text("werknemer", required=True, nonempty=True)
    employer = top.text("werkgever", required=True, nonempty=True)
    jobcoach = top.text("jobcoach")
    begin = top.get("begin", "date", required=True)
    end = top.get("einde", "date")
    remark = top.text("opmerking", multiline=True)
    for key, value in (("werknemer", employee), ("werkgever", employer), ("jobcoach", jobcoach)):
        check_private(ctx, (key,), value, code=True)
    check_private(ctx, ("opmerking",), remark, code=False)
    if begin is not None and end is not None and end < begin:
        ctx.error(
            ("einde",),
            f"einde {end.isoformat()} ligt voor begin {begin.isoformat()}",
            code="einde-voor-begin",
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
    if employee is None or employer is None or begin is None:
        return None, facts
    return (
        _build_period(period_id, employee, employer, begin, jobcoach, end, remark, forms, missing),
        facts,
    )


def _missing_reasons(ctx: FileContext, top: Table) -> dict[str, str]:
    """`[ontbreekt]`: per side why a form did not come back; free text, checked like opmerking."""
    table = top.sub("ontbreekt")
    if table is None:
        return {}
    reasons = {}
    for side in SIDES:
        value = table.text(side, multiline=True)
        check_private(ctx, ("ontbreekt", side), value, code=False)
        if value and value.strip():
            reasons[side] = value
    table.finish()
    return reasons


_PERIOD_KEYS = frozenset(
    {
        "schema",
        "werknemer",
        "werkgever",
        "jobcoach",
        "begin",
        "einde",
        "opmerking",
        "beoordeling",
        "ontbreekt",
    }
)
_FORM_KEYS = frozenset({"ontvangen", "cijfer", "antwoorden"})


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
        if not (
            grade.is_finite() and GRADE_MIN <= grade <= GRADE_MAX and grade == grade.quantize(Decimal("0.1"))
        ):
            return None
    answers = raw.get("antwoorden", {})
    if type(answers) is not dict or any(type(v) is not str for v in answers.values()):
        return None
    return Assessment(received=received, grade=grade, answers=dict(answers))


def _build_period(
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


def clean_period(data: dict[str, Any], period_id: str) -> Period | None:
    """The period of a file that is exactly right, or None to take the full, message-giving path.

    Nearly every file of a real folder is clean; checking it in one tight pass instead of
    through `Table` halves the cost of parsing on top of tomllib (bench profile). Anything
    unusual — an unknown key, a wrong type, a value out of range, personal data — returns
    None, and `parse_period`'s generic path then reports it, so both paths agree by design
    (tests/store/test_parse_fast_path.py checks that they do).
    """
    if type(data.get("schema")) is not int or data["schema"] != SCHEMA or not data.keys() <= _PERIOD_KEYS:
        return None
    employee, employer = data.get("werknemer"), data.get("werkgever")
    jobcoach, remark = data.get("jobcoach"), data.get("opmerking")
    begin, end = data.get("begin"), data.get("einde")
    if not (
        _plain_text(employee, required=True)
        and _plain_text(employer, required=True)
        and _plain_text(jobcoach, required=False)
        and _plain_text(remark, required=False, multiline=True)
        and type(begin) is date
        and (end is None or (type(end) is date and end >= begin))
    ):
        return None
    for code in (employee, employer, jobcoach):
        if code and _has_personal_data_in_code(code):
            return None
    if remark and find_personal_data(remark):
        return None
    forms: dict[str, Assessment] = {}
    beoordeling = data.get("beoordeling")
    if beoordeling is not None:
        if type(beoordeling) is not dict or not beoordeling.keys() <= set(SIDES):
            return None
        for side in SIDES:
            if side in beoordeling:
                form = _clean_form(beoordeling[side])
                if form is None:
                    return None
                forms[side] = form
    missing: dict[str, str] = {}
    ontbreekt = data.get("ontbreekt")
    if ontbreekt is not None:
        if type(ontbreekt) is not dict or not ontbreekt.keys() <= set(SIDES):
            return None
        for side, reason in ontbreekt.items():
            if not _plain_text(reason, required=False, multiline=True) or (
                reason and find_personal_data(reason)
            ):
                return None
            if reason.strip():
                missing[side] = reason
    return _build_period(period_id, employee, employer, begin, jobcoach, end, remark, forms, missing)


# --- meetjaren/<jaar>.toml -------------------------------------------------------------------

YEAR_TEXTS = (
    ("analyse", "analysis"),
    ("conclusies", "conclusions"),
    ("acties", "actions"),
    ("herstelplan", "recovery_plan"),
    ("toelichting_te_laat", "late_explanation"),
)


def parse_year_notes(ctx: FileContext, year: int) -> YearNotes | None:
    data = decode_toml(ctx)
    if data is None:
        return None
    top = Table(ctx, data)
    check_schema(top)
    texts: dict[str, str | None] = {}
    for key, attribute in YEAR_TEXTS:
        value = top.text(key, multiline=True)
        check_private(ctx, (key,), value, code=False)
        texts[attribute] = value if value and value.strip() else None
    submitted_on = top.get("ingediend_op", "date")
    commit = top.text("ingediend_commit")
    if commit is not None and not COMMIT.fullmatch(commit):
        ctx.error(
            ("ingediend_commit",), f"ingediend_commit '{commit}' is geen git-commit", code="ongeldige-waarde"
        )
        commit = None
    notice_on = top.get("melding_op", "date")
    verdict = top.text("uitslag")
    if verdict is not None and verdict not in ("voldaan", "niet voldaan"):
        ctx.error(
            ("uitslag",),
            f'uitslag \'{verdict}\' moet "voldaan" of "niet voldaan" zijn',
            code="ongeldige-waarde",
        )
        verdict = None
    verdict_on = top.get("uitslag_op", "date")
    top.finish()
    if ctx.has_errors:
        return None
    return YearNotes(
        year=year,
        submitted_on=submitted_on,
        submitted_commit=commit,
        notice_on=notice_on,
        verdict=verdict,
        verdict_on=verdict_on,
        **texts,
    )
