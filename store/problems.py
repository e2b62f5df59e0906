"""Problems found in the data folder, as data, and the one way they are shown."""

from __future__ import annotations

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


def error(file: str, line: int | None, message: str) -> Problem:
    return Problem(file, line, ERROR, message)


def warning(file: str, line: int | None, message: str) -> Problem:
    return Problem(file, line, WARNING, message)


def format_problem(problem: Problem) -> str:
    """`perioden/x.toml:9: fout: cijfer 11 ligt buiten 1 tot 10` — used by every output."""
    where = problem.file if problem.line is None else f"{problem.file}:{problem.line}"
    return f"{where}: {problem.severity}: {problem.message}"


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Errors and warnings in file order, then by line, so output is stable."""
    return sorted(problems, key=lambda p: (p.file, p.line or 0, p.severity, p.message))
