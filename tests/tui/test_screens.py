"""The overview, the meetjaar screen with its PDFs, git, and the other screens driven by keys."""

from __future__ import annotations

import importlib.util
import json
import subprocess

import pytest

from .conftest import TODAY, files_of, loaded, make_app, pdf_outcome


def stats_json(root, label: int, capsys) -> dict:
    from ktv_tui.cli import main

    capsys.readouterr()
    code = main(["--data", str(root), "--today", TODAY.isoformat(), "stats", "--jaar", str(label), "--json"])
    assert code == 0
    return json.loads(capsys.readouterr().out)


async def test_overview_numbers_equal_ktv_stats_json(demo, capsys):
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.screen.query_one("#loading").display  # paints before the data is there
        await loaded(pilot)
        current = app.folder.calendar.current_label(TODAY)
        running = str(app.screen.query_one("#running").render())
        missing = str(app.screen.query_one("#missing").render())
        years = app.screen.query_one("#years")
        assert years.row_count == current - 2017 + 1
    expected = stats_json(demo, current, capsys)
    for side in ("werknemer", "werkgever"):
        assert expected[side]["berekening"] in running
        assert f"norm {str(expected[side]['norm']).replace('.', ',')}" in running
    assert running.count("voldoet") >= sum(1 for s in ("werknemer", "werkgever") if expected[s]["voldoet"])
    assert "2 werknemer, 2 werkgever" in missing


async def test_problem_opens_the_period(demo):
    from ktv_tui.app.screens.period_editor import PeriodEditorScreen

    broken = sorted((demo / "perioden").glob("*.toml"))[3]
    broken.write_text(broken.read_text().replace("cijfer = ", "cijfer = 1", 1))
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        problems = app.screen.query_one("#problems")
        problems.focus()
        problems.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PeriodEditorScreen)
        assert "buiten 1 tot 10" in str(app.screen.query_one("#msg-werknemer--cijfer").render())
        field = app.screen.query_one("#in-werknemer--cijfer")
        field.value = "8"
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert not app.folder.errors


async def test_periods_filter_search_sort(demo):
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        table = screen.query_one("#periods")
        total = table.row_count
        assert total == len(app.folder.period_labels)
        await pilot.press("f")
        await pilot.pause()
        assert 0 < table.row_count < total
        assert all(r.missing for r in screen.visible())
        await pilot.press("f", "slash", *"WN-101")
        await pilot.pause()
        assert table.row_count == 1
        screen.query_one("#search").value = ""
        await pilot.press("enter", "m")
        await pilot.pause()
        assert screen.year_filter == 2027
        assert all(r.label == 2027 for r in screen.visible())
        await pilot.press("s")
        assert screen.sort_column == "cijfer_wn"


@pytest.mark.skipif(importlib.util.find_spec("report.pdf") is None, reason="report/pdf.py not there yet")
async def test_concept_report_from_meetjaar_screen(demo):
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("j")
        await pilot.pause()
        screen = app.screen
        assert screen.label == 2027 or screen.label == 2026
        await pilot.press("c")
        result = await pdf_outcome(pilot, screen)
    assert "PDF gemaakt" in result, result
    pdfs = list((demo / "rapporten").glob("*.pdf"))
    assert pdfs and pdfs[0].read_bytes().startswith(b"%PDF")


async def test_meetjaar_texts_are_saved(demo):
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("j")
        await pilot.pause()
        screen = app.screen
        label = screen.label
        area = screen.query_one("#text-analysis")
        area.focus()
        await pilot.press("ctrl+a")
        area.text = ""
        await pilot.press(*"Vooral de bereikbaarheid valt op.")
        assert screen.dirty
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not screen.dirty
    text = (demo / f"meetjaren/{label}.toml").read_text()
    assert 'analyse = "Vooral de bereikbaarheid valt op."' in text


async def test_commit_from_the_app(demo):
    """The app's commit records the data files and leaves anything else local (SPEC: the edges,
    Team work): an edited period is committed, a stray perioden/x.txt is not."""
    period = sorted((demo / "perioden").glob("*.toml"))[0]
    period.write_text(period.read_text().replace('jobcoach = "', 'jobcoach = "X', 1))
    (demo / "perioden" / "x.txt").write_text("los bestand\n")
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert "2 niet vastgelegd" in app.status
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("c", *"Formulieren november ingevoerd", "enter")
        for _ in range(100):
            await pilot.pause(0.05)
            if app.git and len(app.git.changed) == 1:
                break
    log = subprocess.run(
        ["git", "log", "-1", "--format=%s"], cwd=demo, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert log == "Formulieren november ingevoerd"
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=demo, capture_output=True, text=True, check=True
    ).stdout
    assert status.strip() == "?? perioden/x.txt"


async def test_no_git_repository_offers_init(tmp_path):
    from store.create import create_data_folder

    root = tmp_path / "nogit"
    create_data_folder(root, "Test B.V.", TODAY.replace(year=2020), git=False)
    app = make_app(root)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("g")
        await pilot.pause()
        assert "geen git-repository" in str(app.screen.query_one("#git-title").render())
        await pilot.press("i")
        await loaded(pilot)
    assert (root / ".git").is_dir()


async def test_help_and_palette(demo):
    from textual.command import CommandPalette

    from ktv_tui.app.screens.help import HelpScreen

    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"perioden", "enter")
        await pilot.pause(0.3)
        assert type(app.screen).__name__ == "PeriodsScreen"


async def test_changed_on_disk_shows_without_restart(demo):
    app = make_app(demo, poll=0.1)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        before = len(app.folder.period_labels)
        (demo / "perioden" / "2026-01-01-extra.toml").write_text(
            'schema = 1\nwerknemer = "WN-900"\nwerkgever = "WG-900"\nbegin = 2026-01-01\n'
        )
        for _ in range(100):
            await pilot.pause(0.05)
            if app.folder and len(app.folder.period_labels) == before + 1 and not app.loading:
                break
        assert len(app.folder.period_labels) == before + 1
    assert files_of(demo)
