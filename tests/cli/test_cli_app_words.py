"""Issue 23 on the command line: few git processes, Dutch history values, nothing cut at 80
columns, and a new organisation that starts at the current meetjaar."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

TODAY = "2026-11-26"


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    from seed_folder import run_ktv

    base = tmp_path_factory.mktemp("demo")
    run_ktv("demo", str(base / "ktv-demo"), "--no-tui", "--today", TODAY, cwd=base, check_rc=0)
    return base / "ktv-demo"


def git_count(ktv, demo: Path, tmp_path: Path, *args: str) -> int:
    """How many git processes one `ktv` command starts: a `git` shim first on PATH counts them."""
    real = shutil.which("git")
    shim, log = tmp_path / "shim" / "git", tmp_path / "git.log"
    shim.parent.mkdir(exist_ok=True)
    shim.write_text(f'#!/bin/sh\necho "$@" >> "{log}"\nexec "{real}" "$@"\n')
    shim.chmod(0o755)
    log.unlink(missing_ok=True)
    path = f"{shim.parent}{os.pathsep}{os.environ['PATH']}"
    ktv("--data", str(demo), *args, "--today", TODAY, env={"PATH": path}, rc=0)
    return len(log.read_text().splitlines()) if log.exists() else 0


@pytest.mark.parametrize(
    "command", [("deadlines",), ("check",), ("deadlines", "--json"), ("check", "--json")]
)
def test_at_most_three_git_processes(ktv, demo: Path, tmp_path: Path, command) -> None:
    assert 1 <= git_count(ktv, demo, tmp_path, *command) <= 3


def test_a_changed_submitted_period_is_still_found_with_one_git_process(ktv, demo, tmp_path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(demo, copy, symlinks=True)
    data = json.loads(ktv("--data", str(copy), "stats", "--jaar", "2019", "--json", "--today", TODAY).stdout)
    period = copy / "perioden" / f"{data['perioden'][0]['id']}.toml"
    text = period.read_text()
    end_line = next(line for line in text.splitlines() if line.startswith("einde = "))
    period.write_text(text.replace(end_line + "\n", "# bewerkt\n", 1))  # no longer completed
    extra = copy / "perioden" / "2018-09-01-nieuw.toml"
    extra.write_text('schema = 1\nwerknemer = "WN-900"\nwerkgever = "WG-900"\nbegin = 2018-09-01\n'
                     "einde = 2019-02-01\n")  # fmt: skip
    out = ktv("--data", str(copy), "check", "--json", "--today", TODAY).stdout
    changed = [p for p in json.loads(out)["problemen"] if p["code"] == "gewijzigd-na-indiening"]
    files = {p["bestand"] for p in changed}
    assert f"perioden/{period.name}" in files and f"perioden/{extra.name}" in files
    assert git_count(ktv, copy, tmp_path, "check") <= 3


def test_check_prints_plain_lines_and_a_summary(ktv, demo, tmp_path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(demo, copy, symlinks=True)
    first = sorted((copy / "perioden").glob("*.toml"))[0]
    first.write_text(first.read_text() + "cijfr = 3\n")
    result = ktv("--data", str(copy), "check", "--today", TODAY, rc=1)
    lines = result.stdout.splitlines()
    assert any(line.startswith(f"perioden/{first.name}:") and ": fout: " in line for line in lines)
    assert lines[-1].startswith("1 fout")


def test_deadlines_table_reads_as_before(ktv, demo) -> None:
    out = ktv("--data", str(demo), "deadlines", "--today", TODAY, rc=0).stdout
    assert out.splitlines()[0].startswith("Jobcoach Voorbeeld B.V. — erkend sinds 12 mei 2013")
    header = out.splitlines()[1].split()
    assert header == ["Meetjaar", "Eind", "Deadline", "Afg.", "Actie", "Status", "Toelichting"]
    assert any(line.split()[:1] == ["2027"] and "lopend" in line for line in out.splitlines())


def test_historie_shows_dutch_dates_and_numbers(ktv, demo) -> None:
    pid = sorted(p.stem for p in (demo / "perioden").glob("*.toml"))[0]
    out = ktv("--data", str(demo), "historie", pid, rc=0).stdout
    changes = [line for line in out.splitlines() if " → " in line]
    assert any("cijfer" in line and "," in line.split("→")[1] for line in changes)
    for line in changes:
        new = line.split("→")[1].strip()
        assert not (len(new) == 10 and new[4] == "-"), line  # no 2026-03-01
        assert not new.replace(".", "", 1).isdigit() or "." not in new, line  # no 8.0
    as_json = json.loads(ktv("--data", str(demo), "historie", pid, "--json", rc=0).stdout)
    assert any("-" in str(c["nieuw"]) for v in as_json["versies"] for c in v["wijzigingen"])


def test_ontbrekend_words_are_whole_at_80_columns(demo) -> None:
    """In a real terminal of 80 columns no reason is cut ("Werkgev…")."""
    script = shutil.which("script")
    if script is None:
        pytest.skip("`script` (util-linux) is nodig om een terminal van 80 kolommen na te doen")
    from seed_folder import KTV

    env = {**os.environ, "COLUMNS": "80", "LINES": "24", "NO_COLOR": "1"}
    command = f"stty cols 80 rows 24; {KTV} --data {demo} ontbrekend --today {TODAY}"
    done = subprocess.run(
        [script, "-qec", command, "/dev/null"], capture_output=True, text=True, env=env, timeout=60
    )
    out = done.stdout.replace("\r", "")
    assert "…" not in out
    assert all(len(line) <= 80 for line in out.splitlines())
    reasons = json.loads(
        subprocess.run(
            [KTV, "--data", str(demo), "ontbrekend", "--json", "--today", TODAY],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        ).stdout  # fmt: skip
    )
    items = reasons["formulieren"]
    assert any(item["reden"] and len(item["reden"]) > 30 for item in items)
    flat = " ".join(out.split())
    for item in items:
        reason = item["reden"]
        if reason:
            assert " ".join(reason.split()) in flat


def test_stats_first_line_wraps_between_words_at_80_columns(demo) -> None:
    script = shutil.which("script")
    if script is None:
        pytest.skip("`script` (util-linux) is nodig om een terminal van 80 kolommen na te doen")
    from seed_folder import KTV

    command = f"stty cols 80 rows 24; {KTV} --data {demo} stats --today {TODAY}"
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(
        [script, "-qec", command, "/dev/null"], capture_output=True, text=True, env=env, timeout=60
    )
    first, second = done.stdout.replace("\r", "").splitlines()[:2]
    assert len(first) <= 80
    assert first.endswith(("perioden", ";", ",")) or second.split()[0] in ("afgeronde", "perioden", "9")


def test_init_without_vanaf_starts_at_the_current_meetjaar(ktv, tmp_path) -> None:
    root = tmp_path / "nieuw"
    result = ktv("init", str(root), "--naam", "Oud B.V.", "--erkenningsdatum", "2013-05-12", "--no-git",
                 "--today", "2026-11-26", rc=0)  # fmt: skip
    assert "eerste_meetjaar = 2027\n" in (root / "ktv.toml").read_text("utf-8")
    words = " ".join(result.stdout.split())
    assert "Eerste meetjaar: 2027" in words and "--vanaf" in words and "2017" in words
    out = json.loads(ktv("--data", str(root), "deadlines", "--json", "--today", "2026-11-26", rc=0).stdout)
    assert [y["jaar"] for y in out["meetjaren"]] == [2027]
    assert ktv("--data", str(root), "deadlines", "--binnen", "30", "--today", "2026-11-26", rc=0).stdout == ""
    later = json.loads(ktv("--data", str(root), "deadlines", "--json", "--today", "2028-07-01", rc=0).stdout)
    assert [y["jaar"] for y in later["meetjaren"]] == [2027, 2028, 2029]
    assert all(y["jaar"] >= 2027 for y in later["meetjaren"])


@pytest.mark.parametrize("to_file", [False, True])
def test_check_and_deadlines_write_everything_before_they_exit(ktv, demo, tmp_path, to_file) -> None:
    """`check` and `deadlines` end with os._exit (no interpreter teardown): every line and the
    exit code still arrive, through a pipe and into a file."""
    from seed_folder import KTV

    copy = tmp_path / "copy"
    shutil.copytree(demo, copy, symlinks=True)
    for number in range(400):  # 400 warnings: `einde` in the future
        (copy / "perioden" / f"2026-11-01-t{number:04d}.toml").write_text(
            f'schema = 1\nwerknemer = "WN-{number}"\nwerkgever = "WG-{number}"\n'
            "begin = 2026-11-01\neinde = 2027-01-31\n"
        )
    (copy / "perioden" / "2026-11-02-kapot.toml").write_text("schema = \n")  # one error
    for command, rc in (("check", 1), ("deadlines", 0)):
        target = tmp_path / f"{command}.txt"
        with target.open("w") as out:
            done = subprocess.run(
                [KTV, "--data", str(copy), command, "--today", TODAY],
                stdout=out if to_file else subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                timeout=60,
            )
        text = target.read_text() if to_file else done.stdout
        assert done.returncode == rc, done.stderr
        if command == "check":
            lines = text.splitlines()
            assert sum("einde 2027-01-31 ligt in de toekomst" in line for line in lines) == 400
            assert lines[-1].startswith("1 fout, ")
        else:
            assert "Let op: 1 fout in de gegevens" in text
