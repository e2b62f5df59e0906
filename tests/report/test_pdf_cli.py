"""`ktv report` and `ktv melding` end to end (SPEC §5, §6, §8): the installed command on real data
folders, the PDFs read back with pypdf. Template details are in test_templates.py.
"""

from __future__ import annotations

import os
import tomllib
from datetime import date, timedelta
from importlib.metadata import version
from pathlib import Path

import pytest
from report_e2e import (
    ACCOUNT_MANAGER,
    ACTIES,
    ANALYSE,
    CONCLUSIES,
    JOBCOACHES,
    MEETPERIODE,
    ORGANISATION,
    REMARK,
    SEED_PERIOD_IDS,
    SEED_ROWS,
    TODAY,
    WERKGEVER_QUESTIONS,
    WERKGEVER_SCALE,
    WERKNEMER_ANSWERS,
    add_period,
    add_seed_periods,
    commit,
    form,
    git,
    make_org,
    make_seed_folder,
    pdf_pages,
    pdf_text,
    run_ktv,
    squash,
    werkgever_answers,
    write_year,
)

from report.dutch import long_date
from store.defaults import DEFAULT_QUESTIONNAIRES

INJECTION = '#read("/etc/passwd") *ster* $x$ ]'
REPORT = Path("rapporten") / "klanttevredenheid-2017.pdf"
CONCEPT = Path("rapporten") / "klanttevredenheid-2017-concept.pdf"
"""SPEC §6 "Files": a concept always goes to its own file, never to the final report's."""
NOTICE = Path("rapporten") / "melding-2017.pdf"


def report(root: Path, *args: str, today: date = TODAY):
    return run_ktv("--data", root, "report", "--jaar", "2017", *args, today=today)


def made(result, path: Path) -> Path:
    assert result.returncode == 0, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert path.is_file()
    return path


# --- the seed's example ----------------------------------------------------------------------------


def test_seed_example_gives_the_uwv_numbers(seed_report):
    text = pdf_text(made(seed_report.result, seed_report.pdf))
    for expected in (
        "36 : 5 = 7,2",
        "35,5 : 5 = 7,1",
        "Rapportage klanttevredenheid",
        ORGANISATION,
        MEETPERIODE,
        ACCOUNT_MANAGER,
        "12 juni 2017",  # deadline
        "1 juni 2017",  # gemaakt op
    ):
        assert expected in text, expected
    assert text.count("voldoet aan de norm") >= 2


def test_seed_rows_have_neutral_labels_in_the_seeds_order(seed_report):
    text = pdf_text(seed_report.pdf)
    positions = [text.find(row) for *_codes, row in SEED_ROWS]
    assert -1 not in positions, positions
    assert positions == sorted(positions)


def _expected_rows() -> list[str]:
    """Each question of both questionnaires with its counts as the PDF shows them (5 forms)."""
    rows = []
    sides = {
        "werknemer": list(WERKNEMER_ANSWERS),
        "werkgever": [werkgever_answers(i) for i in range(5)],
    }
    for side, forms in sides.items():
        questionnaire = DEFAULT_QUESTIONNAIRES[side]
        for question in questionnaire.questions:
            given = [answers.get(question.id) for answers in forms]
            cells = [f"{given.count(a)} {given.count(a) * 20},0 %" for a in questionnaire.scale]
            none = given.count(None)
            rows.append(" ".join([question.text, *cells, f"{none} {none * 20},0 %"]))
    return rows


def test_every_question_is_listed_with_its_counts(seed_report):
    text = pdf_text(seed_report.pdf)
    assert len(WERKGEVER_QUESTIONS) == len(DEFAULT_QUESTIONNAIRES["werkgever"].questions)
    assert tuple(DEFAULT_QUESTIONNAIRES["werkgever"].scale) == WERKGEVER_SCALE
    for row in _expected_rows():
        assert row in text, row
    for page in pdf_pages(seed_report.pdf):  # a group heading is repeated on the next page
        assert page.count("Wat is uw mening over:") <= 1
        assert page.count("Wat vindt u van de aandacht van de jobcoach voor:") <= 1


def test_no_internal_code_reaches_the_pdf(seed_report):
    raw = seed_report.pdf.read_bytes()
    text = pdf_text(seed_report.pdf)
    flat = squash(text)
    for secret in ("WN-", "WG-", *JOBCOACHES, squash(REMARK), *SEED_PERIOD_IDS):
        assert secret not in flat, secret
        if len(secret) >= 6:  # a 3-letter code can occur by chance inside compressed streams
            assert secret.encode() not in raw, secret
    assert "Werknemer C" in text and "Werkgever 2" in text


def test_report_without_herstelplan_has_no_such_section(seed_report):
    text = pdf_text(seed_report.pdf)
    assert "Herstelplan" not in text
    assert ACTIES in text


def test_herstelplan_is_its_own_section_after_acties(seed_folder):
    plan = "Evaluatiegesprek met alle werkgevers.\n\nTussentijdse meting na drie maanden."
    write_year(seed_folder, analysis=ANALYSE, conclusions=CONCLUSIES, actions=ACTIES, recovery_plan=plan)
    text = pdf_text(made(report(seed_folder), seed_folder / REPORT))
    acties, herstel, verantwoording = (
        text.find(s) for s in (ACTIES, "Herstelplan Evaluatie", "Verantwoording")
    )
    assert -1 < acties < herstel < text.rfind("Verantwoording")
    assert verantwoording > -1
    assert "Tussentijdse meting na drie maanden." in text


# --- concept and final -------------------------------------------------------------------------------


def test_concept_is_marked_on_every_page(seed_folder):
    pages = pdf_pages(made(report(seed_folder, "--concept"), seed_folder / CONCEPT))
    assert len(pages) >= 3
    assert all("CONCEPT" in page for page in pages)


def test_final_report_never_says_concept(seed_report):
    pages = pdf_pages(seed_report.pdf)
    assert len(pages) >= 3
    assert not any("concept" in page.lower() for page in pages)


# --- user text is printed literally ----------------------------------------------------------------


@pytest.mark.parametrize("field", ["naam", "accounthouder", "analyse", "conclusies", "acties", "herstelplan"])
def test_typed_text_is_printed_literally(tmp_path, field):
    root = tmp_path / "gegevens"
    make_org(
        root,
        name=INJECTION if field == "naam" else ORGANISATION,
        account_manager=INJECTION if field == "accounthouder" else ACCOUNT_MANAGER,
    )
    add_seed_periods(root)
    texts = {"analysis": ANALYSE, "conclusions": CONCLUSIES, "actions": ACTIES}
    key = {
        "analyse": "analysis",
        "conclusies": "conclusions",
        "acties": "actions",
        "herstelplan": "recovery_plan",
    }
    if field in key:
        texts[key[field]] = f"Voor {INJECTION} na"
    write_year(root, **texts)
    text = pdf_text(made(report(root), root / REPORT))
    assert squash(INJECTION) in squash(text)
    for piece in ('#read("/etc/passwd")', "*ster*", "$x$"):
        assert piece in text, piece
    assert "root:x:0" not in text
    assert "/bin/" not in text


# --- same data, same bytes ----------------------------------------------------------------------------


def test_same_data_gives_identical_bytes(seed_folder, tmp_path):
    first = made(report(seed_folder), seed_folder / REPORT).read_bytes()
    again = made(report(seed_folder, "-o", tmp_path / "nogmaals.pdf"), tmp_path / "nogmaals.pdf")
    assert again.read_bytes() == first
    later = made(report(seed_folder, today=TODAY + timedelta(days=1)), seed_folder / REPORT)
    assert later.read_bytes() != first


def test_same_data_gives_identical_bytes_in_git(seed_git_folder):
    first = made(report(seed_git_folder), seed_git_folder / REPORT).read_bytes()
    # The first PDF is now an untracked file under rapporten/: that changes nothing.
    second = made(report(seed_git_folder), seed_git_folder / REPORT).read_bytes()
    assert second == first


# --- traceability ---------------------------------------------------------------------------------------


def test_data_version_in_the_verantwoording_and_no_software_words(seed_report):
    head = git(seed_report.root, "rev-parse", "HEAD")
    day = git(seed_report.root, "show", "-s", "--format=%cs", "HEAD")
    pages = pdf_pages(seed_report.pdf)
    for number, page in enumerate(pages, start=1):
        assert f"{ORGANISATION} · Rapportage klanttevredenheid meetjaar 2017" in page
        assert f"pagina {number} van {len(pages)}" in page
        assert "niet zijn vastgelegd" not in page
    text = " ".join(pages)
    expected = f"Gegevensversie {head[:12]} (vastgelegd op {long_date(date.fromisoformat(day))})"
    assert text.count(expected) == 1
    assert text.index("Verantwoording") < text.index(expected)
    for word in ("git", "commit", "ktv-versie", f"ktv {version('ktv')}"):
        assert word not in text.lower(), word


def test_uncommitted_data_is_mentioned(seed_git_folder):
    with open(seed_git_folder / "meetjaren" / "2017.toml", "a", encoding="utf-8") as handle:
        handle.write("# nog niet vastgelegd\n")
    # A final document needs committed data (SPEC §6 "Files"); a concept says what it is made of.
    text = pdf_text(made(report(seed_git_folder, "--concept"), seed_git_folder / CONCEPT))
    assert "met wijzigingen die daarna nog niet zijn vastgelegd" in text


def test_pdf_under_rapporten_does_not_make_the_folder_dirty(seed_git_folder):
    made(report(seed_git_folder), seed_git_folder / REPORT)
    (seed_git_folder / "rapporten" / "oud-concept.pdf").write_bytes(b"%PDF-1.7\n")
    assert git(seed_git_folder, "status", "--porcelain")  # the PDFs are untracked
    text = pdf_text(made(report(seed_git_folder), seed_git_folder / REPORT))
    assert "niet zijn vastgelegd" not in text


def test_folder_without_git_has_no_data_version(seed_folder):
    text = pdf_text(made(report(seed_folder), seed_folder / REPORT))
    assert "Verantwoording" in text
    assert "Gegevensversie" not in text and "git" not in text.lower()


# --- refusals ------------------------------------------------------------------------------------------

BROKEN = {
    "perioden/2016-09-01-kapot.toml": (
        'schema = 1\nwerknemer = "WN-009"\nwerkgever = "WG-009"\nbegin = 2016-09-01\n'
        "einde = 2017-01-10\n\n[beoordeling.werknemer]\ncijfer = 11.0\n"
    ),
    "meetjaren/2017.toml": 'schema = 1\nanalyse = "niet afgesloten\n',
    "ktv.toml": "schema = 1\nerkenningsdatum = 2013-05-12\n",
    "vragenlijsten/werknemer.toml": 'schema = 1\ntitel = "x"\nschaal = "ja"\n',
}


@pytest.mark.parametrize("rel", list(BROKEN))
def test_error_in_the_meetjaar_refuses(seed_folder, tmp_path, assert_refused, rel):
    (seed_folder / rel).write_text(BROKEN[rel], encoding="utf-8")
    assert_refused("--data", seed_folder, "report", "--jaar", "2017", where=tmp_path, expect="ktv check")
    assert_refused(
        "--data", seed_folder, "report", "--jaar", "2017", "--concept", where=tmp_path, expect="ktv check"
    )


def test_error_in_another_meetjaar_does_not_block(seed_folder):
    (seed_folder / "perioden" / "2017-06-01-later.toml").write_text(
        'schema = 1\nwerknemer = "WN-009"\nwerkgever = "WG-009"\nbegin = 2017-01-01\n'
        "einde = 2017-05-20\n\n[beoordeling.werknemer]\ncijfer = 11.0\n",
        encoding="utf-8",
    )
    made(report(seed_folder), seed_folder / REPORT)


@pytest.mark.parametrize("missing", ["analyse", "conclusies", "beide"])
def test_missing_analyse_or_conclusies_needs_concept(tmp_path, assert_refused, missing):
    root = make_seed_folder(tmp_path / "gegevens", notes=False)
    texts = {"actions": ACTIES}
    if missing != "analyse" and missing != "beide":
        texts["analysis"] = ANALYSE
    if missing != "conclusies" and missing != "beide":
        texts["conclusions"] = CONCLUSIES
    write_year(root, **texts)
    result = assert_refused("--data", root, "report", "--jaar", "2017", where=tmp_path, expect="--concept")
    for name in ("analyse", "conclusies"):
        assert (name in result.stderr) == (missing in (name, "beide"))
    pages = pdf_pages(made(report(root, "--concept"), root / CONCEPT))
    assert all("CONCEPT" in page for page in pages)
    assert "(nog niet ingevuld)" in " ".join(pages)


def test_running_meetjaar_needs_concept(seed_folder, tmp_path, assert_refused):
    running = date(2017, 3, 1)
    assert_refused(
        "--data", seed_folder, "report", "--jaar", "2017", where=tmp_path, today=running, expect="loopt nog"
    )
    pages = pdf_pages(made(report(seed_folder, "--concept", today=running), seed_folder / CONCEPT))
    assert all("CONCEPT" in page for page in pages)


def test_notice_refused_when_periods_were_completed(seed_folder, tmp_path, assert_refused):
    assert_refused("--data", seed_folder, "melding", "--jaar", "2017", where=tmp_path, expect="ktv report")


def test_notice_refused_before_the_meetjaar_ended(tmp_path, assert_refused):
    root = make_org(tmp_path / "gegevens")
    assert_refused(
        "--data",
        root,
        "melding",
        "--jaar",
        "2017",
        where=tmp_path,
        today=date(2017, 3, 1),
        expect="loopt nog",
    )


def test_report_refused_for_a_meetjaar_without_completed_periods(tmp_path, assert_refused):
    root = make_org(tmp_path / "gegevens")
    write_year(root, analysis=ANALYSE, conclusions=CONCLUSIES)
    assert_refused("--data", root, "report", "--jaar", "2017", where=tmp_path, expect="ktv melding")


def test_submission_refused_with_uncommitted_changes(seed_git_folder, tmp_path, assert_refused):
    year_file = seed_git_folder / "meetjaren" / "2017.toml"
    with open(year_file, "a", encoding="utf-8") as handle:
        handle.write("# gewijzigd\n")
    before = year_file.read_bytes()
    result = assert_refused(
        "--data", seed_git_folder, "report", "--jaar", "2017", "--ingediend", where=tmp_path
    )
    assert year_file.read_bytes() == before
    assert "niet-vastgelegde" in result.stderr and "meetjaren/2017.toml" in result.stderr


def test_submission_refused_with_uncommitted_changes_in_a_clean_notice_year(tmp_path, assert_refused):
    root = make_org(tmp_path / "gegevens", git_repo=True)
    commit(root)
    add_period(
        root, "2017-06-01-nieuw", employee="WN-001", employer="WG-001", end=None, begin=date(2017, 5, 20)
    )
    result = assert_refused("--data", root, "melding", "--jaar", "2017", "--ingediend", where=tmp_path)
    assert "niet-vastgelegde" in result.stderr
    assert not (root / "meetjaren" / "2017.toml").exists()


def test_submitted_concept_is_refused(seed_git_folder, tmp_path, assert_refused):
    assert_refused(
        "--data",
        seed_git_folder,
        "report",
        "--jaar",
        "2017",
        "--ingediend",
        "--concept",
        where=tmp_path,
        expect="concept",
    )


@pytest.mark.parametrize("jaar", ["2016", "2019", "2030"])
def test_unknown_meetjaar_is_refused(seed_folder, tmp_path, assert_refused, jaar):
    for command in ("report", "melding"):
        assert_refused("--data", seed_folder, command, "--jaar", jaar, where=tmp_path)


def _non_pdf_targets(root: Path, tmp_path: Path) -> list[Path]:
    notes = tmp_path / "notities.txt"
    notes.write_text("mijn aantekeningen\n", encoding="utf-8")
    fake = tmp_path / "oud.pdf"
    fake.write_text("geen PDF maar tekst\n", encoding="utf-8")
    link = tmp_path / "link.pdf"
    link.symlink_to(root / "ktv.toml")
    return [root / "ktv.toml", root / "meetjaren" / "2017.toml", notes, fake, link, root / "perioden"]


def test_output_never_overwrites_a_file_that_is_not_a_pdf(seed_folder, tmp_path, assert_refused):
    for target in _non_pdf_targets(seed_folder, tmp_path):
        before = target.read_bytes() if target.is_file() else None
        for command in ("report", "melding"):
            assert_refused("--data", seed_folder, command, "--jaar", "2017", "-o", target, where=tmp_path)
        assert (target.read_bytes() if target.is_file() else None) == before, target
    new_toml = tmp_path / "nieuw.toml"
    assert_refused("--data", seed_folder, "report", "--jaar", "2017", "-o", new_toml, where=tmp_path)
    assert not new_toml.exists()
    assert not (seed_folder / REPORT).exists()


def test_output_replaces_an_earlier_pdf(seed_folder, tmp_path):
    target = tmp_path / "eerder.pdf"
    target.write_bytes(b"%PDF-1.7\noud\n")
    made(report(seed_folder, "-o", target), target)
    assert target.read_bytes() != b"%PDF-1.7\noud\n"
    assert ORGANISATION in pdf_text(target)
    assert not (seed_folder / REPORT).exists()


# --- --ingediend ---------------------------------------------------------------------------------------


def _year_file(root: Path) -> dict:
    return tomllib.loads((root / "meetjaren" / "2017.toml").read_text(encoding="utf-8"))


def test_submission_records_date_and_commit_after_the_pdf(seed_git_folder):
    made(report(seed_git_folder), seed_git_folder / REPORT)  # an untracked PDF does not block
    head = git(seed_git_folder, "rev-parse", "HEAD")
    pdf = made(report(seed_git_folder, "--ingediend"), seed_git_folder / REPORT)
    recorded = _year_file(seed_git_folder)
    assert recorded["ingediend_op"] == TODAY
    assert recorded["ingediend_commit"] == head
    assert recorded["analyse"] == ANALYSE and recorded["acties"] == ACTIES
    assert "melding_op" not in recorded
    assert pdf.stat().st_mtime_ns <= (seed_git_folder / "meetjaren" / "2017.toml").stat().st_mtime_ns
    assert head[:12] in pdf_text(pdf)
    check = run_ktv("--data", seed_git_folder, "check")
    assert check.returncode == 0, check.stdout + check.stderr


def test_notice_submission_records_melding_op(tmp_path):
    root = make_org(tmp_path / "gegevens", git_repo=True)
    head = commit(root)
    made(run_ktv("--data", root, "melding", "--jaar", "2017", "--ingediend"), root / NOTICE)
    recorded = _year_file(root)
    assert recorded["melding_op"] == TODAY
    assert recorded["ingediend_commit"] == head
    assert "ingediend_op" not in recorded


# --- the notice ---------------------------------------------------------------------------------------


def test_notice_is_a_one_page_letter(tmp_path):
    root = make_org(tmp_path / "gegevens")
    # A period that has not ended does not count as completed.
    add_period(
        root, "2016-10-01-loopt", employee="WN-001", employer="WG-001", end=None, begin=date(2016, 10, 1)
    )
    pages = pdf_pages(made(run_ktv("--data", root, "melding", "--jaar", "2017"), root / NOTICE))
    assert len(pages) == 1
    text = pages[0]
    for expected in (
        ORGANISATION,
        MEETPERIODE,
        f"geen enkele jobcoachperiode van {ORGANISATION} is afgerond",
        f"UWV, t.a.v. {ACCOUNT_MANAGER}",
        f"Geachte {ACCOUNT_MANAGER},",
        "Betreft: Melding klanttevredenheidsmeting meetjaar 2017",
        "12 juni 2017",
        "1 juni 2017",
        "Handtekening:",
    ):
        assert expected in text, expected
    assert "WN-" not in text and "concept" not in text.lower()


def test_notice_without_accounthouder(tmp_path):
    root = make_org(tmp_path / "gegevens", account_manager=None)
    pages = pdf_pages(made(run_ktv("--data", root, "melding", "--jaar", "2017"), root / NOTICE))
    assert len(pages) == 1
    assert "UWV, t.a.v. de accounthouder" in pages[0]
    assert "Geachte heer, mevrouw," in pages[0]


# --- large and sparse -----------------------------------------------------------------------------------


def test_300_periods_without_optional_data_as_concept(tmp_path):
    root = make_org(tmp_path / "gegevens", account_manager=None)
    first = date(2016, 5, 13)
    for n in range(300):
        add_period(
            root,
            f"p{n:03d}",
            employee=f"WN-{n // 2:03d}",
            employer=f"WG-{n % 40:03d}",
            end=first + timedelta(days=n % 360),
            jobcoach="QXJ",
            werknemer=form(("6", "7.5", "8", "9")[n % 4], {"begeleiding": "ja"}),
            werkgever=form(None, {"benadering": "goed"}) if n % 3 else None,
        )
    pdf = made(report(root, "--concept"), root / CONCEPT)
    pages = pdf_pages(pdf)
    text = " ".join(pages)
    assert len(pages) >= 6
    assert all("CONCEPT" in page for page in pages)
    assert "niet aangetoond" in text
    assert "Er zijn geen verdere acties gepland." in text
    assert "(nog niet ingevuld)" in text
    assert "Accounthouder" not in text
    assert "Werknemer ET" in text  # the 150th werknemer: every row is there
    assert "Werkgever 40" in text
    assert "WN-" not in squash(text) and "WG-" not in squash(text) and "QXJ" not in text
    assert "2287,5 : 300 = 7,6" in text


def test_side_without_any_cijfer_is_not_demonstrated(tmp_path):
    root = make_org(tmp_path / "gegevens")
    for n in range(3):
        add_period(
            root,
            f"p{n}",
            employee=f"WN-{n:03d}",
            employer="WG-001",
            end=date(2016, 9, 1 + n),
            werknemer=form("8", {"begeleiding": "ja"}),
            werkgever=form(None, {"benadering": "goed"}),
        )
    write_year(root, analysis=ANALYSE, conclusions=CONCLUSIES)
    text = pdf_text(made(report(root), root / REPORT))
    assert "24 : 3 = 8,0" in text
    assert "voldoet aan de norm" in text
    assert "niet aangetoond" in text
    assert "Er zijn geen verdere acties gepland." in text
    assert "concept" not in text.lower()


def test_default_output_and_cwd_discovery(seed_folder):
    """Without --data: the folder is found upward from the working directory."""
    sub = seed_folder / "perioden"
    result = run_ktv("report", "--jaar", "2017", cwd=sub)
    made(result, seed_folder / REPORT)
    assert "gemaakt" in result.stdout and str(seed_folder / REPORT) in result.stdout
    assert os.path.getsize(seed_folder / REPORT) > 1000
