"""SPEC §2: the characters no text of the data folder may hold, and how codes are compared.

A control character in a code, a name or a text can steer a terminal (ESC), hide or reorder what
a reader sees (bidirectional overrides, zero-width characters) or make two codes that look the
same count as two people. So they are an error in any text; the line breaks and tabs of a
multi-line text (an opmerking, an analyse) are the only exception.
"""

from __future__ import annotations

import re
import unicodedata

_FORBIDDEN = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2060\u202a-\u202e\u2066-\u2069\ufeff"
FORBIDDEN_MULTILINE = re.compile(f"[{_FORBIDDEN}]")
"""Forbidden in a multi-line text: everything but tab, LF and CR (a CRLF file's line break)."""
FORBIDDEN_ONE_LINE = re.compile(f"[{_FORBIDDEN}\t\n\r]")
"""Forbidden in a one-line text (a code, a name, a date's text, a question)."""


def forbidden_character(text: str, *, multiline: bool = False) -> str | None:
    """The first character that may not appear in `text`, or None."""
    match = (FORBIDDEN_MULTILINE if multiline else FORBIDDEN_ONE_LINE).search(text)
    return match.group() if match else None


def character_name(char: str) -> str:
    """`U+202E (RIGHT-TO-LEFT OVERRIDE)`: what the message names, since the character itself
    cannot be shown."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def same_code(code: str) -> str:
    """The form in which two codes are compared: `ＷＮ-014` and `WN-014` are one person."""
    return code.strip() if code.isascii() else unicodedata.normalize("NFKC", code).strip()
