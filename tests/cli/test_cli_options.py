"""Finding the data folder, global options before or after the command, Dutch usage errors."""

from __future__ import annotations

import json

import pytest

TODAY = "2017-05-20"


def jaar(result) -> int:
    return json.loads(result.stdout)["jaar"]


@pytest.mark.parametrize(
    "order",
    [
        ("--data", "{d}", "--today", TODAY, "stats", "--json"),
        ("stats", "--json", "--data", "{d}", "--today", TODAY),
        ("--data", "{d}", "stats", "--today", TODAY, "--json"),
        ("--today", TODAY, "stats", "--data", "{d}", "--json"),
    ],
)
def test_global_options_before_or_after_the_command(ktv, seed, order):
    args = [a.format(d=seed) for a in order]
    assert jaar(ktv(*args, rc=0)) == 2017


def test_today_after_the_command_is_used(ktv, seed):
    data = json.loads(ktv("--data", str(seed), "deadlines", "--json", "--today", "2018-07-01", rc=0).stdout)
    assert data["vandaag"] == "2018-07-01" and [y["jaar"] for y in data["meetjaren"]] == [2017, 2018, 2019]


def test_ktv_data_environment(ktv, seed, tmp_path):
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    result = ktv("stats", "--json", "--today", TODAY, cwd=elsewhere, env={"KTV_DATA": str(seed)}, rc=0)
    assert jaar(result) == 2017


def test_data_option_wins_over_environment(ktv, seed, tmp_path):
    result = ktv(
        "--data",
        str(seed),
        "deadlines",
        "--json",
        "--today",
        TODAY,
        env={"KTV_DATA": str(tmp_path / "weg")},
        rc=0,
    )
    assert json.loads(result.stdout)["organisatie"] == "Jobcoach Voorbeeld B.V."


def test_empty_ktv_data_counts_as_unset(ktv, seed, tmp_path):
    result = ktv("stats", "--json", "--today", TODAY, cwd=seed / "perioden", env={"KTV_DATA": ""}, rc=0)
    assert jaar(result) == 2017
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    result = ktv("check", cwd=elsewhere, env={"KTV_DATA": ""}, rc=2)
    assert "ktv init" in result.stderr


def test_upward_search_for_ktv_toml(ktv, seed):
    deeper = seed / "meetjaren" / "a" / "b"
    deeper.mkdir(parents=True)
    assert jaar(ktv("stats", "--json", "--today", TODAY, cwd=deeper, rc=0)) == 2017


@pytest.mark.parametrize("command", ["check", "stats"])
def test_no_folder_suggests_init_and_demo(ktv, tmp_path, command):
    result = ktv(command, cwd=tmp_path, rc=2)
    assert result.stdout == ""
    assert "geen ktv-gegevensmap gevonden" in result.stderr
    assert "ktv init" in result.stderr and "ktv demo" in result.stderr


def test_missing_folder(ktv, tmp_path):
    result = ktv("--data", str(tmp_path / "bestaat-niet"), "check", rc=2)
    assert "bestaat niet" in result.stderr
    result = ktv("check", env={"KTV_DATA": str(tmp_path / "ook-niet")}, rc=2)
    assert "bestaat niet" in result.stderr


def test_a_folder_without_ktv_toml(ktv, tmp_path):
    result = ktv("--data", str(tmp_path), "check", rc=2)
    assert "geen ktv-gegevensmap" in result.stderr and "ktv init" in result.stderr


@pytest.mark.parametrize("bad", ["2017-02-30", "20-05-2017", "2017-5-1"])
def test_bad_date(ktv, seed, bad):
    for args in (("--today", bad, "deadlines"), ("deadlines", "--today", bad)):
        result = ktv("--data", str(seed), *args, rc=2)
        assert "geen geldige datum" in result.stderr and "JJJJ-MM-DD" in result.stderr


@pytest.mark.parametrize("command", ["deadlines", "stats", "check"])
def test_dates_near_the_end_of_the_calendar_are_refused(ktv, seed, command):
    result = ktv("--data", str(seed), command, "--today", "9999-12-31", rc=2)
    assert "te ver in de toekomst" in result.stderr


def test_a_recognition_date_far_in_the_future_is_an_error_not_a_crash(ktv, seed):
    (seed / "ktv.toml").write_text('schema = 1\nnaam = "X"\nerkenningsdatum = 9999-12-15\n')
    (seed / "meetjaren" / "9999.toml").write_text("schema = 1\n")
    result = ktv("--data", str(seed), "check", rc=1)
    assert "ktv.toml:3: fout: erkenningsdatum 9999-12-15 ligt te ver in de toekomst" in result.stdout
    ktv("--data", str(seed), "deadlines", rc=0)  # deadlines always answers


def test_a_meetjaar_file_far_in_the_future_is_an_error_not_a_crash(ktv, seed):
    ktv_toml = seed / "ktv.toml"
    ktv_toml.write_text(ktv_toml.read_text().replace("2013-05-12", "2013-12-15"))
    (seed / "meetjaren" / "9999.toml").write_text("schema = 1\n")
    result = ktv("--data", str(seed), "check", rc=1)
    assert "meetjaren/9999.toml: fout: meetjaar 9999 ligt te ver in de toekomst" in result.stdout
    ktv("--data", str(seed), "deadlines", "--today", "2017-05-20", rc=0)


def test_bad_date_on_init(ktv, tmp_path):
    result = ktv("init", str(tmp_path / "nieuw"), "--naam", "X", "--erkenningsdatum", "31-02-2016", rc=2)
    assert "geen geldige datum" in result.stderr
    assert not (tmp_path / "nieuw").exists()


@pytest.mark.parametrize(
    ("year", "fragment"),
    [
        ("2016", "onbekend meetjaar 2016"),
        ("2019", "onbekend meetjaar 2019"),
        ("abc", "geen meetjaar"),
        ("17", "geen meetjaar"),
    ],
)
def test_unknown_meetjaar(ktv, seed, year, fragment):
    result = ktv("--data", str(seed), "stats", "--jaar", year, "--today", TODAY, rc=2)
    assert fragment in result.stderr


def test_unknown_command_and_option_in_dutch(ktv, seed):
    result = ktv("--data", str(seed), "statistiek", rc=2)
    assert "onbekende keuze" in result.stderr
    result = ktv("--data", str(seed), "check", "--bestaat-niet", rc=2)
    assert "onbekende argumenten" in result.stderr


def test_help_and_version(ktv):
    assert "opdrachten" in ktv("--help", rc=0).stdout.lower() or "OPDRACHT" in ktv("--help", rc=0).stdout
    assert ktv("--version", rc=0).stdout.startswith("ktv ")
