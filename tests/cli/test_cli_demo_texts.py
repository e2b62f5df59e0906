"""The demo (SPEC §6 "Fit to sign and send"): texts per meetjaar that agree with its numbers,
contact details and a signatory, a reason for every missing form of an ended meetjaar, one late
report with its explanation, and still the seed's 2017 numbers."""

from __future__ import annotations

import json
import tomllib

import pytest

TODAY = "2026-11-30"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from seed_folder import run_ktv

    root = tmp_path_factory.mktemp("demo") / "ktv-demo"
    run_ktv("demo", "--no-tui", str(root), "--today", TODAY, cwd=root.parent, check_rc=0)
    return root


def stats(demo, label: int) -> dict:
    from seed_folder import run_ktv

    result = run_ktv("--data", str(demo), "stats", "--json", "--jaar", str(label), "--today", TODAY, cwd=demo)
    return json.loads(result.stdout)


def notes(demo) -> dict[int, dict]:
    return {
        int(path.stem): tomllib.loads(path.read_text(encoding="utf-8"))
        for path in sorted((demo / "meetjaren").glob("*.toml"))
    }


def test_demo_has_contact_signatory_and_kenmerk(demo):
    org = tomllib.loads((demo / "ktv.toml").read_text(encoding="utf-8"))
    assert org["kenmerk"] and org["contact"]["plaats"] == "Utrecht" and org["contact"]["adres"]
    assert org["ondertekening"] == {"naam": "A. Jansen", "functie": "Directeur"}


def test_texts_agree_with_the_numbers_and_differ_from_year_to_year(demo):
    years = notes(demo)
    assert len(years) >= 9
    for label, texts in years.items():
        numbers = stats(demo, label)
        for side in ("werknemer", "werkgever"):
            shown = numbers[side]["weergave"]
            assert (
                f"gemiddeld een {shown}" in texts["analyse"]
                or f" is {shown}" in texts["analyse"]
                or (f"uit op {shown}" in texts["analyse"])
            ), (label, side, shown)
            assert shown in texts["conclusies"], (label, side)
        met = all(numbers[side]["voldoet"] for side in ("werknemer", "werkgever"))
        assert ("niet gehaald" in texts["conclusies"]) == (not met), label
    for label in years:
        if label - 1 in years:
            for key in ("analyse", "conclusies", "acties"):
                assert " ".join(years[label][key].split()) != " ".join(years[label - 1][key].split()), (
                    label,
                    key,
                )


def test_every_missing_form_of_an_ended_meetjaar_has_a_reason(demo):
    missing = 0
    for label in notes(demo):  # the ended meetjaren
        ids = {p["id"] for p in stats(demo, label)["perioden"]}
        for pid in ids:
            period = tomllib.loads((demo / "perioden" / f"{pid}.toml").read_text(encoding="utf-8"))
            for side in ("werknemer", "werkgever"):
                if side not in period.get("beoordeling", {}):
                    missing += 1
                    assert period.get("ontbreekt", {}).get(side), (pid, side)
    assert missing >= 2


def test_one_late_report_with_its_explanation_and_the_seed_numbers(demo):
    late = [label for label, texts in notes(demo).items() if texts.get("toelichting_te_laat")]
    assert len(late) == 1
    deadline = date_of(stats(demo, late[0])["deadline"])
    assert notes(demo)[late[0]]["ingediend_op"] > deadline
    seed = stats(demo, 2017)
    assert seed["werknemer"]["berekening"] == "36 : 5 = 7,2"
    assert seed["werkgever"]["berekening"] == "35,5 : 5 = 7,1"


def date_of(text: str):
    from datetime import date

    return date.fromisoformat(text)


def test_init_takes_kenmerk_signatory_and_contact(tmp_path):
    from seed_folder import run_ktv

    root = tmp_path / "nieuw"
    run_ktv(
        "init", str(root), "--naam", "Jobcoach Noord B.V.", "--erkenningsdatum", "2015-09-12", "--no-git",
        "--kenmerk", "JC-2015-0912", "--ondertekenaar", "A. Jansen", "--functie", "Directeur",
        "--plaats", "Groningen", "--adres", "Markt 1", "--telefoon", "050 123 4567",
        cwd=tmp_path, check_rc=0,
    )  # fmt: skip
    org = tomllib.loads((root / "ktv.toml").read_text(encoding="utf-8"))
    assert org["kenmerk"] == "JC-2015-0912"
    assert org["ondertekening"] == {"naam": "A. Jansen", "functie": "Directeur"}
    assert org["contact"] == {"adres": "Markt 1", "plaats": "Groningen", "telefoon": "050 123 4567"}
    run_ktv("--data", str(root), "check", cwd=tmp_path, check_rc=0)
    bare = tmp_path / "kaal"
    run_ktv(
        "init", str(bare), "--naam", "Kaal B.V.", "--erkenningsdatum", "2015-09-12", "--no-git",
        cwd=tmp_path, check_rc=0,
    )  # fmt: skip
    org = tomllib.loads((bare / "ktv.toml").read_text(encoding="utf-8"))
    assert "kenmerk" not in org and "contact" not in org and "ondertekening" not in org


def _git(demo, *args: str) -> str:
    import subprocess

    return subprocess.run(["git", *args], cwd=demo, capture_output=True, text=True, check=True).stdout.strip()


def test_history_dates_fit_the_story(demo):
    """Issue 22 item 2: each submission's data commit is dated on or before its ingediend_op, and
    it already holds the texts the report printed (so a reprint from it can be made)."""
    submitted = {label: texts for label, texts in notes(demo).items() if texts.get("ingediend_op")}
    assert len(submitted) >= 8
    for label, texts in submitted.items():
        commit = texts["ingediend_commit"]
        committed = date_of(_git(demo, "show", "-s", "--format=%cs", commit))
        assert committed <= texts["ingediend_op"], (label, committed, texts["ingediend_op"])
        assert date_of(_git(demo, "show", "-s", "--format=%as", commit)) <= texts["ingediend_op"]
        old = tomllib.loads(_git(demo, "show", f"{commit}:meetjaren/{label}.toml"))
        assert old["analyse"] and old["conclusies"] and "ingediend_op" not in old
    dates = _git(demo, "log", "--format=%cs").split("\n")
    assert dates == sorted(dates, reverse=True) and len(set(dates)) > 10  # not all made today


def test_demo_texts_name_causes_evaluate_last_year_and_pass_check(demo):
    from seed_folder import run_ktv

    years = notes(demo)
    assert sum("oorzaak" in texts["analyse"] for texts in years.values()) >= 5
    evaluated = [
        label for label, texts in years.items() if f"acties uit meetjaar {label - 1}" in texts["analyse"]
    ]
    assert len(evaluated) >= len(years) - 1
    result = run_ktv("--data", str(demo), "check", "--json", "--today", TODAY, cwd=demo)
    codes = {p["code"] for p in json.loads(result.stdout)["problemen"]}
    assert not codes & {"persoonlijke-omstandigheid", "onbekend-teken"}, codes


def test_demo_reprint_names_a_data_version_recorded_before_the_report(demo, tmp_path):
    import re

    from seed_folder import run_ktv

    out = tmp_path / "2019.pdf"
    run_ktv("--data", str(demo), "report", "--jaar", "2019", "--zoals-ingediend", "-o", str(out),
            "--today", TODAY, cwd=demo, check_rc=0)  # fmt: skip
    import pypdf

    text = " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(out).pages)
    sent = notes(demo)[2019]["ingediend_op"]
    from report.dutch import long_date

    assert f"Opgesteld op {long_date(sent)}" in text
    recorded = re.search(r"vastgelegd op (\d+ \w+ \d{4})", text).group(1)
    months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
              "oktober", "november", "december"]  # fmt: skip
    day, month, year = recorded.split()
    from datetime import date

    assert date(int(year), months.index(month) + 1, int(day)) <= sent
