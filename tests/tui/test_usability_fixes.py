"""What the 80×24 usability trial found: each fix pinned by the keystrokes that showed it."""

from __future__ import annotations

import subprocess

from .conftest import loaded, make_app, pdf_outcome


async def test_arrow_keys_move_between_fields_not_scroll(demo):
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("n", *"WN-205", "down", "X")
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#in-werknemer").value == "WN-205"
        assert screen.query_one("#in-werkgever").value == "X"
        await pilot.press("up")
        assert screen.focused.id == "in-werknemer"
        assert screen.query_one("#in-werknemer").value == "WN-205"


async def test_enter_on_form_received_moves_on_and_keeps_the_form(demo):
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("n", *"WN-205", "tab", "tab", "tab", "tab", "tab", "tab")
        box = app.screen.focused
        assert box.id.endswith("present"), box.id
        await pilot.press("space")
        assert box.value is True
        await pilot.press("enter")
        await pilot.pause()
        assert box.value is True
        assert app.screen.focused is not box


async def test_saving_one_text_leaves_the_others_byte_for_byte(demo):
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("j")
        await pilot.pause()
        screen = app.screen
        label = screen.label
        before = (demo / f"meetjaren/{label}.toml").read_text()
        area = screen.query_one("#text-analysis")
        area.focus()
        area.move_cursor(area.document.end)
        await pilot.press(*" Extra zin.")
        await pilot.press("ctrl+s")
        await pilot.pause()
    diff = subprocess.run(
        ["git", "diff", "--unified=0", "--", f"meetjaren/{label}.toml"],
        cwd=demo,
        capture_output=True,
        text=True,
    ).stdout
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert before != (demo / f"meetjaren/{label}.toml").read_text()
    assert all("Extra zin." in line or "analyse" in line or line[1:].strip() in before for line in changed)
    # (the analysis itself may mention "acties": only the keys' own lines must stay out of the diff)
    assert not any(line[1:].lstrip().startswith(("acties", "conclusies")) for line in changed)


async def test_submission_is_never_recorded_twice(demo):
    """Demo meetjaar 2026 was sent in and judged: `i` refuses and changes nothing."""
    before = (demo / "meetjaren/2026.toml").read_bytes()
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("j")
        await pilot.pause()
        screen = app.screen
        while screen.label > 2026:
            await pilot.press("left_square_bracket")
            await pilot.pause()
        await pilot.press("i", "j")  # j: yes, record it
        shown = await pdf_outcome(pilot, screen)
    assert "al ingediend" in shown
    assert (demo / "meetjaren/2026.toml").read_bytes() == before
    assert not (demo / "rapporten/klanttevredenheid-2026.pdf").exists()


async def test_tab_reaches_the_meetjaren_table_and_stays_there(demo):
    (demo / "perioden" / "kapot.toml").write_text("werknemer = \n")
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        # SPEC §7 (added 2026-11-30): the meetjaren table has the focus from the start.
        assert app.screen.focused.id == "years"
        await pilot.press("tab")
        assert app.screen.focused.id == "problems"
        await pilot.press("shift+tab")
        assert app.screen.focused.id == "years"
        app.reload()  # what the 2 s poll does after a change on disk
        await loaded(pilot)
        assert app.screen.focused.id == "years"


async def test_palette_runs_a_screen_action_from_the_meetjaar_screen(demo):
    """Screen commands with arguments (c/r/m as pdf('concept') …) run from the palette."""
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("j")
        await pilot.pause()
        screen = app.screen
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Conceptrapport")
        await pilot.pause(0.3)
        await pilot.press("enter")
        assert "PDF gemaakt" in await pdf_outcome(pilot, screen)


async def test_new_period_shows_empty_required_fields_neutrally_not_as_errors(demo):
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("n")
        await pilot.pause()
        title = str(app.screen.query_one("#title").render())
        assert "in te vullen: werknemer, werkgever, begin" in title
        assert "fout" not in title
        # A wrong value is still an error; the empty werkgever is still only "to fill in".
        await pilot.press(*"WN-1", "tab", "tab", "tab", *"2026-13-01")
        await pilot.pause()
        title = str(app.screen.query_one("#title").render())
        assert "1 fout" in title
        assert "in te vullen: werkgever" in title


async def test_answer_keys_hint_is_shown_once_while_on_screen(demo):
    from ktv_tui.app.widgets.answer_field import AnswerField

    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        box = screen.query_one("#in-werknemer--present")
        box.value = True
        await pilot.pause()
        field = screen.query(AnswerField).first()
        assert "x" not in field.keys
        field.focus()
        await pilot.press("x", "x", "x")
        await pilot.pause()
        hints = [n for n in app._notifications if n.message.startswith("Antwoord met")]
        assert len(hints) == 1
        assert screen.focused is field
