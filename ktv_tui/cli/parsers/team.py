"""The sub-parsers of the commands that ktv_tui/cli/team.py runs.

Imports nothing of ktv but the value parsers: `ktv --help` stays cheap, and
ktv_tui/cli/__init__.py imports this module without an import cycle."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .values import Command


def add_commands(command: Command) -> None:
    """`ktv clone`, `ktv sync` and `ktv historie`."""
    p = command("clone", "kloon een gedeelde gegevensmap en stel samenvoegen per veld in")
    p.add_argument("source", metavar="BRON", help="adres of pad van de gedeelde repository")
    p.add_argument("dir", metavar="MAP", help="nieuwe map voor de kloon")
    p.add_argument("--map", dest="sub", metavar="SUB", help="de gegevensmap is deze submap van de repository")

    p = command("sync", "leg wijzigingen vast, haal op, voeg samen per veld en verstuur")
    p.add_argument("-m", "--message", metavar="TEKST", help="bericht bij de vastlegging")
    p.add_argument("--json", action="store_true", help="uitvoer als JSON")
    pick = p.add_mutually_exclusive_group()
    pick.add_argument(
        "--mijn",
        dest="pick",
        action="store_const",
        const="ours",
        help="los de getoonde conflicten op met uw waarden",
    )
    pick.add_argument(
        "--hun",
        dest="pick",
        action="store_const",
        const="theirs",
        help="los de getoonde conflicten op met die van de ander",
    )
    pick.add_argument(
        "--beide", dest="pick", action="store_const", const="both", help="bij teksten: beide (de uwe eerst)"
    )

    p = command("historie", "de geschiedenis van één periode: wie veranderde welk veld, wanneer")
    p.add_argument("id", metavar="ID", help="het id van de periode (de bestandsnaam zonder .toml)")
    p.add_argument("--json", action="store_true", help="uitvoer als JSON")
