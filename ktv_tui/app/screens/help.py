"""Help: every key of every screen, in Dutch, with the current screen's keys first."""

from __future__ import annotations

from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "escape": "Esc",
    "enter": "Enter",
    "delete": "Delete",
    "tab": "Tab",
    "up": "↑",
    "down": "↓",
    "f1": "F1",
    "f5": "F5",
}
KEY_WIDTH = 15
"""The key column; wide enough for 'Tab / shift+Tab' with room to spare."""

GENERAL = [
    ("o", "Overzicht (het eerste scherm)"),
    ("p", "Perioden: de tabel met alle jobcoachperioden"),
    ("j", "Meetjaar: cijfers, analyse, indiening en PDF's"),
    ("g", "Git: wijzigingen bekijken en vastleggen"),
    ("n", "Nieuwe periode invoeren"),
    ("b", "Ontbrekende formulieren: wie nog moet sturen, sinds hoe lang, en de reden"),
    ("? / F1", "Deze help"),
    ("ctrl+p", "Opdrachten zoeken en uitvoeren (het opdrachtenmenu)"),
    ("F5", "Gegevens opnieuw inlezen (gebeurt ook vanzelf bij wijzigingen op schijf)"),
    ("Tab / shift+Tab", "Volgend / vorig veld"),
    ("q / ctrl+q", "Afsluiten (q waar u niet typt; vraagt eerst bij niet opgeslagen werk)"),
]

FORM_KEYS = [
    ("1, 2, 3 …", "Antwoord op een vraag kiezen; daarna gaat de cursor vanzelf verder"),
    ("eerste letter", "Ook een antwoord, als geen ander antwoord met die letter begint (o, m, v, g)"),
    ("0 / Backspace", "Antwoord wissen"),
    ("spatie", "Formulier binnen aan- of uitzetten"),
    ("↑ / ↓", "Vorig / volgend veld"),
    ("Enter", "In een tekstveld: naar het volgende veld"),
]
FORM_KEYS_SHOWN = {"up", "down"}
"""Editor bindings that FORM_KEYS already explains (↑ / ↓): listed once, not twice."""

DETAILS = {
    ("Meetjaar", "pdf('concept')"): "Concept: PDF met CONCEPT op elke pagina (ook zonder analyse)",
    ("Meetjaar", "pdf('report')"): "Rapportage: de definitieve rapportage als PDF",
    ("Meetjaar", "pdf('notice')"): "Melding: 'geen afgeronde jobcoachperiode' als PDF",
    ("Meetjaar", "pdf('submit')"): (
        "Indienen: maakt de definitieve rapportage (of de melding, als er geen periode is "
        "afgerond) en legt ingediend_op = vandaag vast, met de git-commit"
    ),
    (
        "Meetjaar",
        "insert_facts",
    ): "Feiten invoegen: de feiten uit de cijfers bovenaan de analyse, om aan te passen",
    ("Meetjaar", "previous"): "Vorig meetjaar",
    ("Meetjaar", "next"): "Volgend meetjaar",
}
"""Longer words for footer keys whose one-word footer label does not say enough."""


def key_name(binding: Binding) -> str:
    if binding.key_display:
        return binding.key_display
    return " / ".join(KEY_NAMES.get(k.strip(), k.strip()) for k in binding.key.split(","))


def screen_keys(screen: type) -> list[tuple[str, str]]:
    """(keys, description) per action of a screen; keys with the same action share one line."""
    rows: dict[str, tuple[list[str], str]] = {}
    for binding in screen.BINDINGS:
        if not isinstance(binding, Binding) or not binding.description:
            continue
        if getattr(screen, "HELP_TITLE", "") == "Periode bewerken" and binding.key in FORM_KEYS_SHOWN:
            continue
        description = DETAILS.get((getattr(screen, "HELP_TITLE", ""), binding.action), binding.description)
        keys, _ = rows.setdefault(binding.action, ([], description))
        name = key_name(binding)
        if name not in keys:
            keys.append(name)
    return [(" / ".join(keys), description) for keys, description in rows.values()]


def key_table(rows: list[tuple[str, str]]) -> Padding:
    """Keys left, descriptions right; a wrapped description keeps its indent."""
    table = Table.grid(padding=(0, 1))
    table.add_column(style="bold", width=KEY_WIDTH, no_wrap=True)
    table.add_column(ratio=1)
    for key, description in rows:
        table.add_row(key, description)
    return Padding(table, (0, 0, 1, 2))


class HelpScreen(ModalScreen[None]):
    """Shows the keys; Esc, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "close", "Sluiten"),
    ]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(self._text())

    def _text(self) -> Group:
        from .git import GitScreen
        from .measurement_year import MeasurementYearScreen
        from .overview import OverviewScreen
        from .period_editor import PeriodEditorScreen
        from .periods import PeriodsScreen

        parts: list = [
            Text("Help — toetsen van ktv (Esc sluit)", style="bold"),
            Text("In de voetregel staat ^ voor ctrl: ^s is ctrl+s.\n", style="dim"),
        ]
        screens = [OverviewScreen, PeriodsScreen, PeriodEditorScreen, MeasurementYearScreen, GitScreen]
        current = type(self.under)
        if current in screens:
            screens.remove(current)
            screens.insert(0, current)
        elif getattr(current, "HELP_TITLE", ""):  # another screen (ontbrekend, import, …): its keys first
            screens.insert(0, current)
        for screen in screens:
            title = screen.HELP_TITLE + (" (dit scherm)" if screen is current else "")
            parts.append(Text(title, style="bold underline"))
            rows = screen_keys(screen)
            if screen is PeriodEditorScreen:
                rows += FORM_KEYS
            parts.append(key_table(rows))
        parts.append(Text("Overal", style="bold underline"))
        parts.append(key_table(GENERAL))
        return Group(*parts)

    def action_close(self) -> None:
        self.dismiss(None)
