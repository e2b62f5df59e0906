"""The period editor's fields: their labels, widget and message ids, and the 'formulier binnen' box."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Checkbox

FIELDS = (
    ("werknemer", "Werknemer", "code, bijv. WN-014"),
    ("werkgever", "Werkgever", "code, bijv. WG-003"),
    ("jobcoach", "Jobcoach", "initialen"),
    ("begin", "Begin", "JJJJ-MM-DD"),
    ("einde", "Einde", "JJJJ-MM-DD of leeg"),
    ("opmerking", "Opmerking", "geen namen of nummers"),
)
NEW_ID = "nieuw"


class PresentBox(Checkbox, inherit_bindings=False):
    """'Formulier binnen': enables the side's fields at once, so a Tab typed right after works.

    Only space toggles it: Enter moves on, as in every other field, so walking through the
    form with Enter never switches a form off (and its typed fields with it).
    """

    BINDINGS = [
        Binding("space", "toggle_button", "Binnen aan/uit", show=False),
        Binding("enter", "app.focus_next", "Volgende", show=False),
    ]

    def __init__(self, side: str, value: bool) -> None:
        super().__init__(present_label(value), value, id=widget_id(f"{side}.present"), compact=True)
        self.side = side

    def on_key(self, event) -> None:
        """A digit here (a cijfer typed one field too early) would vanish: say what this field
        wants instead (issue 12). Letters stay the app's keys (o, p, … ask before leaving)."""
        if event.character and event.character.isdigit():
            event.stop()
            event.prevent_default()
            self.app.bell()
            if self.value:
                hint = "Dit veld is 'formulier binnen'. Tab gaat naar ontvangen, cijfer en de vragen."
            else:
                hint = (
                    f"'{event.character}' is niet ingevuld: het formulier {self.side} staat op 'niet binnen'. "
                    "Druk eerst op spatie (binnen), dan Tab naar de vragen."
                )
            self.notify(hint, severity="warning", timeout=6)

    def watch_value(self) -> None:
        super().watch_value()
        self.label = present_label(self.value)
        if self.is_mounted:
            prefix = widget_id(f"{self.side}.")
            reason = widget_id(f"{self.side}.ontbreekt")
            for widget in self.screen.query("Input, AnswerField"):
                if widget.id and widget.id.startswith(prefix):
                    widget.disabled = self.value if widget.id == reason else not self.value


def present_label(present: bool) -> str:
    return "ja, formulier is binnen" if present else "nee (spatie: binnen)"


def widget_id(key: str) -> str:
    return "in-" + key.replace(".", "--")


def message_id(key: str) -> str:
    return "msg-" + key.replace(".", "--")
