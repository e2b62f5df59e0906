"""A TOML syntax error is a `toml-syntax` problem with a cause code and its line (issue 18 item 5):
a consumer reads `params["oorzaak"]`, never the Dutch message."""

from __future__ import annotations

import pytest

from store.fields import FileContext
from store.toml_decode import SYNTAX_CAUSES, decode_toml

CASES = [
    ("a = 1\na = 2\n", 2, "dubbele-sleutel"),
    ("[x]\n[x]\n", 2, "dubbele-tabel"),
    ("a 1\n", 1, "is-teken-verwacht"),
    ("[x\n", 1, "tabelnaam-open"),
    ("a = 1 b\n", 1, "iets-achter-waarde"),
    ("a = ja\n", 1, "ongeldige-waarde"),
    ('a = "abc\n', 1, "ongeldig-teken"),
    ('a = "x\\q"\n', 1, "losse-backslash"),
    ('a = "\\uZZZZ"\n', 1, "ongeldige-escape"),
    ('x = 1\na = """abc\n', 3, "tekst-open"),
    ("a = " + "[" * 3000 + "]" * 3000 + "\n", None, "te-diep"),
]


@pytest.mark.parametrize(("text", "line", "cause"), CASES)
def test_syntax_errors_carry_a_cause_and_a_line(text: str, line: int | None, cause: str) -> None:
    ctx = FileContext("perioden/p.toml", text)
    assert decode_toml(ctx) is None
    [problem] = ctx.problems
    assert (problem.code, problem.params["oorzaak"]) == ("toml-syntax", cause)
    if line is not None:
        assert problem.line == line
    assert problem.message == f"TOML-syntaxfout: {SYNTAX_CAUSES[cause]}"


def test_conflict_markers_come_before_syntax() -> None:
    ctx = FileContext("perioden/p.toml", "schema = 1\n<<<<<<< HEAD\na = 1\n=======\na = 2\n>>>>>>> x\n")
    assert decode_toml(ctx) is None
    assert [(p.code, p.line) for p in ctx.problems] == [("conflictmarkering", n) for n in (2, 4, 6)]
