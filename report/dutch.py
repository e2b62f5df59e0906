"""Dutch display of dates and counts, shared by the command line, the app and the PDFs."""

from __future__ import annotations

from datetime import date, datetime

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def long_date(day: date | None) -> str:
    """12 mei 2017."""
    return "" if day is None else f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def month_year(day: date | None) -> str:
    """mei 2017: a period's end in a document for UWV, without the day that could identify a
    person in a small organisation."""
    return "" if day is None else f"{MONTHS[day.month - 1]} {day.year}"


def short_date(day: date | None) -> str:
    """12-05-2017, as Dutch forms write it."""
    return "" if day is None else day.strftime("%d-%m-%Y")


def short_datetime(moment: datetime | None) -> str:
    """12-05-2017 14:03, for commit logs and drafts."""
    return "" if moment is None else moment.strftime("%d-%m-%Y %H:%M")


def days_phrase(days: int) -> str:
    """ "nog 23 dagen", "vandaag", "3 dagen te laat"."""
    if days == 0:
        return "vandaag"
    if days > 0:
        return f"nog {days} dag" + ("" if days == 1 else "en")
    return f"{-days} dag{'' if days == -1 else 'en'} te laat"


def percent(value, digits: int = 0) -> str:
    """0.8 → "80%"; Decimal or float in, Dutch comma out."""
    from decimal import ROUND_HALF_UP, Decimal

    scaled = (Decimal(str(value)) * 100).quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP)
    return f"{scaled}".replace(".", ",") + "%"


def os_error(exc: OSError) -> str:
    """The operating system's complaint in Dutch (the one table lives in store/paths.py)."""
    from store.paths import os_error as dutch

    return dutch(exc)
