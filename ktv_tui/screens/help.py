"""Help: every key of every screen, in Dutch, with the current screen's keys first."""

from __future__ import annotations

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
}

GENERAL = [
    ("o", "Overzicht (het eerste scherm)"),
    ("p", "Perioden: de tabel met alle jobcoachperioden"),
    ("j", "Meetjaar: cijfers, analyse, indiening en PDF's"),
    ("g", "Git: wijzigingen bekijken en vastleggen"),
    ("n", "Nieuwe periode invoeren"),
    ("? / F1", "Deze help"),
    ("ctrl+p", "Opdrachten zoeken en uitvoeren (command palette)"),
    ("F5", "Gegevens opnieuw inlezen (gebeurt ook vanzelf bij wijzigingen op schijf)"),
    ("Tab / shift+Tab", "Volgend / vorig veld"),
    ("ctrl+q", "Afsluiten (vraagt eerst bij niet opgeslagen werk)"),
]

FORM_KEYS = [
    ("1, 2, 3 …", "Antwoord op een vraag kiezen; daarna gaat de cursor vanzelf verder"),
    ("eerste letter", "Ook een antwoord, als geen ander antwoord met die letter begint (o, m, v, g)"),
    ("0 / Backspace", "Antwoord wissen"),
    ("spatie", "Formulier binnen aan- of uitzetten"),
    ("↑ / ↓", "Vorig / volgend veld"),
    ("Enter", "In een tekstveld: naar het volgende veld"),
]


def key_name(binding: Binding) -> str:
    if binding.key_display:
        return binding.key_display
    return " / ".join(KEY_NAMES.get(k.strip(), k.strip()) for k in binding.key.split(","))


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

    def _text(self) -> Text:
        from .git import GitScreen
        from .measurement_year import MeasurementYearScreen
        from .overview import OverviewScreen
        from .period_editor import PeriodEditorScreen
        from .periods import PeriodsScreen

        text = Text("Help — toetsen van ktv (Esc sluit)\n\n", style="bold")
        screens = [OverviewScreen, PeriodsScreen, PeriodEditorScreen, MeasurementYearScreen, GitScreen]
        current = type(self.under)
        if current in screens:
            screens.remove(current)
            screens.insert(0, current)
        for screen in screens:
            title = screen.HELP_TITLE + (" (dit scherm)" if screen is current else "")
            text.append(title + "\n", style="bold underline")
            for binding in screen.BINDINGS:
                if isinstance(binding, Binding) and binding.description:
                    text.append(f"  {key_name(binding):<14}", style="bold")
                    text.append(f"{binding.description}\n")
            if screen is PeriodEditorScreen:
                for key, description in FORM_KEYS:
                    text.append(f"  {key:<14}", style="bold")
                    text.append(f"{description}\n")
            text.append("\n")
        text.append("Overal\n", style="bold underline")
        for key, description in GENERAL:
            text.append(f"  {key:<14}", style="bold")
            text.append(f"{description}\n")
        return text

    def action_close(self) -> None:
        self.dismiss(None)
