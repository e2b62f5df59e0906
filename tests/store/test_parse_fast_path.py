"""The fast path for clean period files agrees exactly with the full, message-giving path."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

import store.parse as parse
from store.fields import FileContext

texts = st.one_of(
    st.sampled_from(["WN-014", "WG-003", "IJ", "", "  ", "111222333", "a@b.nl", "06-12345678", "x\x01y"]),
    st.text(max_size=12),
)
dates = st.dates(min_value=date(2010, 1, 1), max_value=date(2030, 12, 31))
grades = st.one_of(
    st.integers(min_value=-2, max_value=12),
    st.decimals(min_value=Decimal("0"), max_value=Decimal("11"), places=2),
    st.booleans(),
)
values = st.one_of(texts, dates, grades, st.datetimes(min_value=datetime(2015, 1, 1)), st.none())


def form_strategy():
    return st.dictionaries(
        st.sampled_from(["ontvangen", "cijfer", "antwoorden", "onbekend"]),
        st.one_of(values, st.dictionaries(st.sampled_from(["begeleiding", "x"]), st.one_of(texts, grades))),
        max_size=3,
    )


BASE = {
    "schema": 1,
    "werknemer": "WN-014",
    "werkgever": "WG-003",
    "jobcoach": "IJ",
    "begin": date(2016, 6, 1),
    "einde": date(2017, 3, 31),
    "opmerking": "per post",
    "beoordeling": {
        "werknemer": {
            "ontvangen": date(2017, 4, 3),
            "cijfer": Decimal("7.0"),
            "antwoorden": {"begeleiding": "ja"},
        },
        "werkgever": {"ontvangen": date(2017, 4, 5), "cijfer": 8},
    },
}
PATHS = [
    ("schema",),
    ("werknemer",),
    ("werkgever",),
    ("jobcoach",),
    ("begin",),
    ("einde",),
    ("opmerking",),
    ("extra",),
    ("beoordeling",),
    ("beoordeling", "werknemer"),
    ("beoordeling", "derde"),
    ("beoordeling", "werknemer", "cijfer"),
    ("beoordeling", "werknemer", "ontvangen"),
    ("beoordeling", "werknemer", "antwoorden"),
    ("beoordeling", "werknemer", "onbekend"),
    ("beoordeling", "werkgever", "cijfer"),
    ("beoordeling", "werknemer", "antwoorden", "begeleiding"),
]


def _mutate(base: dict, path: tuple, value) -> dict:
    import copy

    data = copy.deepcopy(base)
    target = data
    for key in path[:-1]:
        if not isinstance(target.get(key), dict):
            return data
        target = target[key]
    if value is None:
        target.pop(path[-1], None)
    else:
        target[path[-1]] = value
    return data


periods = st.lists(st.tuples(st.sampled_from(PATHS), st.one_of(values, form_strategy())), max_size=3).map(
    lambda mutations: __import__("functools").reduce(lambda d, m: _mutate(d, *m), mutations, BASE)
)


def _clean(data: dict) -> dict:
    """Drop None (TOML has no null) recursively."""
    return {k: _clean(v) if isinstance(v, dict) else v for k, v in data.items() if v is not None}


@given(periods)
@settings(max_examples=400, deadline=None)
def test_fast_and_full_paths_agree(data: dict) -> None:
    """A clean file always takes the fast path; a file with any problem never does."""
    _agree(data)


CURATED = [
    None,
    "",
    "  ",
    "WN-015",
    "111222333",
    "jan@voorbeeld.nl",
    "06-12345678",
    "WN-19850312",
    "tab\tok",
    "bel\x07",
    True,
    11,
    7,
    Decimal("7.25"),
    Decimal("9.5"),
    date(2015, 1, 1),
    date(2018, 1, 1),
    datetime(2017, 4, 3, 10, 0),
    {"begeleiding": "ja"},
    {"begeleiding": 3},
    ["ja"],
]


def _agree(data: dict) -> None:
    text = tomli_w.dumps(_clean(data))
    fast_ctx = FileContext("perioden/p.toml", text)
    fast, _ = parse.parse_period(fast_ctx, "p")
    real = parse.clean_period
    parse.clean_period = lambda *_: None
    try:
        full_ctx = FileContext("perioden/p.toml", text)
        full, _ = parse.parse_period(full_ctx, "p")
    finally:
        parse.clean_period = real
    if not full_ctx.problems:
        assert fast == full and fast is not None
    else:
        assert fast_ctx.problems == full_ctx.problems


@pytest.mark.parametrize("path", PATHS, ids=".".join)
@pytest.mark.parametrize("value", CURATED, ids=repr)
def test_each_single_change_agrees(path: tuple, value) -> None:
    _agree(_mutate(BASE, path, value))
