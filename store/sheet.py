"""SPEC §10: periods as spreadsheet rows — the columns, cells to values, and each row checked by
the rules of `ktv check` (the row becomes a period file's TOML and goes through parse + validate)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from .calendar import Calendar
from .fields import FileContext
from .model import SCHEMA, SIDES, Organisation, Period, Questionnaire
from .parse import PERIOD_ID, parse_period_data
from .problems import Problem
from .sheet_table import column_letter

PREFIX = {"werknemer": "wn", "werkgever": "wg"}
BASE_COLUMNS = ("id", "werknemer", "werkgever", "jobcoach", "begin", "einde", "opmerking")
REQUIRED_COLUMNS = ("werknemer", "werkgever", "begin")
DATE_COLUMNS = frozenset({"begin", "einde", "wn_ontvangen", "wg_ontvangen"})
GRADE_COLUMNS = frozenset({"wn_cijfer", "wg_cijfer"})
FREE_TEXT_COLUMNS = frozenset({"opmerking", "wn_ontbreekt", "wg_ontbreekt"})


def columns(questionnaires: dict[str, Questionnaire]) -> list[str]:
    """`id, werknemer, …, opmerking`, then per side `wn_ontvangen, wn_cijfer, wn_<vraag-id>…, wn_ontbreekt`."""
    result = list(BASE_COLUMNS)
    for side in SIDES:
        p = PREFIX[side]
        questionnaire = questionnaires.get(side)
        ids = [q.id for q in questionnaire.questions] if questionnaire else []
        result += [f"{p}_ontvangen", f"{p}_cijfer", *(f"{p}_{qid}" for qid in ids), f"{p}_ontbreekt"]
    return result


# --- export ------------------------------------------------------------------------------------


def period_row(period: Period, questionnaires: dict[str, Questionnaire]) -> dict[str, Any]:
    """One period as typed values per column: str, date, Decimal or None."""
    row: dict[str, Any] = {
        "id": period.id,
        "werknemer": period.employee,
        "werkgever": period.employer,
        "jobcoach": period.jobcoach,
        "begin": period.begin,
        "einde": period.end,
        "opmerking": period.remark,
    }
    for side in SIDES:
        p = PREFIX[side]
        form = period.forms.get(side)
        row[f"{p}_ontvangen"] = form.received if form else None
        row[f"{p}_cijfer"] = form.grade if form else None
        questionnaire = questionnaires.get(side)
        for question in questionnaire.questions if questionnaire else ():
            row[f"{p}_{question.id}"] = form.answers.get(question.id) if form else None
        row[f"{p}_ontbreekt"] = period.missing_reasons.get(side)
    return row


# --- import: the header ------------------------------------------------------------------------


def header_key(text: str) -> str:
    """Header names compare case- and space-insensitively ("WN Cijfer" = "wn_cijfer")."""
    return re.sub(r"[\s_]+", "", text).casefold()


@dataclass
class Header:
    """Which spreadsheet column holds which ktv column; or why the header cannot be used."""

    positions: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def read_header(cells: list[Any], known: list[str], filled: set[int]) -> Header:
    """Match the header row to the known columns; `filled` are the columns that hold any data."""
    by_key = {header_key(name): name for name in known}
    header = Header()
    for index, cell in enumerate(cells):
        text = cell_text(cell)
        if not text:
            if index in filled:
                header.errors.append(f"kolom {column_letter(index)} heeft gegevens maar geen kopje")
            continue
        name = by_key.get(header_key(text))
        if name is None:
            from .fields import did_you_mean

            header.errors.append(
                f"onbekende kolom '{text}' (kolom {column_letter(index)}){did_you_mean(text.strip().casefold(), known)}"
            )
        elif name in header.positions:
            first = column_letter(header.positions[name])
            header.errors.append(
                f"kolom '{name}' komt twee keer voor (kolom {first} en kolom {column_letter(index)})"
            )
        else:
            header.positions[name] = index
    missing = [name for name in REQUIRED_COLUMNS if name not in header.positions]
    if missing:
        header.errors.append("verplichte kolom ontbreekt: " + ", ".join(missing))
    return header


# --- import: cells -----------------------------------------------------------------------------


def cell_text(value: Any) -> str:
    """A cell as text: a whole number without '.0' (a code typed as 12345 stays 12345)."""
    if type(value) is str:
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "WAAR" if value else "ONWAAR"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.strftime("%d-%m-%Y") if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return str(value).strip()


_DUTCH_DATE = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")
_SHORT_DATE = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{2})")
"""`12-02-16`: how LibreOffice Calc (nl) writes a date in CSV; read as 20jj with a warning."""
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def cell_date(value: Any) -> date | None:
    """A date cell, `dd-mm-jjjj` or `jjjj-mm-dd` (a date-time at midnight counts); None if not one."""
    if isinstance(value, datetime):
        return value.date() if value.time() == datetime.min.time() else None
    if isinstance(value, date):
        return value
    text = cell_text(value)
    try:
        if match := _DUTCH_DATE.fullmatch(text):
            day, month, year = (int(g) for g in match.groups())
            return date(year, month, day)
        if match := _ISO_DATE.fullmatch(text):
            year, month, day = (int(g) for g in match.groups())
            return date(year, month, day)
        if match := _SHORT_DATE.fullmatch(text):
            day, month, year = (int(g) for g in match.groups())
            return date(2000 + year, month, day)
    except ValueError:
        return None
    return None


def is_two_digit_year(value: Any) -> bool:
    """A text date written with a two-digit year (`12-02-16`): read as 2016, but say so."""
    return type(value) is str and bool(_SHORT_DATE.fullmatch(value.strip()))


def typed(value: Any) -> str:
    """A cell as the user typed it: `6,55` stays `6,55`, a number cell shows a decimal comma."""
    if isinstance(value, float | Decimal) and not isinstance(value, bool):
        return cell_text(value).replace(".", ",")
    return cell_text(value)


def cell_number(value: Any) -> Decimal | None:
    """A number cell, or text with a decimal comma or point ("7,5", "7.5"); None if not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(int(value)) if value.is_integer() else Decimal(repr(value))
    text = cell_text(value).replace(",", ".")
    if not re.fullmatch(r"[+-]?\d+(\.\d+)?", text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


# --- import: one row ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RowResult:
    """One data row of the sheet: the period it gives, or its problems; or why it was skipped."""

    number: int
    """The spreadsheet's own row number (the header is row 1)."""
    period: Period | None = None
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    skipped: str | None = None
    """Why the row is not imported although it has no error ("al aanwezig", a note)."""
    sheet: str | None = None
    """The sheet's name in a workbook; None for CSV."""
    replaces: str | None = None
    """The id of the existing period this row changes ("gewijzigd"); None for a new one."""
    changes: tuple[tuple[str, str, str], ...] = ()
    """For "gewijzigd": (column, old, new) as the spreadsheet shows them."""


def column_of(path: tuple) -> str | None:
    """The spreadsheet column of a key path (`("beoordeling", "werknemer", "cijfer")` → wn_cijfer)."""
    if not path:
        return None
    if path[0] in BASE_COLUMNS:
        return str(path[0])
    if path[0] == "ontbreekt" and len(path) > 1 and path[1] in PREFIX:
        return f"{PREFIX[path[1]]}_ontbreekt"
    if path[0] == "beoordeling" and len(path) > 2 and path[1] in PREFIX:
        p = PREFIX[path[1]]
        if path[2] == "antwoorden" and len(path) > 3:
            return f"{p}_{path[3]}"
        return f"{p}_{path[2]}"
    return None


def _where(column: str | None) -> str:
    """`wn_cijfer: ` before a message about a side's column (the message names only `cijfer`);
    nothing for a base column (its message starts with its name, which is the column's name)."""
    if column is None or column in BASE_COLUMNS:
        return ""
    return f"{column}: "


def row_message(problem: Problem, refs: dict[str, str], values: dict[str, Any]) -> str:
    """A problem of the row's period file in the spreadsheet's words, decided by the problem's
    code and key path (never by its text): the cell (`E7`), the column, the value as typed."""
    path = tuple(problem.path or ())
    column = column_of(path)
    code = problem.code
    where = _where(column)
    cell = _cell_suffix(column, refs)
    shown = typed(values.get(column)) if column else ""
    if column in GRADE_COLUMNS and code == "te-veel-decimalen":
        return f"{where}cijfer {shown} heeft meer dan één decimaal (schrijf bijv. 6,5)" + cell
    if column in GRADE_COLUMNS and code == "cijfer-buiten-bereik":
        return f"{where}cijfer {shown} ligt buiten 1 tot 10" + cell
    if code == "einde-voor-begin":
        return f"{where}einde {shown} ligt voor begin {typed(values.get('begin'))}" + cell
    if code == "einde-in-toekomst":
        return f"{where}einde {shown} ligt in de toekomst" + cell
    if code == "ontvangen-voor-einde" and column:
        return (
            f"{where}formulier ontvangen op {shown}, voor het einde van de periode ({typed(values.get('einde'))})"
            + cell
        )
    if code == "formulier-zonder-einde" and len(path) > 1:
        side = str(path[1])
        return f"formulier {side} ontvangen ({PREFIX.get(side, side)}_…) voor een periode zonder einde"
    message = problem.message
    if column and path:
        from .fields import dotted

        message = message.replace(f"'{dotted(path)}'", f"'{column}'")  # the key path is the column
    return where + message + cell


class RowChecker:
    """Turns rows into periods with exactly the rules of `ktv check`: each row becomes the table a
    period file would hold and goes through `parse_period_data` (what `parse_period` does after
    decoding the TOML), then `validate_folder` runs on a folder holding just that period."""

    def __init__(
        self,
        organisation: Organisation,
        questionnaires: dict[str, Questionnaire],
        today: date,
    ) -> None:
        self.organisation = organisation
        self.questionnaires = questionnaires
        self.today = today
        self.calendar = Calendar(organisation.recognition_date, organisation.first_year)
        from .folder import DataFolder

        self._folder = DataFolder(
            root=Path("/nonexistent-ktv-import"),
            today=today,
            organisation=organisation,
            questionnaires=questionnaires,
        )
        self._scales = {
            side: {answer.casefold(): answer for answer in q.scale} for side, q in questionnaires.items()
        }

    def check(
        self, number: int, values: dict[str, Any], period_id: str, refs: dict[str, str] | None = None
    ) -> RowResult:
        """`values`: the row's raw cells by column name; `refs`: their cells (`E7`)."""
        refs = refs or {}
        data, conversion, bad_keys = self._toml_data(values, refs)
        # The table a period file with these values would hold, read as `ktv check` reads one
        # (skipping only the TOML text in between: 5 000 rows would spend most time on it).
        ctx = FileContext(f"perioden/{period_id}.toml", "")
        period, _facts = parse_period_data(ctx, data, period_id)
        problems: list[Problem] = list(ctx.problems)
        if period is not None:
            problems += self._folder_checks(period)
        errors = list(conversion)
        warnings: list[str] = []
        for problem in problems:
            if ".".join(str(part) for part in problem.path) in bad_keys:
                continue  # already said in the spreadsheet's words
            message = row_message(problem, refs, values)
            (errors if problem.is_error else warnings).append(message)
        for column in sorted(DATE_COLUMNS & values.keys()):
            if is_two_digit_year(values[column]) and (day := cell_date(values[column])):
                warnings.append(
                    f"{column} '{values[column].strip()}' gelezen als {day:%d-%m-%Y} "
                    f"(jaartal met twee cijfers; schrijf het jaar voluit){_cell_suffix(column, refs)}"
                )
        if errors:
            # Warnings about a row that is not imported would only distract (an unreadable
            # einde makes "form of a period without einde" warnings, for instance).
            return RowResult(number, None, tuple(errors), ())
        return RowResult(number, period, (), tuple(warnings))

    def _folder_checks(self, period: Period) -> list[Problem]:
        """The cross-file checks of `ktv check` on a folder that holds just this period."""
        from .validate import validate_folder

        folder = self._folder
        folder.periods = {period.id: period}
        folder.period_labels = {period.id: self.calendar.label_of(period.end) if period.end else None}
        folder.__dict__.pop("_ids_by_label", None)  # its cached index belongs to the previous row
        return validate_folder(folder, with_git=False)

    def _toml_data(
        self, values: dict[str, Any], refs: dict[str, str]
    ) -> tuple[dict[str, Any], list[str], set[str]]:
        """The period file's table; conversion problems in the sheet's words and their TOML keys."""
        data: dict[str, Any] = {"schema": SCHEMA}
        problems: list[str] = []
        bad: set[str] = set()

        def put(table: dict[str, Any], key: str, column: str, toml_key: str) -> None:
            raw = values.get(column)
            if is_blank(raw):
                return
            if column in DATE_COLUMNS or column in GRADE_COLUMNS:
                value, problem = _converted(column, raw, refs)
                if problem:
                    problems.append(problem)
                    bad.add(toml_key)
                table[key] = value
            elif column in FREE_TEXT_COLUMNS and isinstance(raw, str):
                table[key] = raw  # free text as typed (a code is trimmed, a remark is not)
            else:
                table[key] = cell_text(raw)

        for column in ("werknemer", "werkgever", "jobcoach", "begin", "einde", "opmerking"):
            put(data, column, column, column)
        forms: dict[str, Any] = {}
        missing: dict[str, Any] = {}
        for side in SIDES:
            p = PREFIX[side]
            form: dict[str, Any] = {}
            put(form, "ontvangen", f"{p}_ontvangen", f"beoordeling.{side}.ontvangen")
            put(form, "cijfer", f"{p}_cijfer", f"beoordeling.{side}.cijfer")
            answers: dict[str, Any] = {}
            questionnaire = self.questionnaires.get(side)
            for question in questionnaire.questions if questionnaire else ():
                put(answers, question.id, f"{p}_{question.id}", question.id)
                if question.id in answers:
                    given = answers[question.id]
                    answers[question.id] = self._scales[side].get(given.strip().casefold(), given)
            if answers:
                form["antwoorden"] = answers
            if form:
                forms[side] = form
            put(missing, side, f"{p}_ontbreekt", f"ontbreekt.{side}")
        if forms:
            data["beoordeling"] = forms
        if missing:
            data["ontbreekt"] = missing
        return data, problems, bad


def _converted(column: str, raw: Any, refs: dict[str, str]) -> tuple[Any, str | None]:
    """A date or cijfer cell as its value, or as its text with the problem in the sheet's words."""
    if column in DATE_COLUMNS:
        day = cell_date(raw)
        if day is not None:
            return day, None
        return cell_text(raw), (
            f"{column} '{typed(raw)}' is geen geldige datum "
            f"(schrijf dd-mm-jjjj of jjjj-mm-dd){_cell_suffix(column, refs)}"
        )
    number = cell_number(raw)
    if number is not None:
        return number, None
    return cell_text(
        raw
    ), f"{column} '{typed(raw)}' is geen getal (schrijf bijv. 7 of 7,5){_cell_suffix(column, refs)}"


def _cell_suffix(column: str | None, refs: dict[str, str]) -> str:
    """` (cel E7)`: the cell as the spreadsheet names it."""
    ref = refs.get(column) if column else None
    return f" (cel {ref})" if ref else ""


def is_blank(cell: Any) -> bool:
    return cell is None or cell == "" or (type(cell) is str and not cell.strip())


def row_is_empty(cells: Iterable[Any]) -> bool:
    return all(is_blank(cell) for cell in cells)


def usable_id(text: str) -> bool:
    return bool(PERIOD_ID.fullmatch(text))
