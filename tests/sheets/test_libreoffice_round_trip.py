"""Round trips through LibreOffice Calc (issue 20, "done when"): ktv's export opened in Calc with
the Dutch locale and saved as .xlsx, .ods or CSV imports as nothing new; an edited copy imports
exactly the edits. Skipped with a reason where LibreOffice is not installed."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sheet_helpers import TODAY, needs_soffice, soffice_convert

from store.folder import load_folder

pytestmark = needs_soffice

CSV_NL = "59,34,76,1,,1043"  # `;`, `"`, UTF-8, from line 1, Dutch (nl-NL)


def _import(ktv, folder: Path, path: Path, *extra: str, rc: int | None = 0) -> dict:
    return json.loads(
        ktv("--data", str(folder), "import", str(path), "--json", "--today", TODAY, *extra, rc=rc).stdout
    )


@pytest.mark.parametrize("source", ["csv", "xlsx"])
def test_export_through_calc_imports_as_nothing_new(folder: Path, tmp_path: Path, ktv, source: str) -> None:
    exported = tmp_path / f"perioden.{source}"
    ktv("--data", str(folder), "export", "-o", str(exported), rc=0)
    infilter = f"CSV:{CSV_NL}" if source == "csv" else None
    outputs = [
        soffice_convert(exported, tmp_path / "xlsx", "xlsx", infilter),
        soffice_convert(exported, tmp_path / "ods", "ods", infilter),
        soffice_convert(exported, tmp_path / "csv", f"csv:Text - txt - csv (StarCalc):{CSV_NL}", infilter),
    ]
    for path in outputs:
        data = _import(ktv, folder, path)
        assert data["toe_te_voegen"] == [] and data["gewijzigd"] == [], (path.name, data)
        assert len(data["overgeslagen"]) == 3, (path.name, data)
    if source == "csv":
        # Calc made the code 0012345 a number: the id still matches, and only the zeros went.
        book = openpyxl.load_workbook(outputs[0])
        assert 12345 in {cell.value for row in book.active.iter_rows() for cell in row}


def test_an_edited_copy_imports_exactly_the_edits(folder: Path, tmp_path: Path, ktv) -> None:
    exported = tmp_path / "perioden.xlsx"
    ktv("--data", str(folder), "export", "-o", str(exported), rc=0)
    calc = soffice_convert(exported, tmp_path / "calc", "xlsx")
    book = openpyxl.load_workbook(calc)
    sheet = book.active
    head = [cell.value for cell in sheet[1]]
    rows = {sheet.cell(r, 1).value: r for r in range(2, sheet.max_row + 1)}
    sheet.cell(rows["2026-01-05-aaaaa"], head.index("wn_cijfer") + 1).value = 9
    sheet.cell(rows["2026-01-05-aaaaa"], head.index("opmerking") + 1).value = "nagebeld"
    sheet.cell(rows["2026-02-02-bbbbb"], head.index("einde") + 1).value = None
    new_row = sheet.max_row + 1
    for column, value in (("werknemer", "WN-600"), ("werkgever", "WG-1"), ("begin", date(2026, 4, 1))):
        sheet.cell(new_row, head.index(column) + 1).value = value
    edited = tmp_path / "bewerkt.xlsx"
    book.save(edited)
    again = soffice_convert(edited, tmp_path / "again", "ods")  # saved once more by Calc
    for path in (edited, again):
        data = _import(ktv, folder, path)
        changed = {
            c["id"]: {v["veld"]: (v["oud"], v["nieuw"]) for v in c["velden"]} for c in data["gewijzigd"]
        }
        assert changed == {
            "2026-01-05-aaaaa": {"wn_cijfer": ("7,0", "9,0"), "opmerking": ("(leeg)", "nagebeld")},
            "2026-02-02-bbbbb": {"einde": ("01-07-2026", "(leeg)")},
        }, path.name
        assert [r["werknemer"] for r in data["toe_te_voegen"]] == ["WN-600"]
    _import(ktv, folder, again, "--toepassen")
    periods = load_folder(folder, date(2026, 11, 30)).periods
    assert len(periods) == 4 and periods["2026-02-02-bbbbb"].end is None
    assert periods["2026-02-02-bbbbb"].employee == "0012345"
    assert _import(ktv, folder, again)["gewijzigd"] == []
