"""`ktv formulier` / `ktv formulieren`: printable forms from the questionnaires (SPEC §11)."""

from __future__ import annotations

import io
import tomllib
from pathlib import Path

import pypdf
from forms_helpers import PERIODS, git, run_ktv

A4 = (595.28, 841.89)


def pdf_text(path: Path) -> tuple[int, str, list]:
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), " ".join(text.split()), [page.mediabox for page in reader.pages]


def questionnaire(root: Path, side: str) -> dict:
    return tomllib.loads((root / "vragenlijsten" / f"{side}.toml").read_text("utf-8"))


def test_form_holds_every_question_answer_and_code_and_no_name(folder: Path) -> None:
    pid = PERIODS[4][0]
    result = run_ktv("formulier", pid, cwd=folder)
    for side in ("werknemer", "werkgever"):
        path = folder / "rapporten" / "formulieren" / f"{pid}-{side}.pdf"
        assert path.is_file(), result.stdout
        _pages, text, boxes = pdf_text(path)
        spec = questionnaire(folder, side)
        assert " ".join(spec["titel"].split()) in text
        for question in spec["vraag"]:
            assert " ".join(question["tekst"].split()) in text
        for answer in spec["schaal"]:
            assert answer in text
        assert "WN-003" in text and "WG-001" in text
        assert pid in text
        assert "juli 2016 t/m maart 2017" in text
        assert "Jobcoach Voorbeeld B.V." in text  # the sender, never an addressee's name
        for n in range(1, 11):
            assert f" {n} " in f" {text} "
        assert all(abs(float(b.width) - A4[0]) < 1 and abs(float(b.height) - A4[1]) < 1 for b in boxes)
    other = folder / "rapporten" / "formulieren" / f"{PERIODS[0][0]}-werknemer.pdf"
    assert not other.exists()


def test_one_side_and_output(folder: Path, tmp_path: Path) -> None:
    pid = PERIODS[0][0]
    out = tmp_path / "wg.pdf"
    run_ktv("formulier", pid, "--kant", "werkgever", "-o", str(out), cwd=folder)
    _pages, text, _ = pdf_text(out)
    assert "contact heeft gehad met de werknemer" in text
    assert "Bent u tevreden over de begeleiding" not in text
    assert not (folder / "rapporten" / "formulieren").exists()


def test_forms_folder_is_ignored_by_git(folder: Path) -> None:
    run_ktv("formulier", PERIODS[0][0], cwd=folder)
    assert "rapporten/formulieren/" in (folder / ".gitignore").read_text("utf-8")
    assert git(folder, "status", "--porcelain") == ""


def test_unknown_period_is_refused(folder: Path) -> None:
    result = run_ktv("formulier", "2016-01-01-zzzzz", cwd=folder, rc=2)
    assert "bestaat niet" in result.stderr


def test_long_questions_and_ten_answer_scale_fit_a4(folder: Path) -> None:
    scale = [f"antwoord{n}" for n in range(1, 11)]
    lines = [
        "schema = 1",
        'titel = "Lange vragenlijst"',
        "schaal = [" + ", ".join(f'"{a}"' for a in scale) + "]",
    ]
    for n in range(1, 31):
        text = (f"Vraag {n} " + "over de ondersteuning door de jobcoach op de werkplek " * 8)[:300]
        lines += ["", "[[vraag]]", f'id = "v{n}"', f'groep = "Groep {n // 10}"', f'tekst = "{text}"']
    (folder / "vragenlijsten" / "werknemer.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    run_ktv("check", cwd=folder, rc=None)
    out = folder / "lang.pdf"
    run_ktv("formulier", PERIODS[0][0], "--kant", "werknemer", "-o", str(out), cwd=folder)
    pages, text, boxes = pdf_text(out)
    assert pages > 1
    assert all(abs(float(b.width) - A4[0]) < 1 and abs(float(b.height) - A4[1]) < 1 for b in boxes)
    for n in range(1, 31):
        assert f"Vraag {n} over" in text
    assert text.count("antwoord10") == 30
    reader = pypdf.PdfReader(str(out))
    for page in reader.pages:  # nothing drawn outside the page: every text run starts on it
        positions: list = []
        page.extract_text(
            visitor_text=lambda t, cm, tm, fd, fs, found=positions: found.append((tm[4], tm[5], t))
        )
        for x, y, t in positions:
            if t.strip():
                assert -1 <= x <= A4[0] and -1 <= y <= A4[1], (x, y, t)


def test_open_forms_of_a_year_one_pdf(folder: Path) -> None:
    result = run_ktv("formulieren", "--jaar", "2017", "--open", "--today", "2017-06-01", cwd=folder)
    path = folder / "rapporten" / "formulieren" / "open-2017.pdf"
    assert path.is_file(), result.stdout
    _pages, text, _ = pdf_text(path)
    assert "2016-03-18-bbbbb" in text  # the only missing form: its werkgever side
    assert "WG-002" in text
    for row in PERIODS:
        if row[0] != "2016-03-18-bbbbb":
            assert row[0] not in text
    all_forms = folder / "alle.pdf"
    run_ktv("formulieren", "--jaar", "2017", "-o", str(all_forms), "--today", "2017-06-01", cwd=folder)
    _pages, text, _ = pdf_text(all_forms)
    for row in PERIODS:
        assert row[0] in text


def test_nothing_open_makes_no_pdf(folder: Path) -> None:
    (folder / "perioden" / "2016-03-18-bbbbb.toml").unlink()
    result = run_ktv("formulieren", "--jaar", "2017", "--open", "--today", "2017-06-01", cwd=folder)
    assert "geen" in result.stdout
    assert not (folder / "rapporten" / "formulieren").exists()


def test_a_character_no_font_draws_gets_a_visible_stand_in_on_the_forms(folder: Path) -> None:
    """SPEC "the edges": no character vanishes from a PDF, and `ktv check` names it. A code is
    printed on the forms and the steekproef: the same stand-in as the report ([U+1F600])."""
    import json

    pid = PERIODS[4][0]
    path = folder / "perioden" / f"{pid}.toml"
    path.write_text(path.read_text("utf-8").replace('"WN-003"', '"WN-003\U0001f600"'), "utf-8")
    checked = json.loads(run_ktv("check", "--json", cwd=folder, rc=None).stdout)
    [warning] = [p for p in checked["problemen"] if p["code"] == "onbekend-teken"]
    assert warning["bestand"] == f"perioden/{pid}.toml" and "U+1F600" in warning["bericht"]
    assert warning["regel"] == 2  # werknemer = … is the file's second line
    run_ktv("formulier", pid, "--kant", "werknemer", cwd=folder)
    _pages, text, _boxes = pdf_text(folder / "rapporten" / "formulieren" / f"{pid}-werknemer.pdf")
    assert "WN-003[U+1F600]" in text and "\x00" not in text
