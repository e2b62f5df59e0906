"""How a refusal names what the person can do instead: options on the command line, keys in
the app. The rule that refuses lives once (report/pdf.py); only these words differ. The app says
`with spoken_as(APP): make_report(...)`; everything else gets the command line's words."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class CommandWords:
    concept: str
    """Make a concept instead of a final document."""
    submit: str
    """Record the submission."""
    notice: str
    """Make the notice of a meetjaar without completed periods."""
    report: str
    """Make the report."""
    commit: str
    """Record the changes in git."""
    other_report_name: str
    """A final report under another file name."""
    other_notice_name: str
    """A notice under another file name."""


CLI = CommandWords(
    concept="--concept",
    submit="--ingediend",
    notice="`ktv melding`",
    report="`ktv report`",
    commit="git commit",
    other_report_name="Geef met -o een andere bestandsnaam",
    other_notice_name="Geef met -o een andere bestandsnaam",
)
APP = CommandWords(
    concept="c",
    submit="Indienen (i)",
    notice="m",
    report="r",
    commit="git commit; in de app: g",
    other_report_name="Een andere bestandsnaam kan met `ktv report -o`",
    other_notice_name="Een andere bestandsnaam kan met `ktv melding -o`",
)

_current: ContextVar[CommandWords] = ContextVar("command_words", default=CLI)


def words() -> CommandWords:
    return _current.get()


@contextlib.contextmanager
def spoken_as(chosen: CommandWords) -> Iterator[None]:
    token = _current.set(chosen)
    try:
        yield
    finally:
        _current.reset(token)
