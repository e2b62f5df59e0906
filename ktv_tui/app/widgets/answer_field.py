"""One question of a form, answered with a single key; moves on to the next field by itself."""

from __future__ import annotations

import time
from weakref import WeakKeyDictionary

from rich.text import Text
from textual.binding import Binding
from textual.events import Key
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

HINT_TIMEOUT = 3.0

_shown_hint: WeakKeyDictionary = WeakKeyDictionary()
"""Per app: the answer-keys hint last shown and until when it stays on screen."""


def answer_keys(scale: tuple[str, ...]) -> dict[str, str]:
    """1, 2, 3 … for every answer, plus its first letter when no other answer shares it."""
    keys = {str(i + 1): answer for i, answer in enumerate(scale)}
    firsts = [answer[0].lower() for answer in scale if answer]
    for answer in scale:
        if answer and firsts.count(answer[0].lower()) == 1:
            keys[answer[0].lower()] = answer
    return keys


class AnswerField(Widget, can_focus=True):
    """Shows the question, the keys of its scale, and the chosen answer."""

    DEFAULT_CSS = """
    AnswerField {
        height: auto;
        padding: 0 1;
    }
    AnswerField:focus {
        background: $boost;
        border-left: outer $accent;
        padding-left: 0;
    }
    """

    BINDINGS = [
        Binding("backspace,delete,0", "clear", "Wissen", show=False),
    ]

    value: reactive[str | None] = reactive(None, layout=True)
    message: reactive[str] = reactive("", layout=True)

    class Changed(Message):
        """The answer changed (None: no answer)."""

        def __init__(self, field: AnswerField, value: str | None) -> None:
            super().__init__()
            self.field = field
            self.value = value

        @property
        def control(self) -> AnswerField:
            return self.field

    def __init__(
        self,
        question_id: str,
        text: str,
        scale: tuple[str, ...],
        value: str | None = None,
        *,
        obsolete: bool = False,
        id: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(id=id, disabled=disabled)
        self.question_id = question_id
        self.text = text
        self.scale = scale
        self.obsolete = obsolete
        self.keys = answer_keys(scale)
        self.set_reactive(AnswerField.value, value)

    def render(self) -> Text:
        text = Text(no_wrap=False)
        text.append(self.text)
        if self.obsolete:
            text.append(" (vervallen)", style="italic")
        text.append("\n  ")
        for index, answer in enumerate(self.scale):
            chosen = answer == self.value
            text.append("● " if chosen else "○ ", style="bold green" if chosen else "dim")
            text.append(f"{index + 1}", style="bold reverse" if chosen else "bold")
            text.append(f" {answer}", style="bold green" if chosen else "")
            text.append("  ")
        text.append("0", style="bold")
        text.append(" wissen", style="dim")
        if self.value is not None and self.value not in self.scale:
            text.append(f"   [{self.value}]", style="red")
        if self.message:
            text.append("\n  " + self.message, style="red")
        return text

    def set_value(self, value: str | None, *, advance: bool) -> None:
        changed = value != self.value
        self.value = value
        if changed:
            self.post_message(self.Changed(self, value))
        if advance:
            self.screen.focus_next()

    def action_clear(self) -> None:
        self.set_value(None, advance=False)

    def on_key(self, event: Key) -> None:
        key = event.character.lower() if event.character else None
        if key and key in self.keys:
            event.stop()
            event.prevent_default()
            self.set_value(self.keys[key], advance=True)
        elif event.is_printable and event.character not in ("?", " "):
            # Letters that are no answer are swallowed: a stray key never leaves the form.
            event.stop()
            event.prevent_default()
            self.app.bell()
            self._hint()

    def _hint(self) -> None:
        """The keys of the scale as a toast, at most once while it is on screen (no pile-up)."""
        hint = "Antwoord met " + ", ".join(f"{k} = {v}" for k, v in self.keys.items()) + ", 0 = leeg"
        now = time.monotonic()
        shown, until = _shown_hint.get(self.app, ("", 0.0))
        if shown == hint and now < until:
            return
        _shown_hint[self.app] = (hint, now + HINT_TIMEOUT)
        self.notify(hint, timeout=HINT_TIMEOUT)
