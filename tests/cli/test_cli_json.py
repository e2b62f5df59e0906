"""`ktv deadlines --json` and `ktv stats --json`: SPEC §5's shapes and key names."""

from __future__ import annotations

import json

TODAY = "2017-05-20"

NULL_SUBMISSION = {"ingediend_op": None, "melding_op": None, "uitslag": None, "uitslag_verwacht_voor": None}


def test_deadlines_json_matches_the_spec_example(ktv, seed):
    result = ktv("--data", str(seed), "deadlines", "--json", "--today", TODAY, rc=0)
    assert json.loads(result.stdout) == {
        "organisatie": "Jobcoach Voorbeeld B.V.",
        "erkenningsdatum": "2013-05-12",
        "vandaag": "2017-05-20",
        "fouten": 0,
        "meetjaren": [
            {
                "jaar": 2017,
                "start": "2016-05-12",
                "eerste_dag": "2016-05-12",
                "eind": "2017-05-12",
                "deadline": "2017-06-12",
                "afgeronde_perioden": 5,
                "actie": "rapportage",
                "status": "in_te_dienen",
                "dagen_tot_deadline": 23,
                **NULL_SUBMISSION,
            },
            {
                "jaar": 2018,
                "start": "2017-05-12",
                "eerste_dag": "2017-05-13",
                "eind": "2018-05-12",
                "deadline": "2018-06-12",
                "afgeronde_perioden": 0,
                "actie": "melding",
                "status": "lopend",
                "dagen_tot_deadline": 388,
                **NULL_SUBMISSION,
            },
        ],
    }


def test_deadlines_json_counts_errors_and_still_answers(ktv, seed):
    (seed / "perioden" / "kapot.toml").write_text("schema = 1\nwerknemer = \n")
    result = ktv("--data", str(seed), "deadlines", "--json", "--today", TODAY, rc=0)
    data = json.loads(result.stdout)
    assert data["fouten"] == 1
    assert [y["status"] for y in data["meetjaren"]] == ["in_te_dienen", "lopend"]


SIDE_KEYS = {
    "perioden",
    "formulieren",
    "cijfers",
    "som",
    "gemiddelde",
    "weergave",
    "norm",
    "voldoet",
    "respons",
    "verdeling",
    "vragen",
}


def test_stats_json_matches_the_spec_example(ktv, seed):
    result = ktv("--data", str(seed), "stats", "--json", "--today", TODAY, rc=0)
    data = json.loads(result.stdout)
    assert {"jaar", "start", "eind", "perioden", "werknemer", "werkgever"} <= set(data)
    assert (data["jaar"], data["start"], data["eind"]) == (2017, "2016-05-12", "2017-05-12")
    assert data["perioden"][0] == {
        "id": "2016-02-12-aaaaa",
        "werknemer": "WN-001",
        "werkgever": "WG-001",
        "jobcoach": "IJ",
        "einde": "2016-07-11",
        "cijfer_werknemer": 7.0,
        "cijfer_werkgever": 7.5,
    }
    assert [p["einde"] for p in data["perioden"]] == [
        "2016-07-11",
        "2016-09-04",
        "2016-10-29",
        "2016-12-23",
        "2017-03-31",
    ]
    assert [p["cijfer_werknemer"] for p in data["perioden"]] == [7.0, 7.5, 5.5, 8.0, 8.0]
    assert [p["cijfer_werkgever"] for p in data["perioden"]] == [7.5, 7.0, 7.0, 8.0, 6.0]

    wn = data["werknemer"]
    assert SIDE_KEYS <= set(wn)
    assert {k: wn[k] for k in SIDE_KEYS - {"vragen"}} == {
        "perioden": 5,
        "formulieren": 5,
        "cijfers": 5,
        "som": 36.0,
        "gemiddelde": 7.2,
        "weergave": "7,2",
        "norm": 6.5,
        "voldoet": True,
        "respons": 1.0,
        "verdeling": {"1": 0, "2": 0, "3": 0, "4": 0, "5": 0, "6": 1, "7": 1, "8": 3, "9": 0, "10": 0},
    }
    begeleiding = wn["vragen"][0]
    assert {k: begeleiding[k] for k in ("id", "tekst", "antwoorden", "geen_antwoord")} == {
        "id": "begeleiding",
        "tekst": "Bent u tevreden over de begeleiding van de jobcoach?",
        "antwoorden": {"nee": 0, "niet helemaal": 1, "ja": 4},
        "geen_antwoord": 0,
    }
    assert list(begeleiding["antwoorden"]) == ["nee", "niet helemaal", "ja"]  # scale order
    assert wn["vragen"][1]["antwoorden"] == {"nee": 1, "niet helemaal": 1, "ja": 3}

    wg = data["werkgever"]
    assert SIDE_KEYS <= set(wg)
    assert (wg["som"], wg["gemiddelde"], wg["weergave"], wg["voldoet"]) == (35.5, 7.1, "7,1", True)
    assert wg["verdeling"] == {
        "1": 0,
        "2": 0,
        "3": 0,
        "4": 0,
        "5": 0,
        "6": 1,
        "7": 2,
        "8": 2,
        "9": 0,
        "10": 0,
    }
    assert [q["id"] for q in wg["vragen"]] == [
        "contact_werknemer",
        "contact_leiding",
        "bereikbaarheid",
        "bezoeken",
        "benadering",
        "persoonlijke_ontwikkeling",
        "werknemersvaardigheden",
        "werkomgeving",
        "loopbaanperspectief",
    ]
    assert wg["vragen"][0]["antwoorden"] == {"onvoldoende": 0, "matig": 0, "voldoende": 0, "goed": 5}
    assert wg["vragen"][1]["geen_antwoord"] == 5
    assert wg["vragen"][4]["antwoorden"]["voldoende"] == 5


def test_stats_json_missing_cijfers_are_null(ktv, seed):
    (seed / "perioden" / "zonder.toml").write_text(
        'schema = 1\nwerknemer = "WN-009"\nwerkgever = "WG-009"\nbegin = 2016-06-01\neinde = 2017-04-01\n'
        "[beoordeling.werknemer]\nontvangen = 2017-04-02\n"
    )
    data = json.loads(ktv("--data", str(seed), "stats", "--json", "--today", TODAY, rc=0).stdout)
    last = data["perioden"][-1]
    assert last["id"] == "zonder" and last["cijfer_werknemer"] is None and last["cijfer_werkgever"] is None
    assert (
        data["werknemer"]["perioden"],
        data["werknemer"]["formulieren"],
        data["werknemer"]["cijfers"],
    ) == (6, 6, 5)
    assert data["werkgever"]["respons"] == 5 / 6


def test_stats_json_without_any_cijfer(ktv, seed):
    data = json.loads(
        ktv("--data", str(seed), "stats", "--json", "--jaar", "2018", "--today", TODAY, rc=0).stdout
    )
    assert data["jaar"] == 2018 and data["perioden"] == []
    for side in ("werknemer", "werkgever"):
        assert data[side]["gemiddelde"] is None
        assert data[side]["weergave"] is None
        assert data[side]["voldoet"] is None
        assert data[side]["respons"] is None


def test_stats_default_year(ktv, seed):
    def year(today):
        return json.loads(ktv("--data", str(seed), "stats", "--json", "--today", today, rc=0).stdout)["jaar"]

    assert year("2017-05-12") == 2017  # nothing ended yet: the current one
    assert year("2017-05-13") == 2017  # the latest that has ended
    assert year("2018-05-12") == 2017
    assert year("2018-05-13") == 2018


def test_human_output_is_dutch_and_plain(ktv, seed):
    out = ktv("--data", str(seed), "stats", "--today", TODAY, rc=0).stdout
    assert "36 : 5 = 7,2" in out and "35,5 : 5 = 7,1" in out and "voldoet" in out
    out = ktv("--data", str(seed), "deadlines", "--today", TODAY, rc=0).stdout
    assert "in te dienen" in out and "12-06-2017" in out and "nog 23 dagen" in out
