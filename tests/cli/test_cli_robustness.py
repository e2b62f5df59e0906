"""Odd folders and broken settings: `deadlines` still answers, nothing crashes, nothing wrong is computed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def _no_traceback(result) -> None:
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout


@pytest.mark.parametrize(
    "replacement",
    ['[norm]\nwerknemer = "6.5"\n', "# naam verwijderd\n"],
    ids=["bad-norm", "no-name"],
)
def test_deadlines_answers_with_a_readable_recognition_date(seed: Path, ktv, replacement: str) -> None:
    text = (seed / "ktv.toml").read_text()
    if replacement.startswith("#"):
        text = "\n".join(line for line in text.splitlines() if not line.startswith("naam")) + "\n"
    else:
        text += replacement
    (seed / "ktv.toml").write_text(text)
    result = ktv("--data", str(seed), "deadlines", "--json", "--today", "2017-05-20", rc=0)
    data = json.loads(result.stdout)
    assert data["fouten"] >= 1
    assert data["erkenningsdatum"] == "2013-05-12"
    assert [y["jaar"] for y in data["meetjaren"]] == [2017, 2018]
    assert data["meetjaren"][0]["dagen_tot_deadline"] == 23
    stats = ktv("--data", str(seed), "stats", "--json", "--today", "2017-05-20", rc=2)
    assert "ktv check" in stats.stderr


def test_deadlines_answers_even_without_a_recognition_date(seed: Path, ktv) -> None:
    (seed / "ktv.toml").write_text("schema = 1\nnaam = \n")
    result = ktv("--data", str(seed), "deadlines", "--json", "--today", "2017-05-20", rc=0)
    data = json.loads(result.stdout)
    assert data["meetjaren"] == [] and data["fouten"] >= 1
    human = ktv("--data", str(seed), "deadlines", "--today", "2017-05-20", rc=0)
    assert "ktv.toml:2: fout" in human.stdout
    _no_traceback(human)


def test_verdict_expected_stays_after_the_verdict(seed: Path, ktv) -> None:
    (seed / "meetjaren" / "2017.toml").write_text(
        'schema = 1\ningediend_op = 2017-06-01\nuitslag = "voldaan"\nuitslag_op = 2017-06-15\n'
    )
    data = json.loads(ktv("--data", str(seed), "deadlines", "--json", "--today", "2017-06-20", rc=0).stdout)
    year = data["meetjaren"][0]
    assert year["status"] == "beoordeeld"
    assert year["uitslag_verwacht_voor"] == "2017-07-27"


@pytest.mark.parametrize("folder", ["perioden", "meetjaren"])
def test_a_data_subfolder_that_is_a_file(seed: Path, ktv, folder: str) -> None:
    import shutil

    shutil.rmtree(seed / folder)
    (seed / folder).write_text("")
    check = ktv("--data", str(seed), "check", "--today", "2017-06-01", rc=1)
    assert f"{folder}: fout:" in check.stdout
    _no_traceback(check)
    stats = ktv("--data", str(seed), "stats", "--jaar", "2017", "--today", "2017-06-01", rc=2)
    _no_traceback(stats)
    report = ktv("--data", str(seed), "report", "--concept", "--today", "2017-06-01", rc=2)
    _no_traceback(report)


def test_reports_folder_that_is_a_file(seed: Path, ktv) -> None:
    import shutil

    shutil.rmtree(seed / "rapporten")
    (seed / "rapporten").write_text("")
    result = ktv("--data", str(seed), "report", "--concept", "--jaar", "2017", "--today", "2017-06-01", rc=2)
    assert "kan de PDF niet schrijven" in result.stderr
    _no_traceback(result)


def test_stray_files_in_perioden_are_named(seed: Path, ktv) -> None:
    (seed / "perioden" / "kopie.toml~").write_text("x")
    (seed / "perioden" / "notities.txt").write_text("x")
    (seed / "perioden" / "P5.TOML").write_text("x")
    (seed / "perioden" / "oud").mkdir()
    result = ktv("--data", str(seed), "check", "--today", "2017-06-01", rc=1)
    assert "perioden/kopie.toml~: waarschuwing" in result.stdout
    assert "perioden/notities.txt: waarschuwing" in result.stdout
    assert "perioden/oud: waarschuwing" in result.stdout
    assert "perioden/P5.TOML: fout: ongeldige bestandsnaam" in result.stdout


def test_data_option_pointing_at_a_file(seed: Path, ktv) -> None:
    result = ktv("--data", str(seed / "ktv.toml"), "check", rc=2)
    assert "is een bestand, geen map" in result.stderr


def test_no_color_means_no_escape_codes_at_all(monkeypatch) -> None:
    from ktv_tui.output import console, styled

    monkeypatch.setenv("NO_COLOR", "1")
    out = console()
    with out.capture() as captured:
        out.print(styled(("vet", "bold"), " en ", ("rood", "red")))
        out.print("[bold]letterlijk[/bold]")
    assert captured.get() == "vet en rood\n[bold]letterlijk[/bold]\n"


def _submitted_seed(seed: Path) -> Path:
    (seed / "meetjaren" / "2017.toml").write_text(
        'schema = 1\nanalyse = "A"\nconclusies = "C"\ningediend_op = 2017-06-01\n'
    )
    final = seed / "rapporten" / "klanttevredenheid-2017.pdf"
    final.write_bytes(b"%PDF-1.7 wat naar UWV ging\n")
    return final


def test_a_concept_never_overwrites_the_submitted_report(seed: Path, ktv) -> None:
    final = _submitted_seed(seed)
    ktv("--data", str(seed), "report", "--concept", "--jaar", "2017", "--today", "2017-06-10", rc=0)
    assert final.read_bytes() == b"%PDF-1.7 wat naar UWV ging\n"
    assert (seed / "rapporten" / "klanttevredenheid-2017-concept.pdf").read_bytes().startswith(b"%PDF")


def test_a_submission_is_never_recorded_twice(seed: Path, ktv) -> None:
    _submitted_seed(seed)
    before = (seed / "meetjaren" / "2017.toml").read_bytes()
    result = ktv(
        "--data", str(seed), "report", "--ingediend", "--jaar", "2017", "--today", "2017-06-10", rc=2
    )
    assert "al ingediend op 1 juni 2017" in result.stderr
    assert (seed / "meetjaren" / "2017.toml").read_bytes() == before
