"""`ktv fmt`: rewrite valid files in canonical form, never one with errors; `--check` lists them."""

from __future__ import annotations

from seed_folder import SEED_PERIODS, seed_period_text

TODAY = "2017-05-20"

HAND_WRITTEN = """# met de hand ingevoerd
einde = 2017-04-01
begin = 2016-06-01
werkgever = 'WG-007'   # pseudoniem
werknemer = "WN-007"
schema = 1

[beoordeling.werknemer]
cijfer = 8
ontvangen = 2017-04-02
"""

# Comments are kept (SPEC §2): a full-line comment above the key it stood above, an
# end-of-line comment with its key.
CANONICAL = """schema = 1
werknemer = "WN-007"
werkgever = "WG-007"   # pseudoniem
begin = 2016-06-01
# met de hand ingevoerd
einde = 2017-04-01

[beoordeling.werknemer]
ontvangen = 2017-04-02
cijfer = 8.0
"""


def test_seed_files_as_written_are_canonical(ktv, seed):
    result = ktv("--data", str(seed), "fmt", "--check", "--today", TODAY, rc=0)
    assert "niet in vaste vorm" not in result.stdout
    assert (seed / "perioden" / f"{SEED_PERIODS[0][0]}.toml").read_text() == seed_period_text(SEED_PERIODS[0])


def test_fmt_rewrites_a_hand_written_file(ktv, seed):
    hand = seed / "perioden" / "hand.toml"
    hand.write_text(HAND_WRITTEN)
    result = ktv("--data", str(seed), "fmt", "--check", "--today", TODAY, rc=1)
    assert "perioden/hand.toml" in result.stdout
    assert hand.read_text() == HAND_WRITTEN  # --check never writes
    result = ktv("--data", str(seed), "fmt", "--today", TODAY, rc=0)
    assert "perioden/hand.toml" in result.stdout
    assert hand.read_text() == CANONICAL
    ktv("--data", str(seed), "fmt", "--check", "--today", TODAY, rc=0)
    before = {p.name: p.read_bytes() for p in (seed / "perioden").iterdir()}
    ktv("--data", str(seed), "fmt", "--today", TODAY, rc=0)
    assert {p.name: p.read_bytes() for p in (seed / "perioden").iterdir()} == before  # same bytes


def test_fmt_leaves_a_file_with_errors_alone(ktv, seed):
    broken_text = HAND_WRITTEN.replace("cijfer = 8", "cijfer = 8.25")
    broken = seed / "perioden" / "kapot.toml"
    broken.write_text(broken_text)
    hand = seed / "perioden" / "hand.toml"
    hand.write_text(HAND_WRITTEN.replace("WN-007", "WN-008"))
    result = ktv("--data", str(seed), "fmt", "--today", TODAY, rc=1)
    assert "perioden/kapot.toml" in result.stdout and "ktv check" in result.stdout
    assert broken.read_text() == broken_text
    assert hand.read_text() == CANONICAL.replace("WN-007", "WN-008")


def test_fmt_check_lists_only_the_files_that_are_not_canonical(ktv, seed):
    (seed / "perioden" / "a.toml").write_text(HAND_WRITTEN)
    (seed / "perioden" / "b.toml").write_text(CANONICAL.replace("WN-007", "WN-009"))
    ktv_toml = seed / "ktv.toml"
    # a comment above the first key is canonical (comments are kept); a blank line at the end is not
    ktv_toml.write_text("# organisatie\n" + ktv_toml.read_text() + "\n")
    lines = ktv("--data", str(seed), "fmt", "--check", "--today", TODAY, rc=1).stdout.splitlines()
    listed = [line for line in lines if "niet in vaste vorm:" in line]
    assert listed == ["niet in vaste vorm: ktv.toml", "niet in vaste vorm: perioden/a.toml"]
