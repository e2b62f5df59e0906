"""`stats --json` keys of SPEC §3–4 added for the documents: eerste_dag, procenten, spreiding,
marge, volgend_minimaal — every value computed by hand in the comments."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from report.numbers import largest_remainder, positive_answers
from store.create import create_data_folder

TODAY = "2017-05-20"


def stats(ktv, root: Path, *extra: str) -> dict:
    return json.loads(ktv("--data", str(root), "stats", "--json", "--today", TODAY, *extra, rc=0).stdout)


def test_seed_spread_margin_and_next_minimum(ktv, seed):
    data = stats(ktv, seed)
    assert data["start"] == "2016-05-12" and data["eerste_dag"] == "2016-05-12"  # k = 1: S1 itself
    wn, wg = data["werknemer"], data["werkgever"]
    # werknemer 7, 7.5, 5.5, 8, 8 → sorted 5.5 7 7.5 8 8; 5.5 < 6.5
    assert wn["spreiding"] == {"laagste": 5.5, "hoogste": 8.0, "mediaan": 7.5, "onder_norm": 1}
    assert wn["marge"] == 3.5  # 36 − 6.5 × 5 = 36 − 32.5
    assert wn["volgend_minimaal"] == 3.0  # 6.5 × 6 − 36 = 39 − 36
    # werkgever 7.5, 7, 7, 8, 6 → sorted 6 7 7 7.5 8
    assert wg["spreiding"] == {"laagste": 6.0, "hoogste": 8.0, "mediaan": 7.0, "onder_norm": 1}
    assert wg["marge"] == 3.0  # 35.5 − 32.5
    assert wg["volgend_minimaal"] == 3.5  # 39 − 35.5


def test_seed_percentages_of_the_received_forms(ktv, seed):
    wn, wg = stats(ktv, seed)["werknemer"], stats(ktv, seed)["werkgever"]
    # begeleiding: ja 4, niet helemaal 1 of 5 forms
    assert wn["vragen"][0]["procenten"] == {"nee": 0, "niet helemaal": 20, "ja": 80, "geen_antwoord": 0}
    assert list(wn["vragen"][0]["procenten"]) == ["nee", "niet helemaal", "ja", "geen_antwoord"]
    # bereikbaarheid: nee 1, niet helemaal 1, ja 3
    assert wn["vragen"][1]["procenten"] == {"nee": 20, "niet helemaal": 20, "ja": 60, "geen_antwoord": 0}
    assert wg["vragen"][0]["procenten"]["goed"] == 100
    assert wg["vragen"][1]["procenten"] == {
        "onvoldoende": 0,
        "matig": 0,
        "voldoende": 0,
        "goed": 0,
        "geen_antwoord": 100,
    }
    for side in (wn, wg):
        for question in side["vragen"]:
            assert sum(question["procenten"].values()) == 100


def test_without_cijfers_the_new_keys_are_null(ktv, seed):
    data = stats(ktv, seed, "--jaar", "2018")
    assert data["start"] == "2017-05-12" and data["eerste_dag"] == "2017-05-13"  # S_k + 1 day
    for side in ("werknemer", "werkgever"):
        assert data[side]["spreiding"] is None
        assert data[side]["marge"] is None
        assert data[side]["volgend_minimaal"] is None


def test_deadlines_json_has_eerste_dag(ktv, seed):
    data = json.loads(ktv("--data", str(seed), "deadlines", "--json", "--today", TODAY, rc=0).stdout)
    assert [(y["start"], y["eerste_dag"]) for y in data["meetjaren"]] == [
        ("2016-05-12", "2016-05-12"),
        ("2017-05-12", "2017-05-13"),
    ]


def _folder(tmp_path: Path, norm: str, grades: list[str]) -> Path:
    root = tmp_path / "map"
    create_data_folder(root, "Jobcoach Grens B.V.", date(2013, 5, 12), git=False)
    if norm != "6.5":
        text = (root / "ktv.toml").read_text(encoding="utf-8")
        (root / "ktv.toml").write_text(text + f"\n[norm]\nwerknemer = {norm}\nwerkgever = {norm}\n")
    for index, grade in enumerate(grades):
        (root / "perioden" / f"p{index}.toml").write_text(
            f'schema = 1\nwerknemer = "WN-{index + 1}"\nwerkgever = "WG-1"\nbegin = 2016-06-01\n'
            f"einde = 2017-0{index + 1}-01\n\n[beoordeling.werknemer]\ncijfer = {grade}\n",
            encoding="utf-8",
        )
    return root


@pytest.mark.parametrize(
    ("norm", "grades", "marge", "minimaal", "mediaan"),
    [
        # 6.5 × 3 − 13 = 6.5 exactly: (13 + 6.5) / 3 = 6.5 just meets the norm
        ("6.5", ["7.0", "6.0"], 0.0, 6.5, 6.5),
        # 6.45 × 3 − 13 = 6.35 → rounded UP to 6.4: (13 + 6.4) / 3 = 6.467 ≥ 6.45, 6.3 would not do
        ("6.45", ["7.0", "6.0"], 0.1, 6.4, 6.5),
        # 6.5 × 3 − 9.5 = 10.0: only a 10 will do, and it does
        ("6.5", ["4.5", "5.0"], -3.5, 10.0, 4.75),
        # 6.5 × 3 − 2 = 17.5: not even a 10 → null
        ("6.5", ["1.0", "1.0"], -11.0, None, 1.0),
        # 6.5 × 3 − 20 = −0.5 → at least 1
        ("6.5", ["10.0", "10.0"], 7.0, 1.0, 10.0),
        # 6.5 × 2 − 6.4 = 6.6
        ("6.5", ["6.4"], -0.1, 6.6, 6.4),
    ],
)
def test_next_minimum_borderlines(ktv, tmp_path, norm, grades, marge, minimaal, mediaan):
    wn = stats(ktv, _folder(tmp_path, norm, grades))["werknemer"]
    assert wn["marge"] == pytest.approx(marge, abs=1e-9)
    assert wn["volgend_minimaal"] == minimaal
    assert wn["spreiding"]["mediaan"] == mediaan
    assert wn["spreiding"]["onder_norm"] == sum(1 for g in grades if float(g) < float(norm))


def test_three_answers_of_three_forms_round_to_100_with_the_earlier_answer_first():
    assert largest_remainder([1, 1, 1]) == [34, 33, 33]
    assert largest_remainder([1, 1, 1, 0]) == [34, 33, 33, 0]
    assert largest_remainder([0, 1, 1, 1]) == [0, 34, 33, 33]
    # 7 forms: 1/7 = 14.29, 2/7 = 28.57, 4/7 = 57.14 → 14 + 28 + 57 = 99; largest remainder 2/7 gets it
    assert largest_remainder([1, 2, 4]) == [14, 29, 57]
    assert largest_remainder([0, 0]) == [0, 0]


def test_positive_answers_are_the_upper_half_of_the_scale():
    assert positive_answers(("nee", "niet helemaal", "ja")) == ("ja",)
    assert positive_answers(("onvoldoende", "matig", "voldoende", "goed")) == ("voldoende", "goed")
    assert positive_answers(("nee", "ja")) == ("ja",)
    assert positive_answers(tuple("abcde")) == ("d", "e")


def test_people_see_the_first_day_of_a_meetjaar(ktv, seed):
    out = ktv("--data", str(seed), "stats", "--jaar", "2018", "--today", TODAY, rc=0).stdout
    assert "13 mei 2017 t/m 12 mei 2018" in " ".join(out.split())
    out = ktv("--data", str(seed), "stats", "--jaar", "2017", "--today", TODAY, rc=0).stdout
    assert "12 mei 2016 t/m 12 mei 2017" in " ".join(out.split())
