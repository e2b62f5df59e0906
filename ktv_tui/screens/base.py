"""What every main screen shares: the status line, the footer and catching up with reloads."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer

from ..widgets.status_line import StatusLine


class KtvScreen(Screen):
    """A screen that redraws from `app.folder` whenever a newer load arrived."""

    HELP_TITLE = ""
    """Name of the screen in the help."""
    COMMANDS_HERE: list[tuple[str, str, str]] = []
    """(name, help, action) of this screen's actions for the command palette."""

    _seen_version = -1

    @property
    def ktv(self) -> Any:
        return self.app

    def compose_chrome(self) -> ComposeResult:
        with Vertical(id="chrome"):
            yield StatusLine()
            yield Footer(show_command_palette=False, compact=True)

    def on_screen_resume(self) -> None:
        self.sync()

    def data_changed(self) -> None:
        if self.is_current:
            self.sync()

    def sync(self) -> None:
        app = self.ktv
        if app.folder is not None and app.data_version != self._seen_version:
            self._seen_version = app.data_version
            self.refresh_data()

    def refresh_data(self) -> None:
        """Draw the screen from `self.app.folder` (override)."""


class EditingScreen(KtvScreen):
    """A screen with unsaved changes: leaving it asks (save / discard / back), never drops them."""

    dirty = False

    def save(self, then: Any = None) -> bool:
        """Save through the atomic, changed-on-disk-aware save; call `then` when saved (override)."""
        raise NotImplementedError

    def ask_leave(self, then: Any) -> None:
        from .dialogs import unsaved_dialog

        if not self.dirty:
            then()
            return

        def answered(answer: str | None) -> None:
            if answer == "save":
                self.save(then)
            elif answer == "discard":
                then()

        self.app.push_screen(unsaved_dialog(), answered)
