"""`ktv export` and `ktv import` (SPEC §10, issue 15): round trips, broken rows, office sheets."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from store.folder import load_folder

TODAY = "2026-11-30"
DAY = date(2026, 11, 30)


def _periods(root: Path):
    folder = load_folder(root, DAY, with_git=False)
    return folder.periods


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    """The demo folder plus one period with awkward texts (a formula-like remark, a newline)."""
    from seed_folder import run_ktv

    base = tmp_path_factory.mktemp("demo")
    root = base / "demo"
    run_ktv("demo", str(root), "--no-tui", "--today", TODAY, cwd=base, check_rc=0)
    (root / "perioden" / "2025-06-01-weird.toml").write_text(
        'schema = 1\nwerknemer = "-12"\nwerkgever = "WG-7"\njobcoach = "=IJ"\nbegin = 2025-06-01\n'
        'einde = 2026-01-15\nopmerking = "=SOM(A1:A2); regel één\\n  tweede regel met spaties  "\n\n'
        '[beoordeling.werkgever]\ncijfer = 9.5\n\n[beoordeling.werkgever.antwoorden]\nbezoeken = "goed"\n\n'
        '[ontbreekt]\nwerknemer = "\'@ niet teruggestuurd"\n',
        encoding="utf-8",
    )
    return root


def _empty(tmp_path: Path, ktv, name: str = "leeg") -> Path:
    root = tmp_path / name
    ktv(
        "init",
        str(root),
        "--naam",
        "Leeg B.V.",
        "--erkenningsdatum",
        "2013-05-12",
        "--no-git",
        "--vanaf",
        "2017",
        rc=0,
    )
    return root


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_round_trip_gives_the_same_periods(demo: Path, tmp_path: Path, ktv, suffix: str) -> None:
    sheet = tmp_path / f"alles.{suffix}"
    out = ktv("--data", str(demo), "export", "-o", str(sheet), rc=0)
    assert "geschreven naar" in out.stdout
    target = _empty(tmp_path, ktv)
    dry = ktv("--data", str(target), "import", str(sheet), "--today", TODAY, rc=0)
    assert "Nog niets geschreven" in dry.stdout
    assert list((target / "perioden").glob("*.toml")) == []
    ktv("--data", str(target), "import", str(sheet), "--toepassen", "--today", TODAY, rc=0)
    before, after = _periods(demo), _periods(target)
    assert len(before) > 50
    assert set(before) == set(after)  # ids kept
    for pid, period in before.items():
        assert after[pid] == period, pid
    # The same file again adds nothing.
    again = ktv("--data", str(target), "import", str(sheet), "--toepassen", "--json", "--today", TODAY, rc=0)
    data = json.loads(again.stdout)
    assert data["toe_te_voegen"] == [] and len(data["overgeslagen"]) == len(before)
    assert all(s["reden"].startswith("al aanwezig") for s in data["overgeslagen"])
    assert len(list((target / "perioden").glob("*.toml"))) == len(before)
    ktv("--data", str(target), "check", "--today", TODAY, rc=0)


def test_csv_is_as_dutch_excel_opens_it(demo: Path, tmp_path: Path, ktv) -> None:
    ktv("--data", str(demo), "export", cwd=tmp_path, rc=0)
    raw = (tmp_path / "perioden.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    header = rows[0]
    assert header[:7] == ["id", "werknemer", "werkgever", "jobcoach", "begin", "einde", "opmerking"]
    assert header[7:9] == ["wn_ontvangen", "wn_cijfer"] and header[9:11] == [
        "wn_begeleiding",
        "wn_bereikbaarheid",
    ]
    assert header[11] == "wn_ontbreekt" and header[12:14] == ["wg_ontvangen", "wg_cijfer"]
    assert header[-1] == "wg_ontbreekt" and header[14] == "wg_contact_werknemer"
    weird = next(r for r in rows if r[0] == "2025-06-01-weird")
    assert weird[1] == "'-12" and weird[3] == "'=IJ" and weird[4] == "01-06-2025"
    assert weird[header.index("wg_cijfer")] == "9,5"
    first = rows[1]
    assert first[header.index("wn_cijfer")].count(",") == 1  # decimal comma
    # --jaar: only that meetjaar, default name perioden-J.csv
    ktv("--data", str(demo), "export", "--jaar", "2017", cwd=tmp_path, rc=0)
    year_rows = list(
        csv.reader(io.StringIO((tmp_path / "perioden-2017.csv").read_text("utf-8-sig")), delimiter=";")
    )
    stats = json.loads(ktv("--data", str(demo), "stats", "--jaar", "2017", "--json", "--today", TODAY).stdout)
    assert [r[0] for r in year_rows[1:]] == [p["id"] for p in stats["perioden"]]


def test_xlsx_has_real_dates_numbers_frozen_header_and_filter(demo: Path, tmp_path: Path, ktv) -> None:
    ktv("--data", str(demo), "export", "-o", "uit.xlsx", cwd=tmp_path, rc=0)
    sheet = openpyxl.load_workbook(tmp_path / "uit.xlsx").active
    header = [c.value for c in sheet[1]]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1:")
    row = [c for c in sheet[2]]
    assert row[header.index("begin")].is_date
    assert isinstance(row[header.index("wn_cijfer")].value, int | float)
    assert row[header.index("wn_cijfer")].number_format == "0.0"
    weird = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "2025-06-01-weird")
    assert weird[3].value == "=IJ" and weird[3].data_type == "s"  # text, never a formula


def test_export_refusals(demo: Path, tmp_path: Path, ktv) -> None:
    bad = ktv("--data", str(demo), "export", "-o", "x.ods", cwd=tmp_path, rc=2)
    assert ".csv of .xlsx" in bad.stderr
    ktv("--data", str(demo), "export", "--jaar", "2001", cwd=tmp_path, rc=2)
    ktv("--data", str(demo), "import", "bestaat-niet.csv", cwd=tmp_path, rc=2)


HEADER = ["id", "werknemer", "werkgever", "jobcoach", "begin", "einde", "opmerking", "wn_ontvangen",
          "wn_cijfer", "wn_begeleiding", "wn_bereikbaarheid", "wg_cijfer", "wg_bezoeken"]  # fmt: skip


def _good_row(n: int) -> list:
    return [None, f"WN-{n:03d}", f"WG-{n % 17:02d}", "IJ", date(2016, 1, 1 + n % 28), date(2017, 1, 1 + n % 28),
            "", date(2017, 2, 1 + n % 28), 7.5, "ja", "niet helemaal", 8, "goed"]  # fmt: skip


BROKEN = {
    # row number (header = 1): how the row is broken
    5: ("begin", "31-02-2017"),
    17: ("einde", "morgen"),
    30: ("wn_cijfer", 11),
    44: ("wn_cijfer", "7,55"),
    58: ("wn_begeleiding", "misschien"),
    71: ("opmerking", "BSN 111222333 gecontroleerd"),
    99: ("einde", date(2015, 6, 1)),  # before begin
    120: ("opmerking", "mail p.devries@example.nl"),
    133: ("wg_bezoeken", "uitstekend"),
    150: ("wg_cijfer", "zeven"),
    180: ("wn_ontvangen", "2017-13-01"),
    201: ("opmerking", "bel 06-12345678"),
}


NAME_AS_CODE = {85: ("werknemer", "Jan Jansen"), 166: ("werkgever", "Bakkerij de Vries")}
"""A name where a pseudonym code belongs: the code rule of SPEC §2 `[codes]` (store.validate.check_codes,
from the validation work) refuses it; before that rule is on this branch these rows are left out."""


def _code_rule() -> bool:
    import store.validate

    return hasattr(store.validate, "check_codes")


def _workbook(path: Path, header: list, rows: list[list]) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)


def test_200_rows_exactly_the_broken_ones_are_reported_and_none_written(tmp_path: Path, ktv) -> None:
    broken = BROKEN | (NAME_AS_CODE if _code_rule() else {})
    rows = []
    for number in range(2, 202):
        row = _good_row(number)
        if number in broken:
            column, value = broken[number]
            row[HEADER.index(column)] = value
        rows.append(row)
    path = tmp_path / "oud.xlsx"
    _workbook(path, HEADER, rows)
    target = _empty(tmp_path, ktv)
    result = ktv("--data", str(target), "import", str(path), "--json", "--today", TODAY, rc=1)
    data = json.loads(result.stdout)
    error_rows = {p["rij"] for p in data["problemen"] if p["ernst"] == "fout"}
    assert error_rows == set(broken)
    assert all(p["ernst"] == "fout" for p in data["problemen"])  # no stray warnings on broken rows
    assert len(data["toe_te_voegen"]) == 200 - len(broken)
    human = ktv("--data", str(target), "import", str(path), "--today", TODAY, rc=1).stdout
    assert "rij 30: fout: " in human and "cijfer 11 ligt buiten 1 tot 10" in human
    assert "rij 44: fout: " in human and "meer dan één decimaal" in human
    assert "rij 5: fout: begin '31-02-2017' is geen geldige datum" in human
    assert "rij 58: fout: " in human and "misschien" in human
    assert "rij 71: fout: " in human and "persoonsgegevens" in human
    applied = ktv("--data", str(target), "import", str(path), "--toepassen", "--json", "--today", TODAY, rc=1)
    assert json.loads(applied.stdout)["toegepast"] is True
    written = _periods(target)
    assert len(written) == 200 - len(broken)
    employees = {p.employee for p in written.values()}
    for number in broken:
        assert f"WN-{number:03d}" not in employees
    ktv("--data", str(target), "check", "--today", TODAY, rc=0)


def test_unknown_column_is_an_error_of_the_file(tmp_path: Path, ktv) -> None:
    path = tmp_path / "kolom.xlsx"
    _workbook(path, [*HEADER, "Geboortedatum"], [[*_good_row(2), "01-01-1980"]])
    target = _empty(tmp_path, ktv)
    result = ktv("--data", str(target), "import", str(path), "--toepassen", "--today", TODAY, rc=1)
    assert "onbekende kolom 'Geboortedatum'" in result.stdout and "Niets ingelezen" in result.stdout
    assert list((target / "perioden").glob("*.toml")) == []
    no_begin = tmp_path / "zonder.csv"
    no_begin.write_text("werknemer;werkgever\nWN-1;WG-1\n", encoding="utf-8")
    missing = ktv("--data", str(target), "import", str(no_begin), "--json", rc=1)
    assert any("begin" in e for e in json.loads(missing.stdout)["bestandsfouten"])


def test_a_sheet_typed_like_an_office_would(tmp_path: Path, ktv) -> None:
    header = [
        "WERKNEMER",
        " Werkgever ",
        "JobCoach",
        "Begin",
        "EINDE",
        "WN Cijfer",
        "wg  cijfer",
        "Opmerking",
    ]
    rows = [
        ["WN-1", "WG-1", "IJ", date(2016, 3, 1), date(2016, 9, 30), 7.5, 8, "eerste"],
        ["WN-2 ", "WG-1", "MK", "1-4-2016", "31-10-2016", "6,5", "7", None],
        [None] * 8,  # an empty row: counts as row 4, skipped silently
        ["WN-3", "WG-2", "IJ", "2016-05-01", "2017-01-31", None, 9, None],
        [None, None, None, None, None, None, None, None],
        ["Totaal", None, None, None, None, 7.0, 8.0, "3 perioden"],
    ]
    path = tmp_path / "kantoor.xlsx"
    _workbook(path, header, rows)
    target = _empty(tmp_path, ktv)
    # The "Totaal" row holds cijfers: period data without werkgever and begin is an error, not a
    # note (issue 20), so exit 1; the good rows are still written.
    result = ktv("--data", str(target), "import", str(path), "--toepassen", "--today", TODAY, rc=1)
    lines = result.stdout.splitlines()
    assert "rij 7: fout: werkgever ontbreekt (B7 is leeg); begin ontbreekt (D7 is leeg)" in lines, lines
    assert not any(line.startswith(("rij 4:", "rij 6:")) for line in lines)
    assert "3 perioden toegevoegd" in result.stdout
    periods = sorted(_periods(target).values(), key=lambda p: p.employee)
    assert [p.employee for p in periods] == ["WN-1", "WN-2", "WN-3"]
    assert str(periods[1].grade("werknemer")) == "6.5" and periods[1].begin == date(2016, 4, 1)
    assert periods[2].form("werknemer") is None and periods[2].grade("werkgever") == 9


def test_csv_from_dutch_excel_and_from_a_script(tmp_path: Path, ktv) -> None:
    target = _empty(tmp_path, ktv)
    excel = tmp_path / "excel.csv"  # plain "CSV (gescheiden door lijstscheidingsteken)": Windows-1252
    excel.write_bytes(
        "werknemer;werkgever;begin;einde;wn_cijfer;opmerking\r\nWN-10;WG-1;1-3-2016;30-09-2016;7,5;café\r\n".encode(
            "cp1252"
        )
    )
    script = tmp_path / "script.csv"
    script.write_text(
        'werknemer,werkgever,begin,einde,wn_cijfer,opmerking\nWN-11,WG-1,2016-03-01,2016-09-30,7.5,"a, b"\n',
        encoding="utf-8",
    )
    for path in (excel, script):
        ktv("--data", str(target), "import", str(path), "--toepassen", "--today", TODAY, rc=0)
    periods = {p.employee: p for p in _periods(target).values()}
    assert periods["WN-10"].remark == "café" and str(periods["WN-10"].grade("werknemer")) == "7.5"
    assert periods["WN-11"].remark == "a, b" and periods["WN-11"].end == date(2016, 9, 30)


def test_id_kept_when_valid_and_free_else_new(tmp_path: Path, ktv) -> None:
    target = _empty(tmp_path, ktv)
    (target / "perioden" / "bezet.toml").write_text(
        'schema = 1\nwerknemer = "WN-9"\nwerkgever = "WG-9"\nbegin = 2016-01-01\n', encoding="utf-8"
    )
    sheet = tmp_path / "ids.csv"
    sheet.write_text(
        "id;werknemer;werkgever;begin\neigen-id;WN-1;WG-1;01-01-2016\nbezet;WN-2;WG-1;01-01-2016\n"
        "Geen Id!;WN-3;WG-1;01-01-2016\neigen-id;WN-4;WG-1;01-01-2016\nbezet;WN-9;WG-9;01-01-2016\n",
        encoding="utf-8",
    )
    data = json.loads(
        ktv(
            "--data", str(target), "import", str(sheet), "--toepassen", "--json", "--today", TODAY, rc=1
        ).stdout
    )
    ids = {row["werknemer"]: row["id"] for row in data["toe_te_voegen"]}
    assert ids["WN-1"] == "eigen-id"
    for code in ("WN-3", "WN-4"):
        assert ids[code].startswith("2016-01-01-"), ids
    # An existing id matches first (issue 20): row 3 corrects the codes of period `bezet` …
    assert data["gewijzigd"] == [
        {
            "rij": 3,
            "blad": None,
            "id": "bezet",
            "velden": [
                {"veld": "werknemer", "oud": "WN-9", "nieuw": "WN-2"},
                {"veld": "werkgever", "oud": "WG-9", "nieuw": "WG-1"},
            ],
        }
    ]
    # … so a second row for `bezet` is an error rather than a silent second change.
    assert [(p["rij"], p["ernst"]) for p in data["problemen"]] == [(6, "fout")]
    assert _periods(target)["bezet"].employee == "WN-2"


def test_the_same_period_twice_in_one_file_is_added_once(tmp_path: Path, ktv) -> None:
    target = _empty(tmp_path, ktv)
    sheet = tmp_path / "dubbel.csv"
    sheet.write_text(
        "werknemer,werkgever,begin\nWN-1,WG-1,2016-01-01\n,,\nWN-1,WG-1,01-01-2016\n", encoding="utf-8"
    )
    data = json.loads(ktv("--data", str(target), "import", str(sheet), "--json", rc=0).stdout)
    assert len(data["toe_te_voegen"]) == 1 and data["toe_te_voegen"][0]["rij"] == 2
    assert data["overgeslagen"][0]["rij"] == 4 and data["overgeslagen"][0]["reden"].startswith("al aanwezig")


def test_hostile_files_are_refused_in_dutch_not_a_crash(tmp_path: Path, ktv) -> None:
    target = _empty(tmp_path, ktv)
    far = tmp_path / "ver.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["werknemer", "werkgever", "begin"])
    book.active["XFD1048576"] = "x"  # calamine would ask for 500 GB of empty cells and abort
    book.save(far)
    result = ktv("--data", str(target), "import", str(far), rc=2)
    assert "te groot" in result.stderr
    fake = tmp_path / "nep.xlsx"
    fake.write_text("geen werkmap", encoding="utf-8")
    assert "geen Excel-werkmap" in ktv("--data", str(target), "import", str(fake), rc=2).stderr
    ktv("--data", str(target), "import", str(tmp_path / "nep.ods"), rc=2)
    binary = tmp_path / "bin.csv"
    binary.write_bytes(b"werknemer;werkgever;begin\n\x00\x01\x02")
    assert "geen tekstbestand" in ktv("--data", str(target), "import", str(binary), rc=2).stderr
