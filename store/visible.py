"""The one sanitiser for every text a person sees (SPEC "the edges", Safety).

Data and git output can hold characters that steer a terminal (ESC and C1 sequences: colours,
a new window title, a cleared screen), hide text (zero-width characters, BOM, soft hyphen) or
reorder it (bidirectional overrides and isolates: `‮` makes `fdp.exe` read `exe.pdf`). None of
them is ever emitted: each is shown as its code point, `<U+202E>`, so the reader sees that it is
there. The command line (ktv_tui/output.py), the app's widgets, the history and the conflict
screens all call `visible`; JSON output calls `json_safe`.
"""

from __future__ import annotations

import re
import unicodedata

_ALWAYS = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 but tab and LF, DEL, C1 (CR too: it rewrites the line)
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
    "\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0e\ufeff\uffa0\ufff0-\ufffb"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)
_MULTI_LINE = re.compile(f"[{_ALWAYS}\ud800-\udfff]")
_ONE_LINE = re.compile(f"[{_ALWAYS}\t\n\ud800-\udfff]")


def _mark(match: re.Match[str]) -> str:
    char = match.group()
    if 0xD800 <= ord(char) <= 0xDFFF:
        return "\ufffd"  # a byte that was not UTF-8 (kept by surrogateescape)
    return f"<U+{ord(char):04X}>"


def visible(text: object, *, one_line: bool = False) -> str:
    """`text` fit to show: every control, format and invisible character as `<U+XXXX>`.

    Line breaks and tabs stay unless `one_line` (a name, a key in a message); a byte that was
    not UTF-8 becomes U+FFFD. Plain text passes unchanged (fast path for the common case).
    """
    if not isinstance(text, str):
        text = str(text)
    pattern = _ONE_LINE if one_line else _MULTI_LINE
    if text.isascii() and not pattern.search(text):
        return text
    text = pattern.sub(_mark, text)
    if any(unicodedata.category(char) == "Cf" for char in text):  # format characters added later
        text = "".join(f"<U+{ord(c):04X}>" if unicodedata.category(c) == "Cf" else c for c in text)
    return text


def has_hidden(text: str) -> bool:
    """Would `visible` change this text (beyond line breaks and tabs)?"""
    return visible(text) != text


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code > 0xFFFF:
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


_JSON_UNSAFE = re.compile(f"[{_ALWAYS}\ud800-\udfff]")


def json_safe(dumped: str) -> str:
    """A `json.dumps(..., ensure_ascii=False)` result with every character `visible` would mark
    escaped as `\\u202e`: the same data for a program, nothing that can steer a terminal.
    (Such characters only occur inside JSON strings, where the escape means the same.)"""
    if dumped.isascii() and not _JSON_UNSAFE.search(dumped):
        return dumped
    text = _JSON_UNSAFE.sub(_json_escape, dumped)
    if any(unicodedata.category(char) == "Cf" for char in text):
        text = "".join(
            _json_escape(re.match(".", c, re.S)) if unicodedata.category(c) == "Cf" else c  # type: ignore[arg-type]
            for c in text
        )
    return text
