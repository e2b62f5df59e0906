"""The app under pilot with issue 10's hostile data: load, git screen, meetjaar PDFs and saving.

Findings: 2 (binary and non-UTF-8 files on the git screen and in the load), 3 (`c` writes the
concept file), 5 (markup in texts), 9 (a meetjaren/ folder linked out of the data folder)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from hostile_inputs import add_hostile_files, markup_questionnaire

from .conftest import loaded, make_app, pdf_outcome


def _load_failed(app) -> bool:
    from ktv_tui.app.screens.dialogs import ChoiceDialog

    return any(isinstance(s, ChoiceDialog) and s.title_text == "Laden mislukt" for s in app.screen_stack)


async def _walk_git_rows(pilot, sample: bool = False) -> list[str]:
    """Open the git screen and move the cursor over every row (or, with `sample`, the rows whose
    name is not UTF-8 and every tenth other one); the diff shown per row."""
    from store.paths import is_utf8_name

    app = pilot.app
    await pilot.press("g")
    await pilot.pause()
    files = app.screen.query_one("#git-files")
    indices = range(files.option_count)
    if sample:
        ids = [files.get_option_at_index(i).id or "" for i in indices]
        indices = [i for i in indices if i % 10 == 0 or not is_utf8_name(ids[i])]
    shown = []
    for index in indices:
        files.highlighted = index
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown.append(str(app.screen.query_one("#git-diff").render()))
    return shown


async def test_concept_then_git_screen_walks_every_row(demo: Path) -> None:
    """A new user's flow: make a concept with `c`, press `g`, walk every row (a PDF, a name
    that is not UTF-8, a binary period file) — no crash, the PDF is a "binair bestand"."""
    with open(os.fsencode(demo / "rapporten") + b"/\xff-oud.pdf", "wb") as handle:
        handle.write(b"%PDF-1.7\n\x00\xff\xfe")
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("j")
        await pilot.pause()
        screen = app.screen
        await pilot.press("c")
        assert "PDF gemaakt" in await pdf_outcome(pilot, screen)
        label = screen.label
        (demo / "perioden" / "2020-01-01-binai.toml").write_bytes(b"\x00\xff\xfe binary\n")
        await pilot.press("escape")
        await pilot.press("f5")
        await loaded(pilot)
        diffs = await _walk_git_rows(pilot)
        assert not _load_failed(app)
    assert (demo / "rapporten" / f"klanttevredenheid-{label}-concept.pdf").read_bytes().startswith(b"%PDF")
    assert not (demo / "rapporten" / f"klanttevredenheid-{label}.pdf").exists()
    assert len(diffs) >= 2  # the concept PDF is ignored by git (.gitignore: *-concept.pdf)
    assert not any("-concept.pdf" in d for d in diffs), diffs
    assert sum("binair bestand" in d for d in diffs) >= 2, diffs


async def test_app_loads_the_generated_hostile_folders(demo: Path, tmp_path: Path) -> None:
    """The table of tests/hostile_inputs.py in a data folder: the app loads it, lists the problems,
    and the git screen walks its odd names."""
    markup = tmp_path / os.fsdecode(b"opmaak[/x]\xff\x1b[2J")  # the folder's own name too
    shutil.copytree(demo, markup, symlinks=True)
    markup_questionnaire(markup)
    assert add_hostile_files(demo) >= 40
    for root in (demo, markup):
        app = make_app(root)
        async with app.run_test(size=(80, 24)) as pilot:
            await loaded(pilot)
            assert app.folder is not None and not _load_failed(app)
            await pilot.press("j")
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            await _walk_git_rows(pilot, sample=True)
            assert not _load_failed(app)
        if root is demo:
            assert len(app.folder.errors) > 50
        else:
            assert "[bold]Org[/x]" in app.folder.name


async def test_meetjaar_save_into_a_folder_linked_outside(demo: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elders"
    shutil.move(demo / "meetjaren", elsewhere)
    (demo / "meetjaren").symlink_to(elsewhere)
    before = {p.name: p.read_bytes() for p in elsewhere.iterdir()}
    app = make_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert any(p.file == "meetjaren" for p in app.folder.errors)
        await pilot.press("j")
        await pilot.pause()
        app.screen.query_one("#text-analysis").text = "Nieuwe analyse [/bold]"
        await pilot.press("ctrl+s")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
    assert any("Niet opgeslagen" in m and "buiten de gegevensmap" in m for m in messages), messages
    assert {p.name: p.read_bytes() for p in elsewhere.iterdir()} == before


async def test_app_keys_follow_the_report_file_rules(tmp_path: Path) -> None:
    """Finding 3 in the app: `r` after a recorded submission is refused with the reason and the
    sent PDF stays; `c` still makes the concept; with uncommitted data `r` is refused too."""
    import subprocess
    from datetime import date

    from ktv_tui.app.app import KtvApp
    from ktv_tui.demo import make_demo

    today = date(2026, 6, 1)
    root = tmp_path / "demo"
    make_demo(root, today)
    year = root / "meetjaren" / "2026.toml"
    year.write_text(year.read_text() + "ingediend_op = 2026-05-20\n")
    sent = root / "rapporten" / "klanttevredenheid-2026.pdf"
    sent.write_bytes(b"%PDF-1.7 wat naar UWV ging\n")
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(["git", "commit", "-q", "-m", "ingediend"], cwd=root, check=True)
    app = KtvApp(root, today=today, poll_interval=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("j")
        await pilot.pause()
        screen = app.screen
        while screen.label > 2026:
            await pilot.press("left_square_bracket")
            await pilot.pause()
        await pilot.press("r")
        refused = await pdf_outcome(pilot, screen)
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("c")
        concept = await pdf_outcome(pilot, screen)
        (root / "perioden" / "2026-01-01-extra.toml").write_text(
            'schema = 1\nwerknemer = "WN-901"\nwerkgever = "WG-901"\nbegin = 2026-01-01\n'
        )
        year.write_text(year.read_text().replace("ingediend_op = 2026-05-20\n", ""))
        await pilot.press("f5")
        await loaded(pilot)
        await pilot.press("r")
        dirty = await pdf_outcome(pilot, screen)
    assert "Geweigerd" in refused and "nooit vervangen" in refused and "(c)" in refused, refused
    assert sent.read_bytes() == b"%PDF-1.7 wat naar UWV ging\n"
    assert "PDF gemaakt" in concept and (root / "rapporten" / "klanttevredenheid-2026-concept.pdf").is_file()
    assert "Geweigerd" in dirty and "niet-vastgelegde" in dirty and "in de app: g" in dirty, dirty
    assert sent.read_bytes() == b"%PDF-1.7 wat naar UWV ging\n"
