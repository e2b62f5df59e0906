"""A table of hostile inputs (issue 10: findings 2, 5, 8, 9) and the folders built from them,
shared by the command-line test (tests/cli/test_cli_hostile.py) and the app's (tests/tui).

Texts go into TOML strings, byte strings become whole files, names become file and folder
names in every part of the data folder, paths go to --data, KTV_DATA and -o."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

MARKUP = [
    "[/bold]",
    "[bold]vet",
    "[red]rood[/red]",
    "x[/x]",
    "[/]",
    "\\[x]",
    "[link=file:///etc/passwd]klik[/link]",
    "[@click=app.quit]stop[/]",
    ":smile: :cross_mark:",
    "[b][i]open",
    "$(rm -rf ~) `ls` ${HOME}",
    '#set page(fill: red) #eval("1")',
    "%s %d {0} {{x}}",
]
"""Valid text that a renderer could take for markup or a command: must print literally."""

CONTROL = [
    "\x1b[2J\x1b[H",
    "\x1b]0;titel\x07",
    "\x9b31m",
    "\x7f",
    "a\x00b",
    "\u202eevil",
    "\u2066x\u2069",
    "\u200bcode",
    "\ufeffbom",
    "\r\nregel",
    "\x08\x08\x08",
]
"""Control characters, bidi overrides, zero-width: errors where typed, never raw on a terminal."""

ODD = [
    "é" * 300,
    "𝕏 😀" * 40,
    "<script>alert(1)</script>",
    "'; DROP TABLE x; --",
    "../../etc/passwd",
    "~root",
]

TEXTS = MARKUP + CONTROL + ODD

CONTENTS = [
    b"\xff\xfe\x00s\x00c\x00",
    b"\x00" * 64,
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nstream\n\x00\xff\x80\nendstream\n",
    b'schema = 1\nwerknemer = "\xff"\n',
    b"a = " + b"[" * 3000 + b"]" * 3000 + b"\n",
    b"a = " + b"{b=" * 2000 + b"1" + b"}" * 2000 + b"\n",
    b"einde = " + b"9" * 5000 + b"\n",
    b"<<<<<<< HEAD\nschema = 1\n=======\nschema = 2\n>>>>>>> x\n",
    b"\xef\xbb\xbfschema = 1\r\n",
    "schema = 1\n".encode("utf-16"),
    b'schema = 1\nopmerking = "caf\xe9"\n',
    b"schema = 1\n[beoordeling.werknemer]\ncijfer = 1e400\n",
    b"schema = 1\ncijfer = nan\nbegin = 9999-12-31\neinde = 0001-01-01\n",
    b"schema = 1\n" + b"# x\n" * 20000,
    b"",
]
"""Whole files: undecodable, binary, nested deeply, huge numbers, conflict markers, other encodings."""

NAMES = [
    b"\xff",
    b"\xe9t\xe9",
    b"[bold]x",
    b"x\x1b[2J",
    b"\xe2\x80\xaeevil",
    b"a b",
    b"-rf",
    b"0612345678",
    b"UPPER",
    b"\xc3",
    b":smile:",
    b"\x7f",
]
"""File names (without suffix): not UTF-8, markup, escapes, bidi, an option, a phone number."""


def toml_string(text: str) -> str:
    """A TOML basic string holding `text` exactly (control characters escaped)."""
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _write(folder: Path, name: bytes, data: bytes) -> None:
    path = os.fsencode(folder) + b"/" + name
    with open(path, "wb") as handle:
        handle.write(data)


def add_hostile_files(root: Path) -> int:
    """Every text, content and name of the table into `root`; returns how many inputs were used."""
    periods = root / "perioden"
    used = 0
    for n, text in enumerate(TEXTS):
        for field in ("opmerking", "werknemer", "jobcoach"):
            value = {"opmerking": '"ok"', "werknemer": '"WN-1"', "jobcoach": '"IJ"'}
            value[field] = toml_string(text)
            (periods / f"2016-09-{n % 28 + 1:02d}-t{n:02d}{field[0]}.toml").write_text(
                f'schema = 1\nwerknemer = {value["werknemer"]}\nwerkgever = "WG-1"\n'
                f"jobcoach = {value['jobcoach']}\nbegin = 2016-09-01\neinde = 2017-01-0{n % 9 + 1}\n"
                f"opmerking = {value['opmerking']}\n",
                encoding="utf-8",
            )
        used += 1
    for n, data in enumerate(CONTENTS):
        _write(periods, f"2016-10-01-c{n:03d}.toml".encode(), data)
        used += 1
    _write(root / "meetjaren", b"2018.toml", CONTENTS[0])
    for n, name in enumerate(NAMES):
        for folder in ("perioden", "meetjaren", "rapporten", "vragenlijsten", ""):
            suffix = b".pdf" if folder == "rapporten" else b".toml"
            _write(root / folder if folder else root, name + suffix, b"schema = 1\n")
        try:
            os.mkdir(os.fsencode(root / "rapporten") + b"/" + name + b"-map-%d" % n)
        except OSError:
            pass
        used += 1
    return used


def markup_questionnaire(root: Path) -> None:
    """Valid questionnaire and organisation texts that look like Rich markup."""
    questionnaire = root / "vragenlijsten" / "werknemer.toml"
    text = questionnaire.read_text(encoding="utf-8")
    text = text.replace('"ja"', '"ja [/bold]"').replace('"nee"', '"[red]nee"')
    text = text.replace("Bent u tevreden over de begeleiding", "[bold]Begeleiding[/x] :smile: $(ls)")
    questionnaire.write_text(text, encoding="utf-8")
    for path in (root / "perioden").glob("*.toml"):
        data = path.read_text(encoding="utf-8")
        data = data.replace('= "ja"', '= "ja [/bold]"').replace('= "nee"', '= "[red]nee"')
        path.write_text(re.sub('^werknemer = "', 'werknemer = "[/b]', data, flags=re.M), encoding="utf-8")
    organisation = root / "ktv.toml"
    data = organisation.read_text(encoding="utf-8")
    lines = [
        'naam = "[bold]Org[/x] :smile: [link=x]"' if line.startswith("naam") else line
        for line in data.splitlines()
    ]
    organisation.write_text("\n".join(lines) + "\n", encoding="utf-8")


def git_commit_all(root: Path, message: str = "alles") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", message]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)
