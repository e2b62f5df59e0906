"""Issue 19 item 8: `ktv historie` follows a renamed period and says when history is cut off."""

from __future__ import annotations

import json
import subprocess

from .helpers import TODAY, git

OLD, NEW = "2016-02-12-aaaaa", "2016-02-12-nieuw"


def _renamed(seed):
    git(seed, "mv", f"perioden/{OLD}.toml", f"perioden/{NEW}.toml")
    git(seed, "commit", "-q", "-m", "hernoemd")
    path = seed / "perioden" / f"{NEW}.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("cijfer = 7.0", "cijfer = 8.0"), encoding="utf-8"
    )
    git(seed, "commit", "-q", "-am", "cijfer")
    return seed


def test_a_renamed_period_keeps_its_history(seed, ktv):
    _renamed(seed)
    data = json.loads(ktv("--data", str(seed), "historie", NEW, "--json", "--today", TODAY, rc=0).stdout)
    kinds = [v["soort"] for v in data["versies"]]
    assert kinds == ["gewijzigd", "hernoemd", "toegevoegd"]
    assert OLD in data["versies"][1]["opmerking"]
    assert data["versies"][2]["bericht"] == "begin" and data["afgekapt"] is False
    text = ktv("--data", str(seed), "historie", NEW, "--today", TODAY, rc=0).stdout
    assert "hernoemd van perioden/2016-02-12-aaaaa.toml" in text
    assert "cijfer: 7,0 → 8,0" in text  # Dutch numbers, as in the app (issue 23)


def test_a_shallow_clone_says_its_history_is_cut(seed, ktv, tmp_path):
    _renamed(seed)
    clone = tmp_path / "ondiep"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{seed}", str(clone)], check=True)
    text = ktv("--data", str(clone), "historie", NEW, "--today", TODAY, rc=0).stdout
    assert "ondiepe kloon" in text and "afgekapt" in text
    data = json.loads(ktv("--data", str(clone), "historie", NEW, "--json", "--today", TODAY, rc=0).stdout)
    assert data["afgekapt"] is True
    assert "ondiepe kloon" in data["versies"][-1]["opmerking"]
