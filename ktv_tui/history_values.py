"""A value in a period's history, shown the Dutch way in `ktv historie` and in the app alike.

One function for both (issue 23: the CLI printed `2026-03-01` and `8.0` where the app showed
`01-03-2026` and `8,0`). No Textual import: the command line loads this too."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any


def shown_value(value: Any) -> str:
    """A field's old or new value: dates as 01-03-2026, cijfers with a decimal comma (8,0)."""
    from report.dutch import short_date
    from report.numbers import format_number

    if value is None:
        return "(leeg)"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float):
        value = Decimal(str(value))
    if isinstance(value, Decimal):
        return format_number(value, places=max(1, -value.as_tuple().exponent))
    if isinstance(value, datetime):
        return short_date(value.date())
    if isinstance(value, date):
        return short_date(value)
    if isinstance(value, dict):
        return ", ".join(f"{key} = {shown_value(item)}" for key, item in value.items())
    return str(value)
