"""Issue 23: the app says what the command line says, loses no keys and speaks Dutch everywhere."""

from __future__ import annotations

import json

from .conftest import TODAY, loaded, make_app
from .test_week import _export


def cli_json(root, capsys, *args: str) -> dict:
    from ktv_tui.cli import main

    capsys.readouterr()
    assert main(["--data", str(root), "--today", TODAY.isoformat(), *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def plain(widget) -> str:
    return str(widget.render())


async def test_every_number_on_the_meetjaar_screens_is_the_one_of_stats_json(demo, capsys):
    """Calculation, response and every question's share of the best answer, every meetjaar."""
    from ktv_tui.app.screens.measurement_year import MeasurementYearScreen
    from ktv_tui.app.screens.year_bars import shown_percentage

    app = make_app(demo)
    shown: dict[int, str] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        labels = range(2017, app.folder.calendar.current_label(TODAY) + 1)
        for label in labels:
            app.open_year(label)
            await pilot.pause(0.2)
            assert isinstance(app.screen, MeasurementYearScreen) and app.screen.label == label
            shown[label] = plain(app.screen.query_one("#numbers"))
            await pilot.press("escape")
            await pilot.pause()
    checked = 0
    for label, text in shown.items():
        stats = cli_json(demo, capsys, "stats", "--jaar", str(label))
        for side in ("werknemer", "werkgever"):
            numbers = stats[side]
            if numbers["berekening"]:
                assert numbers["berekening"] in text, (label, side)
            assert f"{numbers['formulieren']} van {numbers['perioden']}" in text
            for question in numbers["vragen"]:
                if not sum(question["antwoorden"].values()):
                    continue
                best = list(question["antwoorden"])[-1]
                assert f"{shown_percentage(question['procenten'][best])} {best}" in text, (
                    label,
                    question["id"],
                )
                checked += 1
    assert checked > 50


async def test_per_jobcoach_shows_the_cli_calculation_and_verdict(demo, capsys):
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        app.action_goto("per_jobcoach", 2019)
        await pilot.pause(0.3)
        table = app.screen.query_one("#per-jobcoach")
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        screen_text = _export(app)
    expected = cli_json(demo, capsys, "stats", "--jaar", "2019", "--per-jobcoach")["per_jobcoach"]
    assert len(rows) == 2 * len(expected)
    calculations = {row[2] for row in rows}
    verdicts = [row[3] for row in rows]
    for sides in expected.values():
        for side in sides.values():
            assert (side["berekening"] or "geen cijfers") in calculations
    assert "te laag" not in " ".join(verdicts) and "te laag" not in screen_text
    failing = sum(1 for sides in expected.values() for s in sides.values() if s["voldoet"] is False)
    assert verdicts.count("voldoet niet") == failing
    for row in rows:  # nothing cut at 80 columns: the whole calculation is on screen
        assert row[2] in screen_text


async def test_opening_a_period_changes_nothing(demo):
    import re

    path = next(p for p in sorted((demo / "perioden").glob("*.toml")) if 'jobcoach = "' in p.read_text())
    text = re.sub(r'jobcoach = "[^"]*"', 'jobcoach = "mk"', path.read_text(), count=1)
    path.write_text(text)
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        app.open_period(path.stem)
        await pilot.pause(0.3)
        editor = app.screen
        assert editor.query_one("#in-jobcoach").value == "mk"
        assert not editor.dirty
        assert "niet opgeslagen" not in _export(app)
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "OverviewScreen"  # no "unsaved" question
    assert path.read_text() == text


async def test_editor_shows_and_edits_the_missing_reason_per_side(demo):
    from ktv_tui.app.screens.period_editor import PeriodEditorScreen

    path = next(p for p in sorted((demo / "perioden").glob("*.toml")) if "[ontbreekt]" in p.read_text())
    text = path.read_text()
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        period = app.folder.periods[path.stem]
        side, reason = next(iter(period.missing_reasons.items()))
        app.open_period(path.stem)
        await pilot.pause(0.3)
        editor = app.screen
        assert isinstance(editor, PeriodEditorScreen)
        field = editor.query_one(f"#in-{side}--ontbreekt")
        assert field.value == reason and not field.disabled
        other = "werkgever" if side == "werknemer" else "werknemer"
        assert editor.query_one(f"#in-{other}--ontbreekt").disabled == (other in period.forms)
        assert not editor.dirty
        field.value = "Twee keer herinnerd, niet teruggestuurd."
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
    saved = path.read_text()
    assert f'{side} = "Twee keer herinnerd, niet teruggestuurd."' in saved
    assert saved != text


async def test_missing_forms_is_one_view_and_the_palette_meetjaar_is_j(demo):
    from ktv_tui.app.commands import KtvCommands
    from ktv_tui.app.screens.missing_forms import MissingFormsScreen

    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert "b Ontbrekend" in _export(app).splitlines()[-1]
        for key in ("f", "b"):
            await pilot.press(key)
            await pilot.pause(0.2)
            assert isinstance(app.screen, MissingFormsScreen), key
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("j")
        await pilot.pause(0.3)
        by_key = app.screen.label
        await pilot.press("escape")
        await pilot.pause()
        commands = {name: action for name, _help, action in KtvCommands(app.screen)._commands()}
        commands["Meetjaar"]()
        await pilot.pause(0.3)
        assert app.screen.label == by_key


async def test_the_full_reason_can_be_read_on_the_chase_list(demo):
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("b")
        await pilot.pause(0.3)
        screen = app.screen
        for item in screen.items:
            if item.reason and len(item.reason) > 24:
                break
        else:
            raise AssertionError("the demo has a long reason")
        table = screen.query_one("#missing-forms")
        table.move_cursor(row=screen.items.index(item))
        await pilot.pause(0.2)
        detail = " ".join(_export(app).split())
        assert " ".join(item.reason.split()) in detail


async def test_footers_fit_80_columns(demo):
    """Every screen's footer ends with the help key: nothing is cut at 80 columns."""
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        footers = {"overzicht": _export(app).splitlines()[-1]}
        for key in ("p", "j", "g", "n", "b"):
            await pilot.press(key)
            await pilot.pause(0.3)
            footers[key] = _export(app).splitlines()[-1]
            await pilot.press("escape")
            await pilot.pause(0.2)
            if type(app.screen).__name__ != "OverviewScreen":
                await pilot.press("w")
                await pilot.pause(0.2)
    for name, footer in footers.items():
        assert len(footer.rstrip()) <= 80 and footer.rstrip().endswith(("Help", "Afsluiten")), (name, footer)


ENGLISH = (
    "Search for",
    "themes",
    "command palette",
    "Git init",
    "Quit",
    "Dismiss",
    "No matches",
    "Exit the",
    "Keys",
    "Screenshot",
    "Maximize",
)


async def test_theme_picker_and_help_are_dutch(demo):
    from ktv_tui.app.screens.help import HelpScreen

    app = make_app(demo)
    seen = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        app.action_change_theme()
        await pilot.pause(0.3)
        seen["thema"] = _export(app)
        assert "Zoek een kleurenthema" in seen["thema"]
        await pilot.press("escape")
        await pilot.pause()
        for key in ("", "g", "j", "p"):
            if key:
                await pilot.press(key)
                await pilot.pause(0.3)
            app.push_screen(HelpScreen(app.screen))
            await pilot.pause(0.3)
            seen[f"help {key}"] = _export(app) + "\n".join(
                str(w.render()) for w in app.screen.query("Static")
            )
            await pilot.press("escape")
            await pilot.pause()
            if key:
                await pilot.press("escape")
                await pilot.pause()
    found = {name: [w for w in ENGLISH if w in text] for name, text in seen.items()}
    assert {name: words for name, words in found.items() if words} == {}


async def test_facts_land_before_the_cursor_and_ctrl_end_works(demo):
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        app.open_year(2026)
        await pilot.pause(0.3)
        area = app.screen.query_one("#text-analysis")
        before = area.text
        app.screen.action_insert_facts()
        await pilot.pause(0.2)
        facts_end = area.cursor_location
        assert facts_end != (0, 0)
        assert app.focused is area
        await pilot.press(*"Eigen zin.")
        await pilot.pause(0.1)
        text = area.text
        assert text.index("Eigen zin.") > 0
        assert text.endswith(before) or not before.strip()
        await pilot.press("ctrl+end")
        last = area.document.line_count - 1
        assert area.cursor_location == (last, len(area.document.get_line(last)))
        await pilot.press("ctrl+home")
        assert area.cursor_location == (0, 0)


async def test_focus_returns_after_restoring_a_draft(demo):
    from ktv_tui.app.screens.dialogs import ChoiceDialog

    from .test_editor import NEW_PERIOD_KEYS

    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press(*NEW_PERIOD_KEYS)
        await pilot.pause(0.2)
        app.screen.query_one("#in-werkgever--cijfer").focus()
        await pilot.press("8")
        await pilot.pause(0.6)  # the draft is written shortly after the last key
        where = app.focused.id
        code = app.screen.query_one("#in-werknemer").value
        grade = app.screen.query_one("#in-werkgever--cijfer").value
        app.exit()
    assert where == "in-werkgever--cijfer"
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.pause(0.1)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("h")
        await pilot.pause(0.3)
        assert app.focused is not None and app.focused.id == where
        await pilot.press(",", "5")
        await pilot.pause(0.1)
        assert app.screen.query_one("#in-werknemer").value == code
        assert app.screen.query_one("#in-werkgever--cijfer").value == grade + ",5"


async def test_sync_without_a_remote_says_so_before_asking_who(demo, tmp_path, monkeypatch):
    import subprocess

    from ktv_tui.app.screens.dialogs import IdentityDialog

    empty = tmp_path / "gitconfig"
    empty.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    for key in ("user.name", "user.email"):
        subprocess.run(["git", "-C", str(demo), "config", "--unset", key], check=False)
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("g")
        await pilot.pause(0.3)
        await pilot.press("s")
        await pilot.pause(0.3)
        assert not isinstance(app.screen, IdentityDialog)
        messages = " ".join(n.message for n in app._notifications)
        assert "remote add origin" in messages and "geen gedeelde repository" in messages
