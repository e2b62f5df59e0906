"""`eerste_meetjaar` and `ktv init --vanaf J` (SPEC §2 ktv.toml, §3 last paragraph, §5 More rules)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def _period(root: Path, pid: str, begin: str, end: str, grade: str = "7.0", extra: str = "") -> None:
    (root / "perioden" / f"{pid}.toml").write_text(
        f'schema = 1\nwerknemer = "WN-{pid[-3:]}"\nwerkgever = "WG-1"\nbegin = {begin}\neinde = {end}\n'
        f"{extra}\n[beoordeling.werknemer]\nontvangen = {end}\ncijfer = {grade}\n",
        encoding="utf-8",
    )


@pytest.fixture
def later(tmp_path: Path, ktv) -> Path:
    """E = 2013-05-12, kept in ktv from meetjaar 2019 on; today 2019-09-01 (meetjaar 2020 runs)."""
    root = tmp_path / "data"
    ktv(
        "init", str(root), "--naam", "Voorbeeld B.V.", "--erkenningsdatum", "2013-05-12",
        "--vanaf", "2019", "--no-git", "--today", "2019-09-01", rc=0,
    )  # fmt: skip
    assert "eerste_meetjaar = 2019\n" in (root / "ktv.toml").read_text("utf-8")
    # Meetjaar 2017 (before eerste_meetjaar): broken beyond syntax, must not count anywhere.
    _period(root, "2016-01-01-old01", "2016-01-01", "2017-03-31", grade="11", extra="cijfr = 3\n")
    # Ends on 2018-05-12 = T of meetjaar 2018 (not 2019's first day): not counted either.
    _period(root, "2017-01-01-old02", "2017-01-01", "2018-05-12", grade="4.0")
    # Meetjaar 2019 proper.
    _period(root, "2018-06-01-new01", "2018-01-01", "2018-05-13", grade="8.0")
    _period(root, "2018-06-01-new02", "2018-06-01", "2019-01-31", grade="6.0")
    (root / "meetjaren" / "2018.toml").write_text('schema = 1\nonzin = "geen sleutel"\n', encoding="utf-8")
    return root


def test_init_vanaf_refuses_years_outside_the_erkenning(tmp_path: Path, ktv) -> None:
    base = ("--naam", "X B.V.", "--erkenningsdatum", "2013-05-12", "--no-git", "--today", "2019-09-01")
    before = ktv("init", str(tmp_path / "a"), *base, "--vanaf", "2016", rc=2)
    assert "voor het eerste meetjaar" in before.stderr and "2017" in before.stderr
    assert not (tmp_path / "a").exists()
    future = ktv("init", str(tmp_path / "b"), *base, "--vanaf", "2022", rc=2)
    assert "te ver in de toekomst" in future.stderr
    ktv("init", str(tmp_path / "c"), *base, "--vanaf", "2021", rc=0)  # current (2020) + 1
    ktv("init", str(tmp_path / "d"), *base, "--vanaf", "2017", rc=0)
    bad = ktv("init", str(tmp_path / "e"), *base, "--vanaf", "19", rc=2)
    assert "geen meetjaar" in bad.stderr


def test_earlier_meetjaren_are_not_listed_nor_late(later: Path, ktv) -> None:
    out = json.loads(ktv("--data", str(later), "deadlines", "--json", "--today", "2019-09-01", rc=0).stdout)
    assert [y["jaar"] for y in out["meetjaren"]] == [2019, 2020]
    assert out["fouten"] == 0
    assert out["meetjaren"][0]["afgeronde_perioden"] == 2
    alarm = ktv("--data", str(later), "deadlines", "--binnen", "30", "--today", "2019-09-01")
    assert "2017" not in alarm.stdout and "2018" not in alarm.stdout


def test_periods_before_it_are_not_checked_beyond_syntax(later: Path, ktv) -> None:
    result = ktv("--data", str(later), "check", "--today", "2019-09-01", rc=0)
    assert "old01" not in result.stdout and "2018.toml" not in result.stdout
    (later / "meetjaren" / "2018.toml").write_text("schema = = 1\n", encoding="utf-8")
    (later / "perioden" / "2016-01-01-old03.toml").write_text("schema = 1\nbegin = [\n", encoding="utf-8")
    broken = ktv("--data", str(later), "check", "--today", "2019-09-01", rc=1)
    assert "meetjaren/2018.toml:1" in broken.stdout
    assert "perioden/2016-01-01-old03.toml" in broken.stdout
    assert "old01" not in broken.stdout


def test_periods_before_it_are_not_counted(later: Path, ktv) -> None:
    stats = json.loads(ktv("--data", str(later), "stats", "--json", "--today", "2019-09-01", rc=0).stdout)
    assert stats["jaar"] == 2019
    assert sorted(p["id"] for p in stats["perioden"]) == ["2018-06-01-new01", "2018-06-01-new02"]
    assert stats["werknemer"]["som"] == 14.0
    refused = ktv("--data", str(later), "stats", "--jaar", "2018", "--today", "2019-09-01", rc=2)
    assert "2019" in refused.stderr
    missing = json.loads(
        ktv("--data", str(later), "ontbrekend", "--json", "--today", "2019-09-01", rc=0).stdout
    )
    assert all(not f["id"].startswith(("2016", "2017")) for f in missing["formulieren"])


def test_eerste_meetjaar_in_the_future_lists_it_as_toekomst(tmp_path: Path, ktv) -> None:
    root = tmp_path / "data"
    ktv(
        "init", str(root), "--naam", "X B.V.", "--erkenningsdatum", "2013-05-12", "--vanaf", "2021",
        "--no-git", "--today", "2019-09-01", rc=0,
    )  # fmt: skip
    out = json.loads(ktv("--data", str(root), "deadlines", "--json", "--today", "2019-09-01", rc=0).stdout)
    assert [(y["jaar"], y["status"]) for y in out["meetjaren"]] == [(2021, "toekomst")]
    ktv("--data", str(root), "stats", "--today", "2019-09-01", rc=0)


def test_import_skips_rows_before_eerste_meetjaar(later: Path, ktv, tmp_path: Path) -> None:
    sheet = tmp_path / "oud.csv"
    sheet.write_text(
        "werknemer;werkgever;begin;einde;wn_cijfer\n"
        "WN-500;WG-1;01-01-2016;31-03-2017;7\n"  # meetjaar 2017: does not exist here
        "WN-501;WG-1;01-01-2018;31-12-2018;8\n",
        encoding="utf-8",
    )
    result = ktv("--data", str(later), "import", str(sheet), "--toepassen", "--today", "2019-09-01", rc=0)
    assert "rij 2: overgeslagen: einde ligt voor het eerste meetjaar (2019)" in result.stdout
    assert "1 periode toegevoegd" in result.stdout
