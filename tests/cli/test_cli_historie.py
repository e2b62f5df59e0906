"""SPEC §5 `ktv historie ID [--json]`: the git history of one period, field by field, also
after the period was deleted, and never stopped by a broken version in the history."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from seed_folder import run_ktv

PID = "2016-06-01-abcde"
V1 = 'schema = 1\nwerknemer = "WN-1"\nwerkgever = "WG-1"\nbegin = 2016-06-01\n'
V2 = V1 + "einde = 2017-01-31\n\n[beoordeling.werknemer]\ncijfer = 7.0\n"
V3 = V2.replace("cijfer = 7.0", "cijfer = 8.5").replace('"WG-1"', '"WG-2"')


def commit(root: Path, message: str, author: str) -> None:
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(
        ["git", "-c", f"user.name={author}", "-c", "user.email=x@example.org", "commit", "-qm", message],
        cwd=root,
        check=True,
        env={"PATH": "/usr/bin:/bin", "HOME": str(root)},
    )


@pytest.fixture
def history(tmp_path: Path) -> Path:
    root = tmp_path / "map"
    run_ktv(
        "init", str(root), "--naam", "Org", "--erkenningsdatum", "2013-05-12", "--vanaf", "2017",
        cwd=tmp_path, check_rc=0,
    )  # fmt: skip
    path = root / "perioden" / f"{PID}.toml"
    path.write_text(V1)
    commit(root, "Periode ingevoerd", "Anna")
    path.write_text(V2)
    commit(root, "Formulier werknemer binnen", "Bram")
    path.write_text("<<<<<<< ons\n" + V3 + "=======\n" + V2 + ">>>>>>> hun\n")
    commit(root, "Per ongeluk een conflict vastgelegd", "Bram")
    path.write_text(V3)
    commit(root, "Conflict opgelost", "Anna")
    path.unlink()
    commit(root, "Periode verwijderd", "Carla")
    return root


def test_history_json_follows_the_period_after_its_deletion(history: Path) -> None:
    data = json.loads(run_ktv("historie", PID, "--json", cwd=history, check_rc=0).stdout)
    assert data["id"] == PID and data["bestand"] == f"perioden/{PID}.toml"
    versions = data["versies"]
    assert [v["bericht"] for v in versions] == [
        "Periode verwijderd",
        "Conflict opgelost",
        "Per ongeluk een conflict vastgelegd",
        "Formulier werknemer binnen",
        "Periode ingevoerd",
    ]
    assert [v["soort"] for v in versions] == [
        "verwijderd",
        "gewijzigd",
        "gewijzigd",
        "gewijzigd",
        "toegevoegd",
    ]
    assert [v["auteur"] for v in versions] == ["Carla", "Anna", "Bram", "Bram", "Anna"]
    assert all(len(v["commit"]) == 40 and v["datum"] for v in versions)
    assert {"veld": "beoordeling.werknemer.cijfer", "oud": None, "nieuw": "7.0"} in versions[3]["wijzigingen"]
    assert {"veld": "einde", "oud": None, "nieuw": "2017-01-31"} in versions[3]["wijzigingen"]
    assert {"veld": "werknemer", "oud": None, "nieuw": "WN-1"} in versions[4]["wijzigingen"]
    # the broken version is named, and the fix is compared with it only as far as possible
    assert versions[2]["opmerking"] and "geen geldige TOML" in versions[2]["opmerking"]
    assert versions[1]["opmerking"]


def test_history_for_people(history: Path) -> None:
    path = history / "perioden" / f"{PID}.toml"
    path.write_text(V3.replace("8.5", "9.0"))  # restored and changed, not yet committed
    out = run_ktv("historie", PID, cwd=history, check_rc=0).stdout
    assert out.startswith(f"Geschiedenis van periode {PID}")
    assert "Niet vastgelegd" in out
    # Dutch numbers and dates, as in the app's history (issue 23); JSON keeps 7.0 and ISO dates.
    assert "beoordeling.werknemer.cijfer: (leeg) → 7,0" in out
    assert "einde: (leeg) → 31-01-2017" in out
    assert "2017-01-31" not in out and "7.0" not in out
    assert "Anna <x@example.org>" in out
    assert "(periode verwijderd)" in out


def test_history_of_an_unknown_or_bad_id_is_a_refusal(history: Path) -> None:
    assert "geen periode" in run_ktv("historie", "2000-01-01-zzzzz", cwd=history, check_rc=2).stderr
    assert "periode-id" in run_ktv("historie", "../ktv", cwd=history, check_rc=2).stderr
