"""The Textual app: `app.py` (KtvApp), its screens, widgets, palette commands, styles and
Textual's own texts in Dutch.

`KtvApp` is imported on first use, so that `ktv --help` and `ktv check` (which import
`ktv_tui.app.styles` for colours) never load Textual."""

from __future__ import annotations

from typing import Any

__all__ = ["KtvApp"]


def __getattr__(name: str) -> Any:
    if name == "KtvApp":
        from .app import KtvApp

        return KtvApp
    raise AttributeError(name)
