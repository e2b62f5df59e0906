"""The sub-parsers of the commands that ktv_tui/cli/data.py runs.

Imports nothing of ktv but the value parsers: `ktv --help` stays cheap, and
ktv_tui/cli/__init__.py imports this module without an import cycle."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .values import parse_year

if TYPE_CHECKING:
    from .values import Command


def add_commands(command: Command) -> None:
    """`ktv stats`."""
    p = command("stats", "de cijfers van een meetjaar")
    p.add_argument("--jaar", type=parse_year, metavar="JAAR")
    p.add_argument("--json", action="store_true", help="uitvoer als JSON")
    p.add_argument(
        "--per-jobcoach", action="store_true", help="ook de cijfers per jobcoach (intern: niet voor UWV)"
    )
