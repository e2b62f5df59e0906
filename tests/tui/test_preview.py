"""The start-up preview (app/preview.py): a second process computes the overview while the app
starts; what it shows is what the app's own load shows, and without it the app works as before."""

from __future__ import annotations

import asyncio
import pickle
import subprocess
import sys
from pathlib import Path

from ktv_tui.app import preview as preview_module
from ktv_tui.app.overview_content import overview_content
from ktv_tui.app.preview import Preview, start_preview
from store.folder import load_folder
from tests.tui.conftest import TODAY, loaded


def _plain(content) -> dict:
    """Every text of the content with its styles, comparable across processes."""

    def text(value):
        return (
            (value.plain, [(s.start, s.end, str(s.style)) for s in value.spans])
            if hasattr(value, "plain")
            else value
        )

    return {
        "title": text(content.title),
        "current": text(content.current),
        "action": text(content.action) if content.action is not None else None,
        "running": text(content.running),
        "missing": text(content.missing),
        "rows": [(key, [text(cell) for cell in cells]) for key, cells in content.rows],
        "first_row": content.first_row,
        "problems": [text(line) for line in content.problem_lines],
    }


def test_the_preview_computes_what_the_app_computes(demo: Path) -> None:
    preview = start_preview(demo, TODAY)
    assert preview is not None  # two CPUs here
    content = preview.take()
    own = overview_content(load_folder(demo, TODAY), TODAY, demo.name)
    assert content is not None and _plain(content) == _plain(own)
    assert [p.file for p in content.problems] == [p.file for p in own.problems]


def test_no_preview_on_one_cpu(demo: Path, monkeypatch) -> None:
    monkeypatch.setattr(preview_module, "_cpus", lambda: 1)
    assert start_preview(demo, TODAY) is None


def test_a_failing_preview_gives_nothing_and_the_app_loads_itself(demo: Path, tmp_path: Path) -> None:
    from ktv_tui.app.app import KtvApp

    def failing() -> Preview:
        return Preview(
            subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"], stdout=subprocess.PIPE)
        )

    assert failing().take() is None

    async def run() -> None:
        app = KtvApp(demo, today=TODAY, poll_interval=0, preview=failing())
        async with app.run_test(size=(80, 24)) as pilot:
            await loaded(pilot)
            assert app.data_shown and "Meetjaar" in str(app.screen.query_one("#current").render())

    asyncio.run(run())


def test_the_app_shows_the_preview_first_and_ends_with_the_same_screen(demo: Path) -> None:
    from ktv_tui.app.app import KtvApp

    shown: dict[str, str] = {}

    async def run(with_preview: bool) -> None:
        preview = start_preview(demo, TODAY) if with_preview else None
        app = KtvApp(demo, today=TODAY, poll_interval=0, preview=preview)
        async with app.run_test(size=(80, 24)) as pilot:
            await loaded(pilot)
            screen = app.screen
            shown[str(with_preview)] = "\n".join(
                str(screen.query_one(f"#{name}").render())
                for name in ("org", "current", "running", "missing")
            ) + str(screen.query_one("#years").row_count)
        if preview is not None:
            assert preview.process.poll() is not None  # stopped with the app

    asyncio.run(run(True))
    asyncio.run(run(False))
    assert shown["True"] == shown["False"]


def test_the_preview_holds_nothing_the_app_cannot_unpickle_without_textual(demo: Path) -> None:
    """The content is rich Text and plain values (and store Problems): no Textual widget."""
    preview = start_preview(demo, TODAY)
    payload, _ = preview.process.communicate(timeout=60)
    assert b"textual" not in payload
    assert pickle.loads(payload).rows


def test_the_first_load_starts_even_when_the_first_screen_never_idles(demo: Path, monkeypatch) -> None:
    """`?` is handled at once while ktv starts. Typed before the overview was ever idle, help
    covered it, the load (queued for the overview's first refresh) never began, and the Escape
    that closes help waited for that load (found under load in CI). A timer starts the load
    and builds the overview's body regardless; here the overview's queued callbacks never run."""
    from ktv_tui.app.app import KtvApp
    from ktv_tui.app.screens.overview import OverviewScreen

    async def never(self) -> None:
        return None

    monkeypatch.setattr(OverviewScreen, "_invoke_and_clear_callbacks", never)

    async def run() -> None:
        app = KtvApp(demo, today=TODAY, poll_interval=0)
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(500):
                await pilot.pause(0.02)
                if app.folder is not None and not app.loading:
                    break
            assert app.folder is not None and not app.loading
            await pilot.pause()
            assert app.screen.query_one("#years").row_count > 0

    asyncio.run(run())


def test_a_preview_ready_before_the_first_frame_waits_for_it(demo: Path) -> None:
    """The first frame holds only the title and "Gegevens laden…" even when the preview's
    content is there before it: building the overview's body for the preview first held that
    frame back by a fifth (issue 23). The next frames show the preview's data."""
    from ktv_tui.app.app import KtvApp

    class Ready:
        """A preview whose content is there at once."""

        content = overview_content(load_folder(demo, TODAY), TODAY, demo.name)

        def take(self):
            return self.content

        def close(self) -> None:
            pass

    frames: list[tuple[bool, bool]] = []

    async def run() -> None:
        app = KtvApp(demo, today=TODAY, poll_interval=0, preview=Ready())
        original = app._display

        def display(screen, renderable):
            if renderable is not None and not app._batch_count:
                frames.append((bool(screen.query("#years")), app.data_shown))
            return original(screen, renderable)

        app._display = display
        async with app.run_test(size=(80, 24)) as pilot:
            await loaded(pilot)

    asyncio.run(run())
    assert frames[0] == (False, False)
    assert (True, True) in frames


def test_no_frame_is_drawn_for_nothing_while_textual_starts(demo: Path) -> None:
    """The overview is Textual's default screen: composed in the start-up batch and drawn once
    after it. Pushed over the empty default screen it was drawn inside that batch too, and
    Textual drops such a frame (a fifth of the time to the first frame; issue 23)."""
    from ktv_tui.app.app import KtvApp
    from ktv_tui.app.screens.overview import OverviewScreen

    dropped: list[int] = []

    async def run() -> None:
        app = KtvApp(demo, today=TODAY, poll_interval=0)
        original = app._display

        def display(screen, renderable):
            if renderable is not None and app._batch_count:
                dropped.append(app._batch_count)
            return original(screen, renderable)

        app._display = display
        async with app.run_test(size=(80, 24)) as pilot:
            await loaded(pilot)
            assert isinstance(app.screen_stack[0], OverviewScreen)

    asyncio.run(run())
    assert dropped == []
