"""Issue 10 through the installed `ktv`: bytes from disk and git, report file names, Rich markup,
uncaught store exceptions, `~user`, symlinked folders and OS errors in Dutch.

Each test names the finding of issue 10 it covers; each failed on the code before the fix."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.gitutil import git_out as git

TODAY = "2017-06-10"
YEAR = 'schema = 1\nanalyse = "Goed jaar."\nconclusies = "Voldoet."\n'


def commit(root: Path, message: str = "gegevens") -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


@pytest.fixture
def repo(seed: Path) -> Path:
    """The seed's example with analyse and conclusies, committed in git."""
    (seed / "meetjaren" / "2017.toml").write_text(YEAR)
    git(seed, "init", "-q")
    commit(seed)
    return seed


def submit(root: Path, ktv) -> None:
    ktv("--data", str(root), "report", "--ingediend", "--today", TODAY, rc=0)
    commit(root, "ingediend")


# --- finding 2: every byte from git or disk through one tolerant path -----------------------------------


def test_history_holding_a_pdf_and_hostile_period_files_is_read_without_a_crash(repo: Path, ktv) -> None:
    """With `ingediend_commit` set, `check` reads the submitted versions of changed periods from
    git: a PDF, non-UTF-8 text, deep nesting and a huge number there are no crash."""
    periods = repo / "perioden"
    hostile = {
        "2016-08-01-diep1": b"a = " + b"[" * 5000 + b"]" * 5000 + b"\n",
        "2016-08-01-groot": b"einde = " + b"9" * 5000 + b"\n",
        "2016-08-01-latin": b'opmerking = "caf\xe9"\n',
        "2016-08-01-pdf00": b"%PDF-1.7\n\x00\xff\xfe\x80 binary stream\n",
    }
    for name, data in hostile.items():
        (periods / f"{name}.toml").write_bytes(data)
    (repo / "rapporten" / "oud.pdf").write_bytes(b"%PDF-1.7\n\x00\xff\xfe binary")
    commit(repo, "vreemde bestanden")
    head = git(repo, "rev-parse", "HEAD").strip()
    (repo / "meetjaren" / "2017.toml").write_text(
        YEAR + f'ingediend_op = 2017-06-01\ningediend_commit = "{head}"\n'
    )
    for name in hostile:
        (periods / f"{name}.toml").write_bytes((periods / f"{name}.toml").read_bytes() + b"\n# later\n")
    changed = periods / "2016-02-12-aaaaa.toml"  # a cijfer: a change of the submitted numbers
    assert b"cijfer = 7.0" in changed.read_bytes()
    changed.write_bytes(changed.read_bytes().replace(b"cijfer = 7.0", b"cijfer = 4.0", 1))
    result = ktv("--data", str(repo), "check", "--today", TODAY, rc=1)  # the hostile files are errors
    assert "perioden/2016-02-12-aaaaa.toml: waarschuwing" in result.stdout  # changed since submission
    assert "perioden/2016-08-01-pdf00.toml" in result.stdout


def test_non_utf8_file_names_never_stop_a_command(seed: Path, ktv) -> None:
    """rapporten/\\xff.pdf is a warning; perioden/\\xff.toml an error; both printed with U+FFFD."""
    (seed / "meetjaren" / "2017.toml").write_text(YEAR)
    reports = os.fsencode(seed / "rapporten")
    with open(reports + b"/\xff-oud.pdf", "wb") as handle:
        handle.write(b"%PDF-1.7\n")
    result = ktv("--data", str(seed), "check", "--today", TODAY, rc=0)
    assert "rapporten/\ufffd-oud.pdf: waarschuwing" in result.stdout
    ktv("--data", str(seed), "report", "--today", TODAY, rc=0)
    ktv("--data", str(seed), "stats", "--json", "--today", TODAY, rc=0)
    ktv("--data", str(seed), "melding", "--jaar", "2017", "--today", TODAY, rc=2)
    with open(os.fsencode(seed / "perioden") + b"/\xff.toml", "wb") as handle:
        handle.write(b"schema = 1\n")
    result = ktv("--data", str(seed), "check", "--today", TODAY, rc=1)
    assert "perioden/\ufffd.toml: fout" in result.stdout
    deadlines = ktv("--data", str(seed), "deadlines", "--json", "--today", TODAY, rc=0)
    assert '"fouten": 1' in deadlines.stdout


def test_non_utf8_names_in_a_git_folder(repo: Path, ktv) -> None:
    """git prints such a name as raw bytes: report and melding must still run."""
    with open(os.fsencode(repo / "rapporten") + b"/\xe9t\xe9.pdf", "wb") as handle:
        handle.write(b"%PDF-1.7\n")
    ktv("--data", str(repo), "report", "--concept", "--today", TODAY, rc=0)
    ktv("--data", str(repo), "report", "--today", TODAY, rc=0)  # changes under rapporten/ only
    commit(repo, "pdf")
    (repo / "perioden" / "2016-02-12-aaaaa.toml").unlink()
    refused = ktv("--data", str(repo), "report", "--jaar", "2017", "-o", "x.pdf", "--today", TODAY, rc=2)
    assert "perioden/2016-02-12-aaaaa.toml" in refused.stderr


# --- finding 3: file names, never replacing a submitted PDF, finals from committed data ---------------


def test_concept_always_goes_to_its_own_file(seed: Path, ktv) -> None:
    (seed / "meetjaren" / "2017.toml").write_text(YEAR)
    result = ktv("--data", str(seed), "report", "--concept", "--today", TODAY, rc=0)
    assert (seed / "rapporten" / "klanttevredenheid-2017-concept.pdf").is_file()
    assert not (seed / "rapporten" / "klanttevredenheid-2017.pdf").exists()
    assert "klanttevredenheid-2017-concept.pdf" in result.stdout
    final = ktv("--data", str(seed), "report", "--json", "--today", TODAY, rc=0)
    assert json.loads(final.stdout)["pdf"] == str(seed / "rapporten" / "klanttevredenheid-2017.pdf")


def test_a_submitted_report_is_never_replaced(repo: Path, ktv) -> None:
    submit(repo, ktv)
    sent = repo / "rapporten" / "klanttevredenheid-2017.pdf"
    before = sent.read_bytes()
    period = repo / "perioden" / "2016-02-12-aaaaa.toml"
    period.write_text(period.read_text().replace("cijfer = 7.0", "cijfer = 9.0"))
    commit(repo, "cijfer aangepast")
    result = ktv("--data", str(repo), "report", "--today", "2017-06-20", rc=2)
    assert "ingediend" in result.stderr and "wordt nooit vervangen" in result.stderr
    assert "-o" in result.stderr
    concept = ktv("--data", str(repo), "report", "--concept", "-o", str(sent), "--today", TODAY, rc=2)
    assert "nooit vervangen" in concept.stderr
    assert sent.read_bytes() == before
    other = repo.parent / "herzien.pdf"
    ktv("--data", str(repo), "report", "-o", str(other), "--today", "2017-06-20", rc=0)
    assert other.read_bytes().startswith(b"%PDF") and sent.read_bytes() == before


def test_a_submitted_notice_is_never_replaced(seed: Path, ktv) -> None:
    for path in (seed / "perioden").glob("*.toml"):
        path.unlink()
    (seed / "meetjaren" / "2017.toml").write_text("schema = 1\nmelding_op = 2017-06-01\n")
    result = ktv("--data", str(seed), "melding", "--jaar", "2017", "--today", TODAY, rc=2)
    assert "melding_op" in result.stderr and not (seed / "rapporten" / "melding-2017.pdf").exists()
    other = seed / "rapporten" / "melding-2017-kopie.pdf"
    ktv("--data", str(seed), "melding", "--jaar", "2017", "-o", str(other), "--today", TODAY, rc=0)


def test_a_final_document_needs_committed_data(repo: Path, ktv) -> None:
    (repo / "perioden" / "2017-01-02-nieuw.toml").write_text(
        'schema = 1\nwerknemer = "WN-009"\nwerkgever = "WG-009"\nbegin = 2017-01-02\n'
    )
    result = ktv("--data", str(repo), "report", "--today", TODAY, rc=2)
    assert "niet-vastgelegde" in result.stderr and "perioden/2017-01-02-nieuw.toml" in result.stderr
    assert not (repo / "rapporten" / "klanttevredenheid-2017.pdf").exists()
    ktv("--data", str(repo), "report", "--concept", "--today", TODAY, rc=0)  # a concept may
    commit(repo, "nieuw")
    ktv("--data", str(repo), "report", "--today", TODAY, rc=0)


def test_a_folder_without_git_makes_final_documents(seed: Path, ktv) -> None:
    (seed / "meetjaren" / "2017.toml").write_text(YEAR)
    ktv("--data", str(seed), "report", "--today", TODAY, rc=0)
    assert (seed / "rapporten" / "klanttevredenheid-2017.pdf").is_file()


# --- finding 5: nothing is ever Rich markup ----------------------------------------------------------------


def test_markup_in_questions_and_scale_is_printed_literally(seed: Path, ktv) -> None:
    questionnaire = seed / "vragenlijsten" / "werknemer.toml"
    text = questionnaire.read_text()
    text = text.replace('"ja"', '"ja [/bold]"').replace(
        "Bent u tevreden over de begeleiding", "[red]Vraag[/x]"
    )
    questionnaire.write_text(text)
    for path in (seed / "perioden").glob("*.toml"):
        path.write_text(path.read_text().replace('= "ja"', '= "ja [/bold]"'))
    result = ktv("--data", str(seed), "stats", "--jaar", "2017", "--today", TODAY, rc=0)
    assert "[red]Vraag[/x]" in result.stdout and "ja [/bold]" in result.stdout


def test_markup_in_paths_is_printed_literally(tmp_path: Path, seed: Path, ktv) -> None:
    made = ktv("init", "x[/x]", "--naam", "Org", "--erkenningsdatum", "2013-05-12", "--no-git", rc=0)
    assert "x[/x]" in made.stdout
    ktv("--data", "x[/x]", "deadlines", "--today", TODAY, rc=0)
    (tmp_path / "[").mkdir()
    result = ktv(
        "--data", str(seed), "report", "--concept", "-o", str(tmp_path / "[/x].pdf"), "--today", TODAY
    )
    assert result.returncode == 0 and "[/x].pdf" in result.stdout
    result = ktv("--data", str(seed), "report", "--concept", "-o", "[bold]y.pdf", "--today", TODAY, rc=0)
    assert "[bold]y.pdf" in result.stdout and (tmp_path / "[bold]y.pdf").is_file()


# --- finding 9: store exceptions, ~user, symlinked folders ----------------------------------------------


CHANGE_DURING_RENDER = """
import report.typst_render as render
_real = render.render_pdf
def _slow(template, data, made_at):
    from pathlib import Path
    import os
    year = Path(os.environ["KTV_TEST_YEAR_FILE"])
    year.write_text(year.read_text() + "# een collega was sneller\\n")
    return _real(template, data, made_at)
render.render_pdf = _slow
"""


def test_meetjaar_file_changed_while_the_pdf_is_made(repo: Path, tmp_path: Path, ktv) -> None:
    """`report --ingediend`: the PDF stays, nothing is recorded, a Dutch reason, exit 2."""
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(CHANGE_DURING_RENDER)
    year = repo / "meetjaren" / "2017.toml"
    env = {"PYTHONPATH": str(hook), "KTV_TEST_YEAR_FILE": str(year)}
    result = ktv("--data", str(repo), "report", "--ingediend", "--today", TODAY, env=env, rc=2)
    assert "NIET vastgelegd" in result.stderr and "gewijzigd" in result.stderr
    assert (repo / "rapporten" / "klanttevredenheid-2017.pdf").read_bytes().startswith(b"%PDF")
    assert year.read_text() == YEAR + "# een collega was sneller\n"


@pytest.mark.parametrize("folder", ["meetjaren", "perioden", "rapporten"])
def test_a_data_folder_linked_out_of_the_folder(seed: Path, tmp_path: Path, ktv, folder: str) -> None:
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    for child in (seed / folder).iterdir():
        child.rename(elsewhere / child.name)
    (seed / folder).rmdir()
    (seed / folder).symlink_to(elsewhere)
    before = sorted(p.name for p in elsewhere.iterdir())
    check = ktv("--data", str(seed), "check", "--today", TODAY, rc=1)
    assert f"{folder}: fout: '{folder}' is een symbolische koppeling naar buiten" in check.stdout
    (seed / "meetjaren" / "2017.toml").write_text(YEAR) if folder != "meetjaren" else None
    result = ktv("--data", str(seed), "report", "--today", TODAY, rc=2)
    assert "symbolische koppeling" in result.stderr or "ktv check" in result.stderr
    notice = ktv("--data", str(seed), "melding", "--ingediend", "--jaar", "2017", "--today", TODAY, rc=2)
    assert notice.stderr.startswith("ktv: ")
    assert sorted(p.name for p in elsewhere.iterdir()) == before


@pytest.mark.parametrize("how", ["--data", "KTV_DATA", "-o", "init"])
def test_tilde_of_an_unknown_user_is_a_dutch_error(seed: Path, ktv, how: str) -> None:
    if how == "--data":
        result = ktv("--data", "~geen_gebruiker_xyz/map", "check", rc=2)
    elif how == "KTV_DATA":
        result = ktv("check", env={"KTV_DATA": "~geen_gebruiker_xyz"}, rc=2)
    elif how == "-o":
        args = ("--data", str(seed), "report", "--concept", "-o", "~geen_gebruiker_xyz/r.pdf")
        result = ktv(*args, "--today", TODAY, rc=2)
    else:
        result = ktv("init", "~geen_gebruiker_xyz/m", "--naam", "O", "--erkenningsdatum", "2013-05-12", rc=2)
    assert "gebruiker 'geen_gebruiker_xyz' bestaat niet" in result.stderr


def test_tilde_is_expanded_like_a_shell(seed: Path, tmp_path: Path, ktv) -> None:
    result = ktv("--data", "~/seed", "check", "--today", TODAY, env={"HOME": str(tmp_path)}, rc=0)
    assert "Geen problemen" in result.stdout


# --- finding 12: no OS error text in English (Python 3.13 reports a symlink loop differently) ---------


def test_a_symlink_loop_is_reported_in_dutch(seed: Path, ktv) -> None:
    link = seed / "perioden" / "2016-06-03-kring.toml"
    link.symlink_to(link.name)
    (seed / "meetjaren").rename(seed / "meetjaren-weg")
    (seed / "meetjaren").symlink_to("meetjaren")
    result = ktv("--data", str(seed), "check", "--today", TODAY, rc=1)
    assert "perioden/2016-06-03-kring.toml: fout" in result.stdout and "kring" in result.stdout
    assert "Too many levels" not in result.stdout + result.stderr
    loop = seed.parent / "lus"
    loop.symlink_to(loop.name)
    result = ktv("--data", str(loop), "check", rc=2)
    assert "kring" in result.stderr and "Too many levels" not in result.stderr
