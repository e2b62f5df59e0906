"""Sentences of the documents that must be exactly true (issue 22): what keeps the norm in a
running meetjaar, what follows a failed norm, which version a document is, who to ask for a
steekproef. Each is computed from the numbers and the recorded dates only, in plain Dutch."""

from __future__ import annotations

from datetime import date

from store.model import SIDES

from .dutch import long_date
from .numbers import SideStats, YearStats, format_number

WHO = {"werknemer": "werknemers", "werkgever": "werkgevers"}


def _next_form_phrase(side: SideStats) -> str | None:
    """What one more form does for one side, stating only what holds (SPEC §4 volgend_minimaal)."""
    if not side.count:
        return None
    who = WHO[side.side]
    minimum = side.next_minimum
    if minimum is None:
        return f"voor {who} brengt ook één formulier met een 10 het gemiddelde nog niet op de norm"
    keeps = "blijft het gemiddelde" if side.meets else "komt het gemiddelde"
    if minimum == 1:
        return f"voor {who} {keeps} met nog één formulier op of boven de norm, welk cijfer het ook geeft"
    return (
        f"voor {who} {keeps} met nog één formulier van minstens {format_number(minimum, places=1)} "
        "op of boven de norm"
    )


def next_minimum_sentence(stats: YearStats) -> str | None:
    """For a running meetjaar: what one more form must give per side; None without any cijfer.
    It promises nothing about later forms: each next form changes the minimum again."""
    parts = [phrase for side in SIDES if (phrase := _next_form_phrase(stats.sides[side]))]
    if not parts:
        return None
    joined = "; ".join(parts)
    return f"Het meetjaar loopt nog. {joined[0].upper()}{joined[1:]}. Na elk nieuw formulier verandert dit minimum."


def recovery_json(stats: YearStats, running: bool, organisation: str) -> dict | None:
    """A side that failed the norm in an ended meetjaar: the report says that UWV will be
    consulted and that a herstelplan follows (seed 000: "UWV treedt … met u in overleg")."""
    if running:
        return None
    failed = [WHO[side] for side in SIDES if stats.sides[side].meets is False]
    if not failed:
        return None
    sides = " en ".join(failed)
    return {
        "zin": (
            f"De norm is voor {sides} niet behaald. {organisation} gaat hierover in overleg "
            "met de accounthouder van UWV en stelt een herstelplan op; UWV geeft daarvoor de "
            "gelegenheid. Het herstelplan volgt en wordt uitgevoerd zoals met UWV afgesproken."
        ),
    }


def revision_json(notes, *, concept: bool, reprint: bool, today: date, document: str) -> dict | None:
    """A final document of today's data for a meetjaar whose submission is recorded: a revised
    version that names its own date and the date of the version that was sent; never the original."""
    if concept or reprint or notes is None:
        return None
    sent_on = notes.submitted_on if document == "rapportage" else notes.notice_on
    if sent_on is None:
        return None
    return {
        "zin": f"Herziene versie, gemaakt op {long_date(today)}; ingediend was de versie van {long_date(sent_on)}.",
        "ingediend_op": sent_on,
    }


def status_text(*, concept: bool, revision: dict | None, running: bool) -> str:
    """The document's status line on the title page."""
    if concept:
        return "Concept, niet indienen" + (" (het meetjaar loopt nog)" if running else "")
    if revision is not None:
        return "Herziene versie"
    return "Definitief"


def contact_person(org) -> str | None:
    """Who answers questions about the report: the signatory, else the organisation's contact."""
    if org.signatory:
        return org.signatory + (f" ({org.signatory_function.lower()})" if org.signatory_function else "")
    contact = org.contact
    details = [contact[key] for key in ("telefoon", "email") if contact.get(key)]
    return " of ".join(details) if details else None


def sample_sentence(org) -> str:
    """The Verantwoording's steekproef sentence: the forms are kept and shown on request."""
    person = contact_person(org)
    ask = (
        f" Vraag daarvoor {person}."
        if org.signatory and person
        else (
            f" Neem daarvoor contact op via {person}."
            if person
            else " Neem daarvoor contact op met de organisatie."
        )
    )
    return (
        f"{org.name} bewaart alle ingevulde beoordelingsformulieren. Voor een steekproef "
        "laten wij bij elke aanduiding in deze rapportage (Werknemer A, Werkgever 1, …) het formulier "
        f"zien waarop het cijfer staat.{ask}"
    )
