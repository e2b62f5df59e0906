"""The sub-parsers of the commands that ktv_tui/cli/merge.py runs.

Imports nothing of ktv but the value parsers: `ktv --help` stays cheap, and
ktv_tui/cli/__init__.py imports this module without an import cycle."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .values import Command


def add_commands(command: Command) -> None:
    """`ktv merge-file` (git's merge driver; not in `ktv --help`)."""
    p = command("merge-file", "git-samenvoeger voor perioden en meetjaren (intern)", hidden=True)
    for name in ("base", "ours", "theirs", "path"):
        p.add_argument(name)
