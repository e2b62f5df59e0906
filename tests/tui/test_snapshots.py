"""SVG snapshots of the main screens at 80×24 on the demo data (fixed date, fixed git dates)."""

from __future__ import annotations

from .conftest import loaded, make_app

SIZE = (80, 24)


def run(*keys: str, setup=None):
    async def before(pilot) -> None:
        await loaded(pilot)
        if setup is not None:
            setup(pilot.app)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await loaded(pilot)
        await pilot.pause(0.2)

    return before


def test_overview(demo, snap_compare):
    assert snap_compare(make_app(demo), terminal_size=SIZE, run_before=run())


def test_periods(demo, snap_compare):
    assert snap_compare(make_app(demo), terminal_size=SIZE, run_before=run("p"))


def test_period_editor(demo, snap_compare):
    assert snap_compare(
        make_app(demo), terminal_size=SIZE, run_before=run("p", "down", "down", "down", "enter")
    )


def test_new_period_with_errors(demo, snap_compare):
    keys = ("n", *"WN-1", "tab", *"WG-2", "tab", "tab", *"2026-06-01", "tab", *"2026-05-01", "tab")
    assert snap_compare(make_app(demo), terminal_size=SIZE, run_before=run(*keys))


def test_meetjaar(demo, snap_compare):
    assert snap_compare(make_app(demo), terminal_size=SIZE, run_before=run("j"))


def test_git(demo, snap_compare):
    def change(app) -> None:
        path = sorted((demo / "perioden").glob("*.toml"))[0]
        path.write_text(path.read_text().replace('jobcoach = "', 'jobcoach = "X'))
        app.reload()

    assert snap_compare(make_app(demo), terminal_size=SIZE, run_before=run("g", setup=change))


def test_help(demo, snap_compare):
    assert snap_compare(make_app(demo), terminal_size=SIZE, run_before=run("question_mark"))
