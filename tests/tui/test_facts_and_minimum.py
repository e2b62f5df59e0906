"""The meetjaar screen's "feiten invoegen" (SPEC §6) and the overview's volgend_minimaal (SPEC §4)."""

from __future__ import annotations

from report.facts import facts_paragraph
from report.numbers import format_number, year_stats

from .conftest import TODAY, loaded, make_app


async def test_feiten_invoegen_puts_the_facts_above_the_analysis(demo):
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("j")
        await pilot.pause()
        screen = app.screen
        label = screen.label
        area = screen.query_one("#text-analysis")
        before = area.text
        screen.focus_next()  # anywhere but in a text field
        if screen.focused is area:
            screen.focus_next()
        await pilot.press("f")
        await pilot.pause()
        expected = facts_paragraph(year_stats(app.folder, label), running=False)
        assert area.text == expected + "\n\n" + before
        assert screen.dirty and app.focused is area
        stats = year_stats(app.folder, label)
        for side in stats.sides.values():
            assert f"gemiddeld een {side.display}" in area.text


async def test_overview_says_how_low_the_next_cijfer_may_be(demo):
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        running = " ".join(str(app.screen.query_one("#running").render()).split())
        current = app.folder.calendar.current_label(TODAY)
        stats = year_stats(app.folder, current)
    assert "mag het volgende cijfer niet lager zijn dan" in running
    for side, side_stats in stats.sides.items():
        assert f"{side} {format_number(side_stats.next_minimum, places=1)}" in running
