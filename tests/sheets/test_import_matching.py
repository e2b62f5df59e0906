"""Rows matched to existing periods (issue 20 items 2, 6, 11): by id first, then by codes + begin
without regard to case and spaces; "al aanwezig" versus "gewijzigd" with each field old → new;
`--toepassen` writes changes through the app's save (comments kept); `--ook-ingediend`; the
dry run's ids are the ids `--toepassen` writes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from sheet_helpers import TODAY

from store.folder import load_folder

DAY = date(2026, 11, 30)


def _export(folder: Path, tmp_path: Path, ktv, name: str = "alles.csv") -> Path:
    path = tmp_path / name
    ktv("--data", str(folder), "export", "-o", str(path), rc=0)
    return path


def _csv_rows(path: Path) -> list[list[str]]:
    return [line.split(";") for line in path.read_text("utf-8-sig").splitlines()]


def _write_rows(path: Path, rows: list[list[str]]) -> None:
    path.write_text("\n".join(";".join(row) for row in rows) + "\n", encoding="utf-8")


def test_import_of_the_export_adds_and_changes_nothing(folder: Path, tmp_path: Path, ktv) -> None:
    for name in ("alles.csv", "alles.xlsx"):
        sheet = _export(folder, tmp_path, ktv, name)
        data = json.loads(
            ktv("--data", str(folder), "import", str(sheet), "--json", "--today", TODAY, rc=0).stdout
        )
        assert data["toe_te_voegen"] == [] and data["gewijzigd"] == []
        assert len(data["overgeslagen"]) == 3 and all(
            s["reden"].startswith("al aanwezig") for s in data["overgeslagen"]
        )


def test_edits_are_listed_field_by_field_and_applied_keeping_comments(
    folder: Path, tmp_path: Path, ktv
) -> None:
    sheet = _export(folder, tmp_path, ktv)
    rows = _csv_rows(sheet)
    head = rows[0]
    col = {name: i for i, name in enumerate(head)}
    by_id = {row[0]: row for row in rows[1:]}
    by_id["2026-01-05-aaaaa"][col["wn_cijfer"]] = "9,0"  # a cijfer 7,0 → 9,0
    by_id["2026-01-05-aaaaa"][col["opmerking"]] = "nagebeld"  # a remark
    by_id["2026-02-02-bbbbb"][col["einde"]] = ""  # an einde removed
    by_id["2026-03-02-ccccc"][col["begin"]] = "03-03-2026"  # a corrected begin: the id matches
    edited = tmp_path / "bewerkt.csv"
    _write_rows(edited, rows)
    dry = ktv("--data", str(folder), "import", str(edited), "--today", TODAY, rc=0).stdout
    assert "gewijzigd: 2026-01-05-aaaaa" in dry
    assert "wn_cijfer: 7,0 → 9,0" in dry and "opmerking: (leeg) → nagebeld" in dry
    assert "einde: 01-07-2026 → (leeg)" in dry and "begin: 02-03-2026 → 03-03-2026" in dry
    assert "0 perioden toe te voegen; 3 perioden te wijzigen" in dry
    data = json.loads(
        ktv("--data", str(folder), "import", str(edited), "--json", "--today", TODAY, rc=0).stdout
    )
    changed = {c["id"]: c["velden"] for c in data["gewijzigd"]}
    assert {"veld": "wn_cijfer", "oud": "7,0", "nieuw": "9,0"} in changed["2026-01-05-aaaaa"]
    assert data["toe_te_voegen"] == []
    ktv("--data", str(folder), "import", str(edited), "--toepassen", "--today", TODAY, rc=0)
    text = (folder / "perioden" / "2026-01-05-aaaaa.toml").read_text("utf-8")
    assert text.startswith("# origineel in dossierkast 3\n") and "cijfer = 9.0" in text
    periods = load_folder(folder, DAY).periods
    assert len(periods) == 3
    assert periods["2026-02-02-bbbbb"].end is None and periods["2026-03-02-ccccc"].begin == date(2026, 3, 3)
    again = json.loads(
        ktv("--data", str(folder), "import", str(edited), "--json", "--today", TODAY, rc=0).stdout
    )
    assert again["gewijzigd"] == [] and again["toe_te_voegen"] == []


def test_codes_match_without_case_and_spaces(folder: Path, tmp_path: Path, ktv) -> None:
    sheet = tmp_path / "codes.csv"
    sheet.write_text("werknemer;werkgever;begin\n  wn-001 ;wg-001;05-01-2026\n", encoding="utf-8")
    data = json.loads(
        ktv("--data", str(folder), "import", str(sheet), "--json", "--today", TODAY, rc=0).stdout
    )
    assert data["toe_te_voegen"] == [] and data["gewijzigd"] == []
    assert data["overgeslagen"][0]["reden"] == "al aanwezig (2026-01-05-aaaaa)"


def test_a_code_turned_into_a_number_by_an_office_is_not_a_change(folder: Path, tmp_path: Path, ktv) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["id", "werknemer", "werkgever", "begin"])
    book.active.append(["2026-02-02-bbbbb", 12345, "WG-002", date(2026, 2, 2)])  # '0012345' became 12345
    path = tmp_path / "nummer.xlsx"
    book.save(path)
    data = json.loads(
        ktv("--data", str(folder), "import", str(path), "--json", "--today", TODAY, rc=0).stdout
    )
    assert data["gewijzigd"] == [] and data["overgeslagen"][0]["reden"] == "al aanwezig (2026-02-02-bbbbb)"


def test_the_dry_run_shows_the_ids_that_are_written(folder: Path, tmp_path: Path, ktv) -> None:
    sheet = tmp_path / "nieuw.csv"
    sheet.write_text(
        "werknemer;werkgever;begin\nWN-401;WG-1;01-04-2026\nWN-402;WG-1;01-04-2026\n", encoding="utf-8"
    )
    dry = json.loads(
        ktv("--data", str(folder), "import", str(sheet), "--json", "--today", TODAY, rc=0).stdout
    )
    dry_again = json.loads(
        ktv("--data", str(folder), "import", str(sheet), "--json", "--today", TODAY, rc=0).stdout
    )
    ids = [r["id"] for r in dry["toe_te_voegen"]]
    assert ids == [r["id"] for r in dry_again["toe_te_voegen"]] and len(set(ids)) == 2
    applied = json.loads(
        ktv(
            "--data", str(folder), "import", str(sheet), "--toepassen", "--json", "--today", TODAY, rc=0
        ).stdout
    )
    assert [r["id"] for r in applied["toe_te_voegen"]] == ids
    assert all((folder / "perioden" / f"{i}.toml").is_file() for i in ids)


def test_a_submitted_meetjaar_needs_ook_ingediend(folder: Path, tmp_path: Path, ktv) -> None:
    (folder / "meetjaren").mkdir(exist_ok=True)
    (folder / "meetjaren" / "2027.toml").write_text(
        'schema = 1\nanalyse = "a"\nconclusies = "c"\ningediend_op = 2026-11-01\n', encoding="utf-8"
    )
    sheet = tmp_path / "ingediend.csv"
    sheet.write_text(
        "id;werknemer;werkgever;begin;einde;wn_cijfer\n2026-01-05-aaaaa;WN-001;WG-001;05-01-2026;01-07-2026;9,0\n"
        ";WN-501;WG-1;01-02-2026;01-06-2026;8\n",
        encoding="utf-8",
    )
    refused = json.loads(
        ktv(
            "--data", str(folder), "import", str(sheet), "--toepassen", "--json", "--today", TODAY, rc=1
        ).stdout
    )
    messages = [p["bericht"] for p in refused["problemen"] if p["ernst"] == "fout"]
    assert len(messages) == 2 and all("--ook-ingediend" in m for m in messages)
    assert "wn_cijfer 7,0 → 9,0" in messages[0]
    assert len(load_folder(folder, DAY).periods) == 3
    allowed = ktv(
        "--data", str(folder), "import", str(sheet), "--toepassen", "--ook-ingediend", "--today", TODAY
    )
    assert allowed.returncode == 0, allowed.stdout
    assert "waarschuwing: meetjaar 2027 is al ingediend" in allowed.stdout
    periods = load_folder(folder, DAY).periods
    assert str(periods["2026-01-05-aaaaa"].grade("werknemer")) == "9.0" and len(periods) == 4
