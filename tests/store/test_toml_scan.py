"""store.toml_io.scan_toml: conflict markers and comments only outside TOML strings (SPEC §2)."""

from __future__ import annotations

import tomllib

import pytest

from store.toml_io import conflict_marker_lines, scan_toml, toml_comments

INSIDE = [
    'a = """\n=======\n"""\n',
    "a = '''\n=======\n'''\n",
    'a = """\n<<<<<<< HEAD\n>>>>>>> tak\n"""\n',
    'a = """x \\""" nog steeds tekst\n=======\n"""\n',
    'a = """\n=======\n"""""\n',
    "a = '''\n=======\n'''''\n",
    'a = """\n\\\n=======\n"""\n',
]


@pytest.mark.parametrize("text", INSIDE)
def test_markers_inside_multiline_strings_are_text(text):
    tomllib.loads(text)  # the examples are valid TOML
    assert conflict_marker_lines(text) == []


OUTSIDE = [
    ("<<<<<<< HEAD\na = 1\n=======\na = 2\n>>>>>>> tak\n", [1, 3, 5]),
    ('a = """\n=======\n"""\n=======\n', [4]),
    ('a = "\\"""\n=======\n', [2]),  # a one-line string holding quotes ends on its line
    ("a = '''x'''\n=======\n", [2]),
    ('a = "x" # """\n=======\n', [2]),  # quotes in a comment open no string
]


@pytest.mark.parametrize(("text", "lines"), OUTSIDE)
def test_markers_outside_strings_are_found(text, lines):
    assert conflict_marker_lines(text) == lines


def test_comments_outside_strings_only():
    text = (
        "# boven\n"
        'a = "#geen" # eind\n'
        "b = '#geen'\n"
        'c = """\n# geen commentaar\n"""  # na tekst\n'
        "d = '''#'''#plak\n"
    )
    tomllib.loads(text)
    assert toml_comments(text) == [(1, " boven"), (2, " eind"), (6, " na tekst"), (7, "plak")]
    assert scan_toml(text).conflict_lines == []
