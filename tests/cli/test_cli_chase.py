"""`deadlines --binnen N`, `ktv ontbrekend` and `stats --per-jobcoach` (SPEC §5, issue 15)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

# Seed folder: E = 2013-05-12, meetjaar 2017 ends 2017-05-12, deadline 2017-06-12, 5 periods.


@pytest.mark.parametrize(
    ("today", "listed"),
    [
        ("2017-05-12", False),  # 31 days = N + 1 (and the meetjaar's last day)
        ("2017-05-13", True),  # exactly N = 30 days
        ("2017-06-12", True),  # the deadline day: 0 days
        ("2017-06-13", True),  # one day late
        ("2017-09-01", True),  # long late (2018 not due yet)
    ],
)
def test_binnen_boundaries(seed: Path, ktv, today: str, listed: bool) -> None:
    result = ktv("--data", str(seed), "deadlines", "--binnen", "30", "--today", today)
    assert result.returncode == (1 if listed else 0), result
    if not listed:
        assert result.stdout == "" and result.stderr == ""
        return
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and "meetjaar 2017" in lines[0] and "rapportage" in lines[0]
    if today == "2017-06-12":
        assert "vandaag" in lines[0]
    if today >= "2017-06-13":
        assert "te laat" in lines[0]
    data = json.loads(
        ktv("--data", str(seed), "deadlines", "--binnen", "30", "--json", "--today", today).stdout
    )
    assert [y["jaar"] for y in data["meetjaren"]] == [2017]


def test_binnen_one_line_per_meetjaar_and_json_same_filter(seed: Path, ktv) -> None:
    # 2017 late; 2018 a notice due in 10 days (no period ended in it).
    result = ktv("--data", str(seed), "deadlines", "--binnen", "10", "--today", "2018-06-02", rc=1)
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert "meetjaar 2017" in lines[0] and "te laat" in lines[0]
    assert "meetjaar 2018" in lines[1] and "melding" in lines[1] and "nog 10 dagen" in lines[1]
    ok = ktv("--data", str(seed), "deadlines", "--binnen", "9", "--json", "--today", "2018-06-02", rc=1)
    assert [(y["jaar"], y["status"]) for y in json.loads(ok.stdout)["meetjaren"]] == [(2017, "te_laat")]


def test_binnen_submitted_is_silent(seed: Path, ktv) -> None:
    (seed / "meetjaren" / "2017.toml").write_text("schema = 1\ningediend_op = 2017-06-01\n", encoding="utf-8")
    for today in ("2017-06-05", "2017-06-12", "2017-07-01"):
        result = ktv("--data", str(seed), "deadlines", "--binnen", "30", "--today", today, rc=0)
        assert result.stdout == ""
    data = json.loads(
        ktv(
            "--data", str(seed), "deadlines", "--binnen", "30", "--json", "--today", "2017-07-01", rc=0
        ).stdout
    )
    assert data["meetjaren"] == []


def test_binnen_refuses_a_bad_number(seed: Path, ktv) -> None:
    result = ktv("--data", str(seed), "deadlines", "--binnen", "-3", rc=2)
    assert "dagen" in result.stderr


def _write(seed: Path, pid: str, end: str, body: str) -> None:
    (seed / "perioden" / f"{pid}.toml").write_text(
        f'schema = 1\nwerknemer = "WN-{pid[-2:]}"\nwerkgever = "WG-9"\nbegin = 2016-01-01\neinde = {end}\n{body}',
        encoding="utf-8",
    )


def test_ontbrekend_lists_current_and_previous_meetjaar_oldest_first(seed: Path, ktv) -> None:
    _write(
        seed,
        "p-m1",
        "2016-06-01",
        '\n[beoordeling.werkgever]\ncijfer = 7\n\n[ontbreekt]\nwerknemer = "Verhuisd."\n',
    )
    _write(seed, "p-m2", "2017-08-01", "")  # meetjaar 2018 (current on 2017-12-01): both missing
    _write(seed, "p-m3", "2016-05-12", "")  # S1 = meetjaar 2017's first day: both missing
    _write(seed, "p-m4", "2015-06-01", "")  # before S1: belongs to no meetjaar
    result = json.loads(
        ktv("--data", str(seed), "ontbrekend", "--json", "--today", "2017-12-01", rc=0).stdout
    )
    assert result["meetjaren"] == [2017, 2018]
    rows = [(f["id"], f["kant"], f["dagen"], f["reden"], f["meetjaar"]) for f in result["formulieren"]]
    assert rows == [
        ("p-m3", "werknemer", 568, None, 2017),
        ("p-m3", "werkgever", 568, None, 2017),
        ("p-m1", "werknemer", 548, "Verhuisd.", 2017),
        ("p-m2", "werknemer", 122, None, 2018),
        ("p-m2", "werkgever", 122, None, 2018),
    ]
    first = result["formulieren"][0]
    assert first == {
        "id": "p-m3",
        "werknemer": "WN-m3",
        "werkgever": "WG-9",
        "jobcoach": None,
        "kant": "werknemer",
        "einde": "2016-05-12",
        "dagen": 568,
        "reden": None,
        "meetjaar": 2017,
    }
    human = ktv("--data", str(seed), "ontbrekend", "--today", "2017-12-01", rc=0).stdout
    assert human.index("p-m3") < human.index("p-m1") < human.index("p-m2")
    assert "Verhuisd." in human and "12-05-2016" in human and "[ontbreekt]" in human
    # A year later 2017 is no longer the previous meetjaar.
    later = json.loads(ktv("--data", str(seed), "ontbrekend", "--json", "--today", "2019-01-01", rc=0).stdout)
    assert later["meetjaren"] == [2018, 2019] and {f["id"] for f in later["formulieren"]} == {"p-m2"}


def test_ontbrekend_without_missing_forms(seed: Path, ktv) -> None:
    result = ktv("--data", str(seed), "ontbrekend", "--today", "2017-06-01", rc=0)
    assert "Geen ontbrekende formulieren" in result.stdout


def test_stats_per_jobcoach(seed: Path, ktv) -> None:
    _write(seed, "p-x1", "2017-01-10", "\n[beoordeling.werknemer]\ncijfer = 4\n")  # no jobcoach
    plain = json.loads(ktv("--data", str(seed), "stats", "--json", "--today", "2017-06-01", rc=0).stdout)
    assert "per_jobcoach" not in plain
    data = json.loads(
        ktv("--data", str(seed), "stats", "--json", "--per-jobcoach", "--today", "2017-06-01", rc=0).stdout
    )
    per = data["per_jobcoach"]
    assert list(per) == ["IJ", "MK", "(zonder jobcoach)"]
    # Seed: IJ has 7.0, 5.5, 8.0 (wn) and 7.5, 7.0, 6.0 (wg); MK 7.5, 8.0 and 7.0, 8.0.
    assert per["IJ"]["werknemer"]["som"] == 20.5 and per["IJ"]["werknemer"]["cijfers"] == 3
    assert per["IJ"]["werkgever"]["weergave"] == "6,8"
    assert per["MK"]["werknemer"]["gemiddelde"] == 7.75 and per["MK"]["werkgever"]["som"] == 15.0
    assert per["(zonder jobcoach)"]["werknemer"]["voldoet"] is False
    assert per["(zonder jobcoach)"]["werkgever"]["formulieren"] == 0
    # The whole-year numbers are unchanged by the option.
    assert data["werknemer"] == plain["werknemer"]
    human = ktv("--data", str(seed), "stats", "--per-jobcoach", "--today", "2017-06-01", rc=0).stdout
    assert "intern: niet voor uwv" in human.lower()
    assert "20,5 : 3 = 6,8" in human and "(zonder jobcoach)" in human
    assert "intern" not in ktv("--data", str(seed), "stats", "--today", "2017-06-01", rc=0).stdout.lower()
