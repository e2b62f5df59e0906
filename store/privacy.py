"""SPEC §2 (validation) and §8: finding personal data where only pseudonym codes belong.

Provides `PersonalDataHit`, `is_valid_bsn`, `find_personal_data` (free text: opmerking, analyse,
conclusies, acties, herstelplan) and `find_personal_data_in_code` (werknemer/werkgever codes).

What is flagged, everywhere:

- a BSN: a maximal run of 8 or 9 digits (not part of a longer digit run) that passes the
  eleven-test, 8 digits read with a leading 0; also the written forms ``1234.56.782``,
  ``1234 56 782``, ``123.456.782`` and ``123 456 782`` (one separator kind throughout, not part of
  a longer number, not right after a currency sign: ``€ 123.456.782`` is an amount);
- an e-mail address;
- a Dutch phone number: ten digits starting with ``0`` (``0612345678``, ``06-12345678``,
  ``06 1234 5678``, ``010 123 4567``, ``(010) 123 4567``) or ``+31``/``0031`` with nine digits
  (``+31 6 1234 5678``, ``+31 (0)6 12345678``). The grouping must look like a phone number: an
  area part of 2-4 digits, then groups of at least two digits with one kind of separator, so that
  ``01-03-2017 10:30`` is no phone number. A number glued to letters (``WN0612345678``, the digits
  of ``NL00ABNA0417164300``) is not taken for one. Service numbers (0800, 0900, 0906, 0909) are
  not personal and not flagged;
- an IBAN of a known country with the right length and a valid mod-97 check, with or without
  spaces (``NL91 ABNA 0417 1643 00``, ``NL91ABNA0417164300``).

Only in codes, a date of birth:

- with a four-digit year (1900 .. this year − 14) and a valid calendar date: ``19850312``, ``12031985``
  (an 8-digit run read as yyyymmdd or ddmmyyyy), ``12-03-1985``, ``1985-03-12`` (separators
  ``-``, ``.``, ``/``, ``_`` or a space);
- with a two-digit year (``120385``, ``12-03-85``, read as day-month-year) only when the date is
  valid and holds every digit of the code. A 6-digit run is ambiguous: mostly it is a sequence
  number. Sequence numbers like ``000123`` are never a valid date, and "initials plus date of birth"
  (``JJ120385``) is exactly the habit this check exists for, so a code whose only digits form a
  valid ddmmyy date is flagged; a code with other digits as well (``WN-2017-120385``) is not.

Not flagged: codes like ``WN-014``, ``WN-2017-014``, ``2017-05``, years, amounts (``€ 1.250,00``),
times, percentages, and dates in free text (a remark may say when something happened). A date in
a code is flagged even if it is no birth date (``WN-20170314``): a code has no need for dates.
"""

from __future__ import annotations

import bisect
import contextlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from .privacy_numbers import (
    _ANY_DIGIT,
    IBAN,
    PHONE,
    _Detector,
    _find_iban,
    _find_phone,
    _Span,
)
from .privacy_numbers import _ANY_INTERNATIONAL as _ANY_INTERNATIONAL  # re-exported: they lived here
from .privacy_numbers import _IBAN_START as _IBAN_START
from .privacy_numbers import _PHONE as _PHONE
from .privacy_numbers import _SEP as _SEP
from .privacy_numbers import _SEPARATOR as _SEPARATOR
from .privacy_numbers import IBAN_LENGTHS as IBAN_LENGTHS
from .privacy_numbers import SERVICE_PREFIXES as SERVICE_PREFIXES
from .privacy_numbers import _digits as _digits
from .privacy_numbers import _iban_checks as _iban_checks
from .privacy_numbers import _iban_end as _iban_end
from .privacy_numbers import _national_phone as _national_phone
from .privacy_numbers import _only_digits as _only_digits
from .privacy_numbers import _phone_layout_ok as _phone_layout_ok
from .privacy_numbers import _subscriber_ok as _subscriber_ok

BSN = "bsn"
EMAIL = "e-mail"
DATE_OF_BIRTH = "geboortedatum"

_LABELS = {
    BSN: "een BSN",
    EMAIL: "een e-mailadres",
    PHONE: "een telefoonnummer",
    IBAN: "een IBAN",
    DATE_OF_BIRTH: "een geboortedatum",
}

BIRTH_YEARS_MIN, BIRTH_YEARS_MAX = 14, 110
"""SPEC §2: a date of birth lies 14 to 110 years before today. Werknemers in jobcoaching are of
working age: a later date is when something happened (`WN-2016-05-11` is the start of a period,
not a person)."""


@dataclass(frozen=True)
class PersonalDataHit:
    """One piece of personal data found in a text, ready for a Dutch message."""

    kind: str
    """One of "bsn", "e-mail", "telefoonnummer", "iban", "geboortedatum"."""
    text: str
    """The matched text as it appears."""
    description: str
    """Dutch, for a user message: "een BSN (123456782)"."""


# --- BSN -------------------------------------------------------------------------------------

_BSN_DIGITS = re.compile(r"[0-9]{8,9}")
_BSN_RUN = re.compile(r"(?<!\d)\d{8,9}(?!\d)", re.ASCII)
_BSN_GROUPED = re.compile(
    r"""
    (?<![\d.,])(?<!\d[\ .-])          # not the tail of a longer number
    \d{1,4} (?P<sep>[\ .-]) \d{1,4} (?: (?P=sep) \d{1,4} ){0,7}
    (?![\d]|[\ .,-]\d)                # nor the head of one
    """,
    re.ASCII | re.VERBOSE,
)
"""Digits with one kind of separator between groups: `123-456-782`, `1234.56.782`,
`123 456 782`, `1 2 3 4 5 6 7 8 2` (a non-breaking space is a space after NFKC)."""
_CURRENCY_BEFORE = re.compile(r"(?:€|\$|£|\beuro?)\s?$", re.IGNORECASE)


def is_valid_bsn(digits: str) -> bool:
    """The eleven-test for a BSN; 8 digits are read with a leading 0 (how old numbers are written).

    9*d1 + 8*d2 + ... + 2*d8 - 1*d9 must be divisible by 11, and all zeros is no number.
    """
    if not _BSN_DIGITS.fullmatch(digits):
        return False
    padded = digits.zfill(9)
    if padded == "000000000":
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(w * int(d) for w, d in zip(weights, padded, strict=True)) % 11 == 0


def _find_bsn(text: str) -> Iterator[_Span]:
    for match in _BSN_RUN.finditer(text):
        if is_valid_bsn(match.group()):
            yield _Span(match.start(), match.end(), BSN)
    for match in _BSN_GROUPED.finditer(text):
        if _CURRENCY_BEFORE.search(text, max(0, match.start() - 8), match.start()):
            continue
        digits = re.sub(r"\D", "", match.group())
        if len(digits) == 8 and not _eight_digit_layout(match.group()):
            continue  # 12-03-1985 is a date, 2016-2017 two years, not an old BSN
        if is_valid_bsn(digits):
            yield _Span(match.start(), match.end(), BSN)


def _eight_digit_layout(grouped: str) -> bool:
    """Whether 8 grouped digits may be an old BSN: three groups or more and no group of four,
    since `2016-2017` (two years) and `12-03-1985` (a date) are common in any text."""
    groups = re.split(r"[ .-]", grouped)
    return len(groups) >= 3 and max(map(len, groups)) < 4


# --- e-mail ----------------------------------------------------------------------------------

_EMAIL = re.compile(
    r"""
    (?<![\w.%+-])
    [\w%+-]+(?:\.[\w%+-]+)*           # local part, no leading/trailing/double dot
    @
    (?:[^\W_](?:[\w-]*[^\W_])?\.)+    # domain labels
    [^\W\d_]{2,}                      # top-level domain: letters
    (?![\w-])
    """,
    re.VERBOSE,
)


def _find_email(text: str) -> Iterator[_Span]:
    for match in _EMAIL.finditer(text):
        yield _Span(match.start(), match.end(), EMAIL)


# --- date of birth (codes only) -------------------------------------------------------------

_DATE_DMY = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})(?P<sep>[-./ _])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?!\d)",
    re.ASCII,
)
_DATE_YMD = re.compile(
    r"(?<!\d)(?P<y>\d{4})(?P<sep>[-./ _])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?!\d)", re.ASCII
)
_DIGIT_RUN = re.compile(r"(?<!\d)(?:\d{8}|\d{6})(?!\d)", re.ASCII)


def _is_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _years_before(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February in a year without one
        return today.replace(year=today.year - years, day=28)


AT_SIGNS = ("@", "\uff20", "\ufe6b")
"""`@`, the full-width `＠` and the small `﹫` (U+FE6B): NFKC makes each an `@`."""

_reference_day: date | None = None


def set_reference_day(day: date | None) -> None:
    """The day a date of birth is judged against: `--today` when given (SPEC §5: it replaces
    today wherever the program uses it); None is the clock."""
    global _reference_day
    _reference_day = day


@contextlib.contextmanager
def reference_day(day: date | None) -> Iterator[None]:
    """`set_reference_day` for a block (loading a folder), then back to what it was."""
    before = _reference_day
    set_reference_day(day)
    try:
        yield
    finally:
        set_reference_day(before)


def _in_birth_window(day: date) -> bool:
    """SPEC §2: a date of birth lies 14 to 110 years before today (`set_reference_day`)."""
    today = _reference_day or date.today()
    return _years_before(today, BIRTH_YEARS_MAX) <= day <= _years_before(today, BIRTH_YEARS_MIN)


def _plausible_birth_date(year: str, month: str, day: str) -> bool:
    """A valid calendar date; with a four-digit year 14 to 110 years before today, a two-digit
    one a valid date in either century (so 29-02-00 counts)."""
    y, m, d = int(year), int(month), int(day)
    if len(year) == 4:
        return _is_date(y, m, d) and _in_birth_window(date(y, m, d))
    return _is_date(1900 + y, m, d) or _is_date(2000 + y, m, d)


MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8,
    "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "oct": 10,
    "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_DATE_WORDS = re.compile(
    r"(?<![\w])(?P<d>\d{1,2})[\ .-]?(?P<m>"
    + "|".join(sorted(MONTHS, key=len, reverse=True))
    + r")\.?[\ .-]?(?P<y>\d{4})(?!\d)",
    re.IGNORECASE,
)
_TEXT_DMY = re.compile(r"(?<![\d.-])(?P<d>\d{1,2})(?P<sep>[-./])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})(?!\d)")
_TEXT_YMD = re.compile(r"(?<![\d.-])(?P<y>\d{4})(?P<sep>[-./])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d])")


def _find_birth_date_in_text(text: str) -> Iterator[_Span]:
    """`12-03-1985`, `1985-03-12`, `12 maart 1985`: a date 14 to 110 years before today. A more
    recent date (when a period began, when a form came back) is no date of birth."""
    for pattern in (_TEXT_DMY, _TEXT_YMD):
        for match in pattern.finditer(text):
            if _plausible_birth_date(match["y"], match["m"], match["d"]):
                yield _Span(match.start(), match.end(), DATE_OF_BIRTH)
    for match in _DATE_WORDS.finditer(text):
        month = MONTHS[match["m"].lower()]
        if _plausible_birth_date(match["y"], str(month), match["d"]):
            yield _Span(match.start(), match.end(), DATE_OF_BIRTH)


def _find_date_of_birth(code: str) -> Iterator[_Span]:
    digit_count = len(_ANY_DIGIT.findall(code))
    for pattern in (_DATE_DMY, _DATE_YMD):
        for match in pattern.finditer(code):
            year = match["y"]
            if len(year) == 2 and len(_ANY_DIGIT.findall(match.group())) != digit_count:
                continue
            if _plausible_birth_date(year, match["m"], match["d"]):
                yield _Span(match.start(), match.end(), DATE_OF_BIRTH)
    for match in _DIGIT_RUN.finditer(code):
        run = match.group()
        if len(run) == 8:
            found = _plausible_birth_date(run[:4], run[4:6], run[6:]) or _plausible_birth_date(
                run[4:], run[2:4], run[:2]
            )
        else:
            found = digit_count == 6 and _plausible_birth_date(run[4:], run[2:4], run[:2])
        if found:
            yield _Span(match.start(), match.end(), DATE_OF_BIRTH)


# --- putting it together ---------------------------------------------------------------------


def _collect(text: str, detectors: tuple[_Detector, ...]) -> list[PersonalDataHit]:
    """Run the detectors in order of precedence; a hit overlapping an earlier one is dropped.

    So the digits of a phone number or an IBAN are not reported once more as a BSN, and a date
    in a code is reported as a date even when its digits happen to pass the eleven-test.
    """
    kept: list[_Span] = []  # sorted by start, never overlapping
    for detector in detectors:
        for span in detector(text):
            place = bisect.bisect_left(kept, span.start, key=lambda other: other.start)
            neighbours = kept[max(0, place - 1) : place + 1]
            if not any(span.overlaps(other) for other in neighbours):
                kept.insert(place, span)
    return [_hit(text, span) for span in kept]


def _hit(text: str, span: _Span) -> PersonalDataHit:
    found = text[span.start : span.end]
    return PersonalDataHit(span.kind, found, f"{_LABELS[span.kind]} ({found})")


_FREE_TEXT_DETECTORS: tuple[_Detector, ...] = (
    _find_email,
    _find_iban,
    _find_phone,
    _find_birth_date_in_text,
    _find_bsn,
)
_CODE_DETECTORS: tuple[_Detector, ...] = (
    _find_email,
    _find_iban,
    _find_phone,
    _find_date_of_birth,
    _find_birth_date_in_text,
    _find_bsn,
)
_NAME_DETECTORS: tuple[_Detector, ...] = (_find_email, _find_phone, _find_bsn)


def normalise(text: str) -> str:
    """Text as it is compared (SPEC §2): NFKC, so full-width digits and `＠` and a non-breaking
    space are the plain ones, and any other script's decimal digits as 0-9."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKC", text)
    if text.isascii():
        return text
    return _UNICODE_DIGIT.sub(_ascii_digit, text)


_UNICODE_DIGIT = re.compile(r"\d")


def _ascii_digit(match: re.Match[str]) -> str:
    char = match.group()
    return char if char.isascii() else str(unicodedata.decimal(char, 0))


def find_personal_data(text: str) -> list[PersonalDataHit]:
    """Personal data in free text (remarks, meetjaar texts, comments), in order of appearance,
    including a date of birth (a date 14 to 110 years before today)."""
    if _too_few_digits(text, 5):  # BSN 8+, phone 9+, IBAN 12+, a date 5+ digits, or an e-mail's @
        return []
    return _collect(normalise(text), _FREE_TEXT_DETECTORS)


def find_personal_data_in_code(code: str) -> list[PersonalDataHit]:
    """Personal data in a pseudonym code: everything `find_personal_data` finds, plus dates of
    birth written the compact ways codes use (``WN-19850312``, ``JJ120385``)."""
    if _too_few_digits(code, 4):  # the shortest date of birth in a code ("1-3-85") has 4 digits
        return []
    if code.isascii() and _ONE_SHORT_NUMBER.fullmatch(code):
        # `WN-02824`: one run of at most five digits. Every date but a compact one needs two
        # runs (day and year apart), a compact date 6 or 8 digits, a BSN 8, a phone number 9:
        # nothing to find (tests/store/test_privacy_codes.py compares with the detectors).
        return []
    return _collect(normalise(code), _CODE_DETECTORS)


_ONE_SHORT_NUMBER = re.compile(r"[^0-9@]*[0-9]{1,5}[^0-9@]*")


def find_personal_data_in_name(name: str) -> list[PersonalDataHit]:
    """A BSN, e-mail address or phone number in a file or folder name. Dates are not looked
    for: a period id starts with its begin date."""
    date_prefix = _ISO_DATE_PREFIX.match(name)
    if date_prefix:  # `2016-02-12-...`: the begin date is no part of a phone number or BSN
        rest = name[date_prefix.end() :].removesuffix(".toml")
        if len(rest) < 8 and not any(at in rest for at in AT_SIGNS):
            return []  # the program's own ids (`2016-02-12-k3x9a`): too short to hold any
        name = " " * date_prefix.end() + name[date_prefix.end() :]
    if _too_few_digits(name, 8):
        return []
    return _collect(normalise(name), _NAME_DETECTORS)


_ISO_DATE_PREFIX = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?![0-9])")


def _too_few_digits(text: str, minimum: int) -> bool:
    """A fast no for the common case (codes like WN-014, plain remarks): every kind of personal
    data needs `minimum` digits or an @. Saves most of a cold load's privacy cost."""
    if any(at in text for at in AT_SIGNS):
        return False
    count = 0
    for _match in _ANY_UNICODE_DIGIT.finditer(text):
        count += 1
        if count >= minimum:
            return False
    return True


_ANY_UNICODE_DIGIT = re.compile(r"\d")
