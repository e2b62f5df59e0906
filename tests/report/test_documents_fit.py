"""SPEC §6 "Fit to sign and send": the report and the notice read back from the PDFs that the
installed `ktv` writes (pypdf): sender, signature, no software words, late or on time, a running
meetjaar's concept, the first day of a meetjaar, percentages, and a large questionnaire's layout."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pypdf
import pytest
from report_e2e import (
    RECOGNITION,
    add_period,
    commit,
    form,
    make_org,
    make_seed_folder,
    pdf_pages,
    run_ktv,
    squash,
    write_year,
)

CONTACT = """
kenmerk = "JC-2013-0412"

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
"""
LATE_REASON = "Door een wisseling van directie is de rapportage blijven liggen."
ON_TIME = date(2017, 6, 1)  # meetjaar 2017 ended 12 mei 2017, deadline 12 juni 2017
LATE = date(2017, 7, 3)
DEADLINE_2017 = "12 juni 2017"


def add_contact(root: Path) -> None:
    with open(root / "ktv.toml", "a", encoding="utf-8") as handle:
        handle.write(CONTACT)


def make(root: Path, *args: str, today: date, name: str = "uit.pdf") -> list[str]:
    out = root.parent / name
    result = run_ktv("--data", root, *args, "-o", out, today=today)
    assert result.returncode == 0, (result.stdout, result.stderr)
    return pdf_pages(out)


@pytest.fixture(scope="module")
def signed(tmp_path_factory) -> Path:
    """The seed's example with contact, signatory and kenmerk, committed in git."""
    root = tmp_path_factory.mktemp("ondertekend") / "gegevens"
    make_seed_folder(root, git_repo=True)
    add_contact(root)
    commit(root, "contact")
    return root


@pytest.fixture(scope="module")
def on_time_report(signed) -> list[str]:
    return make(signed, "report", "--jaar", "2017", today=ON_TIME, name="op-tijd.pdf")


@pytest.fixture(scope="module")
def notice_folder(tmp_path_factory) -> Path:
    """No completed period in meetjaar 2017, with contact and a late explanation."""
    root = make_org(tmp_path_factory.mktemp("melding") / "gegevens", git_repo=True)
    add_contact(root)
    write_year(root, 2017, late_explanation="Door ziekte van de directeur.\nInmiddels opgelost.")
    commit(root)
    return root


def test_report_shows_sender_and_signature(on_time_report):
    first, text = on_time_report[0], " ".join(on_time_report)
    for expected in ("Stationsweg 12", "3511 AB Utrecht", "Telefoon 030 123 4567", "info@voorbeeld.nl"):
        assert expected in first, expected
    assert "Kenmerk UWV JC-2013-0412" in first
    last = on_time_report[-1]
    for expected in ("Ondertekening", "Naam: A. Jansen", "Functie: Directeur", "Plaats: Utrecht"):
        assert expected in last, expected
    assert "Datum: 1 juni 2017 Handtekening:" in last
    assert "na de uiterste datum" not in text


def test_notice_is_a_business_letter_with_signature(notice_folder):
    (page,) = make(notice_folder, "melding", "--jaar", "2017", today=ON_TIME, name="melding-op-tijd.pdf")
    for expected in (
        "Stationsweg 12",
        "UWV, t.a.v. M. de Vries",
        "Utrecht, 1 juni 2017",
        "Betreft: Melding klanttevredenheidsmeting meetjaar 2017",
        "Uw kenmerk: JC-2013-0412",
        "Geachte M. de Vries,",
        "Met deze brief doen wij dat.",
        "Naam: A. Jansen",
        "Functie: Directeur",
        "Handtekening:",
    ):
        assert expected in page, expected
    # SPEC §6: the signature block holds place and date as well, after naam and functie
    block = page[page.index("Naam: A. Jansen") :]
    assert "Plaats: Utrecht" in block and "Datum: 1 juni 2017" in block
    assert block.index("Datum:") < block.index("Handtekening:")
    assert "na de uiterste datum" not in page
    assert "Door ziekte" not in page  # the explanation belongs to a late notice only


def test_late_notice_says_so_with_the_deadline_and_the_explanation(notice_folder):
    (page,) = make(notice_folder, "melding", "--jaar", "2017", today=LATE, name="melding-laat.pdf")
    assert f"Deze melding is opgesteld op 3 juli 2017, na de uiterste datum van {DEADLINE_2017}." in page
    assert "Door ziekte van de directeur. Inmiddels opgelost." in page
    assert "Met deze brief doen wij dat" not in page  # never claims to be on time


def test_late_report_says_so_with_the_deadline_and_the_explanation(signed, tmp_path):
    root = tmp_path / "laat"
    make_seed_folder(root, git_repo=True)
    add_contact(root)
    write_year(
        root, analysis="Analyse.", conclusions="Conclusies.", actions="- Actie.", late_explanation=LATE_REASON
    )
    commit(root)
    text = " ".join(make(root, "report", "--jaar", "2017", today=LATE))
    assert f"Deze rapportage is opgesteld op 3 juli 2017, na de uiterste datum van {DEADLINE_2017}." in text
    assert LATE_REASON in text


def test_no_software_words_in_any_document(signed, notice_folder, tmp_path):
    pdfs = {
        "final": make(signed, "report", "--jaar", "2017", today=ON_TIME, name="a.pdf"),
        "concept": make(signed, "report", "--jaar", "2018", "--concept", today=ON_TIME, name="b.pdf"),
        "notice": make(notice_folder, "melding", "--jaar", "2017", today=LATE, name="c.pdf"),
    }
    no_git = make_seed_folder(tmp_path / "zonder-git")
    pdfs["no git"] = make(no_git, "report", "--jaar", "2017", today=ON_TIME)
    for kind, pages in pdfs.items():
        text = " ".join(pages).lower()
        for word in ("git", "commit", "ktv-versie", "ktv "):
            assert word not in text, (kind, word)
    final = " ".join(pdfs["final"])
    assert re.search(r"Gegevensversie [0-9a-f]{12} \(vastgelegd op \d+ \w+ \d{4}\)", final)
    assert "Gegevensversie" not in " ".join(pdfs["no git"])


def test_running_meetjaar_concept_speaks_of_tot_nu_toe(signed):
    # 1 april 2017: meetjaar 2017 is running, all five seed periods have ended, both averages meet the norm.
    text = " ".join(make(signed, "report", "--jaar", "2017", "--concept", today=date(2017, 4, 1)))
    assert "tot nu toe" in text
    assert "is behaald" not in text and "zijn behaald" not in text
    assert "voldoet aan de norm" not in text
    # 6,5 × 6 − 36 = 3: only what holds for one more form, never a promise about every later one
    assert "met nog één formulier van minstens 3,0 op of boven de norm" in text
    assert "elk volgend cijfer" not in text


def test_first_day_of_meetjaar_2018_is_13_mei_2017(signed, tmp_path):
    root = tmp_path / "2018"
    make_seed_folder(root)
    add_period(
        root, "2017-09-01-abcde", employee="WN-101", employer="WG-101", end=date(2017, 9, 1),
        werknemer=form("7"), werkgever=form("8"),
    )  # fmt: skip
    first = make(root, "report", "--jaar", "2018", "--concept", today=date(2017, 10, 1))[0]
    assert "Meetperiode 13 mei 2017 tot en met 12 mei 2018" in first
    assert RECOGNITION == date(2013, 5, 12)


def test_percentages_have_one_decimal_and_equal_counts_equal_percentages(on_time_report):
    text = " ".join(on_time_report)
    rows = 0
    for question, answers in (
        ("Bent u tevreden over de begeleiding van de jobcoach?", 3),
        ("De benadering door de jobcoach?", 4),
        ("Het loopbaanperspectief van de werknemer?", 4),
    ):
        after = text[text.index(question) + len(question) :]
        cells = re.findall(r"(\d+) (\d+,\d) %", after)[: answers + 1]  # the answers and "geen antwoord"
        assert len(cells) == answers + 1, (question, after[:120])
        shown = {}
        for count, percent in cells:
            assert shown.setdefault(count, percent) == percent, (question, cells)  # same count, same %
            expected = (Decimal(int(count) * 100) / 5).quantize(Decimal("0.1"), ROUND_HALF_UP)
            assert percent == f"{expected}".replace(".", ","), (question, cells)
        rows += 1
    assert rows == 3


SCALE_10 = [
    "zeer slecht",
    "slecht",
    "matig",
    "onvoldoende",
    "neutraal",
    "redelijk",
    "voldoende",
    "ruim voldoende",
    "goed",
    "uitstekend",
]
LONG_QUESTION = (
    "Hoe tevreden bent u over de manier waarop de jobcoach samen met u en uw leidinggevende "
    "afspraken heeft gemaakt over de taken, de werktijden, de begeleiding op de werkvloer en de "
    "evaluatiemomenten en de manier waarop de voortgang is besproken en vastgelegd in het plan "
    "van aanpak, en later bijgesteld?"
)


def _large_questionnaire(root: Path) -> None:
    lines = [
        "schema = 1",
        'titel = "Beoordeling ondersteuning jobcoach door werknemer"',
        "schaal = [" + ", ".join(f'"{answer}"' for answer in SCALE_10) + "]",
    ]
    for index in range(30):
        text = LONG_QUESTION if index == 3 else f"Vraag {index:02d} over de begeleiding door de jobcoach?"
        group = "Groep A over de begeleiding" if index < 15 else "Groep B over het resultaat"
        lines += ["", "[[vraag]]", f'id = "v{index:02d}"', f'groep = "{group}"', f'tekst = "{text}"']
    (root / "vragenlijsten" / "werknemer.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_ten_answers_and_a_300_character_question_stay_inside_the_page(tmp_path):
    assert len(LONG_QUESTION) == 300
    root = make_org(tmp_path / "gegevens")
    _large_questionnaire(root)
    for number in range(6):
        answers = {f"v{q:02d}": SCALE_10[(q + number) % 10] for q in range(30)}
        add_period(
            root, f"2016-06-0{number + 1}-groot", employee=f"WN-{number + 1}", employer="WG-1",
            end=date(2016, 7 + number, 1), werknemer=form("7", answers), werkgever=form("7"),
        )  # fmt: skip
    out = tmp_path / "groot.pdf"
    result = run_ktv("--data", root, "report", "--jaar", "2017", "--concept", "-o", out, today=ON_TIME)
    assert result.returncode == 0, result.stderr
    pages = pdf_pages(out)
    question_pages = 0
    for page in pages[1:]:  # page 1 names the strongest and weakest question in its summary
        flat = squash(page)
        holds = [q for q in range(30) if f"Vraag{q:02d}over" in flat] + (
            [3] if squash(LONG_QUESTION) in flat else []
        )
        if not holds:
            continue
        question_pages += 1
        for head in [*SCALE_10, "geen antwoord"]:
            assert head in page, (head, page[:200])
        group = "Groep A over de begeleiding" if min(holds) < 15 else "Groep B over het resultaat"
        assert group in page  # the group heading is repeated on every page of its table
    assert question_pages >= 2
    assert squash(LONG_QUESTION) in squash(" ".join(pages))
    _assert_text_inside_the_page(out)


def _assert_text_inside_the_page(pdf: Path) -> None:
    """Every piece of text starts inside the page's width (nothing pushed off the right edge)."""
    reader = pypdf.PdfReader(io.BytesIO(pdf.read_bytes()))
    for page in reader.pages:
        width = float(page.mediabox.width)
        xs: list[float] = []

        def visit(text, cm, tm, _font, _size, xs=xs):
            if text.strip():
                xs.append(tm[4] * cm[0] + tm[5] * cm[2] + cm[4])

        page.extract_text(visitor_text=visit)
        assert xs and all(0 <= x < width - 20 for x in xs), (min(xs), max(xs), width)


def test_bullets_paragraphs_and_a_norm_with_two_decimals(tmp_path):
    root = make_seed_folder(tmp_path / "gegevens")
    text = (root / "ktv.toml").read_text(encoding="utf-8")
    (root / "ktv.toml").write_text(text + "\n[norm]\nwerknemer = 6.45\nwerkgever = 6.5\n", encoding="utf-8")
    write_year(
        root,
        analysis="Eerste alinea.\n\nTweede alinea\nmet een tweede regel.",
        conclusions="Conclusie.",
        actions="Wij doen dit:\n- eerste actie\n* tweede actie\n-geen punt maar tekst",
    )
    text = " ".join(make(root, "report", "--jaar", "2017", today=ON_TIME))
    assert "minimaal 6,45" in text and "norm 6,45" in text and "6,4 " not in text.replace("6,45", "")
    assert "Wij doen dit: • eerste actie • tweede actie -geen punt maar tekst" in text
    assert "- eerste actie" not in text and "* tweede actie" not in text


def test_no_comparison_with_a_meetjaar_before_eerste_meetjaar(tmp_path):
    root = make_seed_folder(tmp_path / "gegevens", notes=False)  # periods in 2017
    text = (root / "ktv.toml").read_text(encoding="utf-8")
    (root / "ktv.toml").write_text(
        text.replace("erkenningsdatum = 2013-05-12", "erkenningsdatum = 2013-05-12\neerste_meetjaar = 2018"),
        encoding="utf-8",
    )
    add_period(
        root, "2017-09-01-abcde", employee="WN-101", employer="WG-101", end=date(2017, 9, 1),
        werknemer=form("7", {"begeleiding": "ja"}), werkgever=form("8"),
    )  # fmt: skip
    text = " ".join(make(root, "report", "--jaar", "2018", "--concept", today=date(2017, 10, 1)))
    assert "Vergelijking met eerdere meetjaren" not in text and "t.o.v." not in text


def _text_boxes(pdf: Path, page_number: int = 0) -> list[tuple[str, float, float]]:
    """(text, x, y) of every piece of text on a page."""
    page = pypdf.PdfReader(io.BytesIO(pdf.read_bytes())).pages[page_number]
    boxes: list[tuple[str, float, float]] = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            boxes.append((text, x, y))

    page.extract_text(visitor_text=visit)
    return boxes


@pytest.mark.parametrize("length", [30, 73, 190])
def test_a_long_organisation_name_is_never_drawn_over_the_title(tmp_path, length):
    """Beside the title while it fits, below it when it does not (a 73-character name was
    set over "KLANTTEVREDENHEIDSONDERZOEK JOBCOACHING")."""
    words = "Stichting Re-integratie en Jobcoaching Midden-Nederland en Omstreken Noord " * 4
    name = (words[: length - 5].rstrip() + " B.V.").replace("  ", " ")
    root = make_org(tmp_path / "gegevens", name=name)
    out = tmp_path / "naam.pdf"
    result = run_ktv("--data", root, "report", "--jaar", "2017", "--concept", "-o", out, today=ON_TIME)
    assert result.returncode == 0, result.stderr
    boxes = _text_boxes(out)
    heading = [b for b in boxes if "KLANTTEVREDENHEIDSONDERZOEK" in b[0]]
    title_bottom = min(y for text, _x, y in boxes if text.startswith("Meetjaar"))
    first_word = [b for b in boxes if b[0].startswith("Stichting")][0]  # the sender block's
    assert heading
    if length > 50:
        assert first_word[2] < title_bottom  # below the title (PDF y grows upwards)
    else:
        heading_x_end = heading[0][1] + 200  # the heading is about 200 pt wide
        assert first_word[1] > heading_x_end or first_word[2] < title_bottom
    _assert_text_inside_the_page(out)
