"""A period's history (`ktv historie`) in the editor: per commit when, who, why and what changed."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from report.dutch import short_date, short_datetime


def period_history(root: Any, period_id: str) -> list[Any]:
    """The period's history as `ktv historie` shows it, with uncommitted edits on top."""
    from store.history import period_history as history

    return history(root, period_id, uncommitted=True)


def shown(value: Any) -> str:
    """The same words and numbers as `ktv historie` (ktv_tui/history_values.py)."""
    from ...history_values import shown_value

    return shown_value(value)


def when(value: Any) -> str:
    if value is None:
        return "nog niet vastgelegd"
    if isinstance(value, datetime):
        return short_datetime(value)
    if isinstance(value, date):
        return short_date(value)
    return str(value)


def history_text(entries: list[Any]) -> Text:
    text = Text()
    if not entries:
        text.append(
            "Nog geen geschiedenis: deze periode is nog niet vastgelegd in git (g: Git).", style="dim"
        )
        return text
    for index, entry in enumerate(entries):
        if index:
            text.append("\n")
        text.append(when(getattr(entry, "date", "")), style="bold")
        text.append(f"  {getattr(entry, 'author', None) or ''}", style="bold cyan")
        text.append(f"  {getattr(entry, 'message', None) or ''}")
        kind = getattr(entry, "kind", None)
        text.append(f"  ({kind})\n" if kind and kind != "gewijzigd" else "\n", style="dim")
        changes = list(getattr(entry, "changes", []) or [])
        note = getattr(entry, "note", None)
        if note:
            text.append(f"    {note}\n", style="yellow")
        elif not changes:
            text.append("    (geen velden gewijzigd)\n", style="dim")
        for change in changes:
            field, old, new = change[0], change[1], change[2]
            text.append(f"    {field}: ", style="dim")
            text.append(shown(old))
            text.append(" → ", style="dim")
            text.append(shown(new) + "\n")
    return text


class HistoryScreen(ModalScreen[None]):
    """Read-only: the commits of one period file, newest first."""

    DEFAULT_CSS = """
    HistoryScreen {
        align: center middle;
        background: $background 60%;
    }
    HistoryScreen > Vertical {
        width: 78;
        max-width: 100%;
        height: 90%;
        border: thick $accent;
        background: $surface;
        padding: 0 1;
    }
    HistoryScreen #history-title {
        text-style: bold;
    }
    """

    BINDINGS = [
        Binding("escape,ctrl+g,q", "close", "Sluiten"),
    ]

    def __init__(self, period_id: str) -> None:
        super().__init__()
        self.period_id = period_id

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(f"Geschiedenis van periode {self.period_id}"), id="history-title")
            yield Static(Text("Esc: terug · ↑ ↓: scrollen", style="dim"))
            with VerticalScroll(id="history-box"):
                yield Static(Text("Geschiedenis laden…", style="dim"), id="history")

    def on_mount(self) -> None:
        self.query_one("#history-box").focus()
        self.load()

    @work(thread=True, exclusive=True, group="history")
    def load(self) -> None:
        from store.git import GitError

        try:
            entries = period_history(self.app.data_dir, self.period_id)
            text = history_text(entries)
        except (GitError, OSError, ValueError) as exc:
            text = Text(f"Geschiedenis niet te lezen: {exc}", style="red")
        self.app.call_from_thread(self.query_one("#history", Static).update, text)

    def action_close(self) -> None:
        self.dismiss(None)
