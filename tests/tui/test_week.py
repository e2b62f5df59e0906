"""A real week with the app (issue 12): merges, drafts, the overview, Dutch everywhere, identity."""

from __future__ import annotations

import tomllib

from .conftest import loaded, make_app
from .test_editor import open_first_completed


async def test_disk_change_to_one_field_and_unsaved_edit_to_another_are_both_saved(demo):
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        pid = await open_first_completed(pilot)
        path = demo / f"perioden/{pid}.toml"
        editor = app.screen
        remark = editor.query_one("#in-opmerking")
        remark.focus()
        await pilot.press("end", *" nagebeld")
        typed = remark.value
        # A colleague's git pull changes the jobcoach while the remark is being typed.
        before = tomllib.loads(path.read_text())
        path.write_text(path.read_text().replace(f'jobcoach = "{before["jobcoach"]}"', 'jobcoach = "MK"'))
        app.check_disk()
        await loaded(pilot)
        await pilot.pause(0.1)
        assert app.screen is editor and editor.focused is remark
        assert editor.query_one("#in-jobcoach").value == "MK"
        await pilot.press(*" x")
        assert remark.value == typed + " x"
        await pilot.press("ctrl+s")
        await pilot.pause(0.1)
    data = tomllib.loads(path.read_text())
    assert data["jobcoach"] == "MK"
    assert data["opmerking"] == typed + " x"


async def test_disk_change_without_edits_keeps_focus_cursor_and_next_keys(demo):
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        pid = await open_first_completed(pilot)
        path = demo / f"perioden/{pid}.toml"
        editor = app.screen
        werknemer = editor.query_one("#in-werknemer")
        assert editor.focused is werknemer
        code = werknemer.value
        path.write_text(path.read_text().replace("cijfer = ", "cijfer = 1", 1).replace("= 110.0", "= 10.0"))
        app.check_disk()
        await loaded(pilot)
        await pilot.pause(0.1)
        assert app.screen is editor and editor.focused is werknemer
        assert "Periode" in str(editor.query_one("#title").render())
        await pilot.press(*"7")
        assert werknemer.value == code + "7"


async def open_year_text(pilot, key="analysis"):
    from textual.widgets import TextArea

    await pilot.press("j")
    await loaded(pilot)
    screen = pilot.app.screen
    area = screen.query_one(f"#text-{key}", TextArea)
    area.focus()
    area.move_cursor(area.document.end)
    await pilot.pause()
    return screen, area


async def test_year_text_cursor_stays_after_save_and_tab(demo):
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        screen, area = await open_year_text(pilot)
        await pilot.press(*" X", "ctrl+s")
        await loaded(pilot)
        await pilot.pause(0.1)
        await pilot.press(*" Y")
        assert area.text.rstrip().endswith("X Y")
        await pilot.press("tab", "shift+tab")
        await loaded(pilot)
        await pilot.press(*" Z")
        assert area.text.rstrip().endswith("X Y Z")
        assert area.text.count("Z") == 1


async def test_year_text_disk_change_merged_into_other_field(demo):
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        screen, area = await open_year_text(pilot)
        await pilot.press(*" eigen zin")
        path = demo / f"meetjaren/{screen.label}.toml"
        text = path.read_text()
        assert "acties" in text
        import re

        path.write_text(re.sub(r'(?s)acties = """.*?"""', 'acties = """Actie van collega."""', text))
        app.check_disk()
        await loaded(pilot)
        await pilot.pause(0.1)
        assert screen.focused is area
        assert screen.query_one("#text-actions").text == "Actie van collega."
        await pilot.press(*" verder")
        await pilot.press("ctrl+s")
        await pilot.pause(0.2)
        data = tomllib.loads(path.read_text())
        assert data["acties"] == "Actie van collega."
        assert data["analyse"].endswith("eigen zin verder")


async def test_draft_left_by_a_killed_process_is_offered_and_restores_every_value(demo):
    from ktv_tui.app.screens.dialogs import ChoiceDialog
    from store.drafts import drafts_dir, list_drafts

    from .test_editor import NEW_PERIOD_KEYS

    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press(*NEW_PERIOD_KEYS)
        await pilot.pause(0.6)  # the draft is written shortly after the last key
        typed = app.screen.current_draft()
        # The terminal dies: no leave question, no save. (exit() skips every dialog.)
        app.exit()
    assert drafts_dir(demo).parent.name == ".git"  # outside the tracked files
    assert len(list_drafts(demo)) == 1
    assert not any("WN-201" in p.read_text() for p in (demo / "perioden").iterdir())

    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.pause(0.1)
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        assert dialog.title_text == "Niet opgeslagen invoer gevonden"
        await pilot.press("h")
        await pilot.pause(0.2)
        editor = app.screen
        restored = editor.current_draft()
        assert restored.values == typed.values
        assert restored.forms == typed.forms
        assert editor.dirty
        await pilot.press("ctrl+s")
        await pilot.pause(0.2)
        assert not list_drafts(demo)  # saved: the draft is gone
    assert any('werknemer = "WN-201"' in p.read_text() for p in (demo / "perioden").iterdir())


async def test_discarding_a_draft_removes_it(demo):
    from store.drafts import list_drafts, save_draft

    save_draft(demo, "meetjaar-2026", {"soort": "meetjaar", "jaar": 2026, "velden": {"analysis": "x"}})
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.pause(0.1)
        await pilot.press("w")
        await pilot.pause(0.1)
    assert not list_drafts(demo)


async def test_year_draft_restores_the_text(demo):
    from store.drafts import list_drafts

    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        screen, area = await open_year_text(pilot)
        await pilot.press(*" nieuw inzicht")
        typed = area.text
        await pilot.pause(0.6)
        app.exit()
    assert [d.name for d in list_drafts(demo)] == [f"meetjaar-{screen.label}"]
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.pause(0.1)
        await pilot.press("h")
        await loaded(pilot)
        await pilot.pause(0.1)
        assert app.screen.query_one("#text-analysis").text == typed
        assert app.screen.dirty


def _export(app) -> str:
    """Every line on the terminal right now, as plain text (dialogs over screens included)."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    lines = []
    for strip in update.strips:
        lines.append("".join(segment.text for segment in strip).rstrip())
    return "\n".join(lines)


async def test_overview_focuses_the_table_and_shows_what_is_due_first(demo):
    from datetime import date

    from ktv_tui.app.app import KtvApp

    # On 20 May 2026 meetjaar 2026 (ended 12 May) is due, once its submission is not recorded.
    year = demo / "meetjaren/2026.toml"
    year.write_text(
        "".join(
            line
            for line in year.read_text().splitlines(keepends=True)
            if not line.startswith(("ingediend", "uitslag"))
        )
    )
    app = KtvApp(demo, today=date(2026, 5, 20), poll_interval=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        screen = app.screen
        table = screen.query_one("#years")
        assert screen.focused is table
        action = str(screen.query_one("#action").render())
        assert action.startswith("Nu doen: ")
        assert "nog " in action and "dagen" in action
        shown = _export(app)
        # The due line comes before the running meetjaar's line.
        assert shown.index("Nu doen") < shown.index("Meetjaar ")
        row_key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        assert row_key in action
        # The status is not cut off at 80 columns.
        assert "in te dienen (nog" in shown and "dagen)" in shown.split("in te dienen (nog", 1)[1][:20]
        await pilot.press("enter")
        await loaded(pilot)
        assert type(app.screen).__name__ == "MeasurementYearScreen"
        assert app.screen.label == int(row_key)


ENGLISH = ["quit", "Dismiss", "No matches", "Search for commands", "Quit", "Exit the command"]


def english_in(app) -> list[str]:
    """Textual's English defaults anywhere on screen or in the active key descriptions."""
    shown = _export(app)
    for active in app.screen.active_bindings.values():
        shown += "\n" + (active.binding.description or "") + " " + (active.binding.tooltip or "")
    return [word for word in ENGLISH if word in shown]


async def test_q_quits_where_no_text_is_typed(demo):
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert "Afsluiten" in _export(app).splitlines()[-1]  # the footer says how to quit
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("q")  # typed into the werknemer field, no quitting
        await pilot.pause()
        assert app.is_running and app.screen.query_one("#in-werknemer").value == "q"
        await pilot.press("escape", "w")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0 and not app.is_running


async def test_first_commit_without_identity_asks_and_stores_it_in_the_folder(demo, tmp_path, monkeypatch):
    import subprocess

    from ktv_tui.app.screens.dialogs import IdentityDialog

    empty = tmp_path / "empty-gitconfig"
    empty.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    for var in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL"):
        monkeypatch.delenv(var, raising=False)
    path = sorted((demo / "perioden").glob("*.toml"))[0]
    path.write_text(path.read_text().replace('jobcoach = "', 'jobcoach = "X'))
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("g")
        await loaded(pilot)
        await pilot.press("c", *"Jobcoach verbeterd", "enter")
        await pilot.pause(0.2)
        assert isinstance(app.screen, IdentityDialog)
        assert not english_in(app)
        await pilot.press(*"Anna de Vries", "enter", *"anna@voorbeeld.nl", "enter")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        await pilot.press("l")
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        log = str(app.screen.query_one("#git-diff").render())
        assert "Anna de Vries" in log and "Jobcoach verbeterd" in log
    git = ["git", "-C", str(demo)]
    assert (
        subprocess.run(
            [*git, "config", "--local", "user.name"], capture_output=True, text=True
        ).stdout.strip()
        == "Anna de Vries"
    )
    author = subprocess.run(
        [*git, "log", "-1", "--format=%an <%ae>|%s"], capture_output=True, text=True
    ).stdout.strip()
    assert author == "Anna de Vries <anna@voorbeeld.nl>|Jobcoach verbeterd"


async def test_history_of_a_period_is_one_key_away_in_the_editor(demo):
    import subprocess

    from ktv_tui.app.screens.history import HistoryScreen

    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        pid = await open_first_completed(pilot)
        path = demo / f"perioden/{pid}.toml"
        old = tomllib.loads(path.read_text())["jobcoach"]
        path.write_text(path.read_text().replace(f'jobcoach = "{old}"', 'jobcoach = "MK"'))
        git = ["git", "-C", str(demo), "-c", "user.name=Bram Smit", "-c", "user.email=bram@voorbeeld.nl"]
        subprocess.run([*git, "commit", "-qam", "Jobcoach gewisseld"], check=True)
        app.check_disk()
        await loaded(pilot)
        await pilot.press("ctrl+g")
        await pilot.pause(0.1)
        assert isinstance(app.screen, HistoryScreen)
        await app.workers.wait_for_complete()
        await pilot.pause(0.1)
        text = str(app.screen.query_one("#history").render())
        assert "Bram Smit" in text and "Jobcoach gewisseld" in text
        assert f"jobcoach: {old} → MK" in text
        assert not english_in(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#in-werknemer")  # back in the editor


async def test_no_english_on_any_screen_or_dialog(demo):
    """Walk every screen and dialog; none shows Textual's English defaults."""
    from store.drafts import save_draft

    save_draft(demo, "meetjaar-2026", {"soort": "meetjaar", "jaar": 2026, "velden": {"analysis": "x"}})
    app = make_app(demo)
    seen: dict[str, list[str]] = {}

    async def look(name: str) -> None:
        await pilot.pause(0.1)
        seen[name] = english_in(app)

    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await look("draft dialog")
        await pilot.press("l")  # later
        await look("overview")
        await pilot.press("ctrl+c")
        await look("ctrl+c notice")
        assert any("ctrl+q" in n.message for n in app._notifications), list(app._notifications)
        app.clear_notifications()
        await pilot.press("ctrl+p")
        await look("palette")
        await pilot.press(*"xqzxqz")
        await pilot.pause(0.8)
        await look("palette without matches")
        assert "Geen opdracht gevonden" in _export(app)
        await pilot.press("escape")
        await pilot.press("question_mark")
        await look("help")
        await pilot.press("escape")
        await pilot.press("p")
        await loaded(pilot)
        await look("periods")
        await pilot.press("escape")
        pid = await open_first_completed(pilot)
        await look("editor")
        await pilot.press("ctrl+g")
        await app.workers.wait_for_complete()
        await look("history")
        await pilot.press("escape", "ctrl+d")
        await look("delete dialog")
        await pilot.press("n")
        await pilot.press("end", "x", "escape")
        await look("unsaved dialog")
        await pilot.press("w")
        await pilot.press("escape", "n")
        await look("new period")
        await pilot.press("escape")
        await pilot.press("j")
        await loaded(pilot)
        await look("meetjaar")
        app.screen.query_one("#verdict").focus()
        await pilot.press("enter")
        await look("select menu")
        await pilot.press("escape", "escape")
        await pilot.press("i")
        await look("submission dialog")
        await pilot.press("n", "escape")
        await pilot.press("g")
        await loaded(pilot)
        await look("git")
        await pilot.press("l")
        await app.workers.wait_for_complete()
        await look("git log")
        assert pid
    assert {name: words for name, words in seen.items() if words} == {}
    assert len(seen) >= 17


async def test_small_things_of_the_week(demo):
    """One decimal everywhere, initials in capitals, digits on 'Binnen' are told, the palette's
    'Meetjaar' opens what j opens, the Opmerking field is wide."""
    from ktv_tui.app.screens.year_bars import legend, question_bar

    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("p")
        await loaded(pilot)
        table = app.screen.query_one("#periods")
        cells = [
            str(table.get_cell_at((row, col)))
            for row in range(table.row_count)
            for col in range(len(table.columns))
        ]
        grades = [c for c in cells if c[:1].isdigit() and "," in c and len(c) <= 4]
        assert grades and all(len(c.split(",")[1]) == 1 for c in grades)
        assert not any(c in {"7", "8", "6", "9", "10"} for c in cells)
        await pilot.press("escape", "n")
        await pilot.pause()
        await pilot.press("tab", "tab", *"ij")
        assert app.screen.query_one("#in-jobcoach").value == "IJ"
        assert app.screen.query_one("#in-opmerking").size.width >= 40
        app.screen.query_one("#in-werknemer--present").focus()
        await pilot.press("7")
        await pilot.pause()
        assert any("spatie" in n.message for n in app._notifications)
        await pilot.press("escape", "w")
        await pilot.pause()
        app.action_command_palette()
        await pilot.pause()
        await pilot.press(*"Meetjaar")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await loaded(pilot)
        from_palette = app.screen.label
        await pilot.press("escape", "j")  # one name, one meaning (issue 23): the same as j
        await loaded(pilot)
        assert app.screen.label == from_palette
    # Without colour the answers of a bar differ by character.
    bar = question_bar("Vraag", {"nee": 1, "niet helemaal": 1, "ja": 2}, 0, ("nee", "niet helemaal", "ja"))
    drawn = bar.plain.split("\n")[1].split()[0]
    assert len(set(drawn)) == 3
    assert len(set(legend(("nee", "niet helemaal", "ja")).plain.replace(" ", "")) - set("neitlhmaj")) == 3


async def test_keys_typed_fast_land_in_order_in_the_right_fields(demo):
    """A real terminal does not wait between keys: typed right after `n`, across Tabs, a space
    on 'Binnen' and answer keys, every key reaches the field it was meant for (tmux at 80×24
    lost 'WN-3' and put the text after a Tab or a space into an earlier field)."""
    from textual import events

    keys = ["n", *"WN-301", "tab", *"WG-020", "tab", *"ij", "tab", *"2026-05-04", "tab"]
    keys += [*"2026-11-20", "tab", *"Per post", "tab", "space", "tab", *"2026-11-25", "tab", *"8,5"]
    keys += ["tab", "3", "2", "space", "tab", *"2026-11-26", "tab", "7", "tab", *"gv4343"]
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        for key in keys:  # all at once, as a fast typist or a paste over SSH delivers them
            app.post_message(events.Key(key, {"space": " "}.get(key, key if len(key) == 1 else None)))
        for _ in range(100):
            await pilot.pause(0.1)
            if not app._held_keys and type(app.screen).__name__ == "PeriodEditorScreen":
                if app.screen.query_one("#in-werkgever--q--persoonlijke_ontwikkeling").value:
                    break
        draft = app.screen.current_draft()
    assert draft.values == {
        "werknemer": "WN-301",
        "werkgever": "WG-020",
        "jobcoach": "IJ",
        "begin": "2026-05-04",
        "einde": "2026-11-20",
        "opmerking": "Per post",
    }
    werknemer, werkgever = draft.forms["werknemer"], draft.forms["werkgever"]
    assert (werknemer.present, werknemer.received, werknemer.grade) == (True, "2026-11-25", "8,5")
    assert werknemer.answers == {"begeleiding": "ja", "bereikbaarheid": "niet helemaal"}
    assert (werkgever.present, werkgever.received, werkgever.grade) == (True, "2026-11-26", "7")
    assert list(werkgever.answers.values()) == ["goed", "voldoende", "goed", "voldoende", "goed", "voldoende"]


async def test_a_new_organisation_sees_no_late_years_before_eerste_meetjaar(tmp_path):
    """Erkend in 2013, with ktv since meetjaar 2026: no '… dagen te laat' for 2016–2025."""
    from datetime import date

    from ktv_tui.app.app import KtvApp
    from store.create import create_data_folder

    root = tmp_path / "nieuw"
    create_data_folder(root, "Nieuw B.V.", date(2013, 5, 12), git=False)
    ktv_toml = root / "ktv.toml"
    ktv_toml.write_text(ktv_toml.read_text() + "eerste_meetjaar = 2026\n")
    app = KtvApp(root, today=date(2025, 12, 1), poll_interval=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        shown = _export(app)
        table = app.screen.query_one("#years")
        labels = [table.coordinate_to_cell_key((row, 0)).row_key.value for row in range(table.row_count)]
        assert labels == ["2026"]
        assert "te laat" not in shown and "Nu doen" not in shown
        await pilot.press("j")
        await loaded(pilot)
        assert app.screen.label == 2026
