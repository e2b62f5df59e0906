"""The status line at the bottom of every screen: folder, git state, problems, loading."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class StatusLine(Static):
    """Shows the app's `status` (plain text, never markup), kept up to date by a watch."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        background: $panel;
        color: $text-muted;
        padding: 0 1;
    }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "status", self._show, init=True)

    def _show(self, status: str) -> None:
        self.update(Text(status, no_wrap=True, overflow="ellipsis"))
