"""The line of a key in a loaded TOML text, for the problems the cross-file checks report.

tomllib keeps no positions, so `toml_io.key_lines` scans a whole file into a map of every key
path. A check of 10 000 periods of which 3 000 carry a warning spent a quarter of its time in
those scans (bench.startup), while each warning names one key of a plain file. `quick_line`
finds that key with two string searches where the text's shape makes that exact, and answers
None (scan the file) for everything else; tests/store/test_line_finder.py compares the two on
generated files.
"""

from __future__ import annotations

import re

from .toml_io import key_lines, line_of

KeyPath = tuple[str | int, ...]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_REST_OF_HEADER = re.compile(r"[ \t]*(#[^\n]*)?\r?(\n|$)")


def _plain_shape(text: str) -> bool:
    """True when every line is a header, a `key = value`, a comment or blank: no multi-line
    string, and no `[` except the one that opens each table header at the start of a line (so
    no array value, whose lines could look like a header)."""
    if '"""' in text or "'''" in text:
        return False
    headers = text.count("\n[") + text.startswith("[")
    return text.count("[") == headers


def _line_number(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def _header_position(text: str, table: tuple[str, ...]) -> int | None:
    """Where the line `[a.b]` of this table starts, or None when it is not written that way."""
    header = "[" + ".".join(table) + "]"
    if text.startswith(header):
        start = 0
    else:
        found = text.find("\n" + header)
        if found < 0:
            return None
        start = found + 1
    if not _REST_OF_HEADER.match(text, start + len(header)):
        return None
    return start


def _key_in_section(text: str, section_start: int, key: str) -> int | None:
    """The start of the line `key = …` between section_start and the next table header."""
    if text.startswith("[", section_start):
        return None  # the section is empty: the next line is already a header
    section_end = text.find("\n[", section_start)
    if section_end < 0:
        section_end = len(text)
    found = re.compile(rf"^[ \t]*{key}[ \t]*=", re.MULTILINE).search(text, section_start, section_end)
    return found.start() if found else None


def quick_line(text: str, path: KeyPath) -> int | None:
    """The line `key_lines` + `line_of` would give for a key or table written plainly (`[a.b]`
    and `key = …`), or None when only the full scan can tell."""
    if not path or not all(isinstance(part, str) and _BARE_KEY.fullmatch(part) for part in path):
        return None
    if not _plain_shape(text):
        return None
    header = _header_position(text, path)
    if header is not None:
        return _line_number(text, header)
    table, key = path[:-1], path[-1]
    if table:
        section = _header_position(text, table)
        if section is None:
            return None
        section = text.find("\n", section) + 1 or len(text)
    else:
        section = 0
    found = _key_in_section(text, section, key)
    return _line_number(text, found) if found is not None else None


class LineFinder:
    """Line lookup in the texts a folder was loaded from; a check reads no disk. A plain key is
    found directly, any other file is scanned once and kept (while its text stays the same)."""

    def __init__(self, texts: dict[str, str]) -> None:
        self.texts = texts
        self.scanned: dict[str, tuple[str, dict[KeyPath, int]]] = {}

    def __call__(self, rel: str, *path: str | int) -> int | None:
        text = self.texts.get(rel)
        if text is None:
            return None
        scanned = self.scanned.get(rel)
        if scanned is None or scanned[0] is not text:
            line = quick_line(text, path)
            if line is not None:
                return line
            scanned = self.scanned[rel] = (text, key_lines(text))
        return line_of(scanned[1], path)


def line_finder(folder) -> LineFinder:
    """The one finder of a loaded folder, shared by all its checks (a file that needs a full
    scan is scanned once, whichever check asks first)."""
    texts = getattr(folder, "texts", None)
    if texts is None:
        texts = {}
    finder = getattr(folder, "_line_finder", None)
    if finder is None or finder.texts is not texts:
        finder = LineFinder(texts)
        try:
            folder._line_finder = finder
        except AttributeError:  # a stand-in folder without attributes of its own
            pass
    return finder
