"""`ktv check` reads TOML 1.0 only: a TOML 1.1 file is an error, so the folder stays readable
by any TOML 1.0 tool, even though the Rust parser that reads most files could take it."""

from __future__ import annotations

import pytest

TODAY = "2017-05-20"
PERIOD = "perioden/2016-02-12-aaaaa.toml"

TOML_1_1 = {
    "inline table over lines": (
        "[beoordeling.werknemer]\n",
        "[beoordeling]\nwerknemer = {\n  cijfer = 7.0,\n}\n[beoordeling.oud]\n",
    ),
    "escape \\e": ('jobcoach = "IJ"\n', 'jobcoach = "IJ"\nopmerking = "\\e[1m"\n'),
    "time without seconds": ('jobcoach = "IJ"\n', 'jobcoach = "IJ"\nopmerking = 10:30\n'),
}


@pytest.mark.parametrize(("old", "new"), TOML_1_1.values(), ids=TOML_1_1.keys())
def test_a_toml_1_1_file_is_a_syntax_error_with_its_line(ktv, seed, old, new):
    path = seed / PERIOD
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    result = ktv("--data", str(seed), "check", "--today", TODAY, rc=1)
    errors = [line for line in result.stdout.splitlines() if f"{PERIOD}:" in line]
    assert len(errors) == 1, result.stdout
    assert ": fout: TOML-syntaxfout" in errors[0]
    line = int(errors[0].split(":")[1])
    assert 5 <= line <= 10
