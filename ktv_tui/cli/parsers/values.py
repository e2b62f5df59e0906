"""The value parsers of the command line (`--today`, `--jaar`, `--binnen`): Dutch messages."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date

Command = Callable[..., argparse.ArgumentParser]
"""`command(name, help, *, hidden=False)` of `build_parser`: adds one sub-parser."""


def parse_date(text: str) -> date:
    from store.calendar import LAST_YEAR

    try:
        day = date.fromisoformat(text) if len(text) == 10 else _bad_date(text)
    except ValueError:
        return _bad_date(text)
    if day.year > LAST_YEAR:
        raise argparse.ArgumentTypeError(
            f"'{text}' ligt te ver in de toekomst (uiterlijk het jaar {LAST_YEAR})"
        )
    return day


def _bad_date(text: str) -> date:
    raise argparse.ArgumentTypeError(f"'{text}' is geen geldige datum (schrijf JJJJ-MM-DD, bijv. 2017-05-12)")


def parse_year(text: str) -> int:
    if not (len(text) == 4 and all("0" <= char <= "9" for char in text)):  # not '²⁰¹⁷' or '٢٠١٧'
        raise argparse.ArgumentTypeError(f"'{text}' is geen meetjaar (schrijf een jaartal, bijv. 2017)")
    return int(text)


def parse_days(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or len(text) > 5:
        raise argparse.ArgumentTypeError(f"'{text}' is geen aantal dagen (schrijf een getal, bijv. 30)")
    return int(text)
