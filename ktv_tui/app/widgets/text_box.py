"""A multi-line text field with the keys every editor has: ctrl+Home and ctrl+End."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import TextArea


class TextBox(TextArea):
    """Textual's TextArea lacks ctrl+Home/ctrl+End (issue 23: after 'feiten invoegen' ctrl+End
    did nothing, so new text landed before the facts)."""

    BINDINGS = [
        Binding("ctrl+home", "document_start", "Begin van de tekst", show=False),
        Binding("ctrl+end", "document_end", "Einde van de tekst", show=False),
        Binding("ctrl+shift+home", "document_start(True)", "Selecteren tot het begin", show=False),
        Binding("ctrl+shift+end", "document_end(True)", "Selecteren tot het einde", show=False),
    ]

    def action_document_start(self, select: bool = False) -> None:
        self.move_cursor((0, 0), select=select)

    def action_document_end(self, select: bool = False) -> None:
        last = self.document.line_count - 1
        self.move_cursor((last, len(self.document.get_line(last))), select=select)
