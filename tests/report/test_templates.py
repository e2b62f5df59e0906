"""The Typst templates (report/templates/*.typ) rendered through report.typst_render.

The PDFs are read back with pypdf; text is compared with whitespace normalised (or removed, where
line breaks may fall inside the searched text).
"""

from __future__ import annotations

import copy
import datetime
import io
import re
import time

import pypdf
import pytest
import sample_report_data as samples
import typst

from report.typst_render import TEMPLATES, RenderError, compile_with_warnings, render_pdf

MADE_AT = datetime.datetime(2019, 5, 20, 9, 30, tzinfo=datetime.UTC)
TABLE_HEADER = "Nr. Afgerond in Werknemer Cijfer Werkgever Cijfer"


def normalise(text: str) -> str:
    return " ".join(text.split())


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_texts(pdf: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [normalise(page.extract_text()) for page in reader.pages]


def all_text(pdf: bytes) -> str:
    return " ".join(page_texts(pdf))


def metadata(pdf: bytes) -> dict:
    return dict(pypdf.PdfReader(io.BytesIO(pdf)).metadata or {})


@pytest.fixture(scope="module")
def final_pdf() -> bytes:
    return render_pdf("rapportage", samples.sample_report(), MADE_AT)


@pytest.fixture(scope="module")
def concept_pdf() -> bytes:
    return render_pdf("rapportage", samples.sample_report(concept=True), MADE_AT)


@pytest.fixture(scope="module")
def minimal_pdf() -> bytes:
    return render_pdf("rapportage", samples.sample_report_minimal(), MADE_AT)


# --- content -------------------------------------------------------------------------------------


def test_sample_numbers_follow_the_uwv_example():
    wn, wg = samples.sample_report()["zijden"]
    assert wn["berekening"] == "36 : 5 = 7,2"
    assert wg["berekening"] == "35,5 : 5 = 7,1"
    counts = {b["label"]: b["aantal"] for b in wn["verdeling"]}
    assert len(counts) == 19 and sum(counts.values()) == 5
    assert (counts["5,5"], counts["6"], counts["7"], counts["7,5"], counts["8"]) == (1, 0, 1, 1, 2)
    assert samples.werknemer_label(0) == "Werknemer A"
    assert samples.werknemer_label(25) == "Werknemer Z"
    assert samples.werknemer_label(26) == "Werknemer AA"


def test_final_report_shows_the_uwv_minimum(final_pdf):
    text = all_text(final_pdf)
    for expected in [
        "Rapportage klanttevredenheid",
        "Jobcoach Voorbeeld B.V.",
        "12 mei 2018 tot en met 12 mei 2019",  # meetperiode
        "12 juni 2019",  # deadline
        "20 mei 2019",  # gemaakt op
        "M. de Vries",  # accounthouder
        "Cijfers per jobcoachperiode",
        "36 : 5 = 7,2",
        "35,5 : 5 = 7,1",
        "Behaald cijfer",
        "minimaal 6,5",
        "voldoet aan de norm",
        "Antwoorden per vraag",
        "geen antwoord",
        "Spreiding van de cijfers",
        "Respons",
        "100% (5 van 5)",
        "Analyse van de resultaten",
        "Conclusies",
        "Acties",
        "Vergelijking met eerdere meetjaren",
        "Gegevensversie 3f9c2e1a8b7d (vastgelegd op 3 juni 2019)",
        "Stationsweg 12",  # contact on the title page
        "Kenmerk UWV JC-2013-0412",
        "Naam: A. Jansen",
        "Functie: Directeur",
        "Plaats: Utrecht",
        "Ontbrekende formulieren",
    ]:
        assert expected in text, expected


def test_period_rows_are_listed_with_neutral_labels(final_pdf):
    text = all_text(final_pdf)
    assert TABLE_HEADER in text
    for row in [
        "Werknemer A 7 Werkgever 1 7,5",
        "Werknemer A 7,5 Werkgever 2 7",
        "Werknemer B 5,5 Werkgever 1 7",
        "Werknemer B 8 Werkgever 1 8",
        "Werknemer C 8 Werkgever 1 6",
    ]:
        assert row in text, row


def test_every_question_and_group_heading_appears(final_pdf):
    text = squash(all_text(final_pdf))
    data = samples.sample_report()
    for zijde in data["zijden"]:
        for label in zijde["schaal"]:
            assert squash(label) in text
        for vraag in zijde["vragen"]:
            assert squash(vraag["tekst"]) in text, vraag["tekst"]
            if vraag["groep"]:
                assert squash(vraag["groep"]) in text


def test_group_heading_is_on_every_page_with_its_questions(final_pdf):
    pages = page_texts(final_pdf)
    werkgever = samples.sample_report()["zijden"][1]
    for page in pages:
        assert page.count("Wat is uw mening over:") <= 1
        for vraag in werkgever["vragen"]:
            if squash(vraag["tekst"]) in squash(page):
                assert vraag["groep"] in page, (vraag["tekst"], page)


def test_free_text_is_printed_with_its_lines(final_pdf):
    text = squash(all_text(final_pdf))
    data = samples.sample_report_texts()
    for key in ("analyse", "conclusies", "acties"):
        for line in data[key].splitlines():
            if line.strip():
                assert squash(line) in text, line


def test_footer_on_every_page_names_organisation_title_and_page(final_pdf):
    pages = page_texts(final_pdf)
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert "Jobcoach Voorbeeld B.V. · Rapportage klanttevredenheid meetjaar 2019" in text
        assert f"pagina {number} van {len(pages)}" in text
    whole = " ".join(pages)
    assert whole.count(samples.GEGEVENSVERSIE) == 1  # in the Verantwoording only
    for word in ("git", "commit", "ktv"):
        assert word not in whole.lower()


def test_document_metadata(final_pdf):
    meta = metadata(final_pdf)
    assert meta["/Title"] == "Rapportage klanttevredenheid meetjaar 2019 — Jobcoach Voorbeeld B.V."
    assert meta["/Author"] == "Jobcoach Voorbeeld B.V."
    assert meta["/CreationDate"].startswith("D:20190520")


def test_only_bundled_fonts_are_embedded(final_pdf):
    reader = pypdf.PdfReader(io.BytesIO(final_pdf))
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts
    bundled = ("Libertinus", "DejaVu", "NewCM", "NewComputerModern")
    assert all(any(name in font for name in bundled) for font in fonts), fonts


@pytest.mark.parametrize(
    "sample",
    [
        samples.sample_report,
        lambda: samples.sample_report(concept=True),
        samples.sample_report_minimal,
        samples.sample_report_injection,
        samples.sample_melding,
    ],
)
def test_templates_compile_without_warnings(sample):
    data = sample()
    template = "melding" if "perioden" not in data else "rapportage"
    _pdf, warnings = compile_with_warnings(template, data, MADE_AT)
    assert warnings == []


# --- concept ---------------------------------------------------------------------------------------


def test_concept_is_marked_on_every_page(concept_pdf):
    pages = page_texts(concept_pdf)
    assert len(pages) >= 3
    for text in pages:
        assert "CONCEPT" in text
    assert metadata(concept_pdf)["/Title"].startswith("CONCEPT")


def test_final_never_mentions_concept(final_pdf):
    for text in page_texts(final_pdf):
        assert "concept" not in text.lower()
    for value in metadata(final_pdf).values():
        assert "concept" not in str(value).lower()


# --- missing optional data -----------------------------------------------------------------------


def test_report_without_optional_data(minimal_pdf):
    text = all_text(minimal_pdf)
    assert "niet aangetoond" in text
    assert "voldoet niet aan de norm" in text
    assert "6 : 1 = 6,0" in text
    assert "(nog niet ingevuld)" in text
    assert "Er zijn geen verdere acties gepland." in text
    assert "Gegevensversie" not in text
    assert "Naam: Functie: Plaats: Datum: 20 mei 2019 Handtekening:" in text  # lines to fill in
    assert "(vervallen)" in text
    assert "Heeft de jobcoach u goed geïnformeerd?" in text
    assert "Accounthouder" not in text
    assert "Vergelijking met eerdere meetjaren" not in text
    assert "geen cijfers" in text


def test_optional_keys_may_be_left_out():
    data = samples.sample_report()
    for key in ("concept", "analyse", "conclusies", "acties", "trend", "gegevensversie", "ondertekening"):
        del data[key]
    del data["organisatie"]["accounthouder"]
    text = all_text(render_pdf("rapportage", data, MADE_AT))
    assert "(nog niet ingevuld)" in text
    assert "Er zijn geen verdere acties gepland." in text
    assert "concept" not in text.lower()


def test_report_without_any_period_renders():
    data = samples.sample_report_minimal()
    data["perioden"] = []
    for zijde in data["zijden"]:
        zijde.update(
            perioden=0,
            formulieren=0,
            cijfers=0,
            som=None,
            gemiddelde=None,
            berekening=None,
            voldoet=None,
            oordeel="niet aangetoond",
            respons=None,
            respons_tekst="0 van 0 formulieren ontvangen",
            verdeling=samples.half_point_bins([]),
            spreiding=None,
            marge=None,
        )
    text = all_text(render_pdf("rapportage", data, MADE_AT))
    assert "Geen afgeronde jobcoachperioden in deze meetperiode." in text
    assert "niet aangetoond" in text


def test_trend_with_missing_values_and_many_years_renders():
    data = samples.sample_report()
    data["trend"] = [
        {
            "jaar": 2010 + i,
            "werknemer": None if i == 2 else "6,47",
            "werkgever": None if i == 3 else "7,0",
            "werknemer_voldoet": None if i == 2 else False,
            "werkgever_voldoet": None if i == 3 else True,
        }
        for i in range(10)
    ]
    pdf, warnings = compile_with_warnings("rapportage", data, MADE_AT)
    assert warnings == []
    text = all_text(pdf)
    assert "Vergelijking met eerdere meetjaren" in text
    assert "2010" in text and "2019" in text


# --- security --------------------------------------------------------------------------------------


def test_user_text_is_printed_literally_and_never_evaluated():
    pdf = render_pdf("rapportage", samples.sample_report_injection(), MADE_AT)
    text = all_text(pdf)
    literal = squash(samples.INJECTIE)
    # organisation name (several places), accounthouder, analyse, conclusies (2x), acties, codes
    assert squash(text).count(literal) >= 7
    assert "root:x:0" not in text
    assert "/bin/" not in text
    meta = metadata(pdf)
    assert samples.INJECTIE in meta["/Author"]


def test_melding_prints_user_text_literally():
    data = samples.sample_melding(accounthouder=samples.INJECTIE)
    data["organisatie"]["naam"] = samples.INJECTIE
    data["ondertekening"]["plaats"] = samples.INJECTIE
    text = all_text(render_pdf("melding", data, MADE_AT))
    assert squash(text).count(squash(samples.INJECTIE)) >= 4
    assert "root:x:0" not in text


# --- determinism -----------------------------------------------------------------------------------


def test_same_data_and_date_give_identical_bytes():
    data = samples.sample_report()
    first = render_pdf("rapportage", data, MADE_AT)
    second = render_pdf("rapportage", copy.deepcopy(data), MADE_AT)
    assert first == second
    later = render_pdf("rapportage", data, MADE_AT + datetime.timedelta(days=1))
    assert later != first


def test_naive_datetime_and_date_are_accepted():
    data = samples.sample_melding()
    naive = render_pdf("melding", data, datetime.datetime(2018, 5, 13))
    as_date = render_pdf("melding", data, datetime.date(2018, 5, 13))
    assert naive == as_date


def test_render_does_not_change_the_callers_data():
    data = samples.sample_report()
    before = copy.deepcopy(data)
    render_pdf("rapportage", data, MADE_AT)
    assert data == before


# --- many periods ----------------------------------------------------------------------------------


def test_300_periods_break_over_pages_with_a_repeated_header():
    data = samples.sample_report_many(300)
    start = time.perf_counter()
    pdf = render_pdf("rapportage", data, MADE_AT)
    seconds = time.perf_counter() - start
    print(f"\n300 perioden: {seconds:.2f} s, {len(pdf)} bytes")
    assert seconds < 5  # typically ~0.2 s; generous for slow CI machines
    pages = page_texts(pdf)
    table_pages = [t for t in pages if len(re.findall(r"Werknemer [A-Z]{1,2} ", t)) >= 10]
    assert len(table_pages) >= 4
    for text in table_pages:
        assert TABLE_HEADER in text
    text = " ".join(pages)
    assert data["zijden"][0]["berekening"] in text
    assert data["zijden"][1]["berekening"] in text
    assert "Werknemer ET" in text  # the 150th werknemer: every row is there


# --- melding -------------------------------------------------------------------------------------


def test_melding_is_one_page_with_the_statement():
    pdf = render_pdf("melding", samples.sample_melding(), MADE_AT)
    pages = page_texts(pdf)
    assert len(pages) == 1
    text = pages[0]
    for expected in [
        "Jobcoach Voorbeeld B.V.",
        "UWV, t.a.v. M. de Vries",
        "Utrecht, 13 mei 2018",
        "Betreft: Melding klanttevredenheidsmeting meetjaar 2018",
        "Uw kenmerk: JC-2013-0412",
        "Geachte M. de Vries,",
        "13 mei 2017 tot en met 12 mei 2018",
        "geen enkele jobcoachperiode van Jobcoach Voorbeeld B.V. is afgerond",
        "niet worden gemeten",
        "Met deze brief doen wij dat.",
        "Naam: A. Jansen",
        "Functie: Directeur",
        "Stationsweg 12",
        "3511 AB Utrecht",
        "Naam:",
        "Functie:",
        "Handtekening:",
    ]:
        assert expected in text, expected
    assert "concept" not in text.lower()
    # above the letter, and again in the signature block (SPEC §6: place, date, a line to sign on)
    assert "Plaats: Utrecht" in text and "Datum: 13 mei 2018" in text


def test_melding_without_accounthouder():
    pages = page_texts(render_pdf("melding", samples.sample_melding(accounthouder=None), MADE_AT))
    assert len(pages) == 1
    assert "UWV, t.a.v. de accounthouder" in pages[0]
    assert "Geachte heer, mevrouw," in pages[0]


def test_melding_with_long_names_stays_on_one_page():
    data = samples.sample_melding(accounthouder="Mevrouw drs. A. B. C. van der Heijden-Oosterveld " * 2)
    data["organisatie"]["naam"] = (
        "Stichting Jobcoaching en Arbeidsintegratie Regio Noord-Holland Zuid B.V. " * 2
    )
    data["ondertekening"]["plaats"] = "Hoogezand-Sappemeer"
    pages = page_texts(render_pdf("melding", data, MADE_AT))
    assert len(pages) == 1
    assert "Hoogezand-Sappemeer, 13 mei 2018" in pages[0]


# --- errors ----------------------------------------------------------------------------------------


def test_unknown_template_is_a_render_error():
    assert "rapportage" in TEMPLATES and "melding" in TEMPLATES
    with pytest.raises(RenderError, match="Onbekend sjabloon"):
        render_pdf("../../etc/passwd", {}, MADE_AT)
    with pytest.raises(RenderError):
        render_pdf("bestaat-niet", samples.sample_report(), MADE_AT)


def test_broken_data_is_a_render_error_not_a_typst_error():
    data = samples.sample_report()
    del data["zijden"]
    with pytest.raises(RenderError) as caught:
        render_pdf("rapportage", data, MADE_AT)
    assert not isinstance(caught.value, typst.TypstError)
    assert isinstance(caught.value.__cause__, typst.TypstError)
    assert "rapportage.typ" in str(caught.value)


def test_unserialisable_data_is_a_render_error():
    data = samples.sample_report()
    data["gemaakt_op"] = datetime.date(2019, 5, 20)
    with pytest.raises(RenderError):
        render_pdf("rapportage", data, MADE_AT)
    with pytest.raises(RenderError):
        render_pdf("rapportage", samples.sample_report(), "20 mei 2019")  # type: ignore[arg-type]
