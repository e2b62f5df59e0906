"""What every main screen shares: the status line, the footer and catching up with reloads."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer

from ..widgets.status_line import StatusLine

if TYPE_CHECKING:
    from ..app import KtvApp


def cursor_row_key(table: DataTable) -> str | None:
    """The key of the row under the cursor, or None for an empty table."""
    if not table.row_count:
        return None
    try:
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    except Exception:  # a cursor left on a row that a refresh just removed
        return None


def footer() -> Footer:
    """The key line at the bottom of every main screen."""
    return Footer(show_command_palette=False, compact=True)


class KtvScreen(Screen):
    """A screen that redraws from `app.folder` whenever a newer load arrived."""

    HELP_TITLE = ""
    """Name of the screen in the help."""
    COMMANDS_HERE: list[tuple[str, str, str]] = []
    """(name, help, action) of this screen's actions for the command palette."""

    _seen_version = -1
    ready = True
    """False while a form is still being built: the app holds typed keys until then."""

    @property
    def ktv(self) -> KtvApp:
        return self.app  # type: ignore[return-value]  (every KtvScreen runs in a KtvApp)

    def git_changed(self) -> None:
        """The git state was read again (override to redraw from `self.ktv.git`)."""

    def compose_chrome(self) -> ComposeResult:
        with Vertical(id="chrome"):
            yield StatusLine()
            yield footer()

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
    """A screen with unsaved changes: leaving it asks (save / discard / back), never drops them.

    While it is dirty, what is typed is also kept as a draft outside the tracked files
    (store.drafts), rewritten shortly after every change, so a killed terminal loses nothing.
    """

    dirty = False
    DRAFT_DELAY = 0.4
    """Seconds of quiet after a change before the draft is written (one write per burst)."""
    _draft_timer: Any = None

    @property
    def draft_name(self) -> str | None:
        """Name of this screen's draft file (override); None: no draft."""
        return None

    def draft_payload(self) -> dict[str, Any]:
        """What to keep of the typing (override)."""
        return {}

    def schedule_draft(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(self.DRAFT_DELAY, self.write_draft)

    def write_draft(self) -> None:
        from store.drafts import remove_draft, save_draft

        self._draft_timer = None
        name = self.draft_name
        if name is None:
            return
        root = self.ktv.data_dir
        if not self.dirty:
            remove_draft(root, name)
            return
        try:
            save_draft(root, name, self.draft_payload())
        except OSError as exc:
            if not getattr(self, "_draft_warned", False):
                self._draft_warned = True
                self.notify(f"Kan geen kladversie bewaren: {exc}", severity="warning", timeout=8)

    def discard_draft(self) -> None:
        from store.drafts import remove_draft

        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        if self.draft_name is not None:
            remove_draft(self.ktv.data_dir, self.draft_name)

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
                self.discard_draft()
                then()

        self.app.push_screen(unsaved_dialog(), answered)
