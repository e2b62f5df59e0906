"""The demo's analyse, conclusies and acties per meetjaar, written from that meetjaar's numbers.

Every statement comes from the same facts as the report's summary (report/facts.py), so a demo
report never contradicts the numbers printed beside it; the wording varies from year to year, as
a person writing it would, so no two consecutive meetjaren share a text. As a careful organisation
would, the analysis names a likely cause of the weakest point and evaluates last year's actions
against this year's numbers: an action whose measure fell is replaced, never repeated unchanged.
"""

from __future__ import annotations

from report.facts import distance_to_norm, norm_text, question_facts, strongest_and_weakest
from report.numbers import SideStats, YearStats, format_number, percent_text

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

CAUSES = {
    "begeleiding": "in de drukke maanden hadden jobcoaches minder tijd voor de gesprekken op de werkplek",
    "bereikbaarheid": "bij afwezigheid van een jobcoach was niet altijd duidelijk wie de vervanger was",
    "contact_werknemer": "na de eerste maanden werden de vaste gesprekken met de werknemer minder vaak gepland",
    "contact_leiding": "bij wisselingen van leidinggevende bij de werkgever is het contact niet steeds overgedragen",
    "bezoeken": "door een tijdelijk hoge caseload zijn bedrijfsbezoeken soms uitgesteld",
    "benadering": "werkgevers misten een vast aanspreekpunt als de jobcoach wisselde",
    "persoonlijke_ontwikkeling": "de plannen van aanpak richtten zich vooral op het werk zelf",
    "werknemersvaardigheden": "vaardigheden werden wel geoefend, maar zelden samen met de werkgever geëvalueerd",
    "werkomgeving": "bezoeken gingen vooral over de werknemer, minder over de werkplek en de collega's",
    "loopbaanperspectief": "het loopbaanperspectief kwam meestal pas in het eindgesprek aan de orde",
}
"""A likely cause per weak point, as the team would name it in its own analysis."""

ALTERNATIVES = {
    "begeleiding": "Elke jobcoach plant de gesprekken op de werkplek vooruit voor het hele kwartaal.",
    "bereikbaarheid": "Een centraal nummer dat altijd wordt opgenomen, ook bij afwezigheid van de jobcoach.",
    "contact_werknemer": "De vaste gesprekken staan voor de hele periode in de agenda van werknemer en jobcoach.",
    "contact_leiding": "Bij een nieuwe leidinggevende plant de jobcoach binnen twee weken een overdrachtsgesprek.",
    "bezoeken": "De teamleider verdeelt de caseload opnieuw zodra een jobcoach meer dan vijftien werknemers heeft.",
    "benadering": "Elke werkgever krijgt één vaste jobcoach als aanspreekpunt, ook bij wisselingen.",
    "persoonlijke_ontwikkeling": "Het ontwikkeldoel wordt elk kwartaal samen met de werknemer bijgesteld.",
    "werknemersvaardigheden": "Een korte vaardighedenlijst die werkgever en werknemer samen invullen bij elk bezoek.",
    "werkomgeving": "Een vaste vraag over de werkplek en de collega's in elk bezoekverslag.",
    "loopbaanperspectief": "Het loopbaanperspectief komt al in het startgesprek aan de orde, niet pas aan het eind.",
}
"""The action that replaces one that did not help (its measure fell)."""

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


def _weakest(side: SideStats):
    """The one weakest question of a side (the first of a tie), or None when all are equal."""
    ranked = strongest_and_weakest(side)
    if not ranked or ranked[0][0].share == ranked[1][0].share:
        return None
    return ranked[0][0], ranked[1][0]


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
    ranked = _weakest(side)
    if ranked:
        best, worst = ranked
        best_text = _short(side.side, best.question_id, best.text)
        worst_text = _short(side.side, worst.question_id, worst.text)
        best_pct, worst_pct = percent_text(best.positive), percent_text(worst.positive)
        phrasing = (
            f"Het meest positief waren zij over {best_text} ({best_pct}), het minst over {worst_text} ({worst_pct}).",
            f"Over {best_text} was {best_pct} positief; over {worst_text} maar {worst_pct}.",
        )
        parts.append(phrasing[variant % 2])
        if worst.question_id in CAUSES:
            parts.append(f"Een waarschijnlijke oorzaak van dat laatste: {CAUSES[worst.question_id]}.")
    return " ".join(parts)


def _positive_of(side: SideStats, question_id: str):
    for fact in question_facts(side):
        if fact.question_id == question_id:
            return fact.positive
    return None


def evaluation(stats: YearStats, previous: YearStats | None, targets: list[tuple[str, str]]) -> str | None:
    """How last year's actions worked out: per targeted question its positive share then and now."""
    if previous is None or not targets:
        return None
    lines = []
    for side_key, question_id in targets:
        before = _positive_of(previous.sides[side_key], question_id)
        now = _positive_of(stats.sides[side_key], question_id)
        if before is None or now is None:
            continue
        topic = _short(side_key, question_id, question_id)
        change = f"van {percent_text(before)} naar {percent_text(now)} positief"
        if now > before:
            verdict = "de actie lijkt te werken en loopt door"
        elif now < before and (side_key, question_id) in action_targets(stats):
            verdict = "de actie heeft niet geholpen en is vervangen door een andere aanpak (zie Acties)"
        elif now < before:
            verdict = "de actie heeft niet geholpen; het team bespreekt in het teamoverleg waarom"
        else:
            verdict = "geen verandering; de actie loopt door en wordt halverwege het jaar opnieuw bekeken"
        lines.append(f"- {topic[0].upper()}{topic[1:]} ({WHO[side_key]}): {change}; {verdict}.")
    if not lines:
        return None
    return f"Evaluatie van de acties uit meetjaar {previous.year.label}:\n" + "\n".join(lines)


def analysis(
    stats: YearStats,
    label: int,
    context: str | None = None,
    previous: YearStats | None = None,
    targets: list[tuple[str, str]] | None = None,
) -> str:
    paragraphs = [_side_analysis(stats.sides[side], label + index) for index, side in enumerate(stats.sides)]
    if context:
        paragraphs.append(context)
    evaluated = evaluation(stats, previous, targets or [])
    if evaluated:
        paragraphs.append(evaluated)
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
        ranked = _weakest(side)
        if ranked:
            weak.append(f"{_short(side.side, ranked[1].question_id, ranked[1].text)} ({WHO[side.side]})")
    if weak:
        text += f" Aandacht verdient vooral {' en '.join(weak)}."
    return text


def action_targets(stats: YearStats) -> list[tuple[str, str]]:
    """(side, question id) of each side's weakest question: what this year's actions aim at."""
    targets = []
    for side in stats.sides.values():
        ranked = _weakest(side)
        if ranked and ranked[1].question_id in ACTIONS:
            targets.append((side.side, ranked[1].question_id))
    return targets


def actions(
    stats: YearStats, label: int, previous: YearStats | None = None, previous_targets: list | None = None
) -> str:
    """One action per weak point; an action whose measure fell since last year is replaced."""
    items = []
    for side_key, question_id in action_targets(stats):
        item = ACTIONS[question_id]
        if previous is not None and (side_key, question_id) in (previous_targets or []):
            before = _positive_of(previous.sides[side_key], question_id)
            now = _positive_of(stats.sides[side_key], question_id)
            if before is not None and now is not None and now <= before:
                item = ALTERNATIVES[question_id]
        if item not in items:
            items.append(item)
    closing = (
        "Resultaten bespreken in het teamoverleg na het indienen.",
        "Halverwege het volgende meetjaar de tussenstand bekijken.",
        "Werkgevers vragen het formulier binnen twee weken na het einde terug te sturen.",
    )
    items.append(closing[label % 3])
    return "\n".join(f"- {item}" for item in items)
