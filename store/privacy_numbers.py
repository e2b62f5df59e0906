"""Phone numbers and IBANs in a text, for store/privacy.py (SPEC §2 and §8; the rules are in
privacy.py's docstring), and `_Span`, the hit every detector there yields.

Split from privacy.py to keep it under 500 lines; privacy.py re-exports every name here, so
`from store.privacy import SERVICE_PREFIXES` (and `privacy._find_phone`) work as before."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

PHONE = "telefoonnummer"
IBAN = "iban"

SERVICE_PREFIXES = ("0800", "0900", "0906", "0909")
"""Free and paid service numbers belong to organisations, never to a person."""

IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28,
    "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
    "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
    "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20,
    "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18,
    "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24,
    "SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28, "TL": 23, "TN": 24,
    "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}  # fmt: skip
"""IBAN length per country (SWIFT IBAN registry): a fixed length keeps the check from guessing
where an IBAN ends when a word follows it."""


@dataclass(frozen=True)
class _Span:
    """A hit with its place in the text, so that overlapping hits can be resolved."""

    start: int
    end: int
    kind: str

    def overlaps(self, other: _Span) -> bool:
        return self.start < other.end and other.start < self.end


_Detector = Callable[[str], Iterator[_Span]]

_ANY_DIGIT = re.compile(r"\d", re.ASCII)


def _only_digits(text: str) -> str:
    return "".join(char for char in text if char.isdigit())


# --- phone -----------------------------------------------------------------------------------


_SEP = r"(?:\ ?[-/]\ ?|[\ .])"
"""Between the digits of a phone number: a space, a dot, or a dash or slash with or without
spaces around it (`06 - 12345678`, `06/12345678`)."""


def _digits(count: int) -> str:
    """Pattern for `count` digits with at most one separator between any two of them."""
    return rf"\d(?:{_SEP}?\d){{{count - 1}}}"


_PHONE = re.compile(
    rf"""
    (?<![^\W_])(?<!\+)              # not glued to a word or number
    (?: (?P<intl>(?:\+|00)31[\ -]?(?:\(0\)[\ -]?)?) (?P<intl_rest>(?=[1-9]){_digits(9)})
      | \((?P<area2>0[1-9])\)\ ? (?P<rest8>{_digits(8)})
      | \((?P<area3>0[1-9]\d)\)\ ? (?P<rest7>{_digits(7)})
      | \((?P<area4>0[1-9]\d\d)\)\ ? (?P<rest6>{_digits(6)})
      | (?P<national>0[1-9](?:{_SEP}?\d){{8}}) )
    (?!\d)
    """,
    re.ASCII | re.VERBOSE,
)
_SEPARATOR = re.compile(r"\ ?[-/]\ ?|[ .]")
_ANY_INTERNATIONAL = re.compile(r"(?<![\w+])\+\d(?:[\ .\-/]?(?:\(0\)\ ?)?\d)*", re.ASCII)
"""Any number written with a `+` and a country code: a phone number when it has 9 to 15 digits."""


def _phone_layout_ok(number: str, area_lengths: range) -> bool:
    """Whether the digit groups look like a phone number and not like a date and a time.

    Before the first separator comes the area code, of a length in `area_lengths`; after it,
    groups of two digits or more, split by one kind of separator: a space or the first one again.
    So ``010-123 4567`` and ``06 12 34 56 78`` pass, ``01-03-2017 10`` does not.
    """
    first = _SEPARATOR.search(number)
    if first is None:
        return True
    area, rest = number[: first.start()], number[first.end() :]
    return len(area) in area_lengths and _subscriber_ok(rest, {" ", first.group()})


def _subscriber_ok(rest: str, allowed: set[str]) -> bool:
    """Groups of two digits or more, split by a single kind of separator out of `allowed`."""
    separators = set(_SEPARATOR.findall(rest))
    groups = _SEPARATOR.split(rest)
    return len(separators) <= 1 and separators <= allowed and min(map(len, groups)) >= 2


def _national_phone(match: re.Match[str]) -> str | None:
    """The ten national digits of a phone match, or None when its layout is implausible."""
    if match["intl_rest"] is not None:
        rest = match["intl_rest"]
        return "0" + _only_digits(rest) if _phone_layout_ok(rest, range(1, 4)) else None
    for area, rest in (("area2", "rest8"), ("area3", "rest7"), ("area4", "rest6")):
        if match[area] is not None:
            subscriber = match[rest]
            if not _subscriber_ok(subscriber, {" ", "-", "."}):
                return None
            return match[area] + _only_digits(subscriber)
    national = match["national"]
    return _only_digits(national) if _phone_layout_ok(national, range(2, 5)) else None


def _find_phone(text: str) -> Iterator[_Span]:
    for match in _PHONE.finditer(text):
        digits = _national_phone(match)
        if digits is not None and not digits.startswith(SERVICE_PREFIXES):
            yield _Span(match.start(), match.end(), PHONE)
    for match in _ANY_INTERNATIONAL.finditer(text):
        count = len(_ANY_DIGIT.findall(match.group().replace("(0)", "")))
        if 9 <= count <= 15:
            yield _Span(match.start(), match.end(), PHONE)


# --- IBAN ------------------------------------------------------------------------------------

_IBAN_START = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{2})(\d{2})", re.ASCII)


def _iban_end(text: str, start: int, length: int) -> int | None:
    """End of an IBAN of `length` characters from `start`, single spaces allowed in between.

    None when the text runs out first or the IBAN would end inside a longer word or number.
    """
    taken = 0
    pos = start
    while taken < length:
        if pos < len(text) and text[pos].isascii() and text[pos].isalnum():
            taken += 1
            pos += 1
        elif taken and text[pos : pos + 1] == " " and text[pos + 1 : pos + 2].isalnum():
            pos += 1
        else:
            return None
    if pos < len(text) and text[pos].isalnum():
        return None
    return pos


def _iban_checks(iban: str) -> bool:
    """ISO 13616 mod-97: move the first four characters to the end, letters as 10..35."""
    rearranged = iban[4:] + iban[:4]
    return int("".join(str(int(char, 36)) for char in rearranged)) % 97 == 1


def _find_iban(text: str) -> Iterator[_Span]:
    for match in _IBAN_START.finditer(text):
        length = IBAN_LENGTHS.get(match.group(1).upper())
        if length is None:
            continue
        end = _iban_end(text, match.start(), length)
        if end is not None and _iban_checks(text[match.start() : end].replace(" ", "").upper()):
            yield _Span(match.start(), end, IBAN)
