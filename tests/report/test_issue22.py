"""Issue 22: documents true in every sentence, read back from the PDFs the installed `ktv` writes.

Eight periods in meetjaar 2017 (seed calendar): werknemer cijfers 7 and seven times 7,5 (59,5 : 8 =
7,4375, shown 7,4, so the margin shown beside it is 7,4 − 6,5 = 0,9), "ja" for begeleiding three
times of eight (37,5 %); werkgever cijfers that fail the norm.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from report_e2e import add_period, commit, form, make_org, normalise, pdf_pages, pdf_text, run_ktv, write_year

TODAY = date(2017, 6, 1)
ENDS = [date(2016, 6, 20) + (date(2016, 7, 20) - date(2016, 6, 20)) * i for i in range(8)]
WN_GRADES = ["7"] + ["7.5"] * 7
WG_GRADES = ["5", "6", "6", "5.5", "6", "7", "6", "6"]


def _folder(root, *, reasons: dict | None = None, signatory: bool = True):
    make_org(root, git_repo=True)
    extra = '\n[ondertekening]\nnaam = "A. Jansen"\nfunctie = "Directeur"\n' if signatory else ""
    extra += '\n[uwv]\nadres = """\nPostbus 58285\n1040 HG Amsterdam"""\n'
    with open(root / "ktv.toml", "a", encoding="utf-8") as handle:
        handle.write(extra)
    for i, end in enumerate(ENDS):
        wn = {"begeleiding": "ja" if i < 3 else "nee", "bereikbaarheid": "ja" if i < 3 else "nee"}
        add_period(
            root,
            f"2016-0{1 + i % 9}-01-p{i}",
            employee=f"WN-{i}",
            employer=f"WG-{i % 3}",
            end=end,
            werknemer=form(WN_GRADES[i], wn, end),
            werkgever=form(WG_GRADES[i], {}, end) if i != 7 else None,
        )
    if reasons:
        path = root / "perioden" / "2016-08-01-p7.toml"
        path.write_text(
            path.read_text(encoding="utf-8") + f'\n[ontbreekt]\nwerkgever = "{reasons["werkgever"]}"\n',
            encoding="utf-8",
        )
    write_year(root, 2017, analysis="Analyse.", conclusions="Conclusies.")
    commit(root)
    return root


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    root = _folder(tmp_path_factory.mktemp("i22") / "gegevens", reasons={"werkgever": "Niet teruggestuurd."})
    out = root.parent / "rapport.pdf"
    result = run_ktv("--data", root, "report", "--jaar", "2017", "-o", out, today=TODAY)
    assert result.returncode == 0, result.stderr
    return root, pdf_pages(out)


def test_stats_json_procenten_one_decimal_half_up(report):
    root, _pages = report
    result = run_ktv("--data", root, "stats", "--jaar", "2017", "--json", today=TODAY)
    data = json.loads(result.stdout)
    begeleiding = data["werknemer"]["vragen"][0]
    assert begeleiding["procenten"] == {"nee": 62.5, "niet helemaal": 0.0, "ja": 37.5, "geen_antwoord": 0.0}
    # werkgever: 7 forms, no answers at all → 100,0 % geen antwoord; 1 of 3 style rounding elsewhere
    assert data["werkgever"]["vragen"][0]["procenten"]["geen_antwoord"] == 100.0


def test_one_of_three_is_33_3_and_the_row_may_not_add_up(tmp_path):
    from report.numbers import QuestionCount, percent_text, percentage
    from store.model import Question

    assert percentage(1, 3) == percentage(1, 3) and str(percentage(1, 3)) == "33.3"
    assert (
        str(percentage(3, 8)) == "37.5"
        and str(percentage(1, 8)) == "12.5"
        and str(percentage(2, 3)) == "66.7"
    )
    assert percent_text(percentage(3, 8)) == "37,5 %"
    row = QuestionCount(Question("q", "Vraag?"), {"nee": 1, "ja": 1}, 1)
    assert set(row.percentages.values()) == {percentage(1, 3)}  # equal counts, equal percentages
    assert not row.adds_up  # 99,9: the document says why under the table


def test_margin_next_to_the_mean_is_the_shown_mean_minus_the_norm(report):
    _root, pages = report
    first = pages[0]
    assert "7,4" in first and "Gemiddeld 7,4: 0,9 punt boven de norm van 6,5." in first
    assert "0,93" not in " ".join(pages) and "0,94" not in " ".join(pages)


def test_percentages_and_positive_share_in_the_pdf(report):
    _root, pages = report
    text = " ".join(pages)
    assert "3 37,5 %" in text and "5 62,5 %" in text
    assert "37% positief" not in text and "38%" not in text


def test_ties_are_named_as_ties(report):
    _root, pages = report
    # begeleiding and bereikbaarheid both 37,5 % positive: a tie, not "the" strongest
    assert "Alle vragen even vaak positief beantwoord: 37,5 %." in pages[0]
    assert "Sterkste punt:" not in pages[0] or "Sterkste punt: begeleiding" not in pages[0]


def test_failed_norm_says_uwv_is_consulted_and_a_herstelplan_follows(report):
    _root, pages = report
    text = " ".join(pages)
    assert "De norm is voor werkgevers niet behaald." in text
    assert "in overleg met de accounthouder van UWV" in text and "herstelplan" in text
    assert "Herstelplan" in text  # its own section, even before the plan is written


def test_period_table_shows_month_and_year_only(report):
    _root, pages = report
    text = " ".join(pages)
    assert "juni 2016" in text
    for end in ENDS:
        day = f"{end.day} {['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'][end.month - 1]} {end.year}"
        assert day not in text, day


def test_steekproef_names_the_signatory_and_final_says_definitief(report):
    _root, pages = report
    text = " ".join(pages)
    assert "bewaart alle ingevulde beoordelingsformulieren" in text and "Vraag daarvoor A. Jansen" in text
    assert "Status Definitief" in pages[0]


def test_meetperiode_footnote_explains_the_first_day(report):
    _root, pages = report
    # meetjaar 2017 is the first one: it starts on the anniversary itself, no footnote needed
    assert "zodat geen dag in twee meetjaren valt" not in pages[0]


def test_meetperiode_footnote_in_a_later_meetjaar(tmp_path):
    root = make_org(tmp_path / "gegevens")
    add_period(
        root, "2017-09-01-x1", employee="WN-1", employer="WG-1", end=date(2017, 9, 1), werknemer=form("7")
    )
    out = tmp_path / "c.pdf"
    result = run_ktv(
        "--data", root, "report", "--jaar", "2018", "--concept", "-o", out, today=date(2018, 1, 2)
    )
    assert result.returncode == 0, result.stderr
    first = pdf_pages(out)[0]
    assert "13 mei 2017 tot en met 12 mei 2018" in first
    assert "UWV noemt als meetperiode 12 mei 2017 tot en met 12 mei 2018" in first
    assert "zodat geen dag in twee meetjaren valt" in first
    assert "Concept" in first and "Definitief" not in first


def test_running_year_in_the_trend_is_marked_tot_nu_toe(tmp_path):
    root = make_org(tmp_path / "gegevens")
    add_period(
        root, "2016-09-01-a", employee="WN-1", employer="WG-1", end=date(2016, 9, 1), werknemer=form("7")
    )
    add_period(
        root, "2017-09-01-b", employee="WN-2", employer="WG-1", end=date(2017, 9, 1), werknemer=form("8")
    )
    out = tmp_path / "c.pdf"
    result = run_ktv(
        "--data", root, "report", "--jaar", "2018", "--concept", "-o", out, today=date(2018, 1, 2)
    )
    assert result.returncode == 0, result.stderr
    assert "2018 tot nu toe" in normalise(pdf_text(out))


def test_notice_has_uwv_address_and_uw_kenmerk(tmp_path):
    root = make_org(tmp_path / "gegevens")
    text = (root / "ktv.toml").read_text(encoding="utf-8")
    text = text.replace("schema = 1\n", 'schema = 1\nkenmerk = "JC-2013-0412"\n', 1)
    text += '\n[uwv]\nadres = """\nPostbus 58285\n1040 HG Amsterdam"""\n'
    (root / "ktv.toml").write_text(text, encoding="utf-8")
    check = run_ktv("--data", root, "check", today=TODAY)
    assert check.returncode == 0, check.stdout + check.stderr
    out = tmp_path / "m.pdf"
    result = run_ktv("--data", root, "melding", "--jaar", "2017", "-o", out, today=TODAY)
    assert result.returncode == 0, result.stderr
    (page,) = pdf_pages(out)
    assert "UWV, t.a.v. M. de Vries Postbus 58285 1040 HG Amsterdam" in page
    assert "Uw kenmerk: JC-2013-0412" in page
    fmt = run_ktv("--data", root, "fmt", today=TODAY)
    assert fmt.returncode == 0 and "Postbus 58285" in (root / "ktv.toml").read_text(encoding="utf-8")


def _check_json(root) -> list[dict]:
    result = run_ktv("--data", root, "check", "--json", today=TODAY)
    return json.loads(result.stdout)["problemen"]


@pytest.mark.parametrize(
    "word",
    ["overleden", "Ziek", "ziekte", "failliet", "verhuisd", "ontslagen", "zwanger", "scheiding", "opgenomen"],
)
def test_check_warns_for_a_personal_circumstance(tmp_path, word):
    root = _folder(tmp_path / "gegevens", reasons={"werkgever": f"Werkgever {word} gegaan."})
    problems = [p for p in _check_json(root) if p["code"] == "persoonlijke-omstandigheid"]
    assert len(problems) == 1 and problems[0]["ernst"] == "waarschuwing"
    assert problems[0]["bestand"] == "perioden/2016-08-01-p7.toml" and problems[0]["regel"]
    assert word.lower() in problems[0]["bericht"]


def test_check_warns_for_a_circumstance_in_a_meetjaar_text_but_not_for_ordinary_words(tmp_path):
    root = _folder(tmp_path / "gegevens")
    write_year(
        root, 2017, analysis="Een werknemer was lang ziek.", conclusions="Ziekenboeg? Nee: tevredenheid."
    )
    problems = [p for p in _check_json(root) if p["code"] == "persoonlijke-omstandigheid"]
    assert [p["bestand"] for p in problems] == ["meetjaren/2017.toml"]
    assert "analyse" in problems[0]["bericht"]


def test_a_character_the_fonts_cannot_draw_is_a_warning_and_a_visible_stand_in(tmp_path):
    root = _folder(tmp_path / "gegevens")
    write_year(root, 2017, analysis="Tevreden \U0001f600 klanten.", conclusions="Goed.")
    commit(root, "emoji")
    problems = [p for p in _check_json(root) if p["code"] == "onbekend-teken"]
    assert len(problems) == 1 and "U+1F600" in problems[0]["bericht"]
    assert problems[0]["ernst"] == "waarschuwing"
    out = tmp_path / "e.pdf"
    result = run_ktv("--data", root, "report", "--jaar", "2017", "-o", out, today=TODAY)
    assert result.returncode == 0, result.stderr
    assert "Tevreden [U+1F600] klanten." in pdf_text(out)


def test_a_1920_character_word_wraps_and_survives(tmp_path):
    root = _folder(tmp_path / "gegevens")
    word = "Lang" * 480
    write_year(root, 2017, analysis=f"Begin {word} einde.", conclusions="Goed.")
    commit(root, "lang woord")
    out = tmp_path / "w.pdf"
    result = run_ktv("--data", root, "report", "--jaar", "2017", "-o", out, today=TODAY)
    assert result.returncode == 0, result.stderr
    import re

    pages = pdf_pages(out)
    flat = "".join(re.sub(r"\s+", "", page) for page in pages)
    assert flat.count("Lang") >= 480


SCALE_10 = ["zeer slecht", "slecht", "matig", "onvoldoende", "neutraal", "redelijk", "voldoende",
            "ruim voldoende", "goed", "uitstekend"]  # fmt: skip
LONG_QUESTION = (
    "Hoe tevreden bent u over de manier waarop de jobcoach samen met u en uw leidinggevende "
    "afspraken heeft gemaakt over de taken, de werktijden, de begeleiding op de werkvloer en de "
    "evaluatiemomenten en de manier waarop de voortgang is besproken en vastgelegd in het plan "
    "van aanpak, en later bijgesteld?"
)
RIGHT_MARGIN = 22 * 72 / 25.4


def _questionnaires(root, scale) -> None:
    for side in ("werknemer", "werkgever"):
        lines = ["schema = 1", f'titel = "Beoordeling ondersteuning jobcoach door {side}"',
                 "schaal = [" + ", ".join(f'"{a}"' for a in scale) + "]"]  # fmt: skip
        for i in range(12):
            text = LONG_QUESTION if i % 5 == 1 else f"Vraag {i:02d} over de begeleiding door de jobcoach?"
            lines += ["", "[[vraag]]", f'id = "v{i:02d}"', f'tekst = "{text}"', 'groep = "Wat vindt u van:"']
        (root / "vragenlijsten" / f"{side}.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _words_right_of_the_margin(pdf) -> list[tuple[int, float, str]]:
    """Words (pdftotext -bbox) whose right edge lies past the right margin, with 3 pt leeway."""
    import re
    import subprocess

    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    past = []
    for number, page in enumerate(out.split("<page ")[1:], 1):
        width = float(re.search(r'width="([\d.]+)"', page).group(1))
        for m in re.finditer(
            r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', page
        ):
            if float(m.group(1)) > width - RIGHT_MARGIN + 3:
                past.append((number, float(m.group(1)), m.group(2)))
    return past


@pytest.mark.parametrize("answers", [10, 5, 4, 2])
@pytest.mark.parametrize("previous", [False, True])
def test_first_and_later_reports_keep_every_word_inside_the_margins(tmp_path, answers, previous):
    import shutil

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is niet geïnstalleerd: woordposities niet te meten")
    scale = SCALE_10[:answers]
    root = make_org(tmp_path / "gegevens")
    _questionnaires(root, scale)
    years = (2017, 2018) if previous else (2017,)
    for year in years:
        for n in range(5):
            given = {f"v{q:02d}": scale[(q + n) % answers] for q in range(12)}
            add_period(root, f"{year - 1}-06-0{n + 1}-m{year}", employee=f"WN-{year}{n}", employer="WG-1",
                       end=date(year - 1, 7 + n, 1), werknemer=form("7", given), werkgever=form("6", given))  # fmt: skip
    label = years[-1]
    out = tmp_path / "r.pdf"
    result = run_ktv(
        "--data", root, "report", "--jaar", str(label), "--concept", "-o", out, today=date(label, 6, 1)
    )
    assert result.returncode == 0, result.stderr
    assert _words_right_of_the_margin(out) == []
    text = normalise(pdf_text(out))
    assert "geen antwoord" in text and (f"t.o.v. {label - 1}" in text) == previous


HEADINGS = (
    "Cijfers per jobcoachperiode",
    "Behaald cijfer en norm",
    "Vergelijking met eerdere meetjaren",
    "Spreiding van de cijfers en respons",
    "Ontbrekende formulieren",
    "Antwoorden per vraag",
    "Werknemers",
    "Werkgevers",
    "Analyse van de resultaten",
    "Conclusies",
    "Acties",
    "Herstelplan",
    "Verantwoording",
)


@pytest.mark.parametrize("sentences", [3, 9, 17, 26])
def test_a_heading_never_ends_a_page(tmp_path, sentences):
    import io
    import re

    import pypdf

    root = make_org(tmp_path / "gegevens")
    _questionnaires(root, SCALE_10[:4])
    for n in range(5):
        given = {f"v{q:02d}": SCALE_10[(q + n) % 4] for q in range(12)}
        add_period(root, f"2016-06-0{n + 1}-h", employee=f"WN-{n}", employer="WG-1", end=date(2016, 7 + n, 1),
                   werknemer=form("7", given), werkgever=form("6", given))  # fmt: skip
    sentence = "De jobcoaches bespraken de uitkomsten in het teamoverleg en legden afspraken vast. "
    write_year(root, 2017, analysis=sentence * sentences, conclusions=sentence * (sentences // 2 + 1),
               actions="- " + sentence)  # fmt: skip
    out = tmp_path / "h.pdf"
    result = run_ktv(
        "--data", root, "report", "--jaar", "2017", "--concept", "-o", out, today=date(2017, 6, 1)
    )
    assert result.returncode == 0, result.stderr
    reader = pypdf.PdfReader(io.BytesIO(out.read_bytes()))
    for number, page in enumerate(reader.pages[:-1], 1):
        lines = [line.strip() for line in page.extract_text().split("\n") if line.strip()]
        body = [line for line in lines if "pagina" not in line and "CONCEPT" not in line]
        last = re.sub(r"^\d+(\.\d+)*\s*", "", body[-1])
        assert last not in HEADINGS, (number, body[-3:])


def test_the_behaald_table_shows_the_margin_as_shown_mean_minus_norm(report):
    _root, pages = report
    text = " ".join(pages)
    assert "Marge (gemiddelde − norm) 7,4 − 6,5 = 0,9" in text
    assert "59,5 − 6,5 × 8 = 7,5" in text  # the points above the norm, from the sum on the page
