"""Make every string of a document's JSON printable by the bundled fonts, without losing a letter.

Two things would otherwise make text vanish from a PDF: a character no bundled font has (an emoji
prints as an empty box) and a word longer than a line (it runs off the page). The first gets a
visible stand-in ("[U+1F600]", the same name `ktv check` warns with); the second gets invisible
break opportunities (U+200B, which Typst does not put in the text layer), so it wraps.
"""

from __future__ import annotations

import re
from typing import Any

from store.glyphs import stand_in

BREAK = "\u200b"
CHUNK = 20
"""Characters between two break opportunities in an overlong word (fits the narrowest column)."""
_LONG_WORD = re.compile(r"[^\s\u200b]{" + str(2 * CHUNK) + ",}")


def _break_word(match: re.Match[str]) -> str:
    word = match.group()
    return BREAK.join(word[i : i + CHUNK] for i in range(0, len(word), CHUNK))


def printable_text(text: str) -> str:
    """Stand-ins for undrawable characters, then break opportunities in overlong words."""
    return _LONG_WORD.sub(_break_word, stand_in(text))


PATH_KEYS = frozenset({"bestand"})
"""Values that name a file the template places (a scan under bijlagen/): never changed."""


def printable(value: Any) -> Any:
    """The JSON with every string made printable; numbers, booleans, keys and file names stay."""
    if isinstance(value, str):
        return printable_text(value)
    if isinstance(value, dict):
        return {key: item if key in PATH_KEYS else printable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [printable(item) for item in value]
    return value
