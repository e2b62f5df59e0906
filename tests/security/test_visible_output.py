"""Issue 19 item 2: no control, escape, zero-width, bidi or BOM character of the data or of git
ever reaches the terminal; each is shown as `<U+202E>`, and JSON escapes them (`\\u202e`)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from store.visible import json_safe, visible

from .helpers import TODAY, git

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
HOSTILE = "a\x1b[31mb\x1b]0;titel\x07c\u202ed\u200be\u200df\ufeffg\x9bh"


def test_visible_marks_every_hidden_character():
    shown = visible(HOSTILE)
    assert not RAW.search(shown)
    for code in ("001B", "0007", "202E", "200B", "200D", "FEFF", "009B"):
        assert f"<U+{code}>" in shown
    assert visible("regel 1\nregel 2\tx") == "regel 1\nregel 2\tx"
    assert visible("a\nb", one_line=True) == "a<U+000A>b"
    assert visible("Ĳsselmonde — café 😀") == "Ĳsselmonde — café 😀"
    assert visible(visible(HOSTILE)) == visible(HOSTILE)  # idempotent
    assert visible("x\udcff") == "x\ufffd"  # a byte that was not UTF-8


def test_json_safe_escapes_but_keeps_letters():
    dumped = json.dumps({"naam": "café\u202e\u200b\x7f"}, ensure_ascii=False)
    safe = json_safe(dumped)
    assert "\\u202e" in safe and "\\u200b" in safe and "\\u007f" in safe and "café" in safe
    assert json.loads(safe) == {"naam": "café\u202e\u200b\x7f"}
    tag = json_safe(json.dumps("\U000e0041", ensure_ascii=False))
    assert json.loads(tag) == "\U000e0041" and tag.isascii()


def _hostile_folder(seed: Path) -> Path:
    toml = seed / "ktv.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(
        re.sub(r'naam = ".*"', r'naam = "Jobcoach \\u202e Voorbeeld\\u200b B.V.\\u001b[31m"', text, count=1),
        encoding="utf-8",
    )
    period = seed / "perioden" / "2016-03-18-bbbbb.toml"
    period.write_text(
        period.read_text(encoding="utf-8").replace(
            'jobcoach = "MK"', 'jobcoach = "M\\u202eK"\nopmerking = "a\\u200bb\\u001b]0;titel\\u0007"'
        ),
        encoding="utf-8",
    )
    (seed / "perioden" / "2016-02-12-aaaaa.toml").rename(seed / "perioden" / "x\u200d\u202e.toml")
    git(seed, "add", "-A")
    subprocess.run(
        ["git", "commit", "-q", "-m", "bericht \x1b]0;titel\x07 en \u202e\u200b\x1b[2J"],
        cwd=seed,
        check=True,
        env={
            **__import__("os").environ,
            "GIT_AUTHOR_NAME": "Ev\x1b[31mil\u202e",
            "GIT_AUTHOR_EMAIL": "x\u200b@example.org",
        },
    )
    return seed


COMMANDS = [
    ["check"],
    ["check", "--json"],
    ["deadlines"],
    ["deadlines", "--json"],
    ["stats", "--jaar", "2017"],
    ["stats", "--jaar", "2017", "--json"],
    ["ontbrekend"],
    ["ontbrekend", "--json"],
    ["historie", "2016-03-18-bbbbb"],
    ["historie", "2016-03-18-bbbbb", "--json"],
    ["fmt", "--check"],
    [],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a) or "app")
def test_no_hidden_character_reaches_the_terminal(seed, ktv, args):
    _hostile_folder(seed)
    result = ktv("--data", str(seed), *args, "--today", TODAY)
    assert result.returncode in (0, 1, 2), result.stderr
    for stream in (result.stdout, result.stderr):
        assert not RAW.search(stream), (args, ascii(stream[:3000]))
    if "--json" in args and result.stdout.strip():
        json.loads(result.stdout)


def test_what_is_hidden_is_shown(seed, ktv):
    _hostile_folder(seed)
    check = ktv("--data", str(seed), "check", "--today", TODAY).stdout
    assert "x<U+200D><U+202E>.toml" in check
    deadlines = ktv("--data", str(seed), "deadlines", "--today", TODAY).stdout
    assert "Jobcoach <U+202E> Voorbeeld<U+200B> B.V.<U+001B>[31m" in deadlines
    as_json = ktv("--data", str(seed), "deadlines", "--json", "--today", TODAY).stdout
    assert "\\u202e" in as_json and "\\u200b" in as_json
    history = ktv("--data", str(seed), "historie", "2016-03-18-bbbbb", "--today", TODAY).stdout
    assert "Ev<U+001B>[31mil<U+202E>" in history
    assert "bericht <U+001B>]0;titel<U+0007> en <U+202E><U+200B><U+001B>[2J" in history
    history_json = json.loads(
        ktv("--data", str(seed), "historie", "2016-03-18-bbbbb", "--json", "--today", TODAY).stdout
    )
    assert history_json["versies"][0]["auteur"] == "Ev\x1b[31mil\u202e"  # the data, escaped in JSON


async def test_the_app_shows_hidden_characters_visibly(seed):
    from ktv_tui.app.app import KtvApp

    _hostile_folder(seed)
    app = KtvApp(seed, today=__import__("datetime").date(2017, 6, 10), poll_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(100):
            await pilot.pause(0.02)
            if app.folder is not None and not app.loading:
                break
        await app.workers.wait_for_complete()
        await pilot.pause()
        from ktv_tui.app.screens.history import HistoryScreen

        await app.push_screen(HistoryScreen("2016-03-18-bbbbb"))
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = str(app.screen.query_one("#history").render())
        screen = app.export_screenshot()
    assert "Ev<U+001B>[31mil<U+202E>" in shown and "<U+0007>" in shown
    assert not RAW.search(shown), ascii(shown[:2000])
    assert not RAW.search(screen), ascii(RAW.findall(screen))


def test_rich_and_textual_texts_are_visible_after_the_hook():
    from rich.text import Text
    from textual.content import Content

    from ktv_tui.output import install_visible_text

    install_visible_text()
    assert Text("a\x1b[31m\u202e").plain == "a<U+001B>[31m<U+202E>"
    text = Text("x")
    text.append("\u200by", style="bold")
    assert text.plain == "x<U+200B>y" and text.spans[0].end == len(text.plain)
    assert Content("b\x9b\ufeff").plain == "b<U+009B><U+FEFF>"


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--jaar", "\x1b]0;titel\x07"],
        ["historie", "\x1b[31m\u202e"],
        ["--today", "\x1b[2J", "check"],
        ["stats", "--jaar", "2017\u200b"],
        ["\x1b[31mx"],
        ["import", "/tmp/\u202egpj.csv"],
    ],
)
def test_typed_arguments_never_reach_the_terminal_raw(seed, ktv, args):
    result = ktv("--data", str(seed), *args)
    assert result.returncode == 2
    assert not RAW.search(result.stdout + result.stderr), ascii(result.stderr)
    assert "<U+" in result.stderr or "\\x1b" in result.stderr  # shown, not emitted


def test_a_data_path_with_hidden_characters(tmp_path, ktv):
    result = ktv("--data", str(tmp_path / "map\x1b[31m\u202e"), "check")
    assert result.returncode == 2 and not RAW.search(result.stderr), ascii(result.stderr)
