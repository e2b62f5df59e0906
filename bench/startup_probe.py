"""One headless start in its own process, for `python -m bench.startup`:

    python -m bench.startup_probe bare              a bare Textual app: Header, Static, Footer
    python -m bench.startup_probe ktv DIR DATE      ktv on DIR, until its data is on screen

Prints one JSON line with wall-clock moments (`time.time()`): `paint` = the first compositor
update handed to the driver, `loaded` = the first paint after the folder was loaded (ktv only).
The caller subtracts the moment it spawned the process: what a user waits for after Enter."""

from __future__ import annotations

import asyncio
import json
import sys
import time

MARKER = "bench-startup: "
SIZE = (80, 24)


def _watch_paints(app) -> list[float]:
    paints: list[float] = []
    original = app._display

    def display(screen, renderable):
        if renderable is not None and not app._batch_count:
            paints.append(time.time())
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
    return {"paint": paints[0] if paints else None}


async def ktv(data_dir: str, today: str) -> dict:
    from datetime import date
    from pathlib import Path

    from ktv_tui.app.app import KtvApp

    app = KtvApp(Path(data_dir), today=date.fromisoformat(today), poll_interval=0)
    paints = _watch_paints(app)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(30000):
            if app.folder is not None and not app.loading:
                break
            await asyncio.sleep(0.002)
        loaded_at = time.time()
        await pilot.pause()
        await pilot.pause()
    after = [t for t in paints if t >= loaded_at]
    return {"paint": paints[0] if paints else None, "loaded": after[0] if after else None}


def main() -> None:
    kind = sys.argv[1]
    result = asyncio.run(bare() if kind == "bare" else ktv(sys.argv[2], sys.argv[3]))
    print(MARKER + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
