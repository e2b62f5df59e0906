"""One headless start of the app, in its own process: `python -m bench.app_probe DIR YYYY-MM-DD`.

Prints one JSON line: the import time of ktv_tui.app.app, the time from constructing KtvApp to its
first paint (the first compositor update handed to the driver, which a headless run also makes),
to `run_test` being ready, and to the data being loaded; `paint_wall` is the first paint as
wall-clock time, so the caller can count from the moment it started the process.

"Loaded" needs a hook in the app. Checked, first found wins:
- `app.data_loaded`: a bool that becomes True, or an asyncio.Event / threading.Event that is set,
  once the folder is loaded and shown;
- `app.is_loaded` / `app.loaded` with the same meaning;
- else what KtvApp has today: `app.folder` set and the reactive `app.loading` False (both are
  set in `on_folder_loaded`, on the app's own thread, before the screens are told).
Without one, `loaded` is null and `hook` says so. `loaded_paint` is the first paint after that.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from datetime import date
from pathlib import Path

MARKER = "bench-app-probe: "
HOOKS = ("data_loaded", "is_loaded", "loaded")
LOAD_TIMEOUT = 120.0
SIZE = (120, 40)


def _hook_state(app) -> tuple[str | None, bool]:
    for name in HOOKS:
        if not hasattr(type(app), name) and name not in vars(app):
            continue
        value = getattr(app, name)
        if callable(value) and not hasattr(value, "is_set"):
            continue
        if hasattr(value, "is_set"):
            return name, bool(value.is_set())
        return name, bool(value)
    if hasattr(app, "folder") and hasattr(app, "loading"):
        return "folder+loading", app.folder is not None and not app.loading
    return None, False


async def probe(data_dir: Path, today: date, *, wait_for_load: bool = True) -> dict:
    start_import = time.perf_counter()
    try:
        from ktv_tui.app.app import KtvApp
    except ImportError as exc:
        return {"error": f"ktv_tui.app.app.KtvApp niet te importeren: {exc}"}
    imported = time.perf_counter()

    start = time.perf_counter()
    app = KtvApp(data_dir, today=today)
    paints: list[float] = []
    original = app._display

    def display(screen, renderable):
        if renderable is not None and not app._batch_count:
            paints.append(time.perf_counter())
        return original(screen, renderable)

    app._display = display  # the compositor's hand-off to the driver: the first paint
    result: dict = {"import": imported - start_import}
    async with app.run_test(size=SIZE) as pilot:
        result["ready"] = time.perf_counter() - start
        hook, loaded = _hook_state(app)
        result["hook"] = hook
        if not wait_for_load:
            _paint_result(result, paints, start)
            # Leave at once: shutting the app down would wait for the load thread.
            print(MARKER + json.dumps(result), flush=True)
            os._exit(0)
        if hook is not None:
            limit = time.perf_counter() + LOAD_TIMEOUT
            while not loaded and time.perf_counter() < limit:
                await asyncio.sleep(0.002)
                hook, loaded = _hook_state(app)
            loaded_at = time.perf_counter()
            result["loaded"] = loaded_at - start if loaded else None
            await pilot.pause()
            await pilot.pause()
            after = [t for t in paints if t >= loaded_at]
            result["loaded_paint"] = after[0] - start if loaded and after else None
        else:
            result["loaded"] = None
    _paint_result(result, paints, start)
    return result


def _paint_result(result: dict, paints: list[float], start: float) -> None:
    """Seconds from KtvApp(...) to the first paint, and that moment as wall-clock time."""
    if not paints:
        result["first_paint"] = result["paint_wall"] = None
        return
    result["first_paint"] = paints[0] - start
    result["paint_wall"] = time.time() - (time.perf_counter() - paints[0])


def main() -> None:
    """argv: DIR DATE [paint]; with `paint` only the first paint is measured, then exit at once."""
    data_dir, today = Path(sys.argv[1]), date.fromisoformat(sys.argv[2])
    paint_only = sys.argv[3:] == ["paint"]
    try:
        result = asyncio.run(probe(data_dir, today, wait_for_load=not paint_only))
    except Exception as exc:  # the app is in progress: report, do not crash the bench
        result = {"error": f"{type(exc).__name__}: {exc}"}
    print(MARKER + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
