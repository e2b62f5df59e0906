"""Incoming changes to a meetjaar whose submission is recorded (SPEC "the edges", team work).

When a colleague's change to a period of a submitted meetjaar (or to the norm or a
questionnaire) arrives, `ktv sync` and the app say so, with the field and the change to the
meetjaar's means: the numbers sent to UWV no longer match the data.
"""

from __future__ import annotations

import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from .calendar import Calendar
from .git import GitError, run_git_bytes
from .merge_words import field_label, spoken
from .model import SIDES
from .schema import YEAR_NOTES
from .team import git

RECORDS = tuple(
    f.key for f in YEAR_NOTES.fields if f.attr in ("submitted_on", "notice_on", "submitted_commit")
)
"""The keys that record a submission (store/schema.py)."""


def _table(data: bytes | None) -> dict[str, Any] | None:
    if data is None:
        return None
    try:
        return tomllib.loads(data.decode("utf-8"), parse_float=Decimal)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError):
        return None


def _at(root: Path, commit: str, rel: str) -> dict[str, Any] | None:
    try:
        return _table(run_git_bytes(root, "cat-file", "blob", f"{commit}:./{rel}"))
    except GitError:
        return None


def _flat(table: Any, prefix: tuple = ()) -> dict[tuple, Any]:
    if isinstance(table, dict):
        out: dict[tuple, Any] = {}
        for key, value in table.items():
            out.update(_flat(value, (*prefix, key)))
        return out
    return {prefix: table}


def _changes(old: dict | None, new: dict | None) -> list[str]:
    a, b = _flat(old or {}), _flat(new or {})
    words = []
    for path in list(a) + [p for p in b if p not in a]:
        if a.get(path) != b.get(path):
            words.append(f"{field_label(path)} {spoken(a.get(path))} → {spoken(b.get(path))}")
    return words


def _calendar(table: dict | None) -> Calendar | None:
    recognition = (table or {}).get("erkenningsdatum")
    if not isinstance(recognition, date):
        return None
    first = (table or {}).get("eerste_meetjaar")
    return Calendar(recognition, first if isinstance(first, int) else None)


def _label(calendar: Calendar, period: dict | None) -> int | None:
    end = (period or {}).get("einde")
    return calendar.label_of(end) if isinstance(end, date) else None


def incoming_submitted_changes(root: Path, old: str, new: str) -> list[str]:
    """Dutch lines: what changed between `old` and `new` in meetjaren with a recorded submission."""
    out = git(root, "diff", "--name-only", "-z", "--relative", old, new, "--").out
    changed = [rel for rel in out.split("\0") if rel]
    if not changed:
        return []
    org = _at(root, new, "ktv.toml")
    calendar = _calendar(org)
    submitted = _submitted_years(root, new)
    if calendar is None or not submitted:
        return []
    lines: list[str] = []
    touched: set[int] = set()
    names = ", ".join(str(y) for y in sorted(submitted))
    for rel in changed:
        before, after = _at(root, old, rel), _at(root, new, rel)
        if rel.startswith("perioden/") and rel.endswith(".toml"):
            years = {_label(calendar, before), _label(calendar, after)} & submitted.keys()
            for year in sorted(years):
                touched.add(year)
                words = "; ".join(_changes(before, after)) or ("verwijderd" if after is None else "gewijzigd")
                lines.append(f"meetjaar {year} (ingediend): periode {rel[9:-5]}: {words}")
        elif rel == "ktv.toml" or rel.startswith("vragenlijsten/"):
            words = "; ".join(_changes(before, after))
            if words and (rel != "ktv.toml" or "norm" in (before or {}) or "norm" in (after or {})):
                lines.append(f"{rel}: {words} (geldt ook voor de ingediende meetjaren {names})")
        elif rel.startswith("meetjaren/") and rel[10:-5].isdigit() and int(rel[10:-5]) in submitted:
            if before is not None and any(before.get(k) is not None for k in RECORDS):
                words = "; ".join(_changes(before, after))
                if words:
                    lines.append(f"meetjaar {rel[10:-5]} (ingediend): {words}")
    for year in sorted(touched):
        lines += _mean_lines(root, old, new, calendar, year)
    return lines


def _submitted_years(root: Path, commit: str) -> dict[int, dict]:
    out = git(root, "ls-tree", "-z", "--name-only", commit, "--", "meetjaren/").out
    years = {}
    for rel in filter(None, out.split("\0")):
        rel = rel.rsplit("meetjaren/", 1)[-1]
        if rel.endswith(".toml") and rel[:-5].isdigit():
            table = _at(root, commit, f"meetjaren/{rel}")
            if table and any(table.get(k) is not None for k in RECORDS):
                years[int(rel[:-5])] = table
    return years


def _means(root: Path, commit: str, calendar: Calendar, year: int) -> dict[str, tuple[Decimal, int]]:
    """Sum and count of the cijfers per side of the meetjaar's completed periods at `commit`."""
    out = git(root, "ls-tree", "-z", "--name-only", commit, "--", "perioden/").out
    sums = {side: (Decimal(0), 0) for side in SIDES}
    for rel in filter(None, out.split("\0")):
        rel = "perioden/" + rel.rsplit("perioden/", 1)[-1]
        period = _at(root, commit, rel)
        if period is None or _label(calendar, period) != year:
            continue
        forms = period.get("beoordeling") if isinstance(period.get("beoordeling"), dict) else {}
        for side in SIDES:
            grade = (forms.get(side) or {}).get("cijfer") if isinstance(forms.get(side), dict) else None
            if isinstance(grade, Decimal | int) and not isinstance(grade, bool):
                total, count = sums[side]
                sums[side] = (total + Decimal(grade), count + 1)
    return sums


def _mean_lines(root: Path, old: str, new: str, calendar: Calendar, year: int) -> list[str]:
    before, after = _means(root, old, calendar, year), _means(root, new, calendar, year)
    lines = []
    for side in SIDES:
        a, b = (_mean(*before[side]), _mean(*after[side]))
        if a != b:
            lines.append(f"meetjaar {year}: gemiddelde {side} {a} → {b}")
    return lines


def _mean(total: Decimal, count: int) -> str:
    if not count:
        return "(geen cijfers)"
    return format((total / count).quantize(Decimal("0.1")), "f").replace(".", ",")
