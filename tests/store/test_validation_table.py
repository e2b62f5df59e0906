"""A table of personal-data forms and control characters (SPEC §2), positive and negative, each
read as `ktv check` reads a period file: in a remark, a code, a comment or a file name."""

from __future__ import annotations

import pytest

from store.fields import FileContext
from store.folder import name_problem
from store.parse import parse_period
from store.validate import code_problem

BASE = 'schema = 1\nwerknemer = "{code}"\nwerkgever = "WG-003"\nbegin = 2016-06-01\n'


def codes_for_remark(remark: str) -> list[str]:
    text = BASE.format(code="WN-014") + f"opmerking = {_toml_string(remark)}\n"
    return _codes(text)


def codes_for_code(code: str) -> list[str]:
    found = _codes(BASE.format(code=_escaped(code)))
    if code_problem(code, None) is not None:
        found.append("code-geen-pseudoniem")
    return found


def codes_for_comment(comment: str) -> list[str]:
    return _codes(BASE.format(code="WN-014") + f"# {comment}\n")


def _codes(text: str) -> list[str]:
    ctx = FileContext("perioden/p.toml", text)
    parse_period(ctx, "p")
    return sorted({p.code for p in ctx.problems})


def _escaped(value: str) -> str:
    return "".join(
        f"\\u{ord(c):04x}" if ord(c) < 32 or 0x7F <= ord(c) <= 0x9F else ("\\" + c if c in '"\\' else c)
        for c in value
    )


def _toml_string(value: str) -> str:
    if "\n" in value:
        return '"""\n' + _escaped(value).replace("\\u000a", "\n") + '"""'
    return f'"{_escaped(value)}"'


PRIVATE = ["persoonsgegevens"]
CONTROL = ["stuurteken"]
CLEAN: list[str] = []

REMARKS = [
    # BSN, every written form, and what only looks like one
    ("BSN 123456782", PRIVATE),
    ("BSN 123-456-782", PRIVATE),
    ("BSN 123.456.782", PRIVATE),
    ("BSN 1234.56.782", PRIVATE),
    ("BSN 123\u00a0456\u00a0782", PRIVATE),
    ("BSN １２３４５６７８２", PRIVATE),
    ("BSN 12345672", PRIVATE),
    ("bsn 012345672", PRIVATE),
    ("nummer 123456789", CLEAN),
    ("€ 123.456.782", CLEAN),
    ("in 2016-2017 gestart", CLEAN),
    ("totaal 1.250.000", CLEAN),
    # e-mail
    ("mail jan@example.com", PRIVATE),
    ("mail jan＠example.com", PRIVATE),
    ("overleg @ kantoor", CLEAN),
    # phone numbers
    ("bel 0612345678", PRIVATE),
    ("bel 06-12345678", PRIVATE),
    ("bel 06/12345678", PRIVATE),
    ("bel 06 - 12345678", PRIVATE),
    ("bel 010 123 4567", PRIVATE),
    ("bel +31 6 1234 5678", PRIVATE),
    ("bel +31 (0)6 12345678", PRIVATE),
    ("bel +49 151 12345678", PRIVATE),
    ("bel +32 475 12 34 56", PRIVATE),
    ("bel ٠٦١٢٣٤٥٦٧٨", PRIVATE),
    ("bel 0800-1234567", CLEAN),
    ("op 01-03-2017 10:30 gebeld", CLEAN),
    ("score +12", CLEAN),
    # IBAN
    ("IBAN NL91ABNA0417164300", PRIVATE),
    ("IBAN NL91 ABNA 0417 1643 00", PRIVATE),
    # dates of birth: 14 to 110 years before today; later dates are when something happened
    ("Geboren 12-03-1985", PRIVATE),
    ("geboren 1985-03-12", PRIVATE),
    ("geboren 12 maart 1985", PRIVATE),
    ("geb. 3 mrt. 1961", PRIVATE),
    ("gestart 2016-06-01", CLEAN),
    ("einde 31-03-2017", CLEAN),
    ("oprichting 1 januari 1900", CLEAN),
    # control characters in a multi-line text
    ("regel een\nregel twee", CLEAN),
    ("kolom\tkolom", CLEAN),
    ("escape \x1b[2J", CONTROL),
    ("bel\x07", CONTROL),
    ("DEL\x7f", CONTROL),
    ("CSI \x9b", CONTROL),
    ("next line \x85", CONTROL),
    ("omgekeerd \u202e", CONTROL),
    ("isolaat \u2066x\u2069", CONTROL),
    ("nulbreedte \u200b", CONTROL),
    ("joiner \u200d", CONTROL),
    ("word joiner \u2060", CONTROL),
    ("bom \ufeff midden", CONTROL),
    ("zacht\u00adafbreekstreepje", CLEAN),
    ("café, één, Zoë", CLEAN),
]


@pytest.mark.parametrize(("remark", "expected"), REMARKS, ids=[repr(r[0]) for r in REMARKS])
def test_remark(remark, expected):
    assert codes_for_remark(remark) == expected


CODES = [
    ("WN-014", CLEAN),
    ("WN-2017-014", CLEAN),
    ("K3X9", CLEAN),
    ("Jan Jansen", ["code-geen-pseudoniem"]),
    ("jansen", ["code-geen-pseudoniem"]),
    ("WN 014", ["code-geen-pseudoniem"]),
    ("WN-19850312", PRIVATE),
    ("JJ120385", PRIVATE),
    ("12maart1985", PRIVATE),
    ("WN-0612345678", PRIVATE),
    ("WN-\t014", CONTROL),
    ("WN-\n014", CONTROL),
    ("WN-\u009b014", CONTROL),
    ("WN-\u200b014", CONTROL),
    ("ＷＮ-014", CLEAN),
]


@pytest.mark.parametrize(("code", "expected"), CODES, ids=[repr(c[0]) for c in CODES])
def test_code(code, expected):
    found = codes_for_code(code)
    assert found == expected or (expected == CONTROL and "stuurteken" in found), found


COMMENTS = [
    ("origineel in dossierkast 3", CLEAN),
    ("gebeld op 06-12345678", PRIVATE),
    ("BSN 123 456 782", PRIVATE),
    ("jan@example.com", PRIVATE),
    ("geboren 12-03-1985", PRIVATE),
    ("let op \u202e", CONTROL),
    ("gewijzigd 2017-03-01", CLEAN),
]


@pytest.mark.parametrize(("comment", "expected"), COMMENTS, ids=[repr(c[0]) for c in COMMENTS])
def test_comment(comment, expected):
    assert codes_for_comment(comment) == expected


NAMES = [
    ("0612345678.toml", "persoonsgegevens"),
    ("06-12345678.toml", "persoonsgegevens"),
    ("123456782.toml", "persoonsgegevens"),
    ("jan@example.com.toml", "persoonsgegevens"),
    ("2016-02-12-aaaaa.toml", None),
    ("2017-03-31-k3x9.toml", None),
    ("caf\udce9.toml", "ongeldige-naam"),
]


@pytest.mark.parametrize(("name", "expected"), NAMES, ids=[repr(n[0]) for n in NAMES])
def test_file_name(name, expected):
    problem = name_problem("perioden", name, data_dir=True)
    assert (problem.code if problem else None) == expected
    if problem is not None:
        assert problem.is_error and problem.file.startswith("perioden/")
        problem.file.encode("utf-8")  # always printable


def test_not_utf8_outside_the_data_folders_is_a_warning():
    problem = name_problem("rapporten", "caf\udce9.pdf", data_dir=False)
    assert problem is not None and not problem.is_error and problem.code == "ongeldige-naam"


def test_the_table_is_large_enough():
    assert len(REMARKS) + len(CODES) + len(COMMENTS) + len(NAMES) >= 50
