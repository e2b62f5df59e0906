"""A folder of 10 000 periods: the first screen paints at once and the app answers keys while it loads."""

from __future__ import annotations

import asyncio
import time
from datetime import date, timedelta
from decimal import Decimal

from .conftest import TODAY, loaded, make_app


def make_large(root, count: int = 10_000) -> None:
    from store.canonical import period_text
    from store.create import create_data_folder
    from store.model import Assessment, Period

    create_data_folder(root, "Groot B.V.", date(2013, 5, 12), git=False)
    folder = root / "perioden"
    for index in range(count):
        begin = date(2016, 6, 1) + timedelta(days=index % 3500)
        end = begin + timedelta(days=120)
        forms = {
            "werknemer": Assessment(end, Decimal(6 + index % 4), {"begeleiding": "ja"}),
            "werkgever": Assessment(end, Decimal("7.5"), {"benadering": "goed"}),
        }
        period = Period(
            f"p{index:05d}", f"WN-{index:05d}", f"WG-{index % 300:03d}", begin, "IJ", end, None, forms
        )
        (folder / f"{period.id}.toml").write_text(period_text(period))


async def test_ten_thousand_periods_paint_at_once_and_stay_responsive(tmp_path):
    """The first screen is there before the data; keys are answered while it loads.

    No timing is asserted (the benchmark measures that).
    """
    from ktv_tui.app.screens.help import HelpScreen
    from ktv_tui.app.screens.overview import OverviewScreen

    root = tmp_path / "groot"
    make_large(root)
    app = make_app(root)
    started = time.perf_counter()
    async with app.run_test(size=(80, 24)) as pilot:
        painted = time.perf_counter() - started
        assert isinstance(app.screen, OverviewScreen)
        assert app.screen.query_one("#loading").display
        print(f"first screen after {painted:.3f}s")
        # Responsive while loading: help opens before the data is there. The key is posted
        # directly: pilot.press waits for the whole process to be idle, i.e. for the loader.
        from textual import events

        app.post_message(events.Key("question_mark", "?"))
        for _ in range(500):
            await asyncio.sleep(0.01)
            if isinstance(app.screen, HelpScreen):
                break
        assert isinstance(app.screen, HelpScreen)
        still_loading = app.folder is None
        await pilot.press("escape")
        await loaded(pilot)
        assert len(app.folder.period_labels) == 10_000
        assert "10000" not in app.status
        await pilot.press("p")
        await pilot.pause()
        assert app.screen.query_one("#periods").row_count == 10_000
    assert still_loading
    assert TODAY
