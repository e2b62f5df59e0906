"""Recording the submission from the meetjaar screen: the same rule as `ktv report --ingediend`."""

from __future__ import annotations

import subprocess
from datetime import date

from .conftest import loaded, pdf_outcome

SUBMIT_DAY = date(2026, 6, 1)
"""Meetjaar 2026 ended on 12 May; its report is due 12 June and not yet sent in the demo."""


async def _open_2026_and_press(pilot, key: str) -> str:
    await loaded(pilot)
    await pilot.press("j")
    await pilot.pause()
    screen = pilot.app.screen
    while screen.label > 2026:
        await pilot.press("left_square_bracket")
        await pilot.pause()
    assert screen.label == 2026
    await pilot.press(key)
    if key == "i":
        from ktv_tui.app.screens.dialogs import ChoiceDialog

        await pilot.pause()
        assert isinstance(pilot.app.screen, ChoiceDialog)  # recording a submission asks first
        assert "vastleggen?" in pilot.app.screen.title_text
        await pilot.press("j")
    return await pdf_outcome(pilot, screen)


async def test_submit_records_date_and_commit(tmp_path):
    from ktv_tui.app.app import KtvApp
    from ktv_tui.demo import make_demo

    root = tmp_path / "demo"
    make_demo(root, SUBMIT_DAY)
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True
    ).stdout.strip()
    app = KtvApp(root, today=SUBMIT_DAY, poll_interval=0)
    async with app.run_test(size=(80, 24)) as pilot:
        shown = await _open_2026_and_press(pilot, "i")
    assert "PDF gemaakt" in shown, shown
    assert (root / "rapporten" / "klanttevredenheid-2026.pdf").read_bytes().startswith(b"%PDF")
    text = (root / "meetjaren" / "2026.toml").read_text()
    assert "ingediend_op = 2026-06-01" in text
    assert f'ingediend_commit = "{head}"' in text


async def test_submit_refused_with_uncommitted_changes(tmp_path):
    from ktv_tui.app.app import KtvApp
    from ktv_tui.demo import make_demo

    root = tmp_path / "demo"
    make_demo(root, SUBMIT_DAY)
    (root / "meetjaren" / "2026.toml").write_text(
        (root / "meetjaren" / "2026.toml").read_text() + '\nuitslag = "voldaan"\n'
    )
    before = (root / "meetjaren" / "2026.toml").read_bytes()
    app = KtvApp(root, today=SUBMIT_DAY, poll_interval=0)
    async with app.run_test(size=(80, 24)) as pilot:
        shown = await _open_2026_and_press(pilot, "i")
    assert "Geweigerd" in shown and "niet-vastgelegde" in shown, shown
    assert "Indienen (i)" in shown
    assert not (root / "rapporten" / "klanttevredenheid-2026.pdf").exists()
    assert (root / "meetjaren" / "2026.toml").read_bytes() == before


async def test_submit_asks_first_and_no_records_nothing(tmp_path):
    from ktv_tui.app.app import KtvApp
    from ktv_tui.app.screens.dialogs import ChoiceDialog
    from ktv_tui.demo import make_demo

    root = tmp_path / "demo"
    make_demo(root, SUBMIT_DAY)
    before = (root / "meetjaren" / "2026.toml").read_bytes()
    app = KtvApp(root, today=SUBMIT_DAY, poll_interval=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("j")
        await pilot.pause()
        while app.screen.label > 2026:
            await pilot.press("left_square_bracket")
            await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("n")
        await pilot.pause(0.3)
    assert (root / "meetjaren" / "2026.toml").read_bytes() == before
    assert not (root / "rapporten" / "klanttevredenheid-2026.pdf").exists()


async def test_pdf_over_ssh_shows_path_and_scp_line(tmp_path, monkeypatch):
    from ktv_tui.app.app import KtvApp
    from ktv_tui.demo import make_demo

    monkeypatch.setenv("SSH_CONNECTION", "192.0.2.7 51234 198.51.100.4 22")
    root = tmp_path / "demo"
    make_demo(root, SUBMIT_DAY)
    app = KtvApp(root, today=SUBMIT_DAY, poll_interval=0)
    async with app.run_test(size=(80, 24)) as pilot:
        shown = await _open_2026_and_press(pilot, "c")
    assert "PDF gemaakt: rapporten/klanttevredenheid-2026" in shown, shown
    rel = shown.split("PDF gemaakt: ", 1)[1].split("\n", 1)[0]
    assert "scp " in shown and "@198.51.100.4:" in shown
    assert f":{(root / rel).resolve()} ." in shown
