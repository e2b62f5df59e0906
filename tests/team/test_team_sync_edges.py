"""`ktv sync` at the edges (SPEC "the edges", team work), with real clones and the real process:
only data files are shared, personal data is refused, `--mijn`/`--hun` resolve the conflicts
shown (delete-vs-edit too, never a value that was not shown), PDFs are binary and a recorded
submission wins, a change to a submitted meetjaar is named, and a data folder in a sub-folder."""

from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path

from .conftest import TODAY, commit, git, ktv, make_team, period_text, pid, sync_json, tracked_files


def grade(root: Path, n: int, value: str) -> None:
    path = root / pid(n)
    text = path.read_text()
    old = next(line for line in text.splitlines() if line.startswith("cijfer = "))
    path.write_text(text.replace(old, f"cijfer = {value}"))


def test_sync_shares_only_data_files_and_says_what_stays_local(team) -> None:
    a, b = team["a"], team["b"]
    (a / "namenlijst.txt").write_text("Jan Jansen 0612345678\n")
    (a / "perioden.csv").write_text("id;werknemer\n")
    (a / "perioden" / "x.toml~").write_text("backup")
    (a / "rapporten" / "klanttevredenheid-2027-concept.pdf").write_bytes(b"%PDF-1.4 concept")
    (a / "rapporten" / "klanttevredenheid-2027.pdf").write_bytes(b"%PDF-1.4 niet ingediend")
    grade(a, 0, "8.0")
    result = ktv("sync", cwd=a, rc=0)
    assert "niet gedeeld:" in result.stdout
    for name in ("namenlijst.txt", "perioden.csv", "perioden/x.toml~", "klanttevredenheid-2027.pdf"):
        assert name in result.stdout
    files = git(a, "ls-tree", "-r", "--name-only", "HEAD")
    assert pid(0) in files
    for name in ("namenlijst.txt", "perioden.csv", "x.toml~", "concept.pdf", "klanttevredenheid-2027.pdf"):
        assert name not in files
    assert (a / "namenlijst.txt").exists()
    data = sync_json(a, rc=0)
    assert "namenlijst.txt" in data["niet_gedeeld"]
    ktv("sync", cwd=b, rc=0)
    assert not (b / "namenlijst.txt").exists() and "cijfer = 8.0" in (b / pid(0)).read_text()


def test_a_data_file_with_personal_data_is_never_committed(team) -> None:
    a = team["a"]
    path = a / pid(1)
    path.write_text(path.read_text() + '\n[ontbreekt]\nwerkgever = "bel 0612345678"\n')
    head = git(a, "rev-parse", "HEAD")
    result = ktv("sync", cwd=a, rc=2)
    assert pid(1) in result.stderr + result.stdout
    assert git(a, "rev-parse", "HEAD") == head
    assert git(team["remote"], "rev-parse", "HEAD") == head


def conflict_pair(team) -> tuple[Path, Path]:
    a, b = team["a"], team["b"]
    grade(a, 0, "6.0")
    ktv("sync", cwd=a, rc=0)
    grade(b, 0, "8.0")
    return a, b


def test_mijn_keeps_mine_after_the_conflict_was_shown(team) -> None:
    a, b = conflict_pair(team)
    shown = sync_json(b, rc=1)
    assert shown["conflicten"][0]["veld"] == "beoordeling.werknemer.cijfer"
    assert set(shown["conflicten"][0]) == {"bestand", "veld", "ons", "hun"}
    data = sync_json(b, "--mijn", rc=0)
    assert data["verstuurd"] and data["gekozen"][0]["keuze"] == "mijn"
    ktv("sync", cwd=a, rc=0)
    for root in (a, b):
        assert "cijfer = 8.0" in (root / pid(0)).read_text()


def test_hun_after_the_other_moved_on_shows_the_new_value_again(tmp_path) -> None:
    team = make_team(tmp_path, ("a", "b", "c"))
    a, b, c = team["a"], team["b"], team["c"]
    grade(a, 0, "8.0")
    ktv("sync", cwd=a, rc=0)
    grade(c, 0, "6.0")
    first = ktv("sync", cwd=c, rc=1)
    assert "'8,0'" in first.stdout and "'6,0'" in first.stdout
    ktv("sync", cwd=b, rc=0)
    grade(b, 0, "9.5")
    ktv("sync", cwd=b, rc=0)
    again = sync_json(c, "--hun", rc=1)  # 9,5 was never shown: not taken
    assert again["conflicten"][0]["hun"] == "9.5" and not again["gekozen"]
    assert "cijfer = 6.0" in (c / pid(0)).read_text()
    done = sync_json(c, "--hun", rc=0)
    assert done["gekozen"] and "cijfer = 9.5" in (c / pid(0)).read_text()


def test_delete_against_edit_is_resolved_by_hun(team) -> None:
    a, b = team["a"], team["b"]
    (a / pid(2)).unlink()
    ktv("sync", cwd=a, rc=0)
    grade(b, 2, "9.0")
    result = ktv("sync", cwd=b, rc=1)
    assert "verwijderd tegenover gewijzigd" in result.stdout
    ktv("sync", "--hun", cwd=b, rc=0)
    assert not (b / pid(2)).exists()
    grade(a, 1, "5.0")  # and the other way round: mine (the edit) is kept
    ktv("sync", cwd=a, rc=0)


def test_delete_against_edit_is_resolved_by_mijn(team) -> None:
    a, b = team["a"], team["b"]
    (a / pid(2)).unlink()
    ktv("sync", cwd=a, rc=0)
    grade(b, 2, "9.0")
    ktv("sync", cwd=b, rc=1)
    ktv("sync", "--mijn", cwd=b, rc=0)
    ktv("sync", cwd=a, rc=0)
    assert "cijfer = 9.0" in (a / pid(2)).read_text()


def test_gitattributes_marks_pdfs_binary_and_every_toml_kind(team) -> None:
    attributes = (team["a"] / ".gitattributes").read_text()
    for line in ("*.pdf binary", "ktv.toml merge=ktv", "vragenlijsten/*.toml merge=ktv"):
        assert line in attributes
    assert "*-concept.pdf" in (team["a"] / ".gitignore").read_text()


def submit(root: Path, year: int, pdf: bytes) -> None:
    (root / "rapporten" / f"melding-{year}.pdf").write_bytes(pdf)
    (root / "meetjaren" / f"{year}.toml").write_text(f"schema = 1\nmelding_op = {year}-06-20\n")


def test_a_recorded_submitted_pdf_wins_and_is_never_rewritten(team) -> None:
    a, b = team["a"], team["b"]
    sent = b"%PDF-1.4\n" + bytes(range(256)) * 40
    submit(a, 2028, sent)
    ktv("sync", cwd=a, rc=0)
    (b / "rapporten" / "melding-2028.pdf").write_bytes(b"%PDF-1.4 eigen versie\xff\xfe")
    ktv("sync", cwd=b, rc=0)
    assert (b / "rapporten" / "melding-2028.pdf").read_bytes() == sent
    kept = list((b / "rapporten").glob("melding-2028.eigen*.pdf"))
    assert kept and kept[0].read_bytes().endswith(b"\xff\xfe")


def test_two_different_submitted_pdfs_conflict_and_both_stay_on_disk(team) -> None:
    a, b = team["a"], team["b"]
    submit(a, 2028, b"%PDF-1.4 A\x00\xff")
    ktv("sync", cwd=a, rc=0)
    submit(b, 2028, b"%PDF-1.4 B\x00\xfe")
    result = ktv("sync", cwd=b, rc=1)
    assert "PDF-bestand" in result.stdout and "onleesbaar" not in result.stdout
    assert (b / "rapporten" / "melding-2028.pdf").read_bytes() == b"%PDF-1.4 B\x00\xfe"
    theirs = list((b / "rapporten").glob("melding-2028.van-de-ander*.pdf"))
    assert theirs and theirs[0].read_bytes() == b"%PDF-1.4 A\x00\xff"
    ktv("sync", "--hun", cwd=b, rc=0)
    assert (b / "rapporten" / "melding-2028.pdf").read_bytes() == b"%PDF-1.4 A\x00\xff"


def test_incoming_change_to_a_submitted_meetjaar_is_named_with_its_numbers(team) -> None:
    a, b = team["a"], team["b"]
    (b / "meetjaren" / "2027.toml").write_text("schema = 1\ningediend_op = 2027-06-01\n")
    ktv("sync", cwd=b, rc=0)
    ktv("sync", cwd=a, rc=0)
    grade(a, 0, "3.0")
    ktv("sync", cwd=a, rc=0)
    result = ktv("sync", cwd=b, rc=0)
    assert "meetjaar 2027" in result.stdout and "7,0 → 3,0" in result.stdout
    assert "gemiddelde werknemer 7,0 → 5,7" in result.stdout


def test_commit_message_names_the_periods_meetjaren_and_files(team) -> None:
    a = team["a"]
    grade(a, 1, "6.5")
    (a / "meetjaren" / "2027.toml").write_text('schema = 1\nanalyse = "Goed."\n')
    org = a / "ktv.toml"
    org.write_text(org.read_text().replace('naam = "Team B.V."', 'naam = "Team B.V."\naccounthouder = "X"'))
    ktv("sync", cwd=a, rc=0)
    subject = git(a, "log", "-1", "--format=%s")
    assert "2027-01-02-team1" in subject and "meetjaar 2027" in subject and "ktv.toml" in subject
    assert "ander(e)" not in subject


def test_ktv_toml_and_questionnaires_merge_field_by_field_through_sync(team) -> None:
    a, b = team["a"], team["b"]
    for root, line in ((a, 'accounthouder = "A. Accounthouder"'), (b, 'kenmerk = "JC-9"')):
        org = root / "ktv.toml"
        org.write_text(org.read_text().replace('naam = "Team B.V."', f'naam = "Team B.V."\n{line}'))
    ktv("sync", cwd=a, rc=0)
    ktv("sync", cwd=b, rc=0)
    ktv("sync", cwd=a, rc=0)
    for root in (a, b):
        table = tomllib.loads((root / "ktv.toml").read_text())
        assert table["accounthouder"] == "A. Accounthouder" and table["kenmerk"] == "JC-9"


def test_a_data_folder_in_a_sub_folder_clones_and_merges(tmp_path) -> None:
    big = tmp_path / "groot"
    big.mkdir()
    git(big, "init", "-q")
    (big / "README").write_text("andere dingen\n")
    ktv(
        "init",
        str(big / "ktv"),
        "--naam",
        "Sub B.V.",
        "--erkenningsdatum",
        "2013-05-12",
        "--vanaf",
        "2017",
        "--today",
        TODAY,
        "--no-git",
        cwd=tmp_path,
        rc=0,
    )
    (big / "ktv" / pid(0)).write_text(period_text(0, 1).replace("schema = 1\n", "schema = 1\n# bewaard\n"))
    commit(big)
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    branch = git(big, "branch", "--show-current").strip()
    git(big, "push", "-q", str(remote), f"HEAD:refs/heads/{branch}")
    a, b = tmp_path / "a", tmp_path / "b"
    ktv("clone", str(remote), str(a), "--map", "ktv", cwd=tmp_path, rc=0)
    result = ktv("clone", str(remote), str(b), cwd=tmp_path, rc=0)  # found without --map too
    assert "ktv" in result.stdout and "geen ktv.toml" not in result.stdout
    grade(a / "ktv", 0, "6.0")
    path = b / "ktv" / pid(0)
    path.write_text(path.read_text().replace('werkgever = "WG-001"', 'werkgever = "WG-002"'))
    ktv("sync", cwd=a / "ktv", rc=0)
    ktv("sync", cwd=b / "ktv", rc=0)
    text = (b / "ktv" / pid(0)).read_text()
    assert "cijfer = 6.0" in text and 'werkgever = "WG-002"' in text and "# bewaard" in text
    assert "# vaste code" in text


def test_check_calls_a_received_form_with_a_missing_reason_an_error(team) -> None:
    a = team["a"]
    path = a / pid(0)
    path.write_text(path.read_text() + '\n[ontbreekt]\nwerknemer = "Niet terug."\n')
    result = ktv("check", "--json", "--today", TODAY, cwd=a, rc=1)
    assert '"ontbreekt-en-ontvangen"' in result.stdout


def test_unchanged_tracked_files_are_untouched_by_a_conflicted_sync(team) -> None:
    a, b = conflict_pair(team)
    commit(b)
    before = tracked_files(b)
    ktv("sync", cwd=b, rc=1)
    assert tracked_files(b) == before
    assert (
        subprocess.run(["git", "status", "--porcelain"], cwd=b, capture_output=True, text=True).stdout == ""
    )


def test_an_incoming_replacement_of_a_submitted_pdf_is_refused(team) -> None:
    a, b = team["a"], team["b"]
    sent = b"%PDF-1.4 verstuurd\x00\xff"
    submit(a, 2028, sent)
    ktv("sync", cwd=a, rc=0)
    ktv("sync", cwd=b, rc=0)
    (b / "rapporten" / "melding-2028.pdf").write_bytes(b"%PDF-1.4 overschreven")
    commit(b, "vervangt de melding")
    git(b, "push", "-q")
    result = ktv("sync", cwd=a, rc=0)
    assert "niet vervangen" in result.stdout
    assert (a / "rapporten" / "melding-2028.pdf").read_bytes() == sent
    ktv("sync", cwd=b, rc=0)
    assert (b / "rapporten" / "melding-2028.pdf").read_bytes() == sent


def test_a_file_name_with_personal_data_is_never_committed(team) -> None:
    a = team["a"]
    (a / "perioden" / "2027-01-09-0612345678.toml").write_text(period_text(9, 9))
    head = git(a, "rev-parse", "HEAD")
    result = ktv("sync", cwd=a, rc=2)
    assert "2027-01-09-0612345678" in result.stderr and "persoonsgegevens" in result.stderr
    assert git(a, "rev-parse", "HEAD") == head


def test_form_on_one_side_and_missing_reason_on_the_other_is_a_sync_conflict(team) -> None:
    a, b = team["a"], team["b"]
    path = a / pid(1)
    path.write_text(path.read_text() + "\n[beoordeling.werkgever]\ncijfer = 6.5\n")
    ktv("sync", cwd=a, rc=0)
    path = b / pid(1)
    path.write_text(path.read_text() + '\n[ontbreekt]\nwerkgever = "Niet teruggestuurd."\n')
    result = ktv("sync", cwd=b, rc=1)
    assert (
        "tegenstrijdig" in result.stdout and "6,5" in result.stdout and "Niet teruggestuurd." in result.stdout
    )
    ktv("sync", "--hun", cwd=b, rc=0)
    table = tomllib.loads((b / pid(1)).read_text())
    assert "ontbreekt" not in table and table["beoordeling"]["werkgever"]["cijfer"] == 6.5
