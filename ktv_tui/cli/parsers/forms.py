"""The sub-parsers of the commands that ktv_tui/cli/forms.py runs.

Imports nothing of ktv but the value parsers: `ktv --help` stays cheap, and
ktv_tui/cli/__init__.py imports this module without an import cycle."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .values import parse_year

if TYPE_CHECKING:
    from .values import Command


def add_commands(command: Command) -> None:
    """SPEC §11, forms out and evidence in: `ktv formulier`, `ktv formulieren`, `ktv bijlage` and `ktv steekproef`."""
    p = command("formulier", "het beoordelingsformulier van een periode als PDF, om af te drukken")
    p.add_argument("id", metavar="ID", help="het id van de periode (de bestandsnaam zonder .toml)")
    p.add_argument("--kant", choices=("werknemer", "werkgever"), help="alleen dit formulier (anders beide)")
    p.add_argument(
        "-o", "--output", metavar="PDF", help="waar de PDF komt (standaard rapporten/formulieren/ID-KANT.pdf)"
    )

    p = command("formulieren", "alle (of de ontbrekende) formulieren van een meetjaar in één PDF")
    p.add_argument("--jaar", type=parse_year, metavar="JAAR")
    p.add_argument("--open", action="store_true", help="alleen de formulieren die nog niet terug zijn")
    p.add_argument(
        "-o", "--output", metavar="PDF", help="waar de PDF komt (standaard rapporten/formulieren/)"
    )

    p = command("bijlage", "bewaar de scan van een teruggekomen formulier bij de periode")
    p.add_argument("id", metavar="ID", help="het id van de periode")
    p.add_argument("kant", metavar="KANT", choices=("werknemer", "werkgever"), help="werknemer of werkgever")
    p.add_argument("scan", metavar="SCAN", help="de scan of foto: PDF, PNG of JPEG")
    p.add_argument("--vervang", action="store_true", help="vervang een scan die er al is")

    p = command("steekproef", "de formulieren achter labels van de ingediende rapportage (vertrouwelijk)")
    p.add_argument("labels", metavar="LABEL", nargs="*", help='bijv. "Werknemer C" "Werkgever 4"')
    p.add_argument("--jaar", type=parse_year, metavar="JAAR")
    p.add_argument("-o", "--output", metavar="PDF", help="waar de PDF komt (standaard rapporten/)")
    p.add_argument("--sleutel", action="store_true", help="toon welke periode achter elk label zit (intern)")
