"""The period editor's hooks for SPEC §11: ctrl+f makes the form PDF, the scan status per form,
ctrl+o attaches a scan by path, and a save keeps `bijlage`."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

from forms_helpers import PERIODS, png_bytes, run_ktv, scan_pdf

PID = PERIODS[0][0]


def make_app(root: Path):
    from ktv_tui.app.app import KtvApp

    return KtvApp(root, today=date(2017, 6, 1), poll_interval=0)


async def loaded(pilot) -> None:
    app = pilot.app
    for _ in range(300):
        await pilot.pause(0.02)
        if app.folder is not None and not app.loading:
            break
    await app.workers.wait_for_complete()
    await pilot.pause()


async def open_editor(pilot, period_id: str):
    from ktv_tui.app.screens.period_editor import PeriodEditorScreen

    app = pilot.app
    screen = PeriodEditorScreen.for_existing(app, period_id)
    assert screen is not None
    await app.push_screen(screen)
    await pilot.pause()
    return screen


def status(screen, side: str) -> str:
    return str(screen.query_one(f"#scan-{side}").render())


async def test_ctrl_f_makes_both_forms(folder: Path) -> None:
    app = make_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await open_editor(pilot, PID)
        await pilot.press("ctrl+f")
        await pilot.pause()
    for side in ("werknemer", "werkgever"):
        assert (folder / "rapporten" / "formulieren" / f"{PID}-{side}.pdf").is_file()


async def test_scan_status_and_attach_by_path(folder: Path, tmp_path: Path) -> None:
    scan = tmp_path / "wn.pdf"
    scan.write_bytes(scan_pdf("x"))
    run_ktv("bijlage", PID, "werknemer", str(scan), cwd=folder)
    photo = tmp_path / "wg foto.png"
    photo.write_bytes(png_bytes())
    app = make_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        editor = await open_editor(pilot, PID)
        assert f"bijlagen/{PID}/werknemer.pdf" in status(editor, "werknemer")
        assert "geen" in status(editor, "werkgever")
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        app.screen.query_one("#scan-path").value = str(photo)
        await pilot.press("enter")
        await pilot.pause()
        await loaded(pilot)
        assert (folder / "bijlagen" / PID / "werkgever.png").read_bytes() == photo.read_bytes()
        assert app.screen is editor
        assert f"bijlagen/{PID}/werkgever.png" in status(editor, "werkgever")
        # an edit and ctrl+s keep both bijlage keys
        grade = editor.query_one("#in-werknemer--cijfer")
        grade.focus()
        grade.value = ""
        await pilot.press("9", "ctrl+s")
        await pilot.pause()
    data = tomllib.loads((folder / "perioden" / f"{PID}.toml").read_text("utf-8"))
    assert data["beoordeling"]["werknemer"]["cijfer"] == 9
    assert data["beoordeling"]["werknemer"]["bijlage"] == "werknemer.pdf"
    assert data["beoordeling"]["werkgever"]["bijlage"] == "werkgever.png"
