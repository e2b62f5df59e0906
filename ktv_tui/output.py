"""Everything the command line prints: a Rich console for people, JSON for programs."""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from rich.console import Console


def console(stderr: bool = False) -> Console:
    """Colour only on a terminal and never with NO_COLOR (Rich honours both).

    soft_wrap: a problem line stays one line (`path:line: fout: …`) for grep and editors.
    """
    stream = sys.stderr if stderr else sys.stdout
    width = None if stream.isatty() else 120  # piped output is read by people in a pager or a file
    plain = bool(os.environ.get("NO_COLOR"))  # no colour and no bold/italic either: no escape codes
    return Console(
        stderr=stderr,
        highlight=False,
        soft_wrap=True,
        width=width,
        color_system=None if plain else "auto",
    )


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
