"""One three-way merge for every TOML kind (store/merge.py `merge_texts`): field by field,
comments and order kept even when the merged file has errors, texts merged line by line with
"beide" when edits overlap, questionnaires by question id, picks only for the values shown."""

from __future__ import annotations

import tomllib

from store.merge import MergeResult, Pick, merge_file, merge_texts, pick_for
from store.merge_words import conflict_lines

ORG = """schema = 1
# de organisatie
naam = "Team B.V."
erkenningsdatum = 2013-05-12
accounthouder = "M. de Vries"  # sinds 2020
kenmerk = "JC-1"
"""

PERIOD = """schema = 1
# een
werknemer = "WN-001"  # twee
werkgever = "WG-001"
# drie
begin = 2027-01-01
einde = 2027-03-01
cijfr = 4

# vier
[beoordeling.werknemer]
ontvangen = 2027-04-01
cijfer = 7.0  # vijf
# zes
"""

YEAR = '''schema = 1
analyse = """
Eerste alinea over de werknemers.
Tweede regel.

Derde alinea over de werkgevers.
Vierde regel.
"""
'''

QUESTIONS = """schema = 1
titel = "Werknemer"
schaal = ["nee", "ja"]

# vraag over begeleiding
[[vraag]]
id = "begeleiding"
tekst = "Begeleiding?"

[[vraag]]
id = "bereikbaarheid"
tekst = "Bereikbaarheid?"
"""


def test_ktv_toml_merges_field_by_field_with_comments() -> None:
    ours = ORG.replace('"M. de Vries"', '"J. Bakker"')
    theirs = ORG.replace('"JC-1"', '"JC-2"')
    result = merge_texts(ORG, ours, theirs, "organisatie")
    assert result.clean
    table = tomllib.loads(result.text)
    assert table["accounthouder"] == "J. Bakker" and table["kenmerk"] == "JC-2"
    assert "# de organisatie" in result.text and "# sinds 2020" in result.text


def test_ktv_toml_same_field_is_a_field_conflict_with_both_values() -> None:
    result = merge_file("ktv.toml", ORG, ORG.replace("M. de Vries", "A"), ORG.replace("M. de Vries", "B"))
    assert [c.path for c in result.conflicts] == [("accounthouder",)]
    assert conflict_lines("ktv.toml", result.conflicts) == [
        "ktv.toml: accounthouder: bij u 'A', bij de ander 'B'"
    ]


def test_every_comment_survives_a_merge_of_a_file_with_an_error() -> None:
    ours = PERIOD.replace('werkgever = "WG-001"', 'werkgever = "WG-002"')
    theirs = PERIOD.replace("cijfer = 7.0", "cijfer = 8.5")
    result = merge_file("perioden/2027-01-01-abcde.toml", PERIOD, ours, theirs)
    assert result.clean
    for n in ("een", "twee", "drie", "vier", "vijf", "zes"):
        assert f"# {n}" in result.text
    table = tomllib.loads(result.text)
    assert table["werkgever"] == "WG-002" and str(table["beoordeling"]["werknemer"]["cijfer"]) == "8.5"
    assert table["cijfr"] == 4  # the typo key stays, where it was: after einde
    assert result.text.index("cijfr") > result.text.index("einde")


def test_a_valid_merge_is_canonical_and_keeps_comments() -> None:
    base = PERIOD.replace("cijfr = 4\n", "")
    ours = base.replace('werkgever = "WG-001"', 'werkgever = "WG-002"')
    theirs = base.replace("cijfer = 7.0", "cijfer = 8")
    result = merge_file("perioden/2027-01-01-abcde.toml", base, ours, theirs)
    assert "cijfer = 8.0  # vijf" in result.text and "# zes" in result.text


def test_texts_merge_line_wise_when_edits_do_not_overlap() -> None:
    ours = YEAR.replace("Tweede regel.", "Tweede regel, aangevuld.")
    theirs = YEAR.replace("Vierde regel.", "Vierde regel, ook aangevuld.")
    result = merge_file("meetjaren/2027.toml", YEAR, ours, theirs)
    assert result.clean
    text = tomllib.loads(result.text)["analyse"]
    assert "aangevuld." in text and "ook aangevuld." in text


def test_overlapping_text_edits_offer_beide_mine_first_with_a_blank_line() -> None:
    ours = YEAR.replace("Tweede regel.", "Mijn versie.")
    theirs = YEAR.replace("Tweede regel.", "Hun versie.")
    result = merge_file("meetjaren/2027.toml", YEAR, ours, theirs)
    (conflict,) = result.conflicts
    assert conflict.kind == "tekst" and conflict.allows_both
    lines = conflict_lines("meetjaren/2027.toml", [conflict])
    assert any("Mijn versie." in line for line in lines) and any("Hun versie." in line for line in lines)
    assert not any("Derde alinea" in line for line in lines)  # only the differing lines
    both = merge_file("meetjaren/2027.toml", YEAR, ours, theirs, {conflict.path: pick_for(conflict, "both")})
    text = tomllib.loads(both.text)["analyse"]
    mine, theirs_text = tomllib.loads(ours)["analyse"], tomllib.loads(theirs)["analyse"]
    assert text.startswith(mine.rstrip("\n") + "\n\n" + theirs_text.strip("\n"))


def test_a_pick_applies_only_to_the_values_it_was_shown() -> None:
    rel = "perioden/2027-01-01-abcde.toml"
    ours = PERIOD.replace("cijfer = 7.0", "cijfer = 6.0")
    theirs = PERIOD.replace("cijfer = 7.0", "cijfer = 8.0")
    (conflict,) = merge_file(rel, PERIOD, ours, theirs).conflicts
    pick = {conflict.path: pick_for(conflict, "theirs")}
    moved_on = PERIOD.replace("cijfer = 7.0", "cijfer = 9.5")
    again = merge_file(rel, PERIOD, ours, moved_on, pick)
    assert not again.clean and str(again.conflicts[0].theirs) == "9.5"
    applied = merge_file(rel, PERIOD, ours, theirs, pick)
    assert applied.clean and "cijfer = 8.0" in applied.text


def test_questionnaire_merges_questions_by_id() -> None:
    ours = QUESTIONS.replace('"Begeleiding?"', '"Tevreden over de begeleiding?"')
    theirs = QUESTIONS + '\n[[vraag]]\nid = "werkplek"\ntekst = "Werkplek?"\n'
    result = merge_file("vragenlijsten/werknemer.toml", QUESTIONS, ours, theirs)
    assert result.clean
    ids = [q["id"] for q in tomllib.loads(result.text)["vraag"]]
    assert ids == ["begeleiding", "bereikbaarheid", "werkplek"]
    assert "Tevreden over de begeleiding?" in result.text and "# vraag over begeleiding" in result.text


def test_received_form_against_missing_reason_is_a_conflict() -> None:
    base = PERIOD.replace("cijfr = 4\n", "").split("# vier")[0]
    ours = base + "\n[beoordeling.werkgever]\ncijfer = 7.0\n"
    theirs = base + '\n[ontbreekt]\nwerkgever = "Niet teruggestuurd."\n'
    result = merge_file("perioden/2027-01-01-abcde.toml", base, ours, theirs)
    (conflict,) = result.conflicts
    assert conflict.kind == "tegenstrijdig"
    line = conflict_lines(result.rel, [conflict])[0]
    assert "werkgever" in line and "7,0" in line and "Niet teruggestuurd." in line
    kept = merge_file(result.rel, base, ours, theirs, {conflict.path: pick_for(conflict, "theirs")})
    table = tomllib.loads(kept.text)
    assert "werkgever" not in table.get("beoordeling", {}) and table["ontbreekt"]["werkgever"]


def test_presentation_is_dutch() -> None:
    rel = "perioden/2027-01-01-abcde.toml"
    base = PERIOD.replace("cijfr = 4\n", "")
    ours = base.replace("cijfer = 7.0", "cijfer = 6.0")
    theirs = base.replace("cijfer = 7.0", "cijfer = 9.5")
    (line,) = conflict_lines(rel, merge_file(rel, base, ours, theirs).conflicts)
    assert "werknemer: cijfer" in line and "'9,5'" in line and "'6,0'" in line
    assert "beoordeling." not in line
    removed = merge_file(rel, base, base.split("# vier")[0], theirs)
    (line,) = conflict_lines(rel, removed.conflicts)
    assert "{" not in line and "verwijderd" in line and "9,5" in line
    deleted = merge_file(rel, base, None, theirs)
    assert "verwijderd tegenover gewijzigd" in conflict_lines(rel, deleted.conflicts)[0]


def test_a_file_ktv_cannot_read_is_named_for_what_it_is() -> None:
    result = merge_file("rapporten/melding-2028.pdf", "a", "b", "c")
    assert not result.clean
    line = conflict_lines(result.rel, result.conflicts)[0]
    assert "PDF-bestand" in line and "onleesbaar" not in line


def test_merge_result_api() -> None:
    result = merge_texts(YEAR, YEAR, YEAR, "meetjaar")
    assert isinstance(result, MergeResult) and result.clean and result.text == YEAR
    assert Pick("ours", "1", "2").fits("1", "2") and not Pick("ours", "1", "2").fits("1", "3")
