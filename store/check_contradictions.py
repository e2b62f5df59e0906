"""A period that contradicts itself (SPEC "the edges", team work): a form recorded as received
and, for the same side, an `[ontbreekt]` reason why it did not come back. Two offices can each
write one half (one enters the form, the other the reason); the merge reports it as a conflict,
and `ktv check` calls it an error, so the numbers are never computed over it unseen."""

from __future__ import annotations

from .line_finder import line_finder
from .model import SIDES
from .problems import Problem, error


def check_received_and_missing(folder) -> list[Problem]:
    """`ontbreekt-en-ontvangen`: per period and side, a received form plus a missing reason."""
    problems = []
    for period in folder.periods.values():
        sides = [side for side in SIDES if side in period.forms and period.missing_reasons.get(side)]
        if not sides:
            continue
        rel = f"perioden/{period.id}.toml"
        for side in sides:
            problems.append(
                error(
                    rel,
                    line_finder(folder)(rel, "ontbreekt", side),
                    f"formulier {side} is ontvangen, maar [ontbreekt] {side} zegt waarom het ontbreekt: "
                    f"haal de reden weg of de tabel [beoordeling.{side}]",
                    code="ontbreekt-en-ontvangen",
                    path=("ontbreekt", side),
                )
            )
    return problems
