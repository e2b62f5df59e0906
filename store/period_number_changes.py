"""What of a period the meetjaar's numbers depend on, and how two versions differ in it.

SPEC "the edges": only a change since a recorded submission that changes that meetjaar's
numbers or verdict is a warning, and it names what changed. The numbers of §4 read from a
period its `einde` (completed, and in which meetjaar) and per side whether the form was
received, its cijfer and its answers. A comment, a remark, a jobcoach, a scan (`bijlage`) or a
reason for a missing form change none of them: no warning.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from .model import SIDES


def _day(value: Any) -> str:
    return f"{value.day:02d}-{value.month:02d}-{value.year}" if isinstance(value, date) else str(value)


def _grade(value: Any) -> str:
    try:
        return f"{Decimal(str(value)):.1f}".replace(".", ",")
    except (InvalidOperation, ValueError):
        return str(value)


def _same(a: Any, b: Any) -> bool:
    """7 and 7.0 are one cijfer; anything else is compared as written."""
    if isinstance(a, int | float | Decimal) and isinstance(b, int | float | Decimal):
        if not isinstance(a, bool) and not isinstance(b, bool):
            return Decimal(str(a)) == Decimal(str(b))
    return a == b


def _value_change(name: str, old: Any, new: Any, shown: Any) -> str:
    """ "einde 11-07-2016 → 12-07-2016", "cijfer werknemer 7,0 ingevuld", "… weggehaald"."""
    if old is None:
        return f"{name} {shown(new)} ingevuld"
    if new is None:
        return f"{name} {shown(old)} weggehaald"
    return f"{name} {shown(old)} → {shown(new)}"


def _table(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _forms(period: dict[str, Any] | None) -> dict[str, dict[str, Any] | None]:
    forms = _table(_table(period).get("beoordeling"))
    return {side: forms.get(side) if isinstance(forms.get(side), dict) else None for side in SIDES}


def number_changes(old: dict[str, Any] | None, new: dict[str, Any] | None) -> list[str]:
    """In Dutch, each change between two versions of a period (parsed tables) that changes a
    meetjaar's numbers: `einde`, a form received or not, a cijfer, an answer. Empty: none."""
    found: list[str] = []
    old_end, new_end = _table(old).get("einde"), _table(new).get("einde")
    if not _same(old_end, new_end):
        found.append(_value_change("einde", old_end, new_end, _day))
    old_forms, new_forms = _forms(old), _forms(new)
    for side in SIDES:
        before, after = old_forms[side], new_forms[side]
        if before is None and after is None:
            continue
        if before is None or after is None:
            found.append(f"formulier {side} {'ontvangen' if before is None else 'weggehaald'}")
            continue
        found += _form_changes(side, before, after)
    return found


def _form_changes(side: str, before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    found: list[str] = []
    old_grade, new_grade = before.get("cijfer"), after.get("cijfer")
    if not _same(old_grade, new_grade):
        found.append(_value_change(f"cijfer {side}", old_grade, new_grade, _grade))
    old_answers, new_answers = _table(before.get("antwoorden")), _table(after.get("antwoorden"))
    for question in [*old_answers, *(q for q in new_answers if q not in old_answers)]:
        was, now = old_answers.get(question), new_answers.get(question)
        if was == now:
            continue
        shown_was = f"“{was}”" if was is not None else "geen antwoord"
        shown_now = f"“{now}”" if now is not None else "geen antwoord"
        found.append(f"antwoord {side} {question} {shown_was} → {shown_now}")
    return found
