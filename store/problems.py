"""Problems found in the data folder, as data, and the one way they are shown."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Severity = Literal["fout", "waarschuwing"]

ERROR: Severity = "fout"
WARNING: Severity = "waarschuwing"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file of the data folder.

    The loader collects these instead of raising, so one broken file never stops the rest.
    """

    file: str
    """Path relative to the data folder, with forward slashes (`perioden/x.toml`)."""
    line: int | None
    """1-based line of the cause, or None when no honest line can be given."""
    severity: Severity
    message: str
    """Dutch, for a person: what is wrong and, where possible, how to fix it."""

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Control characters written as escapes: a key or file name quoted in a message can neither
    break the one-line output nor steer the terminal (ESC sequences, right-to-left overrides)."""
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def error(file: str, line: int | None, message: str) -> Problem:
    return Problem(file, line, ERROR, printable(message))


def warning(file: str, line: int | None, message: str) -> Problem:
    return Problem(file, line, WARNING, printable(message))


def format_problem(problem: Problem) -> str:
    """`perioden/x.toml:9: fout: cijfer 11 ligt buiten 1 tot 10` — used by every output."""
    file = printable(problem.file)
    where = file if problem.line is None else f"{file}:{problem.line}"
    return f"{where}: {problem.severity}: {printable(problem.message)}"


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Errors and warnings in file order, then by line, so output is stable."""
    return sorted(problems, key=lambda p: (p.file, p.line or 0, p.severity, p.message))
