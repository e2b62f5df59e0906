"""`ktv export` (issue 20 items 8, 9, 10): periods with an error are left out and named, never
over an existing file without `--overschrijven`, the default file outside the data folder, a
note for CSV values a spreadsheet would change, and `.xlsx` keeps them."""

from __future__ import annotations

from pathlib import Path

from sheet_helpers import period_text

from store.sheet_files import read_sheets


def test_a_period_with_an_error_is_left_out_and_named(folder: Path, tmp_path: Path, ktv) -> None:
    bad = folder / "perioden" / "2026-04-01-ddddd.toml"
    bad.write_text(
        period_text("WN-009", "WG-001", "2026-04-01").replace(
            'jobcoach = "IJ"\n', 'jobcoach = "IJ"\nopmerking = "bel moeder 06-12345678"\n'
        ),
        encoding="utf-8",
    )
    for name in ("uit.csv", "uit.xlsx"):
        out = tmp_path / name
        result = ktv("--data", str(folder), "export", "-o", str(out), rc=1)
        assert "3 perioden geschreven naar" in result.stdout
        assert "perioden/2026-04-01-ddddd.toml" in result.stdout and "Niet uitgevoerd" in result.stdout
        rows = read_sheets(out)[0].rows
        assert len(rows) == 4 and not any("06-12345678" in str(cell) for row in rows for cell in row)
        assert "2026-04-01-ddddd" not in {row[0] for row in rows}


def test_never_over_an_existing_file_without_overschrijven(folder: Path, tmp_path: Path, ktv) -> None:
    out = tmp_path / "uit.csv"
    out.write_text("van iemand anders", encoding="utf-8")
    result = ktv("--data", str(folder), "export", "-o", str(out), rc=2)
    assert "bestaat al" in result.stderr and "--overschrijven" in result.stderr
    assert out.read_text("utf-8") == "van iemand anders"
    ktv("--data", str(folder), "export", "-o", str(out), "--overschrijven", rc=0)
    assert out.read_text("utf-8-sig").startswith("id;werknemer")


def test_default_file_outside_the_data_folder_and_said(folder: Path, tmp_path: Path, ktv) -> None:
    work = tmp_path / "werk"
    work.mkdir()
    result = ktv("--data", str(folder), "export", cwd=work, rc=0)
    assert (work / "perioden.csv").is_file() and str(work / "perioden.csv") in result.stdout
    home = tmp_path / "thuis"
    home.mkdir()
    inside = ktv("export", "--jaar", "2027", cwd=folder, env={"HOME": str(home)}, rc=0)
    assert (home / "perioden-2027.csv").is_file() and str(home / "perioden-2027.csv") in inside.stdout
    assert not list(folder.glob("perioden*.csv"))


def test_csv_values_a_spreadsheet_would_change_get_a_note(folder: Path, tmp_path: Path, ktv) -> None:
    (folder / "perioden" / "2026-04-01-eeeee.toml").write_text(
        period_text("WN-010", "WG-001", "2026-04-01").replace('jobcoach = "IJ"', 'jobcoach = "3-4"'),
        encoding="utf-8",
    )
    out = ktv("--data", str(folder), "export", "-o", str(tmp_path / "a.csv"), rc=0).stdout
    assert "Let op: 2 waarden" in out and "'0012345'" in out and "'3-4'" in out and ".xlsx" in out
    plain = ktv("--data", str(folder), "export", "-o", str(tmp_path / "a.xlsx"), rc=0).stdout
    assert "Let op" not in plain
    rows = read_sheets(tmp_path / "a.xlsx")[0].rows
    cells = {cell for row in rows for cell in row}
    assert "0012345" in cells and "3-4" in cells  # kept as the texts they are
