"""SPEC §2 validation: every error and warning, named with its file and line.

Each case copies one small file from tests/data/ into a fresh, valid data folder and asserts
exactly the problems `load_folder` reports, in the one format `path:line: fout: …`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from store.folder import load_folder
from store.problems import format_problem

TODAY = date(2017, 5, 20)
VALID = "perioden/geldig.toml"
"""A valid period ending 2017-03-31: meetjaar 2017 of E = 2013-05-12."""

P = "perioden/x.toml"
Y = "meetjaren/2017.toml"
Q = "vragenlijsten/werknemer.toml"

CASES = [
    # --- errors: one file per kind ---------------------------------------------------------
    ("toml_syntax", [("perioden/toml_syntax.toml", P)], [(f"{P}:3", "fout", "TOML-syntaxfout")]),
    ("schema_onbekend", [("perioden/schema_onbekend.toml", P)], [(f"{P}:1", "fout", "onbekend schema 2")]),
    (
        "schema_ontbreekt",
        [("perioden/schema_ontbreekt.toml", P)],
        [(P, "fout", "verplichte sleutel 'schema' ontbreekt")],
    ),
    (
        "sleutel_ontbreekt",
        [("perioden/sleutel_ontbreekt.toml", P)],
        [(P, "fout", "verplichte sleutel 'werknemer' ontbreekt")],
    ),
    (
        "verkeerd_type",
        [("perioden/verkeerd_type.toml", P)],
        [(f"{P}:5", "fout", "'begin' moet een datum (JJJJ-MM-DD) zijn, niet een tekst")],
    ),
    (
        "cijfer_buiten_bereik",
        [("perioden/cijfer_buiten_bereik.toml", P)],
        [(f"{P}:9", "fout", "cijfer 11 ligt buiten 1 tot 10")],
    ),
    (
        "cijfer_twee_decimalen",
        [("perioden/cijfer_twee_decimalen.toml", P)],
        [(f"{P}:10", "fout", "cijfer 7.25 heeft meer dan één decimaal")],
    ),
    (
        "einde_voor_begin",
        [("perioden/einde_voor_begin.toml", P)],
        [(f"{P}:6", "fout", "einde 2016-05-01 ligt voor begin 2016-06-01")],
    ),
    (
        "antwoord_geen_vraag",
        [("perioden/antwoord_geen_vraag.toml", P)],
        [
            (
                f"{P}:13",
                "fout",
                "'begeleding' is geen vraag van de vragenlijst werknemer (bedoelt u 'begeleiding'?)",
            )
        ],
    ),
    (
        "antwoord_buiten_schaal",
        [("perioden/antwoord_buiten_schaal.toml", P)],
        [(f"{P}:13", "fout", "antwoord 'misschien' op vraag 'begeleiding' ligt niet op de schaal")],
    ),
    (
        "ongeldige_bestandsnaam",
        [("perioden/Ongeldige_Naam.toml", "perioden/Ongeldige_Naam.toml")],
        [("perioden/Ongeldige_Naam.toml", "fout", "ongeldige bestandsnaam 'Ongeldige_Naam.toml'")],
    ),
    (
        "conflictmarkering",
        [("perioden/conflict.toml", P)],
        [(f"{P}:{line}", "fout", "git-conflictmarkering") for line in (4, 6, 8)],
    ),
    (
        "bsn_in_code",
        [("perioden/bsn_in_code.toml", P)],
        [(f"{P}:2", "fout", "'werknemer' bevat persoonsgegevens: een BSN (111222333)")],
    ),
    (
        "bsn_acht_cijfers",
        [("perioden/bsn_acht_cijfers_in_opmerking.toml", P)],
        [(f"{P}:7", "fout", "'opmerking' bevat persoonsgegevens: een BSN (12345672)")],
    ),
    (
        "email_in_opmerking",
        [("perioden/email_in_opmerking.toml", P)],
        [(f"{P}:7", "fout", "'opmerking' bevat persoonsgegevens: een e-mailadres (j.jansen@example.nl)")],
    ),
    (
        "telefoon_in_code",
        [("perioden/telefoon_in_code.toml", P)],
        [(f"{P}:4", "fout", "'jobcoach' bevat persoonsgegevens: een telefoonnummer (06-12345678)")],
    ),
    (
        "telefoon_in_analyse",
        [("meetjaren/telefoon_in_analyse.toml", Y)],
        [(f"{Y}:2", "fout", "'analyse' bevat persoonsgegevens: een telefoonnummer (+31 6 1234 5678)")],
    ),
    (
        "email_in_acties",
        [("meetjaren/email_in_acties.toml", Y)],
        [(f"{Y}:3", "fout", "'acties' bevat persoonsgegevens: een e-mailadres")],
    ),
    (
        "bsn_in_herstelplan",
        [("meetjaren/bsn_in_herstelplan.toml", Y)],
        [(f"{Y}:2", "fout", "'herstelplan' bevat persoonsgegevens: een BSN")],
    ),
    (
        "uitslag_onbekend",
        [(VALID, P), ("meetjaren/uitslag_onbekend.toml", Y)],
        [(f"{Y}:3", "fout", "uitslag 'goed' moet")],
    ),
    (
        "meetjaar_bestandsnaam",
        [("meetjaren/geldig.toml", "meetjaren/abc.toml")],
        [("meetjaren/abc.toml", "fout", "bestandsnaam 'abc.toml' is geen meetjaar")],
    ),
    (
        "meetjaar_voor_eerste",
        [("meetjaren/geldig.toml", "meetjaren/2016.toml")],
        [("meetjaren/2016.toml", "fout", "meetjaar 2016 ligt voor het eerste meetjaar (2017)")],
    ),
    (
        "organisatie_naam_ontbreekt",
        [("ktv/naam_ontbreekt.toml", "ktv.toml")],
        [("ktv.toml", "fout", "verplichte sleutel 'naam' ontbreekt")],
    ),
    (
        "organisatie_datum_als_tekst",
        [("ktv/datum_als_tekst.toml", "ktv.toml")],
        [("ktv.toml:3", "fout", "'erkenningsdatum' moet een datum (JJJJ-MM-DD) zijn")],
    ),
    (
        "organisatie_erkenning_te_ver",
        [("ktv/erkenning_te_ver.toml", "ktv.toml")],
        [("ktv.toml:3", "fout", "erkenningsdatum 9999-12-15 ligt te ver in de toekomst")],
    ),
    (
        "meetjaar_te_ver",
        [("meetjaren/geldig.toml", "meetjaren/9999.toml")],
        [("meetjaren/9999.toml", "fout", "meetjaar 9999 ligt te ver in de toekomst")],
    ),
    (
        "organisatie_norm",
        [("ktv/norm_buiten_bereik.toml", "ktv.toml")],
        [("ktv.toml:7", "fout", "norm werkgever 11 ligt buiten 1 tot 10")],
    ),
    (
        "vraag_id",
        [("vragenlijsten/ongeldige_vraag_id.toml", Q)],
        [(f"{Q}:10", "fout", "vraag-id 'Bereikbaarheid!' mag alleen")],
    ),
    (
        "schaal_ontbreekt",
        [("vragenlijsten/schaal_ontbreekt.toml", Q)],
        [(Q, "fout", "verplichte sleutel 'schaal' ontbreekt")],
    ),
    # --- warnings --------------------------------------------------------------------------
    (
        "onbekende_sleutel",
        [("perioden/onbekende_sleutel.toml", P)],
        [(f"{P}:7", "fout", "onbekende sleutel 'opmerkingen' (bedoelt u 'opmerking'?)")],
    ),
    (
        "formulier_zonder_einde",
        [("perioden/formulier_zonder_einde.toml", P)],
        [
            (f"{P}:7", "waarschuwing", "formulier werknemer ontvangen voor een periode zonder einde"),
            (f"{P}:15", "waarschuwing", "formulier werkgever ontvangen voor een periode zonder einde"),
        ],
    ),
    (
        "ontvangen_voor_einde",
        [("perioden/ontvangen_voor_einde.toml", P)],
        [(f"{P}:9", "waarschuwing", "formulier werknemer ontvangen op 2017-03-01, voor het einde")],
    ),
    (
        "einde_in_toekomst",
        [("perioden/einde_in_toekomst.toml", P)],
        [(f"{P}:6", "waarschuwing", "einde 2017-06-01 ligt in de toekomst")],
    ),
    (
        "dubbel_ingevoerd",
        [(VALID, "perioden/a.toml"), ("perioden/dubbel.toml", "perioden/b.toml")],
        [
            (
                "perioden/a.toml",
                "waarschuwing",
                "zelfde werknemer WN-014, werkgever WG-003 en begin 2016-06-01 als b",
            ),
            (
                "perioden/b.toml",
                "waarschuwing",
                "zelfde werknemer WN-014, werkgever WG-003 en begin 2016-06-01 als a",
            ),
        ],
    ),
    (
        "ingediend_voor_einde_meetjaar",
        [(VALID, P), ("meetjaren/ingediend_voor_einde.toml", Y)],
        [
            (
                f"{Y}:3",
                "waarschuwing",
                "ingediend_op 2017-05-01 ligt voor het einde van meetjaar 2017 (2017-05-12)",
            )
        ],
    ),
    (
        "ingediend_na_vandaag",
        [(VALID, P), ("meetjaren/ingediend_na_vandaag.toml", Y)],
        [(f"{Y}:2", "waarschuwing", "ingediend_op 2017-05-25 ligt na vandaag")],
    ),
    (
        "melding_met_perioden",
        [(VALID, P), ("meetjaren/melding_met_perioden.toml", Y)],
        [(f"{Y}:2", "waarschuwing", "melding_op gezet, maar meetjaar 2017 heeft 1 afgeronde periode(n)")],
    ),
    (
        "melding_voor_einde_meetjaar",
        [("meetjaren/melding_voor_einde.toml", Y)],
        [
            (
                f"{Y}:2",
                "waarschuwing",
                "melding_op 2017-05-01 ligt voor het einde van meetjaar 2017 (2017-05-12)",
            )
        ],
    ),
    (
        "rapport_zonder_perioden",
        [("meetjaren/rapport_zonder_perioden.toml", Y)],
        [(f"{Y}:2", "waarschuwing", "ingediend_op gezet, maar meetjaar 2017 heeft geen afgeronde periode")],
    ),
]


@pytest.mark.parametrize(("files", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_problem_is_named_with_file_and_line(folder, copy_data, files, expected):
    for source, rel in files:
        copy_data(source, rel)
    loaded = load_folder(folder, TODAY, with_git=False)
    shown = [format_problem(p) for p in loaded.problems]
    for where, severity, fragment in expected:
        prefix = f"{where}: {severity}: "
        matching = [line for line in shown if line.startswith(prefix) and fragment in line[len(prefix) :]]
        assert len(matching) == 1, f"expected one '{prefix}…{fragment}…' in {shown}"
    assert len(shown) == len(expected), shown


def test_the_spec_example_message_exactly(folder, copy_data):
    copy_data("perioden/cijfer_buiten_bereik.toml", "perioden/x.toml")
    loaded = load_folder(folder, TODAY, with_git=False)
    assert [format_problem(p) for p in loaded.problems] == [
        "perioden/x.toml:9: fout: cijfer 11 ligt buiten 1 tot 10"
    ]


def test_valid_period_has_no_problems_and_is_read(folder, copy_data):
    copy_data(VALID, P)
    loaded = load_folder(folder, TODAY, with_git=False)
    assert loaded.problems == []
    period = loaded.periods["x"]
    assert (period.employee, period.employer, period.jobcoach) == ("WN-014", "WG-003", "IJ")
    assert period.begin == date(2016, 6, 1) and period.end == date(2017, 3, 31)
    assert period.forms["werknemer"].grade == Decimal("7.0")
    assert period.forms["werknemer"].answers == {"begeleiding": "ja", "bereikbaarheid": "niet helemaal"}
    assert period.forms["werkgever"].received == date(2017, 4, 5)
    assert loaded.period_labels["x"] == 2017


def test_hand_written_file_is_accepted(folder, put):
    """Any valid TOML of the right shape: keys in any order, comments, an integer cijfer."""
    put(
        P,
        "# met de hand geschreven\n"
        "[beoordeling.werkgever]\n"
        "cijfer = 8  # heel tevreden\n"
        "\n"
        "[beoordeling.werknemer]\n"
        "antwoorden = { begeleiding = 'ja' }\n"
        "cijfer = 7\n",
    )
    text = (folder / P).read_text()
    (folder / P).write_text(
        'einde = 2017-03-31\nbegin = 2016-06-01\nwerkgever = "WG-003"\nwerknemer = "WN-014"\nschema = 1\n'
        + text
    )
    loaded = load_folder(folder, TODAY, with_git=False)
    assert loaded.problems == []
    period = loaded.periods["x"]
    assert period.grade("werkgever") == Decimal(8)
    assert period.grade("werknemer") == Decimal(7)
    assert period.forms["werknemer"].answers == {"begeleiding": "ja"}
    assert period.forms["werknemer"].received is None


@pytest.mark.parametrize("grade", ["1", "1.0", "10", "10.0", "5.5", "7.50"])
def test_grades_on_the_edges_are_valid(folder, put, grade):
    put(
        P,
        f'schema = 1\nwerknemer = "WN-1"\nwerkgever = "WG-2"\nbegin = 2016-06-01\neinde = 2016-07-01\n'
        f"[beoordeling.werknemer]\ncijfer = {grade}\n"
        '[ontbreekt]\nwerkgever = "Niet teruggestuurd."\n',
    )
    loaded = load_folder(folder, TODAY, with_git=False)
    assert loaded.problems == []
    assert loaded.periods["x"].grade("werknemer") == Decimal(grade)


@pytest.mark.parametrize(
    ("grade", "fragment"),
    [
        ("0.9", "cijfer 0.9 ligt buiten 1 tot 10"),
        ("10.1", "cijfer 10.1 ligt buiten 1 tot 10"),
        ("0", "cijfer 0 ligt buiten 1 tot 10"),
        ("-7", "cijfer -7 ligt buiten 1 tot 10"),
        ("6.55", "cijfer 6.55 heeft meer dan één decimaal"),
        ("nan", "geen getal"),
        ("inf", "geen getal"),
        ('"7"', "'beoordeling.werknemer.cijfer' moet een getal zijn, niet een tekst"),
        ("true", "'beoordeling.werknemer.cijfer' moet een getal zijn"),
        ("12:00:00", "'beoordeling.werknemer.cijfer' moet een getal zijn, niet een tijd"),
        (
            "2017-01-01T10:00:00",
            "'beoordeling.werknemer.cijfer' moet een getal zijn, niet een datum met tijd",
        ),
        ("[7]", "'beoordeling.werknemer.cijfer' moet een getal zijn, niet een lijst"),
    ],
)
def test_bad_grades_are_errors_on_their_line(folder, put, grade, fragment):
    put(
        P,
        f'schema = 1\nwerknemer = "WN-1"\nwerkgever = "WG-2"\nbegin = 2016-06-01\neinde = 2016-07-01\n'
        f"[beoordeling.werknemer]\ncijfer = {grade}\n",
    )
    loaded = load_folder(folder, TODAY, with_git=False)
    shown = [format_problem(p) for p in loaded.problems]
    assert len(shown) == 1 and shown[0].startswith(f"{P}:7: fout: ") and fragment in shown[0], shown


@pytest.mark.parametrize("schema", ["1.0", "true", '"1"', "0"])
def test_schema_must_be_the_integer_one(folder, put, schema):
    put(P, f'schema = {schema}\nwerknemer = "WN-1"\nwerkgever = "WG-2"\nbegin = 2016-06-01\n')
    loaded = load_folder(folder, TODAY, with_git=False)
    assert [p.line for p in loaded.errors] == [1], loaded.problems


def test_unknown_keys_in_nested_tables_are_errors(folder, put):
    put(
        P,
        'schema = 1\nwerknemer = "WN-1"\nwerkgever = "WG-2"\nbegin = 2016-06-01\neinde = 2016-07-01\n'
        "[beoordeling.werknemer]\ncijfr = 7\n[beoordeling.werkgevr]\ncijfer = 7\n",
    )
    loaded = load_folder(folder, TODAY, with_git=False)
    shown = [format_problem(p) for p in loaded.problems]
    assert shown == [
        f"{P}:7: fout: onbekende sleutel 'beoordeling.werknemer.cijfr' (bedoelt u 'cijfer'?)",
        f"{P}:8: fout: onbekende tabel 'beoordeling.werkgevr' (bedoelt u 'werkgever'?)",
    ]
    assert {p.code for p in loaded.problems} == {"onbekende-sleutel"}
    assert loaded.blocking_problems(2017) == loaded.problems


def test_a_missing_questionnaire_is_an_error(folder):
    (folder / "vragenlijsten/werkgever.toml").unlink()
    loaded = load_folder(folder, TODAY, with_git=False)
    assert [format_problem(p) for p in loaded.problems] == [
        "vragenlijsten/werkgever.toml: fout: vragenlijst werkgever ontbreekt (maak hem met `ktv init`)"
    ]


def test_invalid_utf8_is_an_error_with_its_line(folder):
    (folder / P).write_bytes(b'schema = 1\nwerknemer = "WN-\xff"\n')
    loaded = load_folder(folder, TODAY, with_git=False)
    assert [(p.file, p.line, p.severity) for p in loaded.problems] == [(P, 2, "fout")]


def test_a_broken_file_never_stops_the_rest(folder, copy_data):
    copy_data("perioden/toml_syntax.toml", "perioden/kapot.toml")
    copy_data("perioden/conflict.toml", "perioden/conflict.toml")
    copy_data(VALID, "perioden/goed.toml")
    copy_data("meetjaren/geldig.toml", Y)
    loaded = load_folder(folder, TODAY, with_git=False)
    assert set(loaded.periods) == {"goed"}
    assert loaded.years[2017].analysis == "Werknemers zijn tevreden."
    assert loaded.error_files == {"perioden/kapot.toml", "perioden/conflict.toml"}


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("WN-014", None),
        ("WN-2017-014", None),
        ("0612345678", "telefoonnummer"),
        ("+31 6 1234 5678", "telefoonnummer"),
        ("010 123 4567", "telefoonnummer"),
        ("jan@example.nl", "e-mailadres"),
        ("111222333", "BSN"),
    ],
)
def test_pseudonym_codes(folder, put, text, fragment):
    put(P, f'schema = 1\nwerknemer = "WN-1"\nwerkgever = "{text}"\nbegin = 2016-06-01\n')
    loaded = load_folder(folder, TODAY, with_git=False)
    shown = [format_problem(p) for p in loaded.problems if p.code == "persoonsgegevens"]
    if fragment is None:
        assert shown == []
    else:
        assert len(shown) == 1 and shown[0].startswith(f"{P}:3: fout: 'werkgever' bevat persoonsgegevens")
        assert fragment in shown[0]


def test_problems_of_a_period_with_errors_keep_its_meetjaar(folder, copy_data):
    """A period with an error still counts towards its meetjaar when its einde is valid."""
    copy_data("perioden/cijfer_buiten_bereik.toml", "perioden/a.toml")
    copy_data("perioden/toml_syntax.toml", "perioden/b.toml")
    loaded = load_folder(folder, TODAY, with_git=False)
    assert loaded.period_labels == {"a": 2017, "b": "?"}
