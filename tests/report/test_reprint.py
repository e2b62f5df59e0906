"""Issue 22 item 1: a reprint of a recorded submission is the file that was sent, byte for byte;
a final of today's data for that meetjaar is a revised version and never claims to be the original."""

from __future__ import annotations

from datetime import date

from report_e2e import (
    TODAY,
    add_period,
    commit,
    form,
    make_org,
    make_seed_folder,
    normalise,
    pdf_text,
    run_ktv,
)

LATER = date(2017, 9, 1)


def _submitted(tmp_path):
    root = make_seed_folder(tmp_path / "gegevens", git_repo=True)
    made = run_ktv("--data", root, "report", "--jaar", "2017", "--ingediend")
    assert made.returncode == 0, made.stderr
    sent = root / "rapporten" / "klanttevredenheid-2017.pdf"
    commit(root, "indiening vastgelegd")
    return root, sent


def test_reprint_gives_the_bytes_of_the_sent_file_after_the_data_changed(tmp_path):
    root, sent = _submitted(tmp_path)
    original = sent.read_bytes()
    # The data changes afterwards: a grade is corrected and a late form comes in.
    add_period(
        root,
        "2017-01-15-late1",
        employee="WN-099",
        employer="WG-099",
        end=date(2017, 3, 1),
        werknemer=form("4", {"begeleiding": "nee"}, date(2017, 3, 5)),
    )
    commit(root, "nog een periode")
    copy = tmp_path / "kopie.pdf"
    result = run_ktv("--data", root, "report", "--jaar", "2017", "--zoals-ingediend", "-o", copy, today=LATER)
    assert result.returncode == 0, result.stderr
    assert copy.read_bytes() == original
    assert sent.read_bytes() == original  # the sent file itself is never touched
    # Without -o the reprint goes to its own file, never over the sent one.
    again = run_ktv("--data", root, "report", "--jaar", "2017", "--zoals-ingediend", today=LATER)
    assert again.returncode == 0, again.stderr
    assert (root / "rapporten" / "klanttevredenheid-2017-zoals-ingediend.pdf").read_bytes() == original


def test_a_final_of_current_data_is_a_revised_version(tmp_path):
    root, sent = _submitted(tmp_path)
    revised = tmp_path / "herzien.pdf"
    result = run_ktv("--data", root, "report", "--jaar", "2017", "-o", revised, today=LATER)
    assert result.returncode == 0, result.stderr
    text = pdf_text(revised)
    assert "Herziene versie, gemaakt op 1 september 2017; ingediend was de versie van 1 juni 2017." in text
    assert "na de uiterste datum" not in text  # the version UWV received was on time
    assert "Definitief" not in text
    assert "Definitief" in pdf_text(sent) and "Herziene versie" not in pdf_text(sent)


def test_reprint_is_refused_without_a_recorded_submission(tmp_path):
    root = make_seed_folder(tmp_path / "gegevens", git_repo=True)
    result = run_ktv(
        "--data", root, "report", "--jaar", "2017", "--zoals-ingediend", "-o", tmp_path / "x.pdf"
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "geen ingediende rapportage" in normalise(result.stderr)
    assert not (tmp_path / "x.pdf").exists()
    notice = run_ktv(
        "--data", root, "melding", "--jaar", "2017", "--zoals-ingediend", "-o", tmp_path / "m.pdf"
    )
    assert notice.returncode == 2 and "Traceback" not in notice.stderr


def test_notice_reprint_gives_the_sent_bytes(tmp_path):
    root = make_org(tmp_path / "gegevens", git_repo=True)
    commit(root, "begin")
    made = run_ktv("--data", root, "melding", "--jaar", "2017", "--ingediend")
    assert made.returncode == 0, made.stderr
    sent = root / "rapporten" / "melding-2017.pdf"
    commit(root, "melding vastgelegd")
    (root / "ktv.toml").write_text(
        (root / "ktv.toml").read_text(encoding="utf-8").replace("M. de Vries", "P. Bakker"), encoding="utf-8"
    )
    commit(root, "nieuwe accounthouder")
    copy = tmp_path / "melding-kopie.pdf"
    result = run_ktv(
        "--data", root, "melding", "--jaar", "2017", "--zoals-ingediend", "-o", copy, today=LATER
    )
    assert result.returncode == 0, result.stderr
    assert copy.read_bytes() == sent.read_bytes()
    revised = tmp_path / "melding-herzien.pdf"
    again = run_ktv("--data", root, "melding", "--jaar", "2017", "-o", revised, today=LATER)
    assert again.returncode == 0, again.stderr
    assert "Herziene versie" in pdf_text(revised) and "P. Bakker" in pdf_text(revised)


def test_reprint_does_not_combine_with_ingediend_or_concept(tmp_path):
    root, _sent = _submitted(tmp_path)
    for flag in ("--ingediend", "--concept"):
        result = run_ktv("--data", root, "report", "--jaar", "2017", "--zoals-ingediend", flag, today=TODAY)
        assert result.returncode == 2 and "Traceback" not in result.stderr
