"""Textual's own user-facing strings in Dutch: the palette, the select menu, the ctrl+c notice.

Textual 8 hard-codes a few English texts (found by searching its source for strings a user can
see): the command palette's "Search for commands…" and "No matches found", its footer key
"Exit the command palette", the select menu's "Dismiss menu", the ctrl+c notice "Do you want to
quit? Press ctrl+q to quit the app" and the system commands "Quit", "Theme", "Keys". ktv replaces
each here or in `KtvApp`; tests/tui/test_week.py walks every screen to check that none is left.
"""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.widgets._select import SelectOverlay
from textual.widgets.option_list import Option

PLACEHOLDER = "Zoek een opdracht…"
NO_MATCHES = "Geen opdracht gevonden"
THEME_PLACEHOLDER = "Zoek een kleurenthema…"


class DutchCommandPalette(CommandPalette):
    """The command palette with Dutch texts."""

    BINDINGS = [
        Binding("escape", "escape", "Sluiten"),
    ]

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("placeholder", PLACEHOLDER)
        super().__init__(**kwargs)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """Textual's countdown, with a Dutch line when nothing matches."""
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(NO_MATCHES, style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


def install() -> None:
    """Patch the texts that live in widgets ktv does not create itself (idempotent)."""
    if getattr(SelectOverlay, "_ktv_dutch", False):
        return
    SelectOverlay.BINDINGS = [Binding("escape", "dismiss", "Menu sluiten")]
    SelectOverlay._merged_bindings = SelectOverlay._merge_bindings()
    SelectOverlay._ktv_dutch = True
