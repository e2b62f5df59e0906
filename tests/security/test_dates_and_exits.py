"""Issue 19 items 7 and 9: dates at the end of the calendar, a date of birth judged against
--today, U+FE6B, a closed stdout, a full disk, a date that does not exist."""

from __future__ import annotations

import errno
import json
import os
import subprocess
from pathlib import Path

import pytest
from cli.seed_folder import KTV

from .helpers import TODAY

PERIOD = "perioden/2016-02-12-aaaaa.toml"
READERS = [
    ["check"],
    ["check", "--json"],
    ["deadlines"],
    ["deadlines", "--json"],
    ["deadlines", "--binnen", "30"],
    ["stats"],
    ["ontbrekend"],
    ["report", "--concept", "--jaar", "2017"],
    ["fmt", "--check"],
    ["historie", "2016-02-12-aaaaa"],
]


def _set(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("when", ["9999-12-31", "9999-05-12", "9998-06-01"])
@pytest.mark.parametrize("key", ["einde", "begin", "ontvangen"])
def test_a_date_at_the_end_of_the_calendar_never_crashes(seed, ktv, key, when):
    old = {
        "einde": "einde = 2016-07-11",
        "begin": "begin = 2016-02-12",
        "ontvangen": "ontvangen = 2016-07-11",
    }
    _set(seed, PERIOD, old[key], f"{key} = {when}")
    commands = READERS if (key, when) == ("einde", "9999-12-31") else READERS[:4]
    for args in commands:
        result = ktv("--data", str(seed), *args, "--today", TODAY)  # run_ktv: never a traceback
        assert result.returncode in (0, 1, 2), (args, result.stderr)
        if args[0] == "check" and key != "ontvangen":
            assert "2016-02-12-aaaaa" in result.stdout


@pytest.mark.parametrize("when", ["9999-12-31", "9001-01-01", "0001-01-01", "2017-02-29", "17-06-10"])
def test_today_outside_the_calendar_is_a_dutch_message(seed, ktv, when):
    for args in (["check"], ["deadlines"], ["deadlines", "--json"], ["stats"]):
        result = ktv("--data", str(seed), *args, "--today", when)
        assert result.returncode in (0, 1, 2)
        if when != "0001-01-01":
            assert result.returncode == 2 and when in result.stderr


def test_a_submission_date_at_the_end_of_the_calendar(seed, ktv):
    (seed / "meetjaren" / "2017.toml").write_text(
        'schema = 1\ningediend_op = 9999-12-31\nanalyse = "a"\nconclusies = "c"\n', encoding="utf-8"
    )
    for args in READERS:
        ktv("--data", str(seed), *args, "--today", TODAY)


@pytest.mark.parametrize(
    ("written", "why"),
    [
        ("2016-13-01", "maand 13"),
        ("2017-02-29", "28 dagen"),
        ("2016-04-31", "30 dagen"),
        ("2016-00-10", "maand 0"),
    ],
)
def test_a_date_that_does_not_exist_is_ongeldige_datum(seed, ktv, written, why):
    _set(seed, "ktv.toml", "erkenningsdatum = 2013-05-12", f"erkenningsdatum = {written}")
    result = ktv("--data", str(seed), "check", "--json", "--today", TODAY, rc=1)
    problems = json.loads(result.stdout)["problemen"]
    found = [p for p in problems if p["bestand"] == "ktv.toml"]
    assert found and found[0]["code"] in ("ongeldige-waarde", "verkeerd-type")
    assert (
        found[0]["regel"] is not None
        and "ongeldige datum" in found[0]["bericht"]
        and why in found[0]["bericht"]
    )
    assert "syntax" not in found[0]["bericht"].lower()
    _set(seed, "ktv.toml", f"erkenningsdatum = {written}", "erkenningsdatum = 2013-05-12")
    _set(seed, PERIOD, "einde = 2016-07-11", f"einde = {written}")
    problems = json.loads(ktv("--data", str(seed), "check", "--json", "--today", TODAY).stdout)["problemen"]
    assert any(p["bestand"] == PERIOD and p["code"] == "ongeldige-waarde" for p in problems)


def test_a_date_of_birth_is_judged_against_today(seed, ktv):
    _set(seed, PERIOD, 'jobcoach = "IJ"', 'jobcoach = "IJ"\nopmerking = "gesprek 01-06-2004"')
    result = ktv("--data", str(seed), "check", "--json", "--today", "2017-06-01")
    assert not [p for p in json.loads(result.stdout)["problemen"] if p["code"] == "persoonsgegevens"]
    result = ktv("--data", str(seed), "check", "--json", "--today", "2026-06-01")
    assert [p for p in json.loads(result.stdout)["problemen"] if p["code"] == "persoonsgegevens"]


@pytest.mark.parametrize("at", ["\ufe6b", "\uff20", "@"])
def test_every_at_sign_in_an_e_mail_address_is_found(seed, ktv, at):
    _set(seed, PERIOD, 'jobcoach = "IJ"', f'jobcoach = "IJ"\nopmerking = "mail jan{at}voorbeeld.nl"')
    problems = json.loads(ktv("--data", str(seed), "check", "--json", "--today", TODAY, rc=1).stdout)[
        "problemen"
    ]
    assert any(p["code"] == "persoonsgegevens" and "e-mail" in p["bericht"] for p in problems)


@pytest.mark.parametrize(
    "args",
    [
        ["stats", "--jaar", "2017"],
        ["check"],
        ["deadlines"],
        ["deadlines", "--json"],
        ["historie", "2016-02-12-aaaaa"],
        ["stats", "--jaar", "2017", "--json"],
        ["ontbrekend"],
        ["check", "--json"],
        [],
    ],
    ids=lambda a: " ".join(a) or "app",
)
def test_a_closed_stdout_ends_quietly_with_0(seed, args, tmp_path):
    """`ktv stats | head -1`: the reader has gone before ktv writes (the read end of the pipe
    is closed), also with an error in the data (`check` would exit 1)."""
    (seed / "meetjaren" / "2018.toml").write_text("schema = 1\nanalyze = 7\n")  # an error: check exits 1
    env = {k: v for k, v in os.environ.items() if k != "KTV_DATA"} | {"NO_COLOR": "1"}
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run(
            [KTV, "--data", str(seed), *args, "--today", TODAY],
            stdout=write_end,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            env=env,
            cwd=tmp_path,
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert result.returncode == 0, result.stderr
    assert result.stderr == b"", result.stderr


def test_stats_piped_to_head(seed, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "KTV_DATA"} | {"NO_COLOR": "1"}
    line = f"{KTV} --data {seed} stats --jaar 2017 --today {TODAY} | head -1; echo rc=${{PIPESTATUS[0]}}"
    result = subprocess.run(
        ["bash", "-c", line], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60
    )
    assert result.stdout.strip().endswith("rc=0") and result.stderr == "", (result.stdout, result.stderr)


def test_a_full_disk_names_the_file_and_leaves_no_temp_file(seed, monkeypatch, capsys):
    import store.toml_io as toml_io
    from ktv_tui.cli import main

    _set(seed, PERIOD, "cijfer = 7.0", "cijfer = 7")  # not canonical: fmt rewrites it

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(toml_io.os, "fsync", full)
    code = main(["--data", str(seed), "fmt", "--today", TODAY])
    err = capsys.readouterr().err
    assert code != 0
    assert "de schijf is vol" in err and "2016-02-12-aaaaa.toml" in err and "ktv-tmp" not in err
    assert not [p for p in seed.rglob("*.ktv-tmp")]
    assert "cijfer = 7\n" in (seed / PERIOD).read_text(encoding="utf-8")  # the old version stays


def test_a_full_disk_during_an_import_leaves_no_temp_file(seed, monkeypatch, capsys, tmp_path):
    import builtins

    import store.toml_io as toml_io
    from ktv_tui.cli import main

    sheet = tmp_path / "rijen.csv"
    sheet.write_text("werknemer;werkgever;begin\nWN-900;WG-900;2016-06-01\nWN-901;WG-900;2016-06-02\n")
    real_open = builtins.open

    class Full:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

    def fake_open(path, mode="r", *args, **kwargs):
        handle = real_open(path, mode, *args, **kwargs)
        return Full(handle) if str(path).endswith(".ktv-tmp") else handle

    monkeypatch.setattr(toml_io, "open", fake_open, raising=False)
    code = main(["--data", str(seed), "import", str(sheet), "--toepassen", "--today", TODAY])
    err = capsys.readouterr().err
    assert code != 0 and "de schijf is vol" in err and ".toml" in err and "ktv-tmp" not in err
    assert not [p for p in seed.rglob("*.ktv-tmp")]
    assert len(list((seed / "perioden").glob("*.toml"))) == 5
