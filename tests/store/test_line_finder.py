"""`quick_line` finds a key's line without scanning the file, and never disagrees with the scan."""

from __future__ import annotations

import tomllib

from hypothesis import given, settings
from hypothesis import strategies as st

from store.line_finder import LineFinder, quick_line
from store.toml_io import key_lines, line_of

PERIOD = """\
id = "2026-01-05-ab12c"
werknemer = "WN-1"
werkgever = "WG-1"
begin = 2026-01-05
einde = 2026-06-30
jobcoach = "mk"

[beoordeling.werknemer]
ontvangen = 2026-07-03
cijfer = 8

[beoordeling.werkgever]  # per post
ontvangen   =   2026-07-10
cijfer = 7

[ontbreekt]
werkgever = "niet teruggestuurd"
"""


def _scan(text: str, path: tuple) -> int | None:
    return line_of(key_lines(text), path)


def test_plain_keys_and_tables_are_found_without_a_scan():
    cases = {
        ("werknemer",): 2,
        ("jobcoach",): 6,
        ("beoordeling", "werknemer"): 8,
        ("beoordeling", "werknemer", "ontvangen"): 9,
        ("beoordeling", "werkgever"): 12,
        ("beoordeling", "werkgever", "ontvangen"): 13,
        ("ontbreekt", "werkgever"): 17,
    }
    for path, line in cases.items():
        assert quick_line(PERIOD, path) == line == _scan(PERIOD, path)


def test_crlf_counts_lines_as_toml_does():
    text = PERIOD.replace("\n", "\r\n")
    assert (
        quick_line(text, ("beoordeling", "werkgever", "cijfer"))
        == 14
        == _scan(text, ("beoordeling", "werkgever", "cijfer"))
    )


def test_what_only_the_scan_can_tell_is_left_to_it():
    multi = PERIOD.replace('jobcoach = "mk"', 'opmerking = """\n[beoordeling.werknemer]\nontvangen = 1\n"""')
    assert quick_line(multi, ("beoordeling", "werknemer", "ontvangen")) is None
    array = PERIOD + 'lijst = [\n  "a",\n]\n'
    assert quick_line(array, ("ontbreekt", "werkgever")) is None
    dotted = "[beoordeling]\nwerknemer.ontvangen = 2026-07-03\n"
    assert quick_line(dotted, ("beoordeling", "werknemer", "ontvangen")) is None
    assert quick_line(PERIOD, ("beoordeling", "werknemer", "bijlage")) is None  # absent key
    assert quick_line("[a]\nx = 1\n", ("x",)) is None  # no top-level keys at all
    assert quick_line("[a]\n[b]\nx = 1\n", ("a", "x")) is None  # empty section


_LINES = st.sampled_from(
    [
        "",
        "# [a]",
        "x = 1",
        "y=2",
        "  x = 3",
        "z = 'a = b'",
        '"x" = 4',
        "a.x = 5",
        "[a]",
        "[a.b]",
        "[ a ]",
        "[a]  # c",
        "[[a]]",
        "[b]",
        "x = [1, 2]",
        "s = '''",
        's = """',
        "'''",
        '"""',
        "t = '[a]'",
        "x = 1\r",
    ]
)
_PATHS = st.lists(st.sampled_from(["a", "b", "x", "y", "z", "s"]), min_size=1, max_size=3).map(tuple)


@settings(max_examples=400, deadline=None)
@given(st.lists(_LINES, max_size=14), _PATHS)
def test_quick_line_agrees_with_the_full_scan(lines, path):
    """On every text that is TOML (the checks see only files that loaded)."""
    text = "\n".join(lines) + "\n"
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return
    quick = quick_line(text, path)
    assert quick is None or quick == _scan(text, path)
    assert LineFinder({"f": text})("f", *path) == _scan(text, path)


def test_a_finder_rescans_a_text_that_changed():
    texts = {"f": "[a]\nx = [1]\n"}
    finder = LineFinder(texts)
    assert finder("f", "a", "x") == 2
    texts["f"] = "\n\n[a]\nx = [1]\n"
    assert finder("f", "a", "x") == 4
