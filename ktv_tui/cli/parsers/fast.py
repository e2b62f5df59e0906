"""The sub-parsers of the commands that ktv_tui/cli/fast.py runs.

Imports nothing of ktv but the value parsers: `ktv --help` stays cheap, and
ktv_tui/cli/__init__.py imports this module without an import cycle."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .values import parse_days

if TYPE_CHECKING:
    from .values import Command


def add_commands(command: Command) -> None:
    """`ktv check` and `ktv deadlines`."""
    p = command("check", "controleer alle bestanden; exit 1 bij fouten")
    p.add_argument(
        "--json", action="store_true", help="uitvoer als JSON (met een vaste code per soort probleem)"
    )

    p = command("deadlines", "alle meetjaren met status, actie en deadline")
    p.add_argument("--json", action="store_true", help="uitvoer als JSON")
    p.add_argument(
        "--binnen",
        type=parse_days,
        metavar="N",
        help="alleen wat binnen N dagen moet worden ingediend of te laat is; exit 1 als er iets is",
    )
