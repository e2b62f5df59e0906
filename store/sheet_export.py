"""What `ktv export` (and the app's export) writes, and what it says about it (issue 20):
periods with an error are left out and named; the default file lies outside the data folder;
a CSV value an office program would change when opening the file is pointed out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .folder import PERIOD_DIR, DataFolder, period_rel
from .model import Period
from .sheet import columns, period_row

_LEADING_ZERO = re.compile(r"[+-]?0\d+([.,]\d+)?")
_SCIENTIFIC = re.compile(r"[+-]?\d+([.,]\d+)?[eE][+-]?\d+")
_DATE_LIKE = re.compile(r"\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?")
_LONG_NUMBER = re.compile(r"\d{16,}")
_FRACTION_OR_PERCENT = re.compile(r"\d+\s?/\s?\d+|[+-]?\d+([.,]\d+)?\s?%")


@dataclass
class ExportPlan:
    """The rows to write and the period files left out (with an error)."""

    header: list[str]
    periods: list[Period]
    left_out: list[str] = field(default_factory=list)
    """`perioden/<id>.toml` of every period file with an error that is not written."""

    @property
    def rows(self) -> list[list[Any]]:
        return [list(period_row(p, self._questionnaires).values()) for p in self.periods]

    _questionnaires: dict = field(default_factory=dict)


def plan_export(folder: DataFolder, periods: list[Period], *, all_files: bool) -> ExportPlan:
    """Leave out every period with an error (personal data, a bad cijfer: what `ktv check`
    refuses never reaches a spreadsheet). `all_files`: also name the period files that could not
    be read at all (an export of every period; a meetjaar's export names only its own)."""
    errors = folder.error_files
    kept = [p for p in periods if period_rel(p.id) not in errors]
    left_out = sorted(period_rel(p.id) for p in periods if period_rel(p.id) in errors)
    if all_files:
        unread = {
            rel
            for rel in errors
            if rel.startswith(PERIOD_DIR + "/")
            and rel.endswith(".toml")
            and rel[len(PERIOD_DIR) + 1 : -5] not in folder.periods
        }
        left_out = sorted(set(left_out) | unread)
    return ExportPlan(columns(folder.questionnaires), kept, left_out, folder.questionnaires)


def changed_by_spreadsheet(value: Any) -> bool:
    """A text a spreadsheet turns into something else when it opens a CSV: `0012345` → 12345,
    `1e2` → 100, `3-4` → a date, `1/2` → a date or a fraction, 20 digits → rounded."""
    if not isinstance(value, str):
        return False
    text = value.strip()
    return any(
        pattern.fullmatch(text)
        for pattern in (_LEADING_ZERO, _SCIENTIFIC, _DATE_LIKE, _LONG_NUMBER, _FRACTION_OR_PERCENT)
    )


def csv_risks(header: list[str], rows: list[list[Any]]) -> list[tuple[int, str, str]]:
    """(row number in the file, column, value) for every such text (the header is row 1)."""
    found = []
    for number, row in enumerate(rows, start=2):
        for column, value in zip(header, row, strict=False):
            if changed_by_spreadsheet(value):
                found.append((number, column, value))
    return found


def risk_note(risks: list[tuple[int, str, str]], path: Path) -> str:
    """The note printed after a CSV export with such values."""
    examples = ", ".join(f"rij {n} {column} '{value}'" for n, column, value in risks[:3])
    more = f" en {len(risks) - 3} meer" if len(risks) > 3 else ""
    xlsx = path.with_suffix(".xlsx").name
    return (
        f"Let op: {len(risks)} {'waarde' if len(risks) == 1 else 'waarden'} in deze CSV zou een spreadsheet "
        f"bij het openen veranderen ({examples}{more}: voorloopnullen, 1e2 of 3-4 worden een getal of "
        f"datum). Exporteer naar .xlsx (-o {xlsx}): een werkmap houdt ze zoals ze zijn."
    )


def default_directory(cwd: Path, root: Path, home: Path) -> Path:
    """The working directory, or the user's home when that lies inside the data folder (an
    export there would land among the tracked files and be shared by `ktv sync`)."""
    try:
        inside = cwd.resolve().is_relative_to(root.resolve())
    except OSError:
        inside = False
    return home if inside else cwd
