"""The seed's example periods and running the installed `ktv` as a whole process (for tests/cli)."""

from __future__ import annotations

from pathlib import Path

from tests import ktvrun

KTV = ktvrun.KTV

SEED_PERIODS = [
    # id, werknemer, werkgever, jobcoach, begin, einde, cijfer wn, cijfer wg, begeleiding, bereikbaarheid
    ("2016-02-12-aaaaa", "WN-001", "WG-001", "IJ", "2016-02-12", "2016-07-11", "7.0", "7.5", "ja", "ja"),
    (
        "2016-03-18-bbbbb",
        "WN-001",
        "WG-002",
        "MK",
        "2016-03-18",
        "2016-09-04",
        "7.5",
        "7.0",
        "ja",
        "niet helemaal",
    ),
    (
        "2016-04-22-ccccc",
        "WN-002",
        "WG-001",
        "IJ",
        "2016-04-22",
        "2016-10-29",
        "5.5",
        "7.0",
        "niet helemaal",
        "nee",
    ),
    ("2016-05-27-ddddd", "WN-002", "WG-001", "MK", "2016-05-27", "2016-12-23", "8.0", "8.0", "ja", "ja"),
    ("2016-07-01-eeeee", "WN-003", "WG-001", "IJ", "2016-07-01", "2017-03-31", "8.0", "6.0", "ja", "ja"),
]
"""Seed 000's "Weergave cijfers": 36 : 5 = 7,2 and 35,5 : 5 = 7,1, in meetjaar 2017 of E = 2013-05-12."""


def seed_period_text(row) -> str:
    pid, wn, wg, coach, begin, end, grade_wn, grade_wg, begeleiding, bereikbaarheid = row
    return (
        f'schema = 1\nwerknemer = "{wn}"\nwerkgever = "{wg}"\njobcoach = "{coach}"\n'
        f"begin = {begin}\neinde = {end}\n\n"
        f"[beoordeling.werknemer]\nontvangen = {end}\ncijfer = {grade_wn}\n\n"
        f'[beoordeling.werknemer.antwoorden]\nbegeleiding = "{begeleiding}"\n'
        f'bereikbaarheid = "{bereikbaarheid}"\n\n'
        f"[beoordeling.werkgever]\nontvangen = {end}\ncijfer = {grade_wg}\n\n"
        '[beoordeling.werkgever.antwoorden]\ncontact_werknemer = "goed"\nbenadering = "voldoende"\n'
    )


def run_ktv(*args: str, cwd: Path, env: dict[str, str] | None = None, check_rc: int | None = None):
    """Run `ktv` with a git identity; never a traceback, never colour (tests/ktvrun.py)."""
    return ktvrun.run_ktv(*args, cwd=cwd, rc=check_rc, env=env, identity=True, timeout=60)
