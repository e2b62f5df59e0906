"""Everything the command line prints: a Rich console for people, JSON for programs."""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from rich.console import Console
from rich.segment import Segment
from rich.text import Text

from store.paths import shown
from store.visible import json_safe, visible


class VisibleConsole(Console):
    """A Rich console that never emits a control or invisible character of the text it prints:
    every string and Text is passed through `store.visible.visible` before it is measured (so
    tables stay aligned), and every segment once more before it is written (a safety net for
    renderables built elsewhere). Rich's own colour codes are control segments and pass."""

    def render_str(self, text: str, **kwargs: Any) -> Text:
        return super().render_str(visible(text), **kwargs)

    def print(self, *objects: Any, **kwargs: Any) -> None:
        super().print(*(_visible_object(self, obj) for obj in objects), **kwargs)

    def on_broken_pipe(self) -> None:
        """The reader went away (`ktv stats | head -1`): quiet, exit 0 (Rich would exit 1)."""
        self.quiet = True
        raise BrokenPipeError

    def _render_buffer(self, buffer: Any) -> str:
        return super()._render_buffer(
            segment if segment.control else Segment(visible(segment.text), segment.style, None)
            for segment in buffer
        )


def _visible_object(out: Console, obj: Any) -> Any:
    if isinstance(obj, str):
        return visible(obj)
    if isinstance(obj, Text) and visible(obj.plain) != obj.plain:
        rebuilt = Text(style=obj.style, justify=obj.justify, no_wrap=obj.no_wrap, end=obj.end)
        for segment in obj.render(out, end=""):
            rebuilt.append(visible(segment.text), segment.style)
        return rebuilt
    return obj


def console(stderr: bool = False) -> Console:
    """Colour only on a terminal and never with NO_COLOR (Rich honours both).

    soft_wrap: a problem line stays one line (`path:line: fout: …`) for grep and editors.
    markup and emoji off: a path or a text a person typed (`[/bold]`, `:x:`) is never read as
    Rich markup (SPEC §5, §8); style goes in through `styled()` or `Text` objects only.
    """
    _install_rich()
    stream = sys.stderr if stderr else sys.stdout
    width = None if stream.isatty() else 120  # piped output is read by people in a pager or a file
    plain = bool(os.environ.get("NO_COLOR"))  # no colour and no bold/italic either: no escape codes
    return VisibleConsole(
        stderr=stderr,
        highlight=False,
        soft_wrap=True,
        width=width,
        color_system=None if plain else "auto",
        markup=False,
        emoji=False,
    )


def styled(*parts: str | tuple[str, str]) -> Text:
    """A line of literal text with styled parts: `styled(("Meetjaar 2017", "bold"), ": …")`.
    Every part is printed as written, whatever brackets a name or path holds."""
    text = Text()
    for part in parts:
        if isinstance(part, tuple):
            text.append(shown(part[0]), style=part[1])
        else:
            text.append(shown(part))
    return text


def print_json(data: Any) -> None:
    """JSON for programs: non-ASCII letters as they are, every control or invisible character
    escaped (`\\u202e`), so piping it to a terminal shows nothing hidden. Flushed at once: a
    reader that has gone (`| head -1`) then ends the command here, quietly, whatever Python's
    buffering of a pipe (3.13 kept the text until exit and printed later notes first)."""
    sys.stdout.write(json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")
    sys.stdout.flush()


def error_text(exc: BaseException) -> str:
    """An exception as a Dutch sentence for a person: the operating system's errors through the
    one errno table, ktv's own exceptions as their (Dutch) message; never English OS text."""
    from store.paths import os_error

    if isinstance(exc, OSError) and exc.errno is not None:
        where = f" ({shown(exc.filename)})" if exc.filename else ""
        return f"bestandsfout{where}: {os_error(exc)}"
    return shown_text(str(exc))


def shown_text(text: str) -> str:
    """Text fit to show (line breaks kept): bytes that were not UTF-8 become U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", errors="surrogateescape").decode("utf-8", errors="replace")
    return visible(text)


def _visible_codes(text: str, _table: object = None) -> str:
    return visible(text)


def _install_rich() -> None:
    """Rich's `Text` passes every string through `strip_control_codes`, which drops BEL, BS,
    VT, FF and CR silently and lets ESC, C1, bidi and zero-width characters through; with
    `visible` in its place each of them is shown (`<U+0007>`), in the CLI and in the app."""
    import rich.text

    rich.text.strip_control_codes = _visible_codes  # type: ignore[assignment]


def install_visible_text() -> None:
    """The app's hook (SPEC "the edges", Safety): every text put into a widget shows control and
    invisible characters as `<U+202E>` instead of emitting them.

    Rich's `Text` and Textual's `Content` already pass every string they are given through one
    function that removes a few control codes; that function is replaced by
    `store.visible.visible`, so no screen (overview, history, conflict choices, dialogs) needs
    its own call. `visible` is idempotent and only ever adds ASCII, so a span computed after it
    stays valid.
    """
    import textual.content

    _install_rich()
    textual.content._strip_control_codes = _visible_codes  # type: ignore[attr-defined]
