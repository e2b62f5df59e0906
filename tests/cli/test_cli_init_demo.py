"""`ktv init` and `ktv demo --no-tui`: valid new folders, never over a folder that is not empty."""

from __future__ import annotations

import json
import shutil
import tomllib

import pytest

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@needs_git
def test_init_creates_a_valid_folder_with_git(ktv, tmp_path):
    root = tmp_path / "nieuw"
    result = ktv(
        "init",
        str(root),
        "--naam",
        'Jobcoach "De Brug"',
        "--erkenningsdatum",
        "2015-09-12",
        "--accounthouder",
        "M. de Vries",
        "--today",
        "2017-09-01",
        rc=0,
    )
    assert "Gegevensmap gemaakt" in result.stdout
    assert (root / ".git").is_dir()
    organisation = tomllib.loads((root / "ktv.toml").read_text())
    assert organisation["schema"] == 1
    assert organisation["naam"] == 'Jobcoach "De Brug"'
    assert organisation["accounthouder"] == "M. de Vries"
    assert str(organisation["erkenningsdatum"]) == "2015-09-12"
    werkgever = tomllib.loads((root / "vragenlijsten" / "werkgever.toml").read_text())
    assert werkgever["schaal"] == ["onvoldoende", "matig", "voldoende", "goed"]
    assert len(werkgever["vraag"]) == 9
    assert werkgever["vraag"][0]["groep"] == "Wat is uw mening over:"
    werknemer = tomllib.loads((root / "vragenlijsten" / "werknemer.toml").read_text())
    assert [q["id"] for q in werknemer["vraag"]] == ["begeleiding", "bereikbaarheid"]
    assert werknemer["schaal"] == ["nee", "niet helemaal", "ja"]
    for folder in ("perioden", "meetjaren", "rapporten"):
        assert (root / folder).is_dir()
    check = ktv("--data", str(root), "check", rc=0)
    assert "Geen problemen" in check.stdout
    data = json.loads(ktv("--data", str(root), "deadlines", "--json", "--today", "2017-10-01", rc=0).stdout)
    assert (data["meetjaren"][0]["start"], data["meetjaren"][0]["deadline"]) == ("2016-09-12", "2017-10-12")
    ktv("--data", str(root), "fmt", "--check", rc=0)


def test_init_without_git(ktv, tmp_path):
    root = tmp_path / "nieuw"
    ktv("init", str(root), "--naam", "X", "--erkenningsdatum", "2013-05-12", "--no-git", rc=0)
    assert not (root / ".git").exists()
    ktv("--data", str(root), "check", rc=0)


def test_init_into_an_existing_empty_folder(ktv, tmp_path):
    root = tmp_path / "leeg"
    root.mkdir()
    ktv("init", str(root), "--naam", "X", "--erkenningsdatum", "2013-05-12", "--no-git", rc=0)
    ktv("--data", str(root), "check", rc=0)


def test_init_refuses_a_folder_that_is_not_empty(ktv, tmp_path):
    root = tmp_path / "vol"
    root.mkdir()
    (root / "notities.txt").write_text("van mij")
    result = ktv("init", str(root), "--naam", "X", "--erkenningsdatum", "2013-05-12", rc=2)
    assert "niet leeg" in result.stderr
    assert [p.name for p in root.iterdir()] == ["notities.txt"]


def test_init_needs_name_and_date(ktv, tmp_path):
    result = ktv("init", str(tmp_path / "a"), "--erkenningsdatum", "2013-05-12", rc=2)
    assert "--naam" in result.stderr
    result = ktv("init", str(tmp_path / "a"), "--naam", "  ", "--erkenningsdatum", "2013-05-12", rc=2)
    assert "--naam" in result.stderr
    assert not (tmp_path / "a").exists()


@needs_git
def test_demo_creates_a_valid_folder_with_the_seed_example(ktv, tmp_path):
    root = tmp_path / "demo"
    ktv("demo", "--no-tui", str(root), rc=0)
    assert (root / ".git").is_dir()
    ktv("--data", str(root), "check", rc=0)
    data = json.loads(ktv("--data", str(root), "stats", "--jaar", "2017", "--json", rc=0).stdout)
    assert (data["start"], data["eind"]) == ("2016-05-12", "2017-05-12")
    assert (data["werknemer"]["som"], data["werknemer"]["cijfers"], data["werknemer"]["weergave"]) == (
        36.0,
        5,
        "7,2",
    )
    assert (data["werkgever"]["som"], data["werkgever"]["cijfers"], data["werkgever"]["weergave"]) == (
        35.5,
        5,
        "7,1",
    )
    assert [p["cijfer_werknemer"] for p in data["perioden"]] == [7.0, 7.5, 5.5, 8.0, 8.0]
    assert [p["cijfer_werkgever"] for p in data["perioden"]] == [7.5, 7.0, 7.0, 8.0, 6.0]
    deadlines = json.loads(ktv("--data", str(root), "deadlines", "--json", rc=0).stdout)
    assert len(deadlines["meetjaren"]) >= 3  # several meetjaren
    assert deadlines["fouten"] == 0


def test_demo_on_a_given_day(ktv, tmp_path):
    root = tmp_path / "demo"
    ktv("demo", "--no-tui", str(root), "--today", "2017-05-20", rc=0)
    ktv("--data", str(root), "check", "--today", "2017-05-20", rc=0)
    stats = json.loads(ktv("--data", str(root), "stats", "--json", "--today", "2017-05-20", rc=0).stdout)
    assert stats["jaar"] == 2017
    assert stats["werknemer"]["berekening"] == "36 : 5 = 7,2"
    assert stats["werkgever"]["berekening"] == "35,5 : 5 = 7,1"


def test_demo_default_folder(ktv, tmp_path):
    ktv("demo", "--no-tui", cwd=tmp_path, rc=0)
    assert (tmp_path / "ktv-demo" / "ktv.toml").is_file()


def test_demo_refuses_a_folder_that_is_not_empty(ktv, tmp_path):
    root = tmp_path / "demo"
    root.mkdir()
    (root / "belangrijk.toml").write_text("x = 1\n")
    result = ktv("demo", "--no-tui", str(root), rc=2)
    assert "niet leeg" in result.stderr
    assert [p.name for p in root.iterdir()] == ["belangrijk.toml"]
    assert (root / "belangrijk.toml").read_text() == "x = 1\n"


def test_demo_a_second_time_opens_the_existing_folder(ktv, tmp_path):
    """SPEC §5: `ktv demo DIR` on a folder that holds a ktv data folder opens it, never rewrites it."""
    root = tmp_path / "demo"
    ktv("demo", "--no-tui", str(root), rc=0)
    period = sorted((root / "perioden").glob("*.toml"))[0]
    period.write_text(period.read_text().replace('jobcoach = "', 'jobcoach = "Z'))
    before = {p: p.read_bytes() for p in root.rglob("*.toml") if ".git" not in p.parts}
    result = ktv("demo", "--no-tui", str(root), rc=0)
    assert "geopend" in result.stdout
    assert "Meetjaren" in result.stdout  # the overview of the existing folder
    assert {p: p.read_bytes() for p in root.rglob("*.toml") if ".git" not in p.parts} == before
