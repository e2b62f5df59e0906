"""Problems found in the data folder, as data, and the one way they are shown."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["fout", "waarschuwing"]

ERROR: Severity = "fout"
WARNING: Severity = "waarschuwing"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file of the data folder.

    The loader collects these instead of raising, so one broken file never stops the rest.
    """

    file: str
    """Path relative to the data folder, with forward slashes (`perioden/x.toml`)."""
    line: int | None
    """1-based line of the cause, or None when no honest line can be given."""
    severity: Severity
    message: str
    """Dutch, for a person: what is wrong and, where possible, how to fix it. Only for showing:
    a program decides on `code` and `path`, never on this text (tests/test_problem_codes.py)."""
    code: str = ""
    """Stable kebab-case name of the rule (`onbekende-sleutel`), one of CODES; `check --json`."""
    path: tuple[str | int, ...] = ()
    """The key path in the file the problem is about (`("beoordeling", "werknemer", "cijfer")`),
    or () for the file as a whole."""
    params: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)
    """The facts the message was worded from (`{"sleutel": "cijfr", "suggestie": "cijfer"}`), so a
    consumer that words a problem its own way (the app, a spreadsheet row) reads these and the
    code, never the Dutch message."""

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


CODES: dict[str, str] = {
    # the file as a whole
    "toml-syntax": "geen geldige TOML 1.0 (de regel staat erbij)",
    "conflictmarkering": "git-conflictmarkering buiten een tekst: samenvoegconflict niet opgelost",
    "geen-utf8": "de inhoud is geen UTF-8-tekst",
    "onleesbaar-bestand": "bestand of map kan niet gelezen worden (rechten, koppeling, te groot)",
    "ontbrekend-bestand": "ktv.toml of een vragenlijst ontbreekt",
    "ongeldige-naam": "bestands- of mapnaam die geen id, meetjaar of UTF-8 is",
    "vreemd-bestand": "bestand of map die ktv niet leest",
    "onbekend-schema": "schema ontbreekt of is niet 1",
    # keys and values
    "onbekende-sleutel": "sleutel of tabel die niet in het schema staat (met 'bedoelt u')",
    "ontbrekende-sleutel": "verplichte sleutel ontbreekt",
    "verkeerd-type": "waarde van het verkeerde soort (tekst, datum, getal, tabel, lijst)",
    "lege-waarde": "verplichte tekst is leeg",
    "ongeldige-waarde": "waarde die niet is toegestaan (uitslag, vraag-id, patroon, jaartal, ...)",
    "stuurteken": "stuurteken, richtings- of nulbreedteteken in een tekst",
    "persoonsgegevens": "BSN, e-mail, telefoonnummer, IBAN of geboortedatum",
    "code-geen-pseudoniem": "werknemer- of werkgevercode die geen pseudoniem is ([codes])",
    "cijfer-buiten-bereik": "cijfer buiten 1 tot 10 of geen getal",
    "norm-buiten-bereik": "norm buiten 1 tot 10 of geen getal",
    "te-veel-decimalen": "cijfer met meer dan een, norm met meer dan twee decimalen",
    "einde-voor-begin": "einde ligt voor begin",
    "onbekende-vraag": "antwoord op een vraag die niet in de vragenlijst staat",
    "antwoord-buiten-schaal": "antwoord dat niet op de schaal van de vragenlijst staat",
    "dubbele-vraag": "vraag-id komt twee keer voor",
    "meetjaar-buiten-bereik": "meetjaar voor het eerste of te ver in de toekomst",
    "bijlage-ontbreekt": "scan van een formulier (bijlage) staat vastgelegd maar het bestand ontbreekt",
    "bijlage-onleesbaar": "scan van een formulier kan niet gelezen worden of is geen PDF, PNG of JPEG",
    "ontbreekt-en-ontvangen": "formulier ontvangen en toch een reden in [ontbreekt] voor dezelfde kant",
    # warnings
    "formulier-zonder-einde": "formulier ontvangen voor een periode zonder einde",
    "ontvangen-voor-einde": "formulier ontvangen voor het einde van de periode",
    "einde-in-toekomst": "einde ligt in de toekomst",
    "dubbele-periode": "zelfde werknemer, werkgever en begin als een andere periode",
    "indiendatum": "ingediend_op of melding_op voor het einde van het meetjaar of na vandaag",
    "melding-bij-perioden": "melding bij een meetjaar met afgeronde perioden",
    "rapportage-zonder-perioden": "rapportage bij een meetjaar zonder afgeronde perioden",
    "gewijzigd-na-indiening": "periode gewijzigd sinds de ingediende commit",
    "onbekende-commit": "ingediend_commit bestaat niet in deze git-map",
    "ontbreekt-zonder-reden": "formulier ontbreekt na een voorbij meetjaar en [ontbreekt] geeft geen reden",
    "formulier-zonder-bijlage": "formulier ontvangen zonder scan terwijl [bewijs] scans = true",
    "tekst-gelijk-aan-vorig-jaar": "analyse, conclusies of acties gelijk aan die van het vorige meetjaar",
    "persoonlijke-omstandigheid": "reden of meetjaartekst noemt een persoonlijke omstandigheid (ziek, failliet, …)",
    "onbekend-teken": "teken dat de PDF niet kan tonen (zoals U+1F600), met de naam van het teken",
}
"""Every problem code with a short Dutch explanation (README "Meldingen van ktv check")."""


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Control characters written as escapes: a key or file name quoted in a message can neither
    break the one-line output nor steer the terminal (ESC sequences, right-to-left overrides)."""
    from .visible import visible

    return visible(text, one_line=True)


def error(
    file: str, line: int | None, message: str, *, code: str, path: tuple = (), params: Mapping | None = None
) -> Problem:
    return Problem(file, line, ERROR, printable(message), code, tuple(path), dict(params or {}))


def warning(
    file: str, line: int | None, message: str, *, code: str, path: tuple = (), params: Mapping | None = None
) -> Problem:
    return Problem(file, line, WARNING, printable(message), code, tuple(path), dict(params or {}))


def format_problem(problem: Problem) -> str:
    """`perioden/x.toml:9: fout: cijfer 11 ligt buiten 1 tot 10` — used by every output."""
    file = printable(problem.file)
    where = file if problem.line is None else f"{file}:{problem.line}"
    return f"{where}: {problem.severity}: {printable(problem.message)}"


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Errors and warnings in file order, then by line, so output is stable."""
    return sorted(problems, key=lambda p: (p.file, p.line or 0, p.severity, p.message))
