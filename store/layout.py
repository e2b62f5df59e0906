"""Where each kind of file lives in a data folder, and the names that identify them."""

from __future__ import annotations

import re

ORGANISATION_FILE = "ktv.toml"


QUESTIONNAIRE_DIR = "vragenlijsten"


PERIOD_DIR = "perioden"


YEAR_DIR = "meetjaren"


REPORT_DIR = "rapporten"


def questionnaire_rel(side: str) -> str:
    return f"{QUESTIONNAIRE_DIR}/{side}.toml"


def period_rel(period_id: str) -> str:
    return f"{PERIOD_DIR}/{period_id}.toml"


def year_rel(label: int) -> str:
    return f"{YEAR_DIR}/{label}.toml"


DATA_DIRS = (QUESTIONNAIRE_DIR, PERIOD_DIR, YEAR_DIR)


YEAR_FILE = re.compile(r"([0-9]{4})\.toml")
"""Only four ASCII digits name a meetjaar: `²⁰¹⁷.toml` or `٢٠١٧.toml` is no 2017 (str.isdigit()
and int() would take them for one)."""


def year_of_name(name: str) -> int | None:
    """The meetjaar a file name under meetjaren/ stands for, or None."""
    match = YEAR_FILE.fullmatch(name)
    return int(match.group(1)) if match else None
