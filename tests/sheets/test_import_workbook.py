"""An office workbook (issue 20 items 3, 4, 5, 11): several sheets, a title row, merged cells,
formulas with and without a stored value, error cells, totals and notes; every row accounted for."""

from __future__ import annotations

import json
import re
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sheet_helpers import TODAY, needs_soffice, soffice_convert

from store.folder import load_folder

HEADER = ["id", "werknemer", "werkgever", "begin", "einde", "wn_cijfer", "opmerking"]


def store_values(path: Path, values: dict[str, tuple[str, str]]) -> None:
    """Give formula cells the stored value an office program would have written: openpyxl
    writes formulas without one. `values`: cell → ("n", "8") or ("e", "#DIV/0!")."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    for name in [n for n in parts if n.startswith("xl/worksheets/sheet")]:
        xml = parts[name].decode("utf-8")
        for ref, (kind, value) in values.items():
            xml = re.sub(
                rf'<c r="{ref}"( [^>]*)?><f>(.*?)</f><v ?/>(</v>)?</c>',
                lambda m, kind=kind, value=value, ref=ref: (
                    f'<c r="{ref}" t="{kind}"><f>{m.group(2)}</f><v>{value}</v></c>'
                ),
                xml,
            )
        parts[name] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def office_workbook(path: Path) -> None:
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "Toelichting"
    notes.append(["Dit werkboek hoort bij het kwaliteitsdossier."])
    y2027 = book.create_sheet("2027")
    y2027.append(["Perioden meetjaar 2027"])  # rij 1: a title row
    y2027.append([])  # rij 2
    y2027.append(HEADER)  # rij 3
    y2027.append([None, "WN-101", "WG-1", date(2026, 1, 5), date(2026, 6, 30), 7, None])  # rij 4
    y2027.append(
        [None, "WN-102", "WG-1", date(2026, 1, 6), date(2026, 6, 30), "=4*2", None]
    )  # rij 5 cached 8
    y2027.append(
        [None, "WN-103", "WG-2", date(2026, 1, 7), date(2026, 6, 30), "=A1*2", None]
    )  # rij 6 no value
    y2027.append([None, "WN-104", "WG-3", date(2026, 1, 8), date(2026, 6, 30), "=1/0", None])  # rij 7 error
    y2027.append(
        [None, "WN-105", "WG-4", date(2026, 1, 9), date(2026, 6, 30), 6, None]
    )  # rij 8 merged C8:C10
    y2027.append([None, "WN-106", None, date(2026, 1, 10), date(2026, 6, 30), 6, None])  # rij 9
    y2027.append([None, "WN-107", None, date(2026, 1, 11), date(2026, 6, 30), 6, None])  # rij 10
    y2027.merge_cells("C8:C10")
    y2027.append([None, None, None, None, None, None, "bellen na de zomer"])  # rij 11: a note
    y2027.append(["Gemiddelde", None, None, None, None, "=AVERAGE(F4:F10)", None])  # rij 12: totals
    y2028 = book.create_sheet("2028")
    y2028.append(HEADER)
    y2028.append([None, "WN-201", "WG-1", date(2026, 9, 1), None, None, None])  # rij 2
    y2028.append([None, "WN-202", "WG-1", "01-10-2026", None, "6,55", None])  # rij 3: typed 6,55
    y2028["B250000"].number_format = "0.00"  # one stray formatted empty cell far down
    book.save(path)
    store_values(path, {"F5": ("n", "8"), "F7": ("e", "#DIV/0!"), "F12": ("n", "6.6")})


def test_every_row_of_every_sheet_is_accounted_for(folder: Path, tmp_path: Path, ktv) -> None:
    sheet = tmp_path / "kantoor.xlsx"
    office_workbook(sheet)
    data = json.loads(
        ktv("--data", str(folder), "import", str(sheet), "--json", "--today", TODAY, rc=1).stdout
    )
    assert data["overgeslagen_bladen"][0]["blad"] == "Toelichting"
    assert "geen kopregel" in data["overgeslagen_bladen"][0]["reden"]
    added = {(r["blad"], r["rij"]): r for r in data["toe_te_voegen"]}
    assert set(added) == {("2027", 4), ("2027", 5), ("2027", 8), ("2028", 2)}
    errors = {(p["blad"], p["rij"]): p["bericht"] for p in data["problemen"] if p["ernst"] == "fout"}
    assert errors[("2027", 6)].startswith("F6 (wn_cijfer) bevat een formule zonder waarde")
    assert errors[("2027", 7)].startswith("F7 (wn_cijfer) bevat een foutwaarde (#DEEL/0!)")
    for row in (9, 10):
        assert f"C{row} valt in de samengevoegde cel C8:C10" in errors[("2027", row)]
    assert "werknemer ontbreekt" in errors[("2027", 12)]  # a totals row with a cijfer is no note
    assert "cijfer 6,55 heeft meer dan één decimaal" in errors[("2028", 3)]
    assert [(s["blad"], s["rij"]) for s in data["overgeslagen"]] == [("2027", 11)]
    # every data row once: added, an error or skipped
    seen = set(added) | set(errors) | {(s["blad"], s["rij"]) for s in data["overgeslagen"]}
    assert seen == {("2027", n) for n in range(4, 13)} | {("2028", 2), ("2028", 3)}
    human = ktv("--data", str(folder), "import", str(sheet), "--today", TODAY, rc=1).stdout
    assert "blad '2027', rij 7: fout: F7 (wn_cijfer) bevat een foutwaarde" in human
    assert "blad 'Toelichting': overgeslagen:" in human
    ktv("--data", str(folder), "import", str(sheet), "--toepassen", "--today", TODAY, rc=1)
    periods = {p.employee: p for p in load_folder(folder, date(2026, 11, 30)).periods.values()}
    assert str(periods["WN-102"].grade("werknemer")) == "8.0"  # the formula's stored value
    assert "WN-103" not in periods and "WN-104" not in periods and "WN-106" not in periods


def test_a_far_away_value_is_refused_naming_its_cell(folder: Path, tmp_path: Path, ktv) -> None:
    book = openpyxl.Workbook()
    book.active.append(["werknemer", "werkgever", "begin"])
    book.active["B300000"] = "x"
    far = tmp_path / "ver.xlsx"
    book.save(far)
    result = ktv("--data", str(folder), "import", str(far), rc=2)
    assert "B300000" in result.stderr and "kolom 2" not in result.stderr


@needs_soffice
def test_ods_is_read_like_xlsx(folder: Path, tmp_path: Path, ktv) -> None:
    sheet = tmp_path / "kantoor.xlsx"
    office_workbook(sheet)
    ods = soffice_convert(sheet, tmp_path / "lo", "ods")
    data = json.loads(ktv("--data", str(folder), "import", str(ods), "--json", "--today", TODAY, rc=1).stdout)
    errors = {(p["blad"], p["rij"]): p["bericht"] for p in data["problemen"] if p["ernst"] == "fout"}
    # LibreOffice computes the formulas on loading: =1/0 is stored as an error value
    assert "bevat een foutwaarde" in errors[("2027", 7)]
    assert "C9 valt in de samengevoegde cel C8:C10" in errors[("2027", 9)]
    assert ("2027", 5) in {(r["blad"], r["rij"]) for r in data["toe_te_voegen"]}
    assert data["overgeslagen_bladen"][0]["blad"] == "Toelichting"


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_the_guard_is_undone_for_every_format(folder: Path, tmp_path: Path, ktv, kind: str) -> None:
    book = openpyxl.Workbook()
    book.active.append(["werknemer", "werkgever", "begin", "opmerking"])
    book.active.append(["WN-301", "WG-1", "01-03-2026", "'=SOM(A1)"])  # as Calc keeps ktv's CSV guard
    path = tmp_path / f"guard.{kind}"
    if kind == "xlsx":
        book.save(path)
    else:
        path.write_text(
            "werknemer;werkgever;begin;opmerking\nWN-301;WG-1;01-03-2026;'=SOM(A1)\n", encoding="utf-8"
        )
    ktv("--data", str(folder), "import", str(path), "--toepassen", "--today", TODAY, rc=0)
    periods = {p.employee: p for p in load_folder(folder, date(2026, 11, 30)).periods.values()}
    assert periods["WN-301"].remark == "=SOM(A1)"
