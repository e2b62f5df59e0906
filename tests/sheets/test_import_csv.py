"""CSV as office programs write it (issue 20 items 1, 5, 7, 11): an unclosed quote, `sep=;`, a
title row, UTF-16 and Windows-1252, Calc's `12-02-16` dates, notes versus rows missing a key."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from sheet_helpers import TODAY

from store.folder import load_folder

HEADER = "werknemer;werkgever;begin;einde;wn_cijfer;opmerking"


def _count(root: Path) -> int:
    return len(list((root / "perioden").glob("*.toml")))


def test_an_unclosed_quote_refuses_the_file_naming_its_line(folder: Path, tmp_path: Path, ktv) -> None:
    sheet = tmp_path / "quote.csv"
    sheet.write_text(
        HEADER + '\nWN-10;WG-1;01-03-2026;;;\nWN-11;WG-1;01-03-2026;;;"bel later\nWN-12;WG-1;01-03-2026;;;\n'
        "WN-13;WG-1;01-03-2026;;;\nWN-14;WG-1;01-03-2026;;;\n",
        encoding="utf-8",
    )
    before = _count(folder)
    result = ktv("--data", str(folder), "import", str(sheet), "--toepassen", "--today", TODAY, rc=1)
    assert "regel 3" in result.stdout and "aanhalingsteken" in result.stdout
    assert "Niets ingelezen" in result.stdout
    assert _count(folder) == before
    data = json.loads(
        ktv("--data", str(folder), "import", str(sheet), "--json", "--today", TODAY, rc=1).stdout
    )
    assert data["toegepast"] is False and any("regel 3" in e for e in data["bestandsfouten"])
    # A quote that is closed, with a `;` and a line break inside, is one cell.
    sheet.write_text(HEADER + '\nWN-11;WG-1;01-03-2026;;;"a;b\nc"\n', encoding="utf-8")
    data = json.loads(
        ktv("--data", str(folder), "import", str(sheet), "--json", "--today", TODAY, rc=0).stdout
    )
    assert len(data["toe_te_voegen"]) == 1


def test_sep_line_title_row_and_two_digit_years(folder: Path, tmp_path: Path, ktv) -> None:
    sheet = tmp_path / "calc.csv"
    sheet.write_text(
        "sep=;\nPerioden 2026 (uit Calc)\n\n" + HEADER + "\nWN-20;WG-1;12-02-26;30-06-26;6,5;\n",
        encoding="utf-8",
    )
    result = ktv("--data", str(folder), "import", str(sheet), "--toepassen", "--today", TODAY, rc=0)
    # The title row is row 1, the empty row 2, the header row 3: the data row is rij 4.
    assert "rij 4: toegevoegd:" in result.stdout
    assert "rij 4: waarschuwing: begin '12-02-26' gelezen als 12-02-2026" in result.stdout
    assert "(cel C4)" in result.stdout
    period = next(
        p for p in load_folder(folder, date(2026, 11, 30)).periods.values() if p.employee == "WN-20"
    )
    assert str(period.begin) == "2026-02-12" and str(period.end) == "2026-06-30"


def test_utf16_and_windows_1252(folder: Path, tmp_path: Path, ktv) -> None:
    text = HEADER + "\r\nWN-30;WG-1;01-03-2026;;7,5;café één\r\n"
    for name, data in (
        ("le.csv", b"\xff\xfe" + text.encode("utf-16-le")),
        ("be.csv", b"\xfe\xff" + text.replace("WN-30", "WN-31").encode("utf-16-be")),
        ("nobom.csv", text.replace("WN-30", "WN-32").encode("utf-16-le")),
        ("ansi.csv", text.replace("WN-30", "WN-33").replace(" één", "").encode("cp1252")),
    ):
        (tmp_path / name).write_bytes(data)
        ktv("--data", str(folder), "import", str(tmp_path / name), "--toepassen", "--today", TODAY, rc=0)

    periods = {p.employee: p for p in load_folder(folder, date(2026, 11, 30)).periods.values()}
    assert periods["WN-30"].remark == "café één" and str(periods["WN-30"].grade("werknemer")) == "7.5"
    assert periods["WN-31"].remark == "café één" and periods["WN-32"].remark == "café één"
    assert periods["WN-33"].remark == "café"


def test_only_a_row_without_period_data_is_a_note(folder: Path, tmp_path: Path, ktv) -> None:
    sheet = tmp_path / "notes.csv"
    sheet.write_text(
        "id;" + HEADER + "\n"
        ";WN-40;WG-1;01-03-2026;;;\n"  # rij 2: good
        ";;;;;;alleen een opmerking\n"  # rij 3: a note
        "Totaal;;;;;7,5;\n"  # rij 4: a cijfer without codes or begin: an error
        ";WN-41;WG-1;;30-06-2026;;\n"  # rij 5: no begin: an error
        ";WN-42;;01-03-2026;;;\n",  # rij 6: no werkgever (a merged cell in an office): an error
        encoding="utf-8",
    )
    data = json.loads(
        ktv("--data", str(folder), "import", str(sheet), "--json", "--today", TODAY, rc=1).stdout
    )
    assert [r["rij"] for r in data["toe_te_voegen"]] == [2]
    assert data["overgeslagen"] == [{"rij": 3, "blad": None, "reden": data["overgeslagen"][0]["reden"]}]
    assert "notitie" in data["overgeslagen"][0]["reden"]
    errors = {p["rij"]: p["bericht"] for p in data["problemen"] if p["ernst"] == "fout"}
    assert set(errors) == {4, 5, 6}
    assert errors[5] == "begin ontbreekt (D5 is leeg)"
    assert errors[6] == "werkgever ontbreekt (C6 is leeg)"


def test_numbers_are_echoed_as_typed_and_cells_named(folder: Path, tmp_path: Path, ktv) -> None:
    sheet = tmp_path / "typed.csv"
    sheet.write_text(
        HEADER + "\nWN-50;WG-1;01-03-2026;30-06-2026;6,55;\nWN-51;WG-1;01-03-2026;;7,x;\n", encoding="utf-8"
    )
    out = ktv("--data", str(folder), "import", str(sheet), "--today", TODAY, rc=1).stdout
    assert "rij 2: fout: wn_cijfer: cijfer 6,55 heeft meer dan één decimaal" in out and "(cel E2)" in out
    assert "6.55" not in out
    assert "rij 3: fout: wn_cijfer '7,x' is geen getal" in out and "(cel E3)" in out
    unknown = tmp_path / "unknown.csv"
    unknown.write_text("werknemer;werkgever;cijfr;begin\n", encoding="utf-8")
    out = ktv("--data", str(folder), "import", str(unknown), "--today", TODAY, rc=1).stdout
    assert "(kolom C)" in out and "kolom 3" not in out


def test_other_file_kinds_are_refused_with_the_fix(folder: Path, tmp_path: Path, ktv) -> None:
    for name in ("oud.xls", "numbers.numbers", "lijst.txt"):
        (tmp_path / name).write_bytes(b"x")
        result = ktv("--data", str(folder), "import", str(tmp_path / name), rc=2)
        assert "sla het op als .xlsx" in result.stderr, result.stderr
