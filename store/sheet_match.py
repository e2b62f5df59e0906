"""Matching spreadsheet rows to the periods a folder already has (SPEC "the edges", §10): by `id`
first (ids survive every office program), then by werknemer + werkgever + begin with the codes
compared without regard to case and surrounding spaces; and what differs, field by field."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from .hashes import sha256
from .model import Period, Questionnaire
from .sheet import columns, period_row

_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


def code_key(text: str) -> str:
    """A werknemer or werkgever code as compared: `wn-014 ` is `WN-014`."""
    return text.strip().casefold()


def period_key(employee: str, employer: str, begin: date) -> tuple[str, str, date]:
    return code_key(employee), code_key(employer), begin


class PeriodIndex:
    """The folder's periods by id and by (werknemer, werkgever, begin)."""

    def __init__(self, periods: dict[str, Period]) -> None:
        self.by_id = periods
        self.by_key: dict[tuple[str, str, date], str] = {}
        for period in periods.values():
            self.by_key.setdefault(period_key(period.employee, period.employer, period.begin), period.id)

    def match(self, wanted_id: str, employee: str, employer: str, begin: date | None) -> Period | None:
        if wanted_id and wanted_id in self.by_id:
            return self.by_id[wanted_id]
        if begin is not None:
            found = self.by_key.get(period_key(employee, employer, begin))
            if found is not None:
                return self.by_id.get(found)
        return None


def stable_id(employee: str, employer: str, begin: date, exists) -> str:
    """A new period's id from the row's content, so the dry run shows the ids `--toepassen`
    writes (the app's ids are random: two clones never collide; these follow from the row)."""
    for attempt in range(1000):
        seed = f"{code_key(employee)}\x00{code_key(employer)}\x00{begin.isoformat()}\x00{attempt}"
        number = int.from_bytes(sha256(seed.encode("utf-8")).digest()[:8], "big")
        suffix = ""
        for _ in range(5):
            number, rest = divmod(number, len(_ALPHABET))
            suffix += _ALPHABET[rest]
        candidate = f"{begin.isoformat()}-{suffix}"
        if not exists(candidate):
            return candidate
    raise RuntimeError("geen vrij id gevonden")  # 1000 taken ids for one row's content


def with_existing(values: dict[str, Any], existing: Period, questionnaires: dict[str, Questionnaire]) -> dict:
    """The row's cells, completed from the existing period for the columns the sheet does not
    have (a sheet without the wn_ columns changes no form). A code an office program turned into
    a number (`0012345` → 12345) is the existing code when only its leading zeros went."""
    old = period_row(existing, questionnaires)
    merged = {**old, **values}
    for column, raw in values.items():
        before = old.get(column)
        if _lost_leading_zeros(raw, before):
            merged[column] = before
        elif (
            column in ("werknemer", "werkgever", "jobcoach")
            and isinstance(before, str)
            and isinstance(raw, str)
        ):
            if code_key(raw) == code_key(before):
                merged[column] = before  # codes compare without regard to case and spaces
    return merged


def _lost_leading_zeros(raw: Any, before: Any) -> bool:
    """`0012345` stored, 12345 (a number cell, or the text a spreadsheet wrote back to CSV) read."""
    if not (isinstance(before, str) and before.isdigit() and before.startswith("0")):
        return False
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return float(int(before)) == float(raw)
    return isinstance(raw, str) and raw.strip().isdigit() and int(raw.strip()) == int(before)


def shown(value: Any) -> str:
    """A value as the spreadsheet shows it: dates dd-mm-jjjj, cijfers with a comma."""
    if value is None or value == "":
        return "(leeg)"
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, Decimal):
        if value == value.quantize(Decimal("0.1")):
            value = value.quantize(Decimal("0.1"))  # a cijfer as ktv writes it: 9,0
        return format(value, "f").replace(".", ",")
    return str(value)


def differences(
    old: Period, new: Period, questionnaires: dict[str, Questionnaire]
) -> tuple[tuple[str, str, str], ...]:
    """(column, old, new) for every column whose value differs."""
    before, after = period_row(old, questionnaires), period_row(new, questionnaires)
    result = []
    for column in columns(questionnaires):
        if column == "id":
            continue
        a, b = before.get(column), after.get(column)
        if (a or None) != (b or None):
            result.append((column, shown(a), shown(b)))
    return tuple(result)
