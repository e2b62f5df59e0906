"""The shortcut for codes with one short number finds what the detectors find: nothing."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from store.privacy import _CODE_DETECTORS, _ONE_SHORT_NUMBER, _collect, find_personal_data_in_code

_SEPARATED = st.text(alphabet="ABCXYZabcxyz-_./ maartmeijuni", max_size=12)


@settings(max_examples=500)
@given(_SEPARATED, st.text(alphabet="0123456789", min_size=1, max_size=5), _SEPARATED)
def test_one_short_number_holds_no_personal_data(before, digits, after):
    code = before + digits + after
    assert _ONE_SHORT_NUMBER.fullmatch(code)
    assert _collect(code, _CODE_DETECTORS) == []
    assert find_personal_data_in_code(code) == []


def test_codes_with_more_are_still_looked_at():
    assert find_personal_data_in_code("WN-120385")  # a date of birth, DDMMYY
    assert find_personal_data_in_code("WN-1-3-85")  # two runs: a date with separators
    assert find_personal_data_in_code("jan@example.nl")
    assert not _ONE_SHORT_NUMBER.fullmatch("WN-02824-12")
