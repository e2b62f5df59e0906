"""The sub-parsers of the commands that ktv_tui/cli/sheets.py runs.

Imports nothing of ktv but the value parsers: `ktv --help` stays cheap, and
ktv_tui/cli/__init__.py imports this module without an import cycle."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .values import parse_year

if TYPE_CHECKING:
    from .values import Command


def add_commands(command: Command) -> None:
    """`ktv ontbrekend`, `ktv export` and `ktv import`."""
    p = command("ontbrekend", "ontbrekende formulieren van afgeronde perioden, oudste eerst")
    p.add_argument("--json", action="store_true", help="uitvoer als JSON")

    p = command("export", "alle perioden (of die van een meetjaar) als CSV of Excel-werkmap")
    p.add_argument("--jaar", type=parse_year, metavar="JAAR", help="alleen de perioden van dit meetjaar")
    p.add_argument(
        "-o",
        "--output",
        metavar="BESTAND",
        help=".csv of .xlsx (standaard perioden.csv of perioden-JAAR.csv in de huidige map)",
    )
    p.add_argument("--overschrijven", action="store_true", help="vervang een bestaand bestand")

    p = command("import", "perioden inlezen uit CSV of Excel-werkmap (eerst alleen tonen)")
    p.add_argument("bestand", metavar="BESTAND", help=".csv, .xlsx of .ods")
    p.add_argument("--toepassen", action="store_true", help="schrijf de goede rijen echt weg")
    p.add_argument(
        "--ook-ingediend", action="store_true", help="sta wijzigingen in een ingediend meetjaar toe"
    )
    p.add_argument("--json", action="store_true", help="uitvoer als JSON")
