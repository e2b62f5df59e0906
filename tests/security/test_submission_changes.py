"""Issue 19 item 6 (check part): a change since a recorded submission that changes that
meetjaar's numbers or verdict is a warning naming what changed (`gewijzigd-na-indiening`)."""

from __future__ import annotations

import json

import pytest

from store.submission_changes import changed_submissions

from .helpers import TODAY, git


@pytest.fixture
def submitted(seed, ktv):
    ktv("--data", str(seed), "report", "--jaar", "2017", "--ingediend", "--today", TODAY, rc=0)
    git(seed, "add", "-A")
    git(seed, "commit", "-q", "-m", "ingediend")
    return seed


def _warnings(ktv, root) -> list[dict]:
    data = json.loads(ktv("--data", str(root), "check", "--json", "--today", TODAY).stdout)
    return [p for p in data["problemen"] if p["code"] == "gewijzigd-na-indiening"]


def test_nothing_changed_no_warning(submitted, ktv):
    assert _warnings(ktv, submitted) == []


def test_a_raised_norm_is_named(submitted, ktv):
    with open(submitted / "ktv.toml", "a", encoding="utf-8") as handle:
        handle.write("\n[norm]\nwerknemer = 7.3\n")
    found = _warnings(ktv, submitted)
    assert [p["bestand"] for p in found] == ["ktv.toml"]
    assert "norm werknemer 6,5 → 7,3" in found[0]["bericht"] and "2017" in found[0]["bericht"]


def test_the_same_norm_written_out_is_no_change(submitted, ktv):
    with open(submitted / "ktv.toml", "a", encoding="utf-8") as handle:
        handle.write("\n[norm]\nwerknemer = 6.50\n")
    assert _warnings(ktv, submitted) == []


def test_a_questionnaire_s_scale_or_questions_are_named(submitted, ktv):
    path = submitted / "vragenlijsten" / "werkgever.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + '\n[[vraag]]\nid = "nieuw"\ntekst = "Een nieuwe vraag?"\n', encoding="utf-8")
    found = _warnings(ktv, submitted)
    assert any(p["bestand"] == "vragenlijsten/werkgever.toml" and "vragen" in p["bericht"] for p in found)


def test_a_changed_period_is_named(submitted, ktv):
    path = submitted / "perioden" / "2016-02-12-aaaaa.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("cijfer = 7.0", "cijfer = 4.0"), encoding="utf-8"
    )
    found = _warnings(ktv, submitted)
    assert any(p["bestand"] == "perioden/2016-02-12-aaaaa.toml" for p in found)


def test_changed_submissions_between_two_commits(submitted):
    before = git(submitted, "rev-parse", "HEAD").strip()
    with open(submitted / "ktv.toml", "a", encoding="utf-8") as handle:
        handle.write("\n[norm]\nwerkgever = 8\n")
    path = submitted / "perioden" / "2016-03-18-bbbbb.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("cijfer = 7.5", "cijfer = 9.0"), encoding="utf-8"
    )
    git(submitted, "commit", "-q", "-am", "collega")
    after = git(submitted, "rev-parse", "HEAD").strip()
    found = changed_submissions(submitted, before, after)
    assert {(c.year, c.file) for c in found} == {(2017, "ktv.toml"), (2017, "perioden/2016-03-18-bbbbb.toml")}
    assert any("norm werkgever 6,5 → 8" in c.what for c in found)
    assert changed_submissions(submitted, after, after) == []
    assert changed_submissions(submitted, after, None) == []


def test_a_change_that_leaves_the_numbers_alone_is_no_warning(submitted, ktv):
    """A comment, a remark, a jobcoach, a scan (`bijlage`) or a missing form's reason change
    nothing the submitted report states: no warning (a steekproef adds scans to such years)."""
    path = submitted / "perioden" / "2016-02-12-aaaaa.toml"
    text = path.read_text(encoding="utf-8")
    assert 'jobcoach = "IJ"' in text and "[beoordeling.werknemer]\n" in text
    text = "# nagekeken\n" + text.replace(
        "[beoordeling.werknemer]\n", '[beoordeling.werknemer]\nbijlage = "werknemer.pdf"\n', 1
    )
    text = text.replace('jobcoach = "IJ"', 'jobcoach = "MK"\nopmerking = "nagebeld"')
    path.write_text(text, encoding="utf-8")
    (path.parent / "2016-02-12-aaaaa").mkdir(exist_ok=True)
    (path.parent / "2016-02-12-aaaaa" / "werknemer.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    assert _warnings(ktv, submitted) == []


@pytest.mark.parametrize(
    ("old", "new", "named"),
    [
        ("cijfer = 7.0", "cijfer = 4.0", "cijfer werknemer 7,0 → 4,0"),
        ("einde = 2016-07-11", "einde = 2016-07-12", "einde 11-07-2016 → 12-07-2016"),
        ('begeleiding = "ja"', 'begeleiding = "nee"', "antwoord werknemer begeleiding “ja” → “nee”"),
    ],
)
def test_what_changed_in_a_period_is_named(submitted, ktv, old, new, named):
    path = submitted / "perioden" / "2016-02-12-aaaaa.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    found = _warnings(ktv, submitted)
    assert [p["bestand"] for p in found] == ["perioden/2016-02-12-aaaaa.toml"]
    assert named in found[0]["bericht"]


def test_a_comment_between_two_commits_is_no_submission_change(submitted):
    before = git(submitted, "rev-parse", "HEAD").strip()
    path = submitted / "perioden" / "2016-03-18-bbbbb.toml"
    path.write_text("# nagekeken\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    git(submitted, "commit", "-q", "-am", "collega")
    assert changed_submissions(submitted, before, git(submitted, "rev-parse", "HEAD").strip()) == []
