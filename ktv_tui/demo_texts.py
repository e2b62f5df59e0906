"""The demo's analyse, conclusies and acties per meetjaar, written from that meetjaar's numbers.

Every statement comes from the same facts as the report's summary (report/facts.py), so a demo
report never contradicts the numbers printed beside it; the wording varies from year to year, as
a person writing it would, so no two consecutive meetjaren share a text.
"""

from __future__ import annotations

from report.facts import distance_to_norm, norm_text, strongest_and_weakest
from report.numbers import SideStats, YearStats, format_number

SHORT = {
    ("werknemer", "begeleiding"): "de begeleiding",
    ("werknemer", "bereikbaarheid"): "de bereikbaarheid van de jobcoach",
    ("werkgever", "contact_werknemer"): "het contact van de jobcoach met de werknemer",
    ("werkgever", "contact_leiding"): "het contact met leidinggevenden en collega's",
    ("werkgever", "bereikbaarheid"): "de bereikbaarheid van de jobcoach",
    ("werkgever", "bezoeken"): "het aantal bedrijfsbezoeken",
    ("werkgever", "benadering"): "de benadering door de jobcoach",
    ("werkgever", "persoonlijke_ontwikkeling"): "de aandacht voor de persoonlijke ontwikkeling",
    ("werkgever", "werknemersvaardigheden"): "de aandacht voor werknemersvaardigheden",
    ("werkgever", "werkomgeving"): "de aandacht voor de werkomgeving",
    ("werkgever", "loopbaanperspectief"): "de aandacht voor het loopbaanperspectief",
}

ACTIONS = {
    "begeleiding": (
        "Elke jobcoach bespreekt na drie maanden met de werknemer of de begeleiding aansluit bij "
        "wat hij of zij nodig heeft."
    ),
    "bereikbaarheid": "Vaste vervanging bij afwezigheid van de jobcoach; het nummer van de vervanger staat in het plan.",
    "contact_werknemer": "De jobcoach spreekt de werknemer in de eerste maand minstens elke week.",
    "contact_leiding": "Bij de start van een periode maakt de jobcoach kennis met leidinggevende en directe collega's.",
    "bezoeken": "Minstens één bedrijfsbezoek per maand in het eerste half jaar van een periode.",
    "benadering": "Intervisie over de benadering van werkgevers, twee keer per jaar in het teamoverleg.",
    "persoonlijke_ontwikkeling": "Een ontwikkeldoel van de werknemer staat vanaf nu in elk plan van aanpak.",
    "werknemersvaardigheden": "Werknemersvaardigheden worden elk kwartaal met werknemer en werkgever geëvalueerd.",
    "werkomgeving": "De jobcoach kijkt bij elk bezoek ook naar de werkplek en de collega's.",
    "loopbaanperspectief": "In het eindgesprek bespreken we het loopbaanperspectief van de werknemer.",
}

WHO = {"werknemer": "werknemers", "werkgever": "werkgevers"}


def _short(side: str, question_id: str, text: str) -> str:
    return SHORT.get((side, question_id), text.rstrip("?").lower())


def _side_analysis(side: SideStats, variant: int) -> str:
    who = WHO[side.side]
    if side.mean is None:
        return f"Van de {who} is dit meetjaar geen cijfer ontvangen."
    spread = side.spread
    low, high = format_number(spread["laagste"]), format_number(spread["hoogste"])
    norm = norm_text(side.norm)
    openings = (
        f"De {who} gaven gemiddeld een {side.display}, {distance_to_norm(side)} van {norm}.",
        f"Het gemiddelde cijfer van de {who} is {side.display} ({distance_to_norm(side)} van {norm}).",
        f"Bij de {who} komt het gemiddelde uit op {side.display}; dat is {distance_to_norm(side)} van {norm}.",
    )
    parts = [openings[variant % 3]]
    below = spread["onder_norm"]
    if side.count > 1:
        if below == 0:
            parts.append(f"Geen enkel cijfer lag onder de norm; de cijfers liepen van {low} tot {high}.")
        else:
            verb = "lag" if below == 1 else "lagen"
            parts.append(
                f"Van de {side.count} cijfers {verb} er {below} onder de norm (laagste {low}, hoogste {high})."
            )
    if side.forms == side.periods:
        parts.append(f"Alle {side.forms} formulieren kwamen terug.")
    else:
        parts.append(f"Van de {side.periods} afgeronde perioden kwamen {side.forms} formulieren terug.")
    ranked = strongest_and_weakest(side)
    if ranked and ranked[0].share != ranked[1].share:
        best, worst = ranked
        best_text = _short(side.side, best.question_id, best.text)
        worst_text = _short(side.side, worst.question_id, worst.text)
        phrasing = (
            f"Het meest positief waren zij over {best_text} ({best.positive}%), het minst over {worst_text} "
            f"({worst.positive}%).",
            f"Over {best_text} was {best.positive}% positief; over {worst_text} maar {worst.positive}%.",
        )
        parts.append(phrasing[variant % 2])
    return " ".join(parts)


def analysis(stats: YearStats, label: int, context: str | None = None) -> str:
    paragraphs = [_side_analysis(stats.sides[side], label + index) for index, side in enumerate(stats.sides)]
    if context:
        paragraphs.append(context)
    return "\n\n".join(paragraphs)


def conclusions(stats: YearStats, label: int) -> str:
    wn, wg = stats.sides["werknemer"], stats.sides["werkgever"]
    if wn.meets and wg.meets:
        options = (
            f"Beide normen zijn gehaald: werknemers gaven gemiddeld een {wn.display}, werkgevers een {wg.display}.",
            f"Werknemers ({wn.display}) en werkgevers ({wg.display}) zitten allebei op of boven de norm.",
            f"De klanttevredenheid voldoet aan beide normen van UWV ({wn.display} en {wg.display}).",
        )
        text = options[label % 3]
    else:
        met = [f"{WHO[s.side]} wel ({s.display})" for s in (wn, wg) if s.meets]
        missed = [f"{WHO[s.side]} ({s.display})" for s in (wn, wg) if s.meets is False]
        text = f"De norm is niet gehaald voor {' en '.join(missed)}"
        text += f", voor {' en '.join(met)}." if met else "."
    weak = []
    for side in (wn, wg):
        ranked = strongest_and_weakest(side)
        if ranked and ranked[0].share != ranked[1].share:
            weak.append(f"{_short(side.side, ranked[1].question_id, ranked[1].text)} ({WHO[side.side]})")
    if weak:
        text += f" Aandacht verdient vooral {' en '.join(weak)}."
    return text


def actions(stats: YearStats, label: int) -> str:
    items = []
    for side in stats.sides.values():
        ranked = strongest_and_weakest(side)
        if ranked and ranked[1].question_id in ACTIONS:
            item = ACTIONS[ranked[1].question_id]
            if item not in items:
                items.append(item)
    closing = (
        "Resultaten bespreken in het teamoverleg na het indienen.",
        "Halverwege het volgende meetjaar de tussenstand bekijken.",
        "Werkgevers vragen het formulier binnen twee weken na het einde terug te sturen.",
    )
    items.append(closing[label % 3])
    return "\n".join(f"- {item}" for item in items)
