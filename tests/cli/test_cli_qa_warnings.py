"""SPEC §2 warnings found missing in acceptance testing: a missing form without an `ontbreekt`
reason after the meetjaar ended, and a meetjaar text copied from the previous meetjaar."""

from __future__ import annotations

import json


def _drop_werkgever_form(seed):
    path = seed / "perioden" / "2016-02-12-aaaaa.toml"
    text = path.read_text()
    path.write_text(text[: text.index("[beoordeling.werkgever]")])
    return path


def test_missing_form_without_reason_warns_once_the_meetjaar_ended(ktv, seed):
    path = _drop_werkgever_form(seed)
    running = ktv("--data", str(seed), "check", "--today", "2017-05-12", rc=0)
    assert "ontbreekt" not in running.stdout  # meetjaar 2017 still runs on its last day
    ended = json.loads(ktv("--data", str(seed), "check", "--json", "--today", "2017-05-13", rc=0).stdout)
    assert ended["fouten"] == 0 and ended["waarschuwingen"] == 1
    (problem,) = ended["problemen"]
    assert problem["bestand"] == "perioden/2016-02-12-aaaaa.toml"
    assert problem["ernst"] == "waarschuwing"
    assert problem["code"] == "ontbreekt-zonder-reden"
    assert "werkgever" in problem["bericht"]
    path.write_text(path.read_text() + '\n[ontbreekt]\nwerkgever = "Niet teruggestuurd."\n')
    result = ktv("--data", str(seed), "check", "--today", "2017-05-13", rc=0)
    assert result.stdout.strip() == "Geen problemen gevonden in 8 bestanden."


def test_meetjaar_text_equal_to_the_previous_one_warns(ktv, seed):
    years = seed / "meetjaren"
    (years / "2017.toml").write_text('schema = 1\nanalyse = "Alles ging goed."\nacties = "Geen."\n')
    (years / "2018.toml").write_text(
        'schema = 1\nanalyse = """\n  Alles  ging\ngoed.\n"""\nacties = "Meer bezoeken."\n'
    )
    result = json.loads(ktv("--data", str(seed), "check", "--json", "--today", "2017-05-20", rc=0).stdout)
    assert [(p["bestand"], p["regel"], p["code"]) for p in result["problemen"]] == [
        ("meetjaren/2018.toml", 2, "tekst-gelijk-aan-vorig-jaar")
    ]
    assert "analyse" in result["problemen"][0]["bericht"]


def test_a_bad_code_pattern_is_explained_in_dutch(ktv, seed):
    ktv_toml = seed / "ktv.toml"
    ktv_toml.write_text(ktv_toml.read_text() + '\n[codes]\npatroon = "(["\n')
    result = json.loads(ktv("--data", str(seed), "check", "--json", rc=1).stdout)
    (problem,) = [p for p in result["problemen"] if p["bestand"] == "ktv.toml"]
    assert problem["code"] == "ongeldige-waarde"
    assert problem["bericht"] == "patroon is geen geldige reguliere expressie (fout bij teken 2)"
