"""One headless start in its own process, for `python -m bench.startup`:

    python -m bench.startup_probe bare              a bare Textual app: Header, Static, Footer
    python -m bench.startup_probe ktv DIR DATE      ktv on DIR, until its data is on screen

Prints one JSON line with wall-clock moments (`time.time()`): `paint` = the first compositor
update handed to the driver, `loaded` = the first paint drawn while the overview shows the data
(ktv only; `app.data_shown` read as the frame is handed over, set by the start-up preview or
the app's own load), `own_load` = the first paint after the app's own load.
The caller subtracts the moment it spawned the process: what a user waits for after Enter."""

from __future__ import annotations

import asyncio
import json
import sys
import time

MARKER = "bench-startup: "
SIZE = (80, 24)


def _watch_paints(app) -> list[tuple[float, bool]]:
    """Every frame handed to the driver: its moment, and whether the overview showed data when
    it was drawn (a flag polled from another task would see it one frame late)."""
    paints: list[tuple[float, bool]] = []
    original = app._display

    def display(screen, renderable):
        if renderable is not None and not app._batch_count:
            paints.append((time.time(), bool(getattr(app, "data_shown", False))))
        return original(screen, renderable)

    app._display = display
    return paints


async def bare() -> dict:
    from textual.app import App
    from textual.widgets import Footer, Header, Static

    class Bare(App):
        def compose(self):
            yield Header()
            yield Static("Hallo")
            yield Footer()

    app = Bare()
    paints = _watch_paints(app)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(500):
            if paints:
                break
            await pilot.pause(0.002)
    return {"paint": paints[0][0] if paints else None}


async def ktv(data_dir: str, today: str) -> dict:
    """As `ktv` starts the app: the folder's git settings checked (cli Context.data_dir, before
    any git command), then the preview process (cli/files.py run_app), then Textual."""
    from datetime import date
    from pathlib import Path

    from ktv_tui.app.preview import start_preview
    from store.git_safety import check_folder

    check_folder(Path(data_dir))
    day = date.fromisoformat(today)
    preview = start_preview(Path(data_dir), day)
    from ktv_tui.app.app import KtvApp

    app = KtvApp(Path(data_dir), today=day, poll_interval=0, preview=preview)
    paints = _watch_paints(app)
    loaded_at = None
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(30000):
            if app.folder is not None and not app.loading:
                loaded_at = time.time()
                break
            await asyncio.sleep(0.001)
        await pilot.pause()
        await pilot.pause()
    shown = [t for t, with_data in paints if with_data]
    loaded = [t for t, _ in paints if loaded_at is not None and t >= loaded_at]
    return {
        "paint": paints[0][0] if paints else None,
        "loaded": shown[0] if shown else None,  # the data on screen (the preview's or its own)
        "own_load": loaded[0] if loaded else None,  # this process's own load drawn
    }


def main() -> None:
    kind = sys.argv[1]
    result = asyncio.run(bare() if kind == "bare" else ktv(sys.argv[2], sys.argv[3]))
    print(MARKER + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
