"""The app under the validation rules of SPEC §2 (issue 10 finding 6): a line `=======` in an
analysis is text, so the meetjaar screen saves it and `ktv check` stays clean."""

from __future__ import annotations

from store.folder import load_folder

from .conftest import TODAY, loaded, make_app


async def test_an_analysis_with_a_conflict_marker_line_is_saved(demo):
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("j")
        await pilot.pause()
        screen = app.screen
        label = screen.label
        area = screen.query_one("#text-analysis")
        area.text = "Boven de streep.\n=======\n<<<<<<< geen conflict\nOnder de streep."
        area.focus()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Niet opgeslagen" not in str(screen.query_one("#notes-problems").render())
    saved = (demo / f"meetjaren/{label}.toml").read_text(encoding="utf-8")
    assert "\n=======\n<<<<<<< geen conflict\n" in saved
    folder = load_folder(demo, TODAY, with_git=False)
    assert [p for p in folder.problems if p.file == f"meetjaren/{label}.toml"] == []
    assert folder.years[label].analysis.startswith("Boven de streep.\n=======\n")
