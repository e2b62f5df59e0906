"""Spreadsheet cells to values (SPEC §10): dates, cijfers, header names, the formula guard."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from store.sheet import cell_date, cell_number, cell_text, column_letter, header_key
from store.sheet_files import guard, sniff_delimiter, unguard


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("31-03-2017", date(2017, 3, 31)),
        ("1-3-2017", date(2017, 3, 1)),  # Dutch Excel's own short date
        ("2017-03-31", date(2017, 3, 31)),
        (" 2017-3-1 ", date(2017, 3, 1)),
        (date(2017, 3, 31), date(2017, 3, 31)),
        (datetime(2017, 3, 31), date(2017, 3, 31)),  # a date cell read with its midnight
        (datetime(2017, 3, 31, 14, 5), None),
        ("31-02-2017", None),
        ("2017-13-01", None),
        ("31/03/2017", None),
        ("morgen", None),
        (42826.0, None),  # a serial number is no date
    ],
)
def test_cell_date(cell, expected) -> None:
    assert cell_date(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("7,5", Decimal("7.5")),
        ("7.5", Decimal("7.5")),
        ("7,55", Decimal("7.55")),  # read as written, so the rule of one decimal can refuse it
        (7.5, Decimal("7.5")),
        (11.0, Decimal("11")),
        (8, Decimal("8")),
        ("zeven", None),
        ("1e3", None),
        ("7,5,1", None),
        (True, None),
    ],
)
def test_cell_number(cell, expected) -> None:
    assert cell_number(cell) == expected


def test_cell_text_of_numbers_and_dates() -> None:
    assert cell_text(12345.0) == "12345"  # a code typed as a number
    assert cell_text("  WN-1 ") == "WN-1"
    assert cell_text(None) == ""
    assert cell_text(date(2017, 3, 1)) == "01-03-2017"


def test_header_names_ignore_case_spaces_and_underscores() -> None:
    assert header_key(" WN Cijfer ") == header_key("wn_cijfer") == header_key("Wn_Cijfer")
    assert header_key("Werknemer") == "werknemer"
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]


@given(st.text())
def test_formula_guard_round_trips(text: str) -> None:
    guarded = guard(text)
    assert not guarded.startswith(("=", "+", "-", "@"))
    assert unguard(guarded) == text


def test_delimiter_from_the_header_line() -> None:
    assert sniff_delimiter("\nwerknemer;werkgever;begin\nWN,1;x;y\n") == ";"
    assert sniff_delimiter("werknemer,werkgever,begin\n") == ","
    assert sniff_delimiter("werknemer\twerkgever\tbegin\n") == "\t"
    assert sniff_delimiter("werknemer\n") == ";"


def test_unclosed_quote_line_and_decoding() -> None:
    from store.sheet_csv import decode_csv, split_sep_line, unclosed_quote_line

    assert unclosed_quote_line('a;b\n"x;y\nz\n', ";") == 2
    assert unclosed_quote_line('a;b\n"x\n""y"";z"\nq;r\n', ";") is None  # closed, with "" inside
    assert unclosed_quote_line('a;b\nx"y;z\n', ";") is None  # a quote inside a field is text
    assert decode_csv(b"\xff\xfe" + "é;ü".encode("utf-16-le")) == "é;ü"
    assert decode_csv("é;ü".encode("cp1252")) == "é;ü"
    assert split_sep_line("sep=,\r\na,b\n") == (",", "a,b\n", 1)
    assert split_sep_line("a;b\n")[0] is None


def test_spreadsheet_changes_and_stable_ids() -> None:
    from datetime import date

    from store.sheet import cell_date, is_two_digit_year, typed
    from store.sheet_export import changed_by_spreadsheet
    from store.sheet_match import stable_id

    for text in ("0012345", "1e2", "3-4", "1/2", "12345678901234567890"):
        assert changed_by_spreadsheet(text), text
    for text in ("WN-014", "2016-06-01-abcde", "IJ", "7"):
        assert not changed_by_spreadsheet(text), text
    assert cell_date("12-02-16") == date(2016, 2, 12) and is_two_digit_year("12-02-16")
    assert not is_two_digit_year("12-02-2016")
    assert typed(6.55) == "6,55" and typed("6,55") == "6,55"
    first = stable_id("WN-1", "WG-1", date(2016, 1, 1), lambda _: False)
    assert first == stable_id(" wn-1", "wg-1 ", date(2016, 1, 1), lambda _: False)
    assert stable_id("WN-1", "WG-1", date(2016, 1, 1), lambda c: c == first) != first
