"""One schema per file kind (issue 18 item 1): SPEC.md's key lists against the field table, and
every reader and writer of keys following that table."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from store import schema
from store.canonical import organisation_text, period_text, questionnaire_text, year_notes_text
from store.fields import FileContext
from store.parse import parse_organisation, parse_period, parse_questionnaire, parse_year_notes

ROOT = Path(__file__).resolve().parent.parent.parent

# SPEC.md §2 (schema 1), copied from its toml examples: table → keys in the order SPEC writes them.
# CI cannot read /work/shared/SPEC.md, so a change of the spec is a change of this table too.
SPEC_KEYS: dict[str, dict[tuple[str, ...], tuple[str, ...]]] = {
    "ktv.toml": {
        (): ("schema", "naam", "erkenningsdatum", "accounthouder", "kenmerk", "eerste_meetjaar"),
        ("norm",): ("werknemer", "werkgever"),
        ("contact",): ("adres", "postcode", "plaats", "telefoon", "email", "website"),
        ("ondertekening",): ("naam", "functie"),
        ("codes",): ("patroon",),
        ("bewijs",): ("scans", "delen"),  # SPEC §11
        ("uwv",): ("adres",),  # "Added 2026-12-01: the edges", Documents
    },
    "vragenlijst": {
        (): ("schema", "titel", "schaal"),
        ("vraag",): ("id", "groep", "tekst", "vervallen"),
    },
    "periode": {
        (): ("schema", "werknemer", "werkgever", "jobcoach", "begin", "einde", "opmerking"),
        ("beoordeling", "werknemer"): ("ontvangen", "cijfer", "bijlage"),  # bijlage: SPEC §11
        ("beoordeling", "werkgever"): ("ontvangen", "cijfer", "bijlage"),
        ("ontbreekt",): ("werknemer", "werkgever"),
    },
    "meetjaar": {
        (): (
            "schema",
            "analyse",
            "conclusies",
            "acties",
            "ingediend_op",
            "ingediend_commit",
            "melding_op",
            "uitslag",
            "uitslag_op",
            "toelichting_te_laat",
            "herstelplan",
        ),
    },
}
SPEC_REQUIRED = {
    "ktv.toml": {"schema", "naam", "erkenningsdatum"},
    "vragenlijst": {"schema", "titel", "schaal", "vraag", "id", "tekst"},
    "periode": {"schema", "werknemer", "werkgever", "begin"},
    "meetjaar": {"schema"},
}
SPEC_COLUMNS = (  # SPEC §10, with one question per side
    "id, werknemer, werkgever, jobcoach, begin, einde, opmerking, "
    "wn_ontvangen, wn_cijfer, wn_begeleiding, wn_ontbreekt, "
    "wg_ontvangen, wg_cijfer, wg_contact_werknemer, wg_ontbreekt"
).split(", ")


def _value_keys(kind: schema.FileKind, table: tuple[str, ...]) -> tuple[str, ...]:
    """The schema's keys of a table without its sub-tables (SPEC's lists name values)."""
    return tuple(
        key
        for key in kind.keys(table)
        if (f := kind.field((*table, key))) is not None and f.type not in ("table", "tables")
    )


@pytest.mark.parametrize("kind_name", sorted(SPEC_KEYS))
def test_the_field_table_has_exactly_the_spec_keys_in_the_spec_order(kind_name: str) -> None:
    kind = schema.KINDS[kind_name]
    for table, keys in SPEC_KEYS[kind_name].items():
        assert _value_keys(kind, table) == keys, (kind_name, table)
    tables_in_schema = {
        tuple(side if part == schema.SIDE else part for part in f.table)
        for f in kind.fields
        if f.type not in ("table", "tables") and f.table
        for side in schema.SIDES
    }
    assert tables_in_schema - {()} == set(SPEC_KEYS[kind_name]) - {()}


@pytest.mark.parametrize("kind_name", sorted(SPEC_REQUIRED))
def test_required_keys_are_those_of_the_spec(kind_name: str) -> None:
    required = {f.key for f in schema.KINDS[kind_name].fields if f.required}
    assert required == SPEC_REQUIRED[kind_name]


def test_multi_line_texts_are_the_free_texts_of_the_spec() -> None:
    lines = {(k.name, f.path) for k in schema.KINDS.values() for f in k.fields if f.multiline}
    assert ("periode", ("opmerking",)) in lines
    assert ("periode", ("ontbreekt", schema.SIDE)) in lines
    for key in ("analyse", "conclusies", "acties", "toelichting_te_laat", "herstelplan"):
        assert ("meetjaar", (key,)) in lines
    assert ("periode", ("werknemer",)) not in lines  # a code is one line


def test_every_field_has_a_dutch_label_and_a_known_type_and_merge() -> None:
    for kind in schema.KINDS.values():
        for f in kind.fields:
            assert f.label, f.path
            assert f.type in schema.TYPES and f.merge in schema.MERGES


def test_spreadsheet_columns_come_from_the_schema() -> None:
    questions = {"werknemer": ["begeleiding"], "werkgever": ["contact_werknemer"]}
    assert schema.PERIOD.columns(questions) == SPEC_COLUMNS


def test_field_lookup_with_sides_and_indexes() -> None:
    assert schema.field("periode", ("beoordeling", "werkgever", "cijfer")).label == "Cijfer"
    assert schema.field(schema.PERIOD, ("ontbreekt", "werknemer")).multiline
    assert schema.field("vragenlijst", ("vraag", 3, "tekst")).required
    assert schema.field("periode", ("cijfr",)) is None
    assert schema.PERIOD.free(("beoordeling", "werknemer", "antwoorden"))


@pytest.mark.parametrize(
    "qid", ["cijfer", "ontvangen", "antwoorden", "ontbreekt", "bijlage", "id", "begin", "opmerking", "schema"]
)
def test_a_question_id_that_is_a_fixed_key_or_column_is_an_error(qid: str) -> None:
    text = (
        'schema = 1\ntitel = "T"\nschaal = ["nee", "ja"]\n\n[[vraag]]\nid = "goed"\ntekst = "Goed?"\n\n'
        f'[[vraag]]\nid = "{qid}"\ntekst = "Vraag?"\n'
    )
    ctx = FileContext("vragenlijsten/werknemer.toml", text)
    assert parse_questionnaire(ctx, "werknemer") is None
    [problem] = ctx.problems
    assert (problem.code, problem.line, problem.path) == ("ongeldige-waarde", 10, ("vraag", 1, "id"))
    assert problem.params["vraag"] == qid


def test_a_reserved_question_id_fails_ktv_check(tmp_path: Path) -> None:
    import json
    import subprocess

    from store.create import create_data_folder

    root = tmp_path / "map"
    from datetime import date

    create_data_folder(root, "Org", date(2013, 5, 12), git=False)
    path = root / "vragenlijsten" / "werkgever.toml"
    path.write_text(path.read_text("utf-8") + '\n[[vraag]]\nid = "cijfer"\ntekst = "Cijfer?"\n', "utf-8")
    out = subprocess.run(
        ["ktv", "--data", str(root), "check", "--json", "--today", "2017-06-01"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 1, out.stderr
    problems = json.loads(out.stdout)["problemen"]
    hits = [p for p in problems if p["bestand"] == "vragenlijsten/werkgever.toml"]
    assert [(p["code"], p["ernst"]) for p in hits] == [("ongeldige-waarde", "fout")]
    lines = path.read_text("utf-8").splitlines()
    assert lines[hits[0]["regel"] - 1] == 'id = "cijfer"'


def test_unknown_key_suggestion_comes_from_the_schema() -> None:
    text = 'schema = 1\nwerknemer = "WN-1"\nwerkgever = "WG-1"\nbegin = 2016-01-01\neind = 2016-05-01\n'
    ctx = FileContext("perioden/p.toml", text)
    parse_period(ctx, "p")
    [problem] = ctx.problems
    assert problem.code == "onbekende-sleutel"
    assert problem.params == {"sleutel": "eind", "suggestie": "einde"}
    assert problem.line == 5


def test_writer_order_is_the_schema_order() -> None:
    """Each writer's output lists the keys in the order of the field table."""
    org_text = (
        'schema = 1\nnaam = "O"\nerkenningsdatum = 2013-05-12\naccounthouder = "A"\nkenmerk = "K"\n'
        'eerste_meetjaar = 2020\n[norm]\nwerknemer = 7.0\nwerkgever = 6.5\n[contact]\nplaats = "U"\n'
        'adres = "S"\n[ondertekening]\nfunctie = "D"\nnaam = "J"\n[codes]\npatroon = "^[A-Z]+-[0-9]+$"\n'
    )
    org = parse_organisation(FileContext("ktv.toml", org_text))
    written = organisation_text(org)
    assert _keys_in_order(written) == [
        k for t, keys in SPEC_KEYS["ktv.toml"].items() for k in keys if (t, k) not in MISSING_IN_ORG
    ]
    notes = parse_year_notes(
        FileContext("meetjaren/2017.toml", 'schema = 1\nherstelplan = "h"\nanalyse = "a"\n'), 2017
    )
    assert _keys_in_order(year_notes_text(notes)) == ["schema", "analyse", "herstelplan"]
    q = parse_questionnaire(
        FileContext(
            "v.toml", 'schaal = ["a", "b"]\ntitel = "T"\nschema = 1\n[[vraag]]\ntekst = "t"\nid = "x"\n'
        ),
        "werknemer",
    )
    assert _keys_in_order(questionnaire_text(q)) == ["schema", "titel", "schaal", "vraag", "id", "tekst"]
    p_text = 'einde = 2016-05-01\nbegin = 2016-01-01\nwerkgever = "WG-1"\nwerknemer = "WN-1"\nschema = 1\n'
    period, _ = parse_period(FileContext("perioden/p.toml", p_text), "p")
    assert _keys_in_order(period_text(period)) == ["schema", "werknemer", "werkgever", "begin", "einde"]


MISSING_IN_ORG = {(("contact",), k) for k in ("postcode", "telefoon", "email", "website")} | {
    (("uwv",), "adres"),
    (("bewijs",), "scans"),
    (("bewijs",), "delen"),
}


def _keys_in_order(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        if m := re.match(r"^\[\[?([^\]]+)\]\]?$", line):
            out.append(m.group(1).split(".")[-1])
        elif m := re.match(r"^([a-z_]+) = ", line):
            out.append(m.group(1))
    return [k for k in out if k not in ("norm", "contact", "ondertekening", "codes")]


def test_no_other_store_module_lists_the_keys() -> None:
    """A key list (a tuple or set of three or more schema keys as string literals) lives only in
    store/schema.py: the parser, the fast path and the writer read it from there."""
    keys = {f.key for k in schema.KINDS.values() for f in k.fields} - set(schema.SIDES)
    offenders = []
    for path in sorted((ROOT / "store").glob("*.py")):
        if path.name == "schema.py" or path.name in NOT_YET_ON_THE_SCHEMA:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Tuple | ast.Set | ast.List):
                strings = [
                    e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)
                ]
                if len(strings) >= 3 and len(set(strings) & keys) >= 3:
                    offenders.append(f"{path.name}:{node.lineno}: {strings}")
    assert offenders == [], "\n".join(offenders)


NOT_YET_ON_THE_SCHEMA = {
    "merge.py": "PRESENCE_FREE = schema.PERIOD.presence_free_tables() | ORGANISATION's (team)",
    "sheet.py": "BASE_COLUMNS, REQUIRED_COLUMNS, DATE_COLUMNS, … from schema.PERIOD (sheets)",
}
"""Modules of other engineers (issue 18 merge) that still list keys; the schema already gives
their lists (test below), so each is a one-line change."""


def test_the_schema_gives_the_lists_the_other_modules_still_spell_out() -> None:
    from store import merge, sheet

    assert (
        merge.PRESENCE_FREE
        == schema.PERIOD.presence_free_tables() | schema.ORGANISATION.presence_free_tables()
    )
    assert tuple(schema.PERIOD.columns()[:7]) == sheet.BASE_COLUMNS
    assert tuple(schema.PERIOD.required_columns()) == sheet.REQUIRED_COLUMNS
    assert set(schema.PERIOD.columns_of_type("date")) == sheet.DATE_COLUMNS
    assert set(schema.PERIOD.columns_of_type("number")) == sheet.GRADE_COLUMNS
    assert set(schema.PERIOD.columns_of_type("str", multiline=True)) == sheet.FREE_TEXT_COLUMNS
    assert schema.SIDE_PREFIX == sheet.PREFIX


def test_a_kind_by_name_or_by_path() -> None:
    assert schema.kind_of("perioden/2016-06-01-ab12c.toml") is schema.PERIOD
    assert schema.kind_of("meetjaren/2017.toml") is schema.YEAR_NOTES
    assert schema.kind_of("vragenlijsten/werkgever.toml") is schema.QUESTIONNAIRE
    assert schema.kind_of("ktv.toml") is schema.ORGANISATION
    assert schema.field("meetjaren/2017.toml", ("herstelplan",)).multiline
    with pytest.raises(KeyError):
        schema.kind_of("rapporten/x.pdf")
