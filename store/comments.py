"""The comments of a data file, collected per key so a canonical rewrite can keep them (SPEC §2).

A full-line comment belongs to the key or table header below it (it stays above it); an
end-of-line comment belongs to the key or header on its line. Comments after the last key stay
at the end of the file. A comment whose key is gone from the new text moves down to the next
key that is still there (or to the end): no comment is ever dropped.

tomlkit reads the old text (it keeps comments, tomllib does not); the canonical writer
(`canonical.emit`) puts them back. Blank lines inside a block of comments are kept (at most
one in a row), so a comment block reads as the person wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

KeyPath = tuple[str | int, ...]

BLANK = ""
"""A blank line inside a comment block."""


@dataclass
class Comments:
    above: dict[KeyPath, list[str]] = field(default_factory=dict)
    """Full-line comments (and blank separators) directly above a key or header."""
    eol: dict[KeyPath, tuple[str, str]] = field(default_factory=dict)
    """End-of-line comment of a key or header: (white space before it, `# text`)."""
    end: list[str] = field(default_factory=list)
    """Comments after the last key of the file."""
    order: list[KeyPath] = field(default_factory=list)
    """Every key and header of the old file in its order: where an orphaned comment moves to."""

    def __bool__(self) -> bool:
        return bool(self.above or self.eol or self.end)


def _normalise_block(lines: list[str], *, keep_leading_blank: bool = False) -> list[str]:
    """At most one blank line in a row; none at the start unless asked."""
    out: list[str] = []
    for line in lines:
        if line == BLANK and ((out and out[-1] == BLANK) or (not out and not keep_leading_blank)):
            continue
        out.append(line)
    return out


def collect_comments(text: str | None) -> Comments:
    """The comments of `text` (an old version of the file); empty for text without comments."""
    comments = Comments()
    if not text or "#" not in text:
        return comments
    try:
        import tomlkit
        from tomlkit.exceptions import TOMLKitError
    except ImportError:  # pragma: no cover - tomlkit is a dependency
        return comments
    events: list[tuple[str, object]] = []
    try:
        _walk(tomlkit.parse(text).body, (), events)
    except (TOMLKitError, ValueError, RecursionError):
        return _collect_by_lines(text)
    except Exception:  # noqa: BLE001 - a tomlkit bug must not cost a save; keep the comments by line
        return _collect_by_lines(text)
    pending: list[str] = []
    for kind, payload in events:
        if kind == "comment":
            pending.append(payload)  # type: ignore[arg-type]
        elif kind == "blank":
            pending.append(BLANK)
        else:
            path, eol = payload  # type: ignore[misc]
            comments.order.append(path)
            block = _normalise_block(pending)
            if any(line != BLANK for line in block):
                comments.above.setdefault(path, []).extend(block)
            pending = []
            if eol:
                comments.eol[path] = eol
    end = _normalise_block(pending, keep_leading_blank=True)
    while end and end[-1] == BLANK:
        end.pop()
    if any(line != BLANK for line in end):
        comments.end = end
    return comments


def _walk(body, prefix: KeyPath, events: list) -> None:
    from tomlkit import items

    for key, item in body:
        if isinstance(item, items.Whitespace):
            events.extend([("blank", None)] * item.as_string().count("\n"))
            continue
        if isinstance(item, items.Comment):
            text = item.as_string().strip()
            if text:
                events.append(("comment", text))
            continue
        if key is None:
            continue
        path = (*prefix, *_key_parts(key))
        if isinstance(item, items.AoT):
            for index, table in enumerate(item.body):
                _blank_before(table, events)
                events.append(("key", ((*path, index), _eol(table))))
                _walk(table.value.body, (*path, index), events)
            continue
        if isinstance(item, items.Table):
            if not item.is_super_table():
                _blank_before(item, events)
                events.append(("key", (path, _eol(item))))
            _walk(item.value.body, path, events)
            continue
        if isinstance(item, items.Array):
            _array_comments(item, events)
        events.append(("key", (path, _eol(item))))


def _blank_before(table, events: list) -> None:
    if "\n" in table.trivia.indent:
        events.append(("blank", None))


def _key_parts(key) -> tuple[str, ...]:
    from tomlkit.items import DottedKey

    if isinstance(key, DottedKey):
        return tuple(part.key for part in key)
    return (key.key,)


def _eol(item) -> tuple[str, str] | None:
    trivia = getattr(item, "trivia", None)
    comment = (trivia.comment if trivia else "").strip()
    if not comment:
        return None
    return (trivia.comment_ws or " ", comment)


def _array_comments(array, events: list) -> None:
    """Comments inside a multi-line array; the canonical array is one line, so they go above it."""
    for group in getattr(array, "_value", []):
        comment = getattr(group, "comment", None)
        if comment is not None and comment.as_string().strip():
            events.append(("comment", comment.as_string().strip()))


def _collect_by_lines(text: str) -> Comments:
    """Fallback for text tomlkit cannot read: whole-line comments, kept at the end of the file."""
    from .toml_io import key_lines, physical_lines

    inside_keys = set(key_lines(text).values())
    lines = [
        line.strip()
        for number, line in enumerate(physical_lines(text), start=1)
        if line.lstrip().startswith("#") and number not in inside_keys
    ]
    return Comments(end=lines)


def place_comments(comments: Comments | None, present: list[KeyPath]) -> Comments | None:
    """The comments re-anchored to the keys `present` in the new text: orphans move down."""
    if not comments:
        return None
    present_set = set(present)
    placed = Comments(end=list(comments.end))
    carried: list[str] = []
    for path in comments.order:
        block = carried + comments.above.get(path, [])
        eol = comments.eol.get(path)
        if path in present_set:
            carried = []
            if block:
                placed.above[path] = block
            if eol:
                placed.eol[path] = eol
        else:
            carried = block + ([eol[1]] if eol else [])
    if carried:
        placed.end = carried + ([BLANK] if placed.end and placed.end[0] != BLANK else []) + placed.end
    # A path that holds comments but was not in `order` (cannot happen for a parsed file).
    return placed
