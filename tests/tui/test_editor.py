"""Entering and editing periods by keyboard alone, and never losing work."""

from __future__ import annotations

import re
import tomllib

from store.folder import load_folder

from .conftest import TODAY, files_of, loaded, make_app

NEW_PERIOD_KEYS = (
    "n",
    *"WN-201",
    "tab",
    *"WG-007",
    "tab",
    *"IJ",
    "tab",
    *"2026-03-02",
    "tab",
    *"2026-10-30",
    "tab",
    *"Formulier per post",
    "tab",
    "space",  # werknemer form is in
    "tab",
    *"2026-11-05",
    "tab",
    "8",
    "comma",
    "5",
    "tab",
    "3",  # begeleiding: ja
    "2",  # bereikbaarheid: niet helemaal
    "space",  # werkgever form is in
    "tab",
    *"3-11-2026",  # Dutch date order is accepted too
    "tab",
    "7",
    "tab",
    "g",  # contact_werknemer: goed (first letter)
    "v",  # contact_leiding: voldoende
    "4",
    "3",
    "4",
    "2",  # persoonlijke_ontwikkeling: matig
    "3",
    "3",
    "1",  # loopbaanperspectief: onvoldoende
)

EXPECTED_BODY = """schema = 1
werknemer = "WN-201"
werkgever = "WG-007"
jobcoach = "IJ"
begin = 2026-03-02
einde = 2026-10-30
opmerking = "Formulier per post"

[beoordeling.werknemer]
ontvangen = 2026-11-05
cijfer = 8.5

[beoordeling.werknemer.antwoorden]
begeleiding = "ja"
bereikbaarheid = "niet helemaal"

[beoordeling.werkgever]
ontvangen = 2026-11-03
cijfer = 7.0

[beoordeling.werkgever.antwoorden]
contact_werknemer = "goed"
contact_leiding = "voldoende"
bereikbaarheid = "goed"
bezoeken = "voldoende"
benadering = "goed"
persoonlijke_ontwikkeling = "matig"
werknemersvaardigheden = "voldoende"
werkomgeving = "voldoende"
loopbaanperspectief = "onvoldoende"
"""


async def test_new_period_by_keyboard_writes_the_spec_file(demo):
    before = files_of(demo)
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press(*NEW_PERIOD_KEYS)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.screen.dirty
    after = files_of(demo)
    new = sorted(set(after) - set(before))
    assert len(new) == 1 and new[0].startswith("perioden/2026-03-02-")
    assert after[new[0]].decode() == EXPECTED_BODY
    assert {k: v for k, v in after.items() if k != new[0]} == before
    folder = load_folder(demo, TODAY)
    assert not folder.problems_of(new[0])


async def test_new_period_ids_do_not_collide(demo):
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        for _ in range(2):
            await pilot.press("n", *"WN-5", "tab", *"WG-5", "tab", "tab", *"2026-03-02", "ctrl+s")
            await pilot.pause()
            await pilot.press("escape")
            await loaded(pilot)
    new = [p for p in (demo / "perioden").glob("2026-03-02-*.toml")]
    assert len(new) == 2


async def test_errors_block_saving_and_show_beside_the_field(demo):
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("n", *"WN-1", "tab", *"WG 0612345678", "tab", "tab", *"2026-05-01", "tab")
        await pilot.press(*"2026-04-01", "tab", "tab", "space", "tab", "tab", "1", "1", "ctrl+s")
        await pilot.pause()
        screen = app.screen
        text = str(screen.query_one("#msg-werkgever").render())
        assert "persoonsgegevens" in text
        assert "ligt voor begin" in str(screen.query_one("#msg-einde").render())
        assert "buiten 1 tot 10" in str(screen.query_one("#msg-werknemer--cijfer").render())
        assert screen.dirty
    assert sorted(p.name for p in (demo / "perioden").iterdir()) == sorted(
        p.name for p in (demo / "perioden").iterdir()
    )
    assert not any('WN-1"' in p.read_text() for p in (demo / "perioden").iterdir())


async def open_first_completed(pilot):
    """Periods screen, sorted by einde descending; the first completed one with both forms."""
    app = pilot.app
    await pilot.press("p")
    await pilot.pause()
    screen = app.screen
    row = next(r for r in screen.visible() if r.einde is not None and all(r.forms))
    table = screen.query_one("#periods")
    table.move_cursor(row=table.get_row_index(row.id))
    await pilot.press("enter")
    await pilot.pause()
    return row.id


async def test_editing_changes_only_that_file(demo):
    before = files_of(demo)
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        pid = await open_first_completed(pilot)
        editor = app.screen
        grade = editor.query_one("#in-werknemer--cijfer")
        grade.focus()
        grade.value = ""
        await pilot.press("9", "ctrl+s")
        await pilot.pause()
    after = files_of(demo)
    rel = f"perioden/{pid}.toml"
    changed = [k for k in after if after[k] != before.get(k)]
    assert changed == [rel]
    data = tomllib.loads(after[rel].decode())
    assert data["beoordeling"]["werknemer"]["cijfer"] == 9.0
    old = before[rel].decode().splitlines()
    new = after[rel].decode().splitlines()
    assert [a for a, b in zip(old, new, strict=True) if a != b] == [
        line for line in old if line.startswith("cijfer") and line != new[old.index(line)]
    ]


async def test_mistaken_escape_loses_nothing(demo):
    from ktv_tui.app.screens.dialogs import ChoiceDialog
    from ktv_tui.app.screens.period_editor import PeriodEditorScreen

    before = files_of(demo)
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        pid = await open_first_completed(pilot)
        field = app.screen.query_one("#in-opmerking")
        field.focus()
        await pilot.press("end", "space", *"extra")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("t")  # terug
        await pilot.pause()
        assert isinstance(app.screen, PeriodEditorScreen)
        assert app.screen.query_one("#in-opmerking").value.endswith(" extra")
        assert files_of(demo) == before
        # Also a stray navigation key asks first.
        app.screen.query_one("#in-werknemer--present").focus()
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PeriodEditorScreen)
        # Now leave, saving.
        await pilot.press("escape", "o")
        await pilot.pause()
        assert not isinstance(app.screen, PeriodEditorScreen)
    data = tomllib.loads((demo / f"perioden/{pid}.toml").read_text())
    assert data["opmerking"].endswith(" extra")


async def test_discard_writes_nothing(demo):
    before = files_of(demo)
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("n", *"WN-300", "escape", "w")
        await pilot.pause()
    assert files_of(demo) == before


async def test_file_changed_on_disk_while_editing_merges_before_saving(demo):
    """A change on disk to other parts of the file is merged, so ctrl+s keeps both (SPEC §8)."""
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        pid = await open_first_completed(pilot)
        path = demo / f"perioden/{pid}.toml"
        field = app.screen.query_one("#in-jobcoach")
        field.focus()
        field.value = ""
        await pilot.press(*"ZZ")
        theirs = re.sub(r"(?m)^opmerking = .*$", 'opmerking = "Door collega aangevuld"', path.read_text())
        assert "Door collega" in theirs
        path.write_text(theirs)
        await pilot.press("ctrl+s")
        await pilot.pause(0.1)
    text = path.read_text()
    assert 'jobcoach = "ZZ"' in text
    assert 'opmerking = "Door collega aangevuld"' in text


async def test_change_on_disk_noticed_by_poll_while_dirty(demo):
    """The same field changed on both sides: no dialog while typing, a choice per field at ctrl+s."""
    from ktv_tui.app.screens.dialogs import ChoiceDialog

    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        pid = await open_first_completed(pilot)
        path = demo / f"perioden/{pid}.toml"
        field = app.screen.query_one("#in-jobcoach")
        field.focus()
        await pilot.press(*"Q")
        path.write_text(path.read_text().replace('jobcoach = "', 'jobcoach = "X'))
        app.check_disk()
        await loaded(pilot)
        await pilot.pause(0.1)
        editor = app.screen
        assert not isinstance(editor, ChoiceDialog)  # typing is never interrupted
        assert editor.focused is field
        await pilot.press("ctrl+s")
        await pilot.pause(0.1)
        assert isinstance(app.screen, ChoiceDialog)
        shown = str(app.screen.query_one("Static.title").render()) + str(
            list(app.screen.query("Static"))[1].render()
        )
        assert "jobcoach" in shown
        await pilot.press("s")  # the value on disk
        await pilot.pause(0.1)
        assert editor.query_one("#in-jobcoach").value.startswith("X")
    assert 'jobcoach = "X' in path.read_text()


async def test_delete_asks_first(demo):
    from ktv_tui.app.screens.dialogs import ChoiceDialog

    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        pid = await open_first_completed(pilot)
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("n")
        await pilot.pause()
        assert (demo / f"perioden/{pid}.toml").exists()
        await pilot.press("ctrl+d", "j")
        await pilot.pause()
    assert not (demo / f"perioden/{pid}.toml").exists()
