"""Tests for store.privacy: personal data where only pseudonym codes belong (SPEC §2, §8)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.privacy import (
    PersonalDataHit,
    find_personal_data,
    find_personal_data_in_code,
    is_valid_bsn,
)

WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2)


def kinds(hits: list[PersonalDataHit]) -> list[str]:
    return [hit.kind for hit in hits]


def texts_of(hits: list[PersonalDataHit], kind: str) -> list[str]:
    return [hit.text for hit in hits if hit.kind == kind]


def bsn_check_digit(first_eight: str) -> int:
    """The ninth digit that makes the eleven-test pass (10 means no valid BSN exists)."""
    return sum(w * int(d) for w, d in zip(WEIGHTS, first_eight, strict=True)) % 11


def iban_with_check(country: str, bban: str) -> str:
    """An IBAN built by the ISO 13616 recipe, independent of the module's own check."""
    numeric = "".join(str(int(char, 36)) for char in bban + country + "00")
    return f"{country}{98 - int(numeric) % 97:02d}{bban}"


# --- BSN eleven-test ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "digits",
    ["111222333", "123456782", "999999990", "100000009", "010000008", "835337406", "278683873"],
)
def test_valid_bsn(digits: str) -> None:
    assert is_valid_bsn(digits)


@pytest.mark.parametrize(
    "digits",
    [
        "123456789",
        "111222334",
        "999999999",
        "000000000",
        "00000000",
        "1234567",
        "1234567820",
        "12345678a",
        "",
        "123 456 782",
        "١٢٣٤٥٦٧٨٢",  # Arabic-Indic digits are no BSN
    ],
)
def test_invalid_bsn(digits: str) -> None:
    assert not is_valid_bsn(digits)


@pytest.mark.parametrize("digits", ["12345672", "10000008", "98765401"])
def test_eight_digit_bsn_is_read_with_a_leading_zero(digits: str) -> None:
    assert is_valid_bsn(digits) == is_valid_bsn("0" + digits)
    assert is_valid_bsn(digits)
    assert texts_of(find_personal_data(f"BSN {digits}"), "bsn") == [digits]


# --- BSN in text -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("BSN 123456782", "123456782"),
        ("bsn: 111222333.", "111222333"),
        ("nummer 999999990 klopt", "999999990"),
        ("(123456782)", "123456782"),
        ("oud nummer 12345672", "12345672"),
        ("BSN 010000008 genoteerd", "010000008"),
        ("BSN 1234.56.782", "1234.56.782"),
        ("BSN 1234 56 782", "1234 56 782"),
        ("BSN 123 456 782", "123 456 782"),
        ("BSN 123.456.782, zie dossier", "123.456.782"),
        ("WN123456782", "123456782"),
    ],
)
def test_bsn_found(text: str, found: str) -> None:
    hits = find_personal_data(text)
    assert texts_of(hits, "bsn") == [found]
    assert hits[0].description == f"een BSN ({found})"


@pytest.mark.parametrize(
    "text",
    [
        "123456789",
        "12345678",
        "1234567820",
        "11112223334",
        "1234567",
        "00000000",
        "000000000",
        "€ 123.456.782",
        "EUR 123.456.782",
        "1.123.456.782",
        "123.456.782,00",
        "1234.56.7820",
        "31-03-2017",
        "2017",
        "€ 1.250,00",
    ],
)
def test_bsn_not_found(text: str) -> None:
    assert "bsn" not in kinds(find_personal_data(text))


# --- phone numbers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "0612345678",
        "06-12345678",
        "06 12345678",
        "06 1234 5678",
        "06 12 34 56 78",
        "06.12345678",
        "010 123 4567",
        "010-1234567",
        "010-123 4567",
        "020-1234567",
        "0111-123456",
        "+31 6 1234 5678",
        "+31612345678",
        "+31-6-12345678",
        "+31 (0)6 12345678",
        "+31 20 123 4567",
        "0031 6 12345678",
        "0031612345678",
        "(010) 123 4567",
        "(06) 12345678",
        "(0111) 123456",
        "088-1234567",
    ],
)
def test_phone_found(number: str) -> None:
    for text in (number, f"Bel {number} na 17 uur.", f"tel: {number}", f"({number})"):
        hits = find_personal_data(text)
        assert texts_of(hits, "telefoonnummer") == [number], text
        assert len(hits) == 1, text
    assert find_personal_data(number)[0].description == f"een telefoonnummer ({number})"


@pytest.mark.parametrize(
    "text",
    [
        "op 01-03-2017 10:30 gebeld",
        "05.06.2017 12 uur",
        "0800-1234567",
        "0900-1234567",
        "0800 0222",
        "061234567",
        "061234567890",
        "00612345678",
        "06-2017",
        "10:30",
        "85%",
        "€ 1.250,00",
        "WN-2017-014",
        "+32 1234",
        "+1 555 0100",
        "WN0612345678",
    ],
)
def test_phone_not_found(text: str) -> None:
    assert "telefoonnummer" not in kinds(find_personal_data(text))


# --- e-mail ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("jan@voorbeeld.nl", "jan@voorbeeld.nl"),
        ("mail j.de.vries@gemeente-utrecht.nl vandaag", "j.de.vries@gemeente-utrecht.nl"),
        ("a@b.nl", "a@b.nl"),
        ("info+jobcoach@example.com", "info+jobcoach@example.com"),
        ("Piet_Jansen@mail.co.uk", "Piet_Jansen@mail.co.uk"),
        ("mail: JAN@VOORBEELD.NL.", "JAN@VOORBEELD.NL"),
        ("<kees@hotmail.com>", "kees@hotmail.com"),
        ("jörg@beispiel.de", "jörg@beispiel.de"),
        ("x.y-z@sub.domein.org, en verder", "x.y-z@sub.domein.org"),
        ("WN-jan@x.nl", "WN-jan@x.nl"),
    ],
)
def test_email_found(text: str, found: str) -> None:
    hits = find_personal_data(text)
    assert texts_of(hits, "e-mail") == [found]
    assert hits[0].description == f"een e-mailadres ({found})"


@pytest.mark.parametrize(
    "text",
    [
        "@jan",
        "jan@",
        "jan@voorbeeld",
        "jan @ voorbeeld.nl",
        "jan@@voorbeeld.nl",
        "@voorbeeld.nl",
        "voorbeeld.nl",
        "a@b.c",
        "2 @ €5",
        "overleg @ kantoor",
    ],
)
def test_email_not_found(text: str) -> None:
    assert "e-mail" not in kinds(find_personal_data(text))


# --- IBAN --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "iban",
    [
        "NL91ABNA0417164300",
        "NL91 ABNA 0417 1643 00",
        "nl91abna0417164300",
        "NL20INGB0001234567",
        "NL39 RABO 0300 0652 64",
        "NL86INGB0002445588",
        "DE89370400440532013000",
        "DE89 3704 0044 0532 0130 00",
        "BE68539007547034",
        "BE68 5390 0754 7034",
        "GB29NWBK60161331926819",
        "FR1420041010050500013M02606",
        "ES9121000418450200051332",
    ],
)
def test_iban_found(iban: str) -> None:
    for text in (iban, f"IBAN: {iban}.", f"rekening {iban} van de werknemer"):
        hits = find_personal_data(text)
        assert texts_of(hits, "iban") == [iban], text
        assert len(hits) == 1, text
    assert find_personal_data(iban)[0].description == f"een IBAN ({iban})"


@pytest.mark.parametrize(
    "text",
    [
        "NL91ABNA0417164301",
        "NL91 ABNA 0417 1643 01",
        "NL00ABNA0417164300",
        "XX91ABNA0417164300",
        "NL91ABNA041716430",
        "NL91ABNA04171643001",
        "NL91 ABNA",
        "NL2017",
        "BE68 5390 0754 7035",
        "WN-2017-014",
    ],
)
def test_iban_not_found(text: str) -> None:
    assert "iban" not in kinds(find_personal_data(text))


# --- dates of birth in codes -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "found"),
    [
        ("WN-19850312", "19850312"),
        ("WN-12031985", "12031985"),
        ("12-03-1985", "12-03-1985"),
        ("1985-03-12", "1985-03-12"),
        ("WN_1985_03_12", "1985_03_12"),
        ("WN 12.03.1985", "12.03.1985"),
        ("12/3/1985", "12/3/1985"),
        ("JJ120385", "120385"),
        ("WN-12-03-85", "12-03-85"),
        ("WN-29021984", "29021984"),
        ("WN-290200", "290200"),
        ("19300101", "19300101"),
        ("WN-31122005", "31122005"),
    ],
)
def test_date_of_birth_found_in_code(code: str, found: str) -> None:
    hits = find_personal_data_in_code(code)
    assert hits == [PersonalDataHit("geboortedatum", found, f"een geboortedatum ({found})")]


@pytest.mark.parametrize(
    "code",
    [
        "WN-014",
        "WG-003",
        "WG-0042",
        "WN-2017-014",
        "2017-05",
        "2017",
        "IJ",
        "K3X9",
        "WN-2017-120385",
        "WN-320385",
        "WN-123456",
        "WN-000123",
        "WN-12131985",
        "WN-29021985",
        "WN-18991231",
        "WN-19000101",
        "WN-20260101",
        "WN-01-13-85-2",
    ],
)
def test_date_of_birth_not_found_in_code(code: str) -> None:
    assert find_personal_data_in_code(code) == []


@pytest.mark.parametrize(
    "text",
    ["31-03-2017", "einde 2017-03-31", "JJ120385", "2016-2017", "periode 2016-02-12-aaaaa"],
)
def test_recent_dates_are_no_personal_data_in_free_text(text: str) -> None:
    """A date less than 14 years ago is when something happened, not a date of birth."""
    assert find_personal_data(text) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Geboren 12-03-1985", "12-03-1985"),
        ("geboortedatum 1985-03-12.", "1985-03-12"),
        ("geboren op 12 maart 1985", "12 maart 1985"),
        ("geb. 3 mrt 1961", "3 mrt 1961"),
        ("12.03.1985", "12.03.1985"),
    ],
)
def test_dates_of_birth_in_free_text(text: str, found: str) -> None:
    """SPEC §2: a date 14 to 110 years before today in free text is a date of birth."""
    assert texts_of(find_personal_data(text), "geboortedatum") == [found]


@pytest.mark.parametrize(
    "number", ["+32 475 12 34 56", "+49 151 12345678", "+1 202 555 0143", "06/12345678", "06 - 12345678"]
)
def test_other_phone_forms(number: str) -> None:
    """SPEC §2: any `+` with 9 to 15 digits, and a slash or a spaced dash after the area code."""
    assert texts_of(find_personal_data(f"bel {number} morgen"), "telefoonnummer") == [number]


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("WN-123456782", "bsn"),
        ("WN-0612345678", "telefoonnummer"),
        ("jan@voorbeeld.nl", "e-mail"),
        ("NL91ABNA0417164300", "iban"),
    ],
)
def test_code_check_includes_free_text_check(code: str, kind: str) -> None:
    assert kinds(find_personal_data_in_code(code)) == [kind]


# --- what must never be flagged ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "WN-014",
        "WG-003",
        "WN-2017-014",
        "2017-05",
        "2017",
        "2016-2017",
        "€ 1.250,00",
        "€ 12.500",
        "1.250.000",
        "31-03-2017",
        "2016-06-01-k3x9",
        "periode 2016-06-01-k3x9 is afgerond",
        "10:30",
        "tussen 10:30 en 11:45 op 01-03-2017",
        "85%",
        "cijfer 7,5 en 7.5",
        "week 12",
        "Werknemer WN-014 gaf een 8; werkgever WG-003 een 7,5 (31-03-2017).",
        "Score 92,5% in 2017; doel 2018: 95%.",
    ],
)
def test_ordinary_text_is_clean(text: str) -> None:
    assert find_personal_data(text) == []


@pytest.mark.parametrize("code", ["WN-014", "WG-003", "WN-2017-014", "2017-05", "2017", "IJ"])
def test_ordinary_codes_are_clean(code: str) -> None:
    assert find_personal_data_in_code(code) == []


def test_several_hits_in_order_of_appearance() -> None:
    text = "Mail jan@voorbeeld.nl of bel 06-12345678; BSN 123456782, IBAN NL91ABNA0417164300."
    assert find_personal_data(text) == [
        PersonalDataHit("e-mail", "jan@voorbeeld.nl", "een e-mailadres (jan@voorbeeld.nl)"),
        PersonalDataHit("telefoonnummer", "06-12345678", "een telefoonnummer (06-12345678)"),
        PersonalDataHit("bsn", "123456782", "een BSN (123456782)"),
        PersonalDataHit("iban", "NL91ABNA0417164300", "een IBAN (NL91ABNA0417164300)"),
    ]


def test_each_occurrence_is_a_hit() -> None:
    text = "123456782 en 06-12345678 en nog eens 123456782"
    assert kinds(find_personal_data(text)) == ["bsn", "telefoonnummer", "bsn"]


def test_digits_of_a_phone_number_are_not_reported_again_as_bsn() -> None:
    number = next(f"06-{n:08d}" for n in range(10**7, 10**8) if is_valid_bsn(f"{n:08d}"))
    assert kinds(find_personal_data(number)) == ["telefoonnummer"]


def test_hit_is_frozen() -> None:
    hit = find_personal_data("a@b.nl")[0]
    with pytest.raises(AttributeError):
        hit.kind = "bsn"  # type: ignore[misc]


# --- properties --------------------------------------------------------------------------------

letters_and_spaces = st.text(
    alphabet=st.one_of(st.characters(categories=("Lu", "Ll", "Lt", "Lo")), st.just(" "))
)


@given(letters_and_spaces)
def test_letters_and_spaces_hold_no_personal_data(text: str) -> None:
    assert find_personal_data(text) == []
    assert find_personal_data_in_code(text) == []


@st.composite
def valid_bsns(draw: st.DrawFn) -> str:
    """A BSN built by construction: eight digits and the check digit that fits."""
    first_eight = draw(
        st.text(alphabet="0123456789", min_size=8, max_size=8).filter(
            lambda digits: bsn_check_digit(digits) != 10 and digits.strip("0")
        )
    )
    return first_eight + str(bsn_check_digit(first_eight))


@given(valid_bsns())
def test_constructed_bsn_is_valid(bsn: str) -> None:
    assert is_valid_bsn(bsn)
    if bsn.startswith("0"):
        assert is_valid_bsn(bsn[1:])


@given(valid_bsns(), st.integers(0, 8), st.integers(1, 9))
def test_one_wrong_digit_fails_the_eleven_test(bsn: str, position: int, change: int) -> None:
    wrong = str((int(bsn[position]) + change) % 10)
    assert not is_valid_bsn(bsn[:position] + wrong + bsn[position + 1 :])


@given(valid_bsns(), letters_and_spaces, letters_and_spaces, st.booleans())
def test_constructed_bsn_in_text_is_found(bsn: str, before: str, after: str, short: bool) -> None:
    if short and bsn.startswith("0"):
        bsn = bsn[1:]
    text = f"{before} {bsn} {after}"
    assert texts_of(find_personal_data(text), "bsn") == [bsn]
    assert [hit.text for hit in find_personal_data_in_code(text)] == [bsn]


@given(
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=4, max_size=4),
    st.text(alphabet="0123456789", min_size=10, max_size=10),
    letters_and_spaces,
)
def test_constructed_dutch_iban_is_found(bank: str, account: str, after: str) -> None:
    iban = iban_with_check("NL", bank + account)
    spaced = " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
    for form in (iban, spaced):
        assert texts_of(find_personal_data(f"IBAN {form} {after}"), "iban") == [form]


@given(st.text(alphabet="0123456789 .-+()/@abcNLWGN_x٣", max_size=40))
@settings(max_examples=400)
def test_fast_path_never_hides_a_hit(text: str) -> None:
    """The digit-count shortcut gives exactly what the full detectors give."""
    from store import privacy

    normal = privacy.normalise(text)  # the detectors see the normalised text (SPEC §2: NFKC, digits)
    assert privacy.find_personal_data(text) == privacy._collect(normal, privacy._FREE_TEXT_DETECTORS)
    assert privacy.find_personal_data_in_code(text) == privacy._collect(normal, privacy._CODE_DETECTORS)


@pytest.mark.parametrize("code", ["WN-2016-05-11", "WN-20210301", "2016-06-01-k3x9"])
def test_recent_dates_in_codes_are_not_birth_dates(code: str) -> None:
    """A werknemer is of working age: a date less than 14 years ago is a period date, not a birth."""
    assert find_personal_data_in_code(code) == []
