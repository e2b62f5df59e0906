"""Small modal dialogs: a question with a few answers, each on its own key."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static


@dataclass(frozen=True)
class Choice:
    key: str
    """The single key that picks it (also shown on the button)."""
    label: str
    value: str


class ChoiceDialog(ModalScreen[str]):
    """Asks one question; Escape gives `cancel_value`. Title and message are never markup."""

    DEFAULT_CSS = """
    ChoiceDialog {
        align: center middle;
        background: $background 60%;
    }
    ChoiceDialog > Vertical {
        width: 70;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $warning;
        background: $surface;
        padding: 0 1;
    }
    ChoiceDialog .title {
        text-style: bold;
        margin-bottom: 1;
    }
    ChoiceDialog .buttons {
        height: auto;
        margin-top: 1;
    }
    ChoiceDialog Button {
        margin-right: 1;
        min-width: 10;
    }
    """

    BINDINGS = [Binding("escape", "cancel", "Annuleren")]

    def __init__(self, title: str, message: str | Text, choices: list[Choice], cancel_value: str) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.choices = choices
        self.cancel_value = cancel_value

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text), classes="title")
            yield Static(self.message if isinstance(self.message, Text) else Text(self.message))
            with Horizontal(classes="buttons"):
                for choice in self.choices:
                    yield Button(
                        Text(f"{choice.key}: {choice.label}"), id=f"choice-{choice.value}", compact=True
                    )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("choice-"))

    def on_key(self, event: Key) -> None:
        for choice in self.choices:
            if event.character and event.character.lower() == choice.key:
                event.stop()
                self.dismiss(choice.value)
                return

    def action_cancel(self) -> None:
        self.dismiss(self.cancel_value)


def unsaved_dialog() -> ChoiceDialog:
    return ChoiceDialog(
        "Niet opgeslagen wijzigingen",
        "U hebt wijzigingen die nog niet zijn opgeslagen. Wat wilt u doen?",
        [
            Choice("o", "Opslaan", "save"),
            Choice("w", "Weggooien", "discard"),
            Choice("t", "Terug", "back"),
        ],
        cancel_value="back",
    )


def conflict_dialog(rel: str, deleted: bool) -> ChoiceDialog:
    what = "verwijderd" if deleted else "gewijzigd"
    return ChoiceDialog(
        "Bestand op schijf " + what,
        f"{rel} is op schijf {what} door een ander programma (een editor, een andere terminal of git) "
        "terwijl u het hier bewerkte. Er is niets overschreven.",
        [
            Choice("m", "Mijn versie houden", "mine"),
            Choice("h", "Hun versie nemen", "theirs"),
            Choice("a", "Annuleren", "cancel"),
        ],
        cancel_value="cancel",
    )


def confirm_dialog(title: str, message: str, yes: str) -> ChoiceDialog:
    return ChoiceDialog(
        title, message, [Choice("j", yes, "yes"), Choice("n", "Nee", "no")], cancel_value="no"
    )


class IdentityDialog(ModalScreen[tuple[str, str] | None]):
    """Name and e-mail for git, asked once before the first commit in a folder without them."""

    DEFAULT_CSS = """
    IdentityDialog {
        align: center middle;
        background: $background 60%;
    }
    IdentityDialog > Vertical {
        width: 70;
        max-width: 100%;
        height: auto;
        border: thick $accent;
        background: $surface;
        padding: 0 1;
    }
    IdentityDialog .title {
        text-style: bold;
        margin-bottom: 1;
    }
    IdentityDialog Label {
        margin-top: 1;
    }
    IdentityDialog #identity-error {
        color: $error;
    }
    """

    BINDINGS = [Binding("escape", "cancel", "Annuleren")]

    def compose(self) -> ComposeResult:
        from textual.widgets import Input, Label

        with Vertical():
            yield Static(Text("Wie legt dit vast?"), classes="title")
            yield Static(
                Text(
                    "Elke vastlegging in de geschiedenis draagt een naam en e-mailadres, zodat "
                    "later te zien is wie wat veranderde. Ze worden bewaard in de instellingen "
                    "van deze gegevensmap (git config) en niet opnieuw gevraagd."
                )
            )
            yield Label("Naam")
            yield Input(placeholder="bijv. Anna de Vries", id="identity-name")
            yield Label("E-mailadres")
            yield Input(placeholder="bijv. anna@voorbeeld.nl", id="identity-email")
            yield Static(id="identity-error")
            yield Static(Text("Enter: bewaren en vastleggen · Esc: annuleren", style="dim"))

    def on_input_submitted(self, event) -> None:
        from textual.widgets import Input

        event.stop()
        name = self.query_one("#identity-name", Input).value.strip()
        email = self.query_one("#identity-email", Input).value.strip()
        error = self.query_one("#identity-error", Static)
        if event.input.id == "identity-name" and not email:
            self.query_one("#identity-email", Input).focus()
            return
        if not name:
            error.update(Text("Vul uw naam in."))
            self.query_one("#identity-name", Input).focus()
            return
        if "@" not in email or " " in email:
            error.update(Text("Vul een e-mailadres in, zoals naam@organisatie.nl."))
            self.query_one("#identity-email", Input).focus()
            return
        self.dismiss((name, email))

    def action_cancel(self) -> None:
        self.dismiss(None)


class LineDialog(ModalScreen[str | None]):
    """One line of text: a title, the input, a hint; Enter gives the line, Escape None.

    Subclasses only say what the title, the start value and the hint are.
    """

    DEFAULT_CSS = """
    LineDialog { align: center middle; background: $background 60%; }
    LineDialog > Vertical {
        width: 74; max-width: 100%; height: auto; border: thick $accent; background: $surface; padding: 0 1;
    }
    LineDialog .title { text-style: bold; margin-bottom: 1; }
    LineDialog .hint { color: $text-muted; }
    """
    BINDINGS = [Binding("escape", "cancel", "Annuleren")]

    def __init__(self, title: str, value: str, hint: str, *, input_id: str, placeholder: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.hint = hint
        self.input_id = input_id
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text), classes="title")
            yield Input(self.value, placeholder=self.placeholder, id=self.input_id)
            yield Static(Text(self.hint), classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(self.submitted(event.value))

    def submitted(self, value: str) -> str | None:
        return value

    def action_cancel(self) -> None:
        self.dismiss(None)
