"""SPEC §2 "Validation" through the installed `ktv` (issue 10 findings 1, 4, 6, 7, 8, 11; issue 11
`check --json`): each rule refuses what the old main let through, and numbers are refused until
the data is fixed."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from store.problems import CODES

TODAY = "2017-05-20"
PERIOD = "perioden/2016-02-12-aaaaa.toml"


def check_json(ktv, seed: Path, rc: int) -> dict:
    result = ktv("--data", str(seed), "check", "--json", "--today", TODAY, rc=rc)
    return json.loads(result.stdout)


def codes_of(report: dict, file: str | None = None) -> list[str]:
    return [p["code"] for p in report["problemen"] if file is None or p["bestand"] == file]


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, text)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append_to(path: Path, extra: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")


# --- check --json (issue 11) ---------------------------------------------------------------------


def test_check_json_on_a_clean_folder(ktv, seed):
    assert check_json(ktv, seed, rc=0) == {"fouten": 0, "waarschuwingen": 0, "problemen": []}


def test_check_json_names_file_line_severity_code_and_message(ktv, seed):
    replace_in(seed / PERIOD, "cijfer = 7.0", "cijfer = 11")
    replace_in(seed / "perioden/2016-03-18-bbbbb.toml", "ontvangen = 2016-09-04", "ontvangen = 2016-09-01")
    report = check_json(ktv, seed, rc=1)
    assert report["fouten"] == 1 and report["waarschuwingen"] == 1
    assert report["problemen"][0] == {
        "bestand": PERIOD,
        "regel": 10,
        "ernst": "fout",
        "code": "cijfer-buiten-bereik",
        "bericht": "cijfer 11 ligt buiten 1 tot 10",
    }
    assert report["problemen"][1]["code"] == "ontvangen-voor-einde"
    assert report["problemen"][1]["ernst"] == "waarschuwing"
    assert all(set(p) == {"bestand", "regel", "ernst", "code", "bericht"} for p in report["problemen"])


# --- finding 1: every unknown key or table is an error, in every file kind ------------------------

UNKNOWN = [
    (PERIOD, ("cijfer = 7.0", "cijfr = 2.0\ncijfer = 7.0"), "cijfr", "cijfer"),
    (PERIOD, ("einde = 2016-07-11", "eind = 2016-07-11"), "eind", "einde"),
    (PERIOD, ("[beoordeling.werknemer]\n", "[beoordeling.werknmer]\n"), "werknmer", "werknemer"),
    (
        PERIOD,
        ("[beoordeling.werkgever]\n", "[ontbreekt]\nwerknemr = 'x'\n\n[beoordeling.werkgever]\n"),
        "werknemr",
        "werknemer",
    ),
    ("ktv.toml", ("naam =", "naaam = 'x'\nnaam ="), "naaam", "naam"),
    ("ktv.toml", (None, "\n[norm]\nwerknemr = 7.0\n"), "werknemr", "werknemer"),
    ("ktv.toml", (None, "\n[contact]\ntelefon = '030 123 4567'\n"), "telefon", "telefoon"),
    ("ktv.toml", (None, "\n[ondertekening]\nfunktie = 'Directeur'\n"), "funktie", "functie"),
    ("ktv.toml", (None, "\n[codes]\npatroonn = 'x'\n"), "patroonn", "patroon"),
    ("ktv.toml", (None, "\n[nomr]\nwerknemer = 7.0\n"), "nomr", "norm"),
    ("vragenlijsten/werknemer.toml", ("titel =", "titell = 'x'\ntitel ="), "titell", "titel"),
    (
        "vragenlijsten/werknemer.toml",
        (None, "\n[[vraag]]\nid = 'x1'\ntekts = 'y'\ntekst = 'z'\n"),
        "tekts",
        "tekst",
    ),
    ("meetjaren/2017.toml", (None, "analyze = 'x'\n"), "analyze", "analyse"),
]


@pytest.mark.parametrize(("rel", "edit", "key", "meant"), UNKNOWN, ids=[f"{u[0]}:{u[2]}" for u in UNKNOWN])
def test_an_unknown_key_is_an_error_and_blocks_the_numbers(ktv, seed, rel, edit, key, meant):
    path = seed / rel
    old, new = edit
    if rel.startswith("meetjaren/"):
        path.write_text("schema = 1\n" + new, encoding="utf-8")
    elif old is None:
        append_to(path, new)
    else:
        replace_in(path, old, new)
    report = check_json(ktv, seed, rc=1)
    problem = next(p for p in report["problemen"] if p["code"] == "onbekende-sleutel")
    assert problem["bestand"] == rel and problem["ernst"] == "fout"
    assert f"'{key}'" in problem["bericht"] or f".{key}'" in problem["bericht"]
    assert f"(bedoelt u '{meant}'?)" in problem["bericht"]
    refused = ktv("--data", str(seed), "stats", "--jaar", "2017", "--json", "--today", TODAY, rc=2)
    assert "ktv check" in refused.stderr + refused.stdout


def test_a_misspelt_grade_no_longer_flips_a_verdict(ktv, seed):
    """The issue's example: `cijfr` made a failing side 'voldoet' with only a warning."""
    for row in ("2016-02-12-aaaaa", "2016-03-18-bbbbb"):
        replace_in(seed / f"perioden/{row}.toml", "cijfer = 7", "cijfr = 2")
    ktv("--data", str(seed), "stats", "--jaar", "2017", "--today", TODAY, rc=2)


# --- finding 4: names -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["²⁰¹⁷.toml", "٢٠١٧.toml", "２０１７.toml", "217.toml", "2017.TOML"])
def test_only_four_ascii_digits_name_a_meetjaar(ktv, seed, name):
    (seed / "meetjaren/2017.toml").write_text('schema = 1\nanalyse = "eigen tekst"\n', encoding="utf-8")
    (seed / "meetjaren" / name).write_text('schema = 1\nanalyse = "andere tekst"\n', encoding="utf-8")
    report = check_json(ktv, seed, rc=1)
    assert codes_of(report) == ["ongeldige-naam"]
    assert report["problemen"][0]["bestand"] == f"meetjaren/{name}"
    for command in (["deadlines", "--json"], ["stats", "--json", "--jaar", "2017"]):
        ktv("--data", str(seed), *command, "--today", TODAY, rc=0)
    assert "eigen tekst" in (seed / "meetjaren/2017.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize("year", ["٢٠١٧", "²⁰¹⁷", "２０１７"])
def test_jaar_option_takes_only_ascii_digits(ktv, seed, year):
    ktv("--data", str(seed), "stats", "--jaar", year, "--today", TODAY, rc=2)


def _bytes_name(folder: Path, name: bytes) -> Path:
    return Path(os.fsdecode(os.path.join(os.fsencode(folder), name)))


@pytest.mark.parametrize(
    ("sub", "severity", "rc"),
    [
        ("perioden", "fout", 1),
        ("meetjaren", "fout", 1),
        ("vragenlijsten", "fout", 1),
        ("rapporten", "waarschuwing", 0),
    ],
)
def test_a_name_that_is_not_utf8(ktv, seed, sub, severity, rc):
    (seed / "rapporten").mkdir(exist_ok=True)
    suffix = b".pdf" if sub == "rapporten" else b".toml"
    _bytes_name(seed / sub, b"caf\xe9" + suffix).write_bytes(b"schema = 1\n")
    report = check_json(ktv, seed, rc=rc)
    assert [(p["code"], p["ernst"]) for p in report["problemen"]] == [("ongeldige-naam", severity)]
    assert report["problemen"][0]["bestand"] == f"{sub}/caf\ufffd{suffix.decode()}"
    human = ktv("--data", str(seed), "check", "--today", TODAY, rc=rc)
    assert "caf\ufffd" in human.stdout
    for command in (["deadlines"], ["stats", "--jaar", "2017"], ["stats", "--json", "--jaar", "2017"]):
        ktv("--data", str(seed), *command, "--today", TODAY)


# --- finding 6: conflict markers only outside strings ----------------------------------------------


def test_a_conflict_marker_inside_a_text_is_text(ktv, seed):
    (seed / "meetjaren/2017.toml").write_text(
        'schema = 1\nanalyse = """\nBoven.\n=======\n<<<<<<< geen conflict\nOnder.\n>>>>>>> ook niet\n"""\n'
        "conclusies = '''\n=======\n'''\n",
        encoding="utf-8",
    )
    assert check_json(ktv, seed, rc=0)["problemen"] == []
    ktv("--data", str(seed), "fmt", "--today", TODAY, rc=0)
    assert check_json(ktv, seed, rc=0)["problemen"] == []
    assert "\n=======\n" in (seed / "meetjaren/2017.toml").read_text(encoding="utf-8")


def test_a_conflict_marker_outside_strings_is_still_an_error(ktv, seed):
    (seed / "meetjaren/2017.toml").write_text(
        'schema = 1\n<<<<<<< HEAD\nanalyse = """\n=======\n"""\n=======\nanalyse = "b"\n>>>>>>> tak\n',
        encoding="utf-8",
    )
    report = check_json(ktv, seed, rc=1)
    assert [(p["code"], p["regel"]) for p in report["problemen"]] == [
        ("conflictmarkering", 2),
        ("conflictmarkering", 6),
        ("conflictmarkering", 8),
    ]


# --- finding 7: codes and personal data -----------------------------------------------------------


@pytest.mark.parametrize("code", ["Jan Jansen", "jansen", "WN 014", "WN-\t014"])
def test_a_name_is_no_code(ktv, seed, code):
    replace_in(seed / PERIOD, 'werknemer = "WN-001"', f'werknemer = "{code}"')
    report = check_json(ktv, seed, rc=1)
    assert set(codes_of(report, PERIOD)) <= {"code-geen-pseudoniem", "stuurteken"}
    assert report["problemen"][0]["regel"] == 2
    ktv("--data", str(seed), "stats", "--jaar", "2017", "--today", TODAY, rc=2)


def test_codes_follow_the_pattern_of_ktv_toml(ktv, seed):
    append_to(seed / "ktv.toml", "\n[codes]\npatroon = '^W[NG]-[0-9]{3}$'\n")
    assert check_json(ktv, seed, rc=0)["problemen"] == []
    replace_in(seed / PERIOD, 'werkgever = "WG-001"', 'werkgever = "WG-1"')
    report = check_json(ktv, seed, rc=1)
    assert codes_of(report) == ["code-geen-pseudoniem"]
    assert "patroon" in report["problemen"][0]["bericht"]


def test_a_pattern_may_allow_codes_without_digits(ktv, seed):
    append_to(seed / "ktv.toml", "\n[codes]\npatroon = '^[a-z]+(-[0-9]+)?$'\n")
    replace_in(seed / PERIOD, 'werknemer = "WN-001"', 'werknemer = "appel"')
    replace_in(seed / PERIOD, 'werkgever = "WG-001"', 'werkgever = "peer"')
    for other in seed.glob("perioden/*.toml"):
        text = other.read_text(encoding="utf-8").replace('"WN-', '"wn-').replace('"WG-', '"wg-')
        other.write_text(text, encoding="utf-8")
    assert check_json(ktv, seed, rc=0)["problemen"] == []


PRIVATE = [
    ("opmerking", 'opmerking = "BSN 123-456-782"'),
    ("opmerking", 'opmerking = "BSN 123\u00a0456\u00a0782"'),
    ("opmerking", 'opmerking = "BSN １２３４５６７８２"'),
    ("opmerking", 'opmerking = "mail jan＠example.com"'),
    ("opmerking", 'opmerking = "bel 06/12345678"'),
    ("opmerking", 'opmerking = "bel 06 - 12345678"'),
    ("opmerking", 'opmerking = "bel +49 151 12345678"'),
    ("opmerking", 'opmerking = "bel +31 (0)6 12345678"'),
    ("opmerking", 'opmerking = "Geboren 12-03-1985"'),
    ("opmerking", 'opmerking = "geboren op 12 maart 1985"'),
    ("commentaar", '# origineel bij 0612345678\nopmerking = ""'),
    ("commentaar", 'opmerking = "" # BSN 123456782'),
    ("commentaar", "# jan@example.com"),
]


@pytest.mark.parametrize(("where", "line"), PRIVATE, ids=[p[1] for p in PRIVATE])
def test_personal_data_in_remarks_and_comments(ktv, seed, where, line):
    replace_in(seed / PERIOD, "begin = 2016-02-12\n", f"begin = 2016-02-12\n{line}\n")
    report = check_json(ktv, seed, rc=1)
    assert codes_of(report) == ["persoonsgegevens"], report
    assert report["problemen"][0]["regel"] in (6, 7)
    assert (where == "commentaar") == report["problemen"][0]["bericht"].startswith("commentaar")


@pytest.mark.parametrize("key", ["analyse", "conclusies", "acties", "herstelplan", "toelichting_te_laat"])
def test_personal_data_in_meetjaar_texts(ktv, seed, key):
    (seed / "meetjaren/2017.toml").write_text(
        f'schema = 1\n{key} = """\nWerknemer (geb. 3-4-1990) is tevreden.\n"""\n', encoding="utf-8"
    )
    report = check_json(ktv, seed, rc=1)
    assert codes_of(report) == ["persoonsgegevens"]
    assert report["problemen"][0]["regel"] == 2


def test_personal_data_in_an_ontbreekt_reason(ktv, seed):
    # This period's werknemer form was received: the reason also contradicts it (its own code).
    append_to(seed / PERIOD, '\n[ontbreekt]\nwerknemer = "Teruggebeld op 06-12345678"\n')
    assert codes_of(check_json(ktv, seed, rc=1)) == ["persoonsgegevens", "ontbreekt-en-ontvangen"]


def test_contact_and_signature_are_exempt(ktv, seed):
    append_to(
        seed / "ktv.toml",
        '\n[contact]\ntelefoon = "030 123 4567"\nemail = "info@voorbeeld.nl"\n'
        '\n[ondertekening]\nnaam = "A. Jansen"\nfunctie = "Directeur"\n',
    )
    assert check_json(ktv, seed, rc=0)["problemen"] == []


@pytest.mark.parametrize("name", ["0612345678.toml", "123456782.toml", "jan@example.com.toml"])
def test_personal_data_in_a_file_name(ktv, seed, name):
    text = (seed / PERIOD).read_text(encoding="utf-8")
    (seed / "perioden" / name).write_text(
        text.replace('"WN-001"', '"WN-009"').replace("2016-07-11", "2016-08-11"), encoding="utf-8"
    )
    report = check_json(ktv, seed, rc=1)
    assert codes_of(report) == ["persoonsgegevens"]
    assert report["problemen"][0]["bestand"] == f"perioden/{name}"
    refused = ktv("--data", str(seed), "stats", "--json", "--jaar", "2017", "--today", TODAY, rc=2)
    assert name.removesuffix(".toml") not in refused.stdout
    # A period id starts with a date: that is no personal data.
    (seed / "perioden" / name).unlink()
    check_json(ktv, seed, rc=0)


# --- finding 8: control characters ----------------------------------------------------------------

CONTROL = [
    ("\u009b", PERIOD, 'werknemer = "WN-001"', 'werknemer = "WN-\u009b001"'),
    ("\x7f", PERIOD, 'jobcoach = "IJ"', 'jobcoach = "I\\u007fJ"'),
    ("\u202e", PERIOD, 'werkgever = "WG-001"', 'werkgever = "WG-\u202e001"'),
    ("\u200b", PERIOD, 'werkgever = "WG-001"', 'werkgever = "WG-\u200b001"'),
    ("\ufeff", PERIOD, "begin = 2016-02-12\n", 'begin = 2016-02-12\nopmerking = "a\ufeffb"\n'),
    ("\x1b", "ktv.toml", 'naam = "Jobcoach Voorbeeld B.V."', 'naam = "Jobcoach\\u001b[2J"'),
    (
        "\u2066",
        "vragenlijsten/werknemer.toml",
        "Bent u tevreden over de begeleiding",
        "Bent u \u2066tevreden over de begeleiding",
    ),
]


@pytest.mark.parametrize(("char", "rel", "old", "new"), CONTROL, ids=[f"U+{ord(c[0]):04X}" for c in CONTROL])
def test_a_control_character_is_an_error(ktv, seed, char, rel, old, new):
    replace_in(seed / rel, old, new)
    report = check_json(ktv, seed, rc=1)
    assert codes_of(report) == ["stuurteken"], report
    assert f"U+{ord(char):04X}" in report["problemen"][0]["bericht"]
    human = ktv("--data", str(seed), "check", "--today", TODAY, rc=1).stdout
    assert char not in human


def test_a_tab_in_a_multiline_remark_is_fine(ktv, seed):
    replace_in(seed / PERIOD, "begin = 2016-02-12\n", 'begin = 2016-02-12\nopmerking = """\na\tb\nc\n"""\n')
    check_json(ktv, seed, rc=0)


def test_codes_equal_after_nfkc_are_one_person(ktv, seed):
    text = (seed / PERIOD).read_text(encoding="utf-8")
    (seed / "perioden/2016-02-12-zzzzz.toml").write_text(
        text.replace('"WN-001"', '"ＷＮ-001"'), encoding="utf-8"
    )
    report = check_json(ktv, seed, rc=0)
    codes = codes_of(report)
    assert [code for code in codes if code != "onbekend-teken"] == ["dubbele-periode", "dubbele-periode"]
    # the full-width letters would print as stand-ins on the forms: check names them too
    assert codes.count("onbekend-teken") == 1


@pytest.mark.parametrize(
    "option",
    [
        ["--naam", "Org\x1b[2J"],
        ["--naam", "Org\u202eV.B"],
        ["--naam", "Org\u200b"],
        ["--naam", "Org\nB.V."],
        ["--naam", "Org", "--accounthouder", "M.\x9bde Vries"],
    ],
)
def test_init_refuses_what_check_would_call_an_error(ktv, tmp_path, option):
    target = tmp_path / "nieuw"
    result = ktv("init", str(target), *option, "--erkenningsdatum", "2013-05-12", "--no-git", rc=2)
    assert "ktv init weigert" in result.stderr
    assert not target.exists()


def test_init_refuses_a_date_check_would_refuse(ktv, tmp_path):
    ktv("init", str(tmp_path / "x"), "--naam", "Org", "--erkenningsdatum", "9999-01-01", "--no-git", rc=2)
    assert not (tmp_path / "x").exists()


def test_init_accepts_what_check_accepts(ktv, tmp_path):
    target = tmp_path / "nieuw"
    ktv(
        "init",
        str(target),
        "--naam",
        "Jobcoach Één B.V.",
        "--erkenningsdatum",
        "2013-05-12",
        "--no-git",
        rc=0,
    )
    ktv("--data", str(target), "check", "--today", TODAY, rc=0)


# --- finding 11: the norm -------------------------------------------------------------------------


def test_a_norm_is_shown_as_written(ktv, seed):
    append_to(seed / "ktv.toml", "\n[norm]\nwerknemer = 6.45\nwerkgever = 7\n")
    check_json(ktv, seed, rc=0)
    shown = ktv("--data", str(seed), "stats", "--jaar", "2017", "--today", TODAY, rc=0).stdout
    assert "6,45" in shown and "6,4 " not in shown and "7,0" in shown
    data = json.loads(ktv("--data", str(seed), "stats", "--json", "--jaar", "2017", "--today", TODAY).stdout)
    assert data["werknemer"]["norm"] == 6.45


@pytest.mark.parametrize(
    ("norm", "code"),
    [
        ("6.455", "te-veel-decimalen"),
        ("6.450000000000000000000000000001", "te-veel-decimalen"),
        ("11", "norm-buiten-bereik"),
        ("0.5", "norm-buiten-bereik"),
    ],
)
def test_a_bad_norm_is_an_error(ktv, seed, norm, code):
    append_to(seed / "ktv.toml", f"\n[norm]\nwerknemer = {norm}\n")
    assert codes_of(check_json(ktv, seed, rc=1)) == [code]
    ktv("--data", str(seed), "stats", "--jaar", "2017", "--today", TODAY, rc=2)


def test_every_code_in_the_output_is_documented(ktv, seed):
    replace_in(seed / PERIOD, "cijfer = 7.0", "cijfr = 7.0")
    assert all(code in CODES for code in codes_of(check_json(ktv, seed, rc=1)))
