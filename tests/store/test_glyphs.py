"""The glyph check's shortcuts give what the character-by-character answer gives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from store.glyphs import drawable, stand_in, undrawable


def test_every_printable_ascii_character_is_drawable():
    """`undrawable` answers [] for ASCII text without looking: that holds only while this does."""
    assert all(drawable(chr(code)) for code in range(0x20, 0x7F))


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_shortcuts_agree_with_checking_each_character(text):
    import unicodedata

    expected = []
    for char in text:
        if char not in expected and not drawable(char) and unicodedata.category(char) not in ("Cc", "Cf"):
            expected.append(char)
    assert undrawable(text) == expected
    if not expected:
        assert stand_in(text) == text
    else:
        assert all(f"U+{ord(char):04X}" in stand_in(text) for char in expected)


def test_an_emoji_is_named_once_in_order():
    assert undrawable("a😀b😀c🦄") == ["😀", "🦄"]
