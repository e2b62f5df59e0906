"""SPEC §2: the program's own saves, `ktv fmt` and the merge driver keep every comment of a file
(a full-line comment above the key it stood above, an end-of-line comment with its key)."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.canonical import period_text, year_notes_text
from store.comments import collect_comments
from store.create import create_data_folder
from store.fields import FileContext
from store.folder import load_folder, period_rel, year_rel
from store.model import Assessment, Period
from store.parse import parse_period
from store.save import save_period, save_year_notes

KTV = shutil.which("ktv")
TODAY = date(2017, 6, 1)

HAND = """# origineel in dossierkast 3
werknemer = "WN-014"   # code uit het oude systeem
schema = 1
werkgever = "WG-003"

# de coach van het eerste uur
jobcoach = "IJ"
begin = 2016-06-01
einde = 2017-03-31
opmerking = "Formulier # 2 per post"  # een hekje in tekst is geen commentaar

# werknemer stuurde het formulier na
[beoordeling.werknemer] # per post
cijfer = 7  # afgerond
ontvangen = 2017-04-03

[beoordeling.werknemer.antwoorden]
# vraag 1
begeleiding = "ja"
# slot van het bestand
"""


def fmt_text(text: str) -> str:
    period, _ = parse_period(FileContext("perioden/p.toml", text), "p")
    assert period is not None
    return period_text(period, collect_comments(text))


def test_fmt_keeps_every_comment_where_it_was() -> None:
    once = fmt_text(HAND)
    assert once == (
        "schema = 1\n"
        "# origineel in dossierkast 3\n"
        'werknemer = "WN-014"   # code uit het oude systeem\n'
        'werkgever = "WG-003"\n'
        "# de coach van het eerste uur\n"
        'jobcoach = "IJ"\n'
        "begin = 2016-06-01\n"
        "einde = 2017-03-31\n"
        'opmerking = "Formulier # 2 per post"  # een hekje in tekst is geen commentaar\n'
        "\n"
        "# werknemer stuurde het formulier na\n"
        "[beoordeling.werknemer] # per post\n"
        "ontvangen = 2017-04-03\n"
        "cijfer = 7.0  # afgerond\n"
        "\n"
        "[beoordeling.werknemer.antwoorden]\n"
        "# vraag 1\n"
        'begeleiding = "ja"\n'
        "# slot van het bestand\n"
    )
    assert fmt_text(once) == once  # fmt twice: the same bytes


def test_comment_free_text_is_exactly_the_canonical_text() -> None:
    canonical = period_text(fmt_period())
    assert collect_comments(canonical).above == {}
    assert period_text(fmt_period(), collect_comments(canonical)) == canonical


def fmt_period() -> Period:
    return Period(
        id="p",
        employee="WN-1",
        employer="WG-1",
        begin=date(2016, 1, 1),
        forms={"werknemer": Assessment(grade=Decimal("7.5"), answers={"begeleiding": "ja"})},
    )


def test_a_comment_of_a_removed_key_moves_down_and_is_not_lost() -> None:
    text = fmt_text(HAND)
    period, _ = parse_period(FileContext("perioden/p.toml", text), "p")
    assert period is not None
    without = dataclasses.replace(period, jobcoach=None, remark=None)
    new = period_text(without, collect_comments(text))
    for comment in ("# de coach van het eerste uur", "# een hekje in tekst is geen commentaar"):
        assert comment in new
    assert new.index("# de coach van het eerste uur") < new.index("begin = 2016-06-01")
    assert period_text(without, collect_comments(new)) == new


def _folder(tmp_path: Path) -> Path:
    root = tmp_path / "map"
    create_data_folder(root, "Org", date(2013, 5, 12), git=False)
    return root


def test_an_app_save_keeps_the_comments(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    (root / "perioden" / "p.toml").write_text(HAND)
    folder = load_folder(root, TODAY)
    period = folder.periods["p"]
    save_period(root, dataclasses.replace(period, remark="Nagebeld"), folder.digests[period_rel("p")])
    text = (root / "perioden" / "p.toml").read_text()
    assert "# origineel in dossierkast 3\nwerknemer" in text
    assert 'opmerking = "Nagebeld"  # een hekje in tekst is geen commentaar\n' in text
    assert "cijfer = 7.0  # afgerond\n" in text


def test_a_meetjaar_save_keeps_the_comments(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    (root / "meetjaren" / "2017.toml").write_text(
        'schema = 1\n# samen met het team geschreven\nanalyse = """\nGoed jaar.\n# geen commentaar\n"""  # v1\n'
    )
    folder = load_folder(root, TODAY)
    notes = dataclasses.replace(folder.years[2017], conclusions="Door naar volgend jaar.")
    save_year_notes(root, notes, folder.digests[year_rel(2017)])
    text = (root / "meetjaren" / "2017.toml").read_text()
    assert text.startswith('schema = 1\n# samen met het team geschreven\nanalyse = """')
    assert '# geen commentaar\n"""  # v1\nconclusies' in text
    assert year_notes_text(load_folder(root, TODAY).years[2017], collect_comments(text)) == text


def test_ktv_fmt_keeps_comments_and_is_stable(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    (root / "perioden" / "p.toml").write_text(HAND)
    env = {"NO_COLOR": "1", "PATH": str(Path(KTV).parent) + ":/usr/bin:/bin"}
    subprocess.run([KTV, "--data", str(root), "fmt"], env=env, check=True, capture_output=True)
    once = (root / "perioden" / "p.toml").read_bytes()
    assert b"# origineel in dossierkast 3\nwerknemer" in once
    assert b'werknemer = "WN-014"   # code uit het oude systeem\n' in once
    check = subprocess.run([KTV, "--data", str(root), "fmt", "--check"], env=env, capture_output=True)
    assert check.returncode == 0, check.stdout
    subprocess.run([KTV, "--data", str(root), "fmt"], env=env, check=True, capture_output=True)
    assert (root / "perioden" / "p.toml").read_bytes() == once


def test_the_merge_driver_keeps_comments_of_both_sides(tmp_path: Path) -> None:
    base = fmt_text(HAND)
    ours = base.replace('jobcoach = "IJ"', 'jobcoach = "MK"  # overgenomen')
    theirs = base.replace("cijfer = 7.0  # afgerond", "# nagekeken\ncijfer = 8.0  # afgerond")
    files = []
    for name, text in (("O", base), ("A", ours), ("B", theirs)):
        (tmp_path / name).write_text(text)
        files.append(str(tmp_path / name))
    result = subprocess.run([KTV, "merge-file", *files, "perioden/p.toml"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    merged = (tmp_path / "A").read_text()
    assert 'jobcoach = "MK"  # overgenomen\n' in merged
    assert "# nagekeken\ncijfer = 8.0  # afgerond\n" in merged
    assert "# origineel in dossierkast 3\nwerknemer" in merged
    assert fmt_text(merged) == merged


# --- property: comments anywhere survive, and a second fmt changes nothing -----------------------

words = st.text(alphabet="abcdefghij klmnop#'\"", min_size=0, max_size=12)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_comments_survive_and_fmt_is_idempotent(data) -> None:
    full = dataclasses.replace(fmt_period(), jobcoach="IJ", end=date(2016, 9, 1), remark="Formulier # 2")
    full.forms["werkgever"] = Assessment(received=date(2016, 9, 9), answers={"benadering": "goed"})
    lines = period_text(full).splitlines()
    out, placed = [], []
    for line in lines:
        if line and data.draw(st.booleans()):
            comment = "# " + data.draw(words) + f" c{len(placed)}"
            out.append(comment)
            placed.append(comment)
        if line and data.draw(st.booleans()):
            comment = "# " + data.draw(words) + f" e{len(placed)}"
            line += "  " + comment
            placed.append(comment)
        out.append(line)
    text = "\n".join(out) + "\n"
    once = fmt_text(text)
    for comment in placed:
        assert comment in once
    assert fmt_text(once) == once
