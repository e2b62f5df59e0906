"""The sub-parsers of the commands that ktv_tui/cli/files.py runs.

Imports nothing of ktv but the value parsers: `ktv --help` stays cheap, and
ktv_tui/cli/__init__.py imports this module without an import cycle."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .values import parse_date, parse_year

if TYPE_CHECKING:
    from .values import Command


def add_commands(command: Command) -> None:
    """`ktv app`, `ktv init` and `ktv demo`."""
    p = command("app", "open de app (hetzelfde als `ktv` zonder opdracht)")
    p = command("init", "maak een nieuwe gegevensmap")
    p.add_argument("dir", metavar="MAP")
    p.add_argument("--naam", required=True, help="naam van de jobcoachorganisatie")
    p.add_argument(
        "--erkenningsdatum",
        required=True,
        type=parse_date,
        metavar="DATUM",
        help="datum van de erkenning door UWV",
    )
    p.add_argument("--accounthouder", help="naam van de accounthouder bij UWV")
    p.add_argument("--kenmerk", help="kenmerk van UWV voor deze erkenning (op de melding)")
    p.add_argument("--ondertekenaar", metavar="NAAM", help="wie de rapportage en de melding ondertekent")
    p.add_argument("--functie", help="functie van de ondertekenaar")
    for option, what in (
        ("adres", "straat en huisnummer"),
        ("postcode", "postcode"),
        ("plaats", "vestigingsplaats (ook de plaats bij de ondertekening)"),
        ("telefoon", "algemeen telefoonnummer"),
        ("email", "algemeen e-mailadres"),
        ("website", "website"),
    ):
        p.add_argument(f"--{option}", help=f"contactgegevens van de organisatie: {what}")
    p.add_argument("--no-git", action="store_true", help="geen git-repository aanmaken")
    p.add_argument(
        "--vanaf",
        type=parse_year,
        metavar="JAAR",
        help="eerste meetjaar dat ktv bijhoudt (eerdere meetjaren bestaan niet voor ktv)",
    )

    p = command("demo", "maak een demomap met voorbeeldgegevens en open de app")
    p.add_argument("dir", metavar="MAP", nargs="?", default="ktv-demo")
    p.add_argument("--no-tui", action="store_true", help="alleen de map maken, de app niet openen")


def add_fmt(command: Command) -> None:
    """`ktv fmt` (after `ktv import` in `ktv --help`, as before)."""
    p = command("fmt", "herschrijf geldige bestanden in de vaste vorm")
    p.add_argument(
        "--check", action="store_true", help="alleen tonen welke bestanden niet in de vaste vorm staan"
    )
