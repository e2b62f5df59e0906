"""The sub-parsers of the commands that ktv_tui/cli/pdf.py runs.

Imports nothing of ktv but the value parsers: `ktv --help` stays cheap, and
ktv_tui/cli/__init__.py imports this module without an import cycle."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .values import parse_year

if TYPE_CHECKING:
    from .values import Command


def add_commands(command: Command) -> None:
    """`ktv report` and `ktv melding`."""
    p = command("report", "de jaarlijkse rapportage klanttevredenheid als PDF")
    p.add_argument("--jaar", type=parse_year, metavar="JAAR")
    p.add_argument(
        "-o",
        "--output",
        metavar="PDF",
        help="waar de PDF komt (standaard rapporten/klanttevredenheid-JAAR.pdf)",
    )
    p.add_argument(
        "--concept",
        action="store_true",
        help="maak een concept (ook zonder analyse of voor een lopend meetjaar)",
    )
    p.add_argument(
        "--ingediend", action="store_true", help="leg ingediend_op = vandaag en de git-commit vast"
    )
    p.add_argument(
        "--zoals-ingediend",
        action="store_true",
        help="maak de ingediende rapportage opnieuw, precies zoals ze is verstuurd",
    )
    p.add_argument("--json", action="store_true", help='uitvoer als JSON ({"pdf": pad, …})')

    p = command("melding", "de melding 'geen afgeronde jobcoachperiode' als PDF")
    p.add_argument("--jaar", type=parse_year, metavar="JAAR")
    p.add_argument(
        "-o", "--output", metavar="PDF", help="waar de PDF komt (standaard rapporten/melding-JAAR.pdf)"
    )
    p.add_argument("--ingediend", action="store_true", help="leg melding_op = vandaag en de git-commit vast")
    p.add_argument(
        "--zoals-ingediend",
        action="store_true",
        help="maak de ingediende melding opnieuw, precies zoals verstuurd",
    )
    p.add_argument("--json", action="store_true", help='uitvoer als JSON ({"pdf": pad, …})')
