"""What the terminal can show: whether to keep ANSI colours as they are (8 or 16 colours)."""

from __future__ import annotations

import os


def few_colours() -> bool:
    """A real terminal with 8 or 16 colours (TERM=xterm, no COLORTERM).

    There Textual turns the named colours of warnings (yellow) into the orange of its ANSI theme
    and then into the nearest of 16 colours: bright red, so warnings and headings looked like
    errors (issue 12). Keeping ANSI colours as they are fixes that."""
    import sys

    term = os.environ.get("TERM", "")
    if os.environ.get("COLORTERM", "").lower() in ("truecolor", "24bit") or "256" in term:
        return False
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False
