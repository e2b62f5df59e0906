"""The keys SPEC §2 added on 2026-11-30 are read, kept and written canonically."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from store.canonical import organisation_text, period_text, year_notes_text
from store.fields import FileContext
from store.parse import parse_organisation, parse_period, parse_year_notes

ORGANISATION = """\
schema = 1
naam = "Jobcoach Voorbeeld B.V."
erkenningsdatum = 2013-05-12
accounthouder = "M. de Vries"
kenmerk = "JC-2013-0412"
eerste_meetjaar = 2024

[norm]
werknemer = 6.45
werkgever = 6.5

[contact]
adres = "Stationsweg 12"
postcode = "3511 AB"
plaats = "Utrecht"
telefoon = "030 123 4567"
email = "info@voorbeeld.nl"
website = "www.voorbeeld.nl"

[ondertekening]
naam = "A. Jansen"
functie = "Directeur"

[codes]
patroon = '^[A-Za-z]{0,4}-?[0-9]{1,8}$'
"""

PERIOD = """\
schema = 1
werknemer = "WN-014"
werkgever = "WG-003"
begin = 2016-06-01
einde = 2017-03-31

[beoordeling.werkgever]
cijfer = 7.5

[ontbreekt]
werknemer = "Niet teruggestuurd na twee herinneringen."
"""


def test_organisation_keys_are_read_and_written_canonically() -> None:
    ctx = FileContext("ktv.toml", ORGANISATION)
    org = parse_organisation(ctx)
    assert ctx.problems == []
    assert org is not None
    assert org.reference == "JC-2013-0412"
    assert org.first_year == 2024
    assert org.contact["plaats"] == "Utrecht" and org.contact["telefoon"] == "030 123 4567"
    assert (org.signatory, org.signatory_function) == ("A. Jansen", "Directeur")
    assert org.code_pattern == "^[A-Za-z]{0,4}-?[0-9]{1,8}$"
    assert org.norm["werknemer"] == Decimal("6.45")
    again = parse_organisation(FileContext("ktv.toml", organisation_text(org)))
    assert again == org
    assert "werknemer = 6.45" in organisation_text(org)


def test_bad_code_pattern_and_first_year_are_errors() -> None:
    text = ORGANISATION.replace("eerste_meetjaar = 2024", 'eerste_meetjaar = "2024"').replace(
        "'^[A-Za-z]{0,4}-?[0-9]{1,8}$'", "'^[A-Z'"
    )
    text = text.replace("'^[A-Z'", '"^[A-Z("')
    ctx = FileContext("ktv.toml", text)
    assert parse_organisation(ctx) is None
    lines = {p.line for p in ctx.problems if p.is_error}
    assert len(lines) == 2


def test_missing_reason_is_read_and_kept() -> None:
    ctx = FileContext("perioden/x.toml", PERIOD)
    period, _ = parse_period(ctx, "x")
    assert ctx.problems == []
    assert period is not None
    assert period.missing_reasons == {"werknemer": "Niet teruggestuurd na twee herinneringen."}
    assert period_text(period) == PERIOD


def test_missing_reason_is_checked_for_personal_data() -> None:
    ctx = FileContext("perioden/x.toml", PERIOD.replace("herinneringen.", "herinneringen, bel 0612345678"))
    parse_period(ctx, "x")
    assert any(p.line == 11 and "persoonsgegevens" in p.message for p in ctx.problems)


def test_late_explanation_round_trips(tmp_path: Path) -> None:
    text = 'schema = 1\ningediend_op = 2017-07-01\ntoelichting_te_laat = "Ziekte van de coördinator."\n'
    ctx = FileContext("meetjaren/2017.toml", text)
    notes = parse_year_notes(ctx, 2017)
    assert ctx.problems == []
    assert notes is not None and notes.late_explanation == "Ziekte van de coördinator."
    assert notes.submitted_on == date(2017, 7, 1)
    assert year_notes_text(notes) == text
