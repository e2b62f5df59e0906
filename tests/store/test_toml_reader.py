"""The Rust-backed TOML reader gives exactly what tomllib gives, and TOML 1.1 stays an error.

tomllib (TOML 1.0) is the reference: `load_toml` must return the same values with the same types
(dates, times, Decimal floats with their digits, nested tables) or raise the same error with the
same message, so every file tomllib rejects keeps its Dutch line from `toml_error_in_dutch`.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
import toml_rs
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.canonical import period_text
from store.fields import FileContext
from store.model import Assessment, Period
from store.parse import parse_period
from store.toml_io import _for_tomllib_only, load_toml

ROOT = Path(__file__).resolve().parents[2]


def typed(value):
    """A value with the type of every part spelled out: 7 == Decimal(7) == 7.0 must not pass."""
    if isinstance(value, dict):
        return ("dict", {key: typed(item) for key, item in value.items()}, list(value))
    if isinstance(value, list):
        return ("list", [typed(item) for item in value])
    if isinstance(value, Decimal):
        return ("Decimal", str(value))  # the digits as written: 6.0 is not 6, NaN equals NaN
    if isinstance(value, datetime | time):
        offset = value.utcoffset() if value.tzinfo is not None else None
        return (type(value).__name__, value.isoformat(), value.tzinfo is None, offset)
    return (type(value).__name__, value)


def assert_same_as_tomllib(text: str) -> None:
    try:
        expected = tomllib.loads(text, parse_float=Decimal)
    except (tomllib.TOMLDecodeError, ValueError, RecursionError) as exc:
        with pytest.raises(type(exc)) as caught:
            load_toml(text)
        assert str(caught.value) == str(exc)
        return
    assert typed(load_toml(text)) == typed(expected)


# --- generated period files, as ktv writes them ----------------------------------------------

codes = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\\"),
    min_size=1,
    max_size=12,
)
texts = st.text(
    alphabet=st.one_of(st.characters(blacklist_categories=("Cs",)), st.sampled_from("\n\t\"\\'#[]={}=:"))
)
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))
grades = st.integers(min_value=10, max_value=100).map(lambda tenths: Decimal(tenths) / 10)
answers = st.dictionaries(
    st.from_regex(r"[a-z_][a-z0-9_-]{0,15}", fullmatch=True),
    st.sampled_from(["ja", "nee", "goed"]),
    max_size=12,
)
forms = st.builds(Assessment, received=st.none() | dates, grade=st.none() | grades, answers=answers)


@st.composite
def periods(draw) -> Period:
    begin = draw(dates)
    return Period(
        id="p",
        employee=draw(codes),
        employer=draw(codes),
        begin=begin,
        jobcoach=draw(st.none() | codes),
        end=draw(st.none() | st.dates(min_value=begin, max_value=date(2061, 1, 1))),
        remark=draw(st.none() | texts),
        forms=draw(st.dictionaries(st.sampled_from(["werknemer", "werkgever"]), forms)),
    )


@given(periods())
@settings(max_examples=300, deadline=None)
def test_period_files_read_as_tomllib_reads_them(period: Period) -> None:
    assert_same_as_tomllib(period_text(period))


def test_a_plain_period_file_takes_the_fast_reader() -> None:
    """Else the equality above would compare tomllib with itself."""
    period = Period(
        id="p",
        employee="WN-014",
        employer="WG-003",
        begin=date(2016, 6, 1),
        jobcoach="IJ",
        end=date(2017, 3, 31),
        remark="Formulier per post.\nTweede regel.",
        forms={"werknemer": Assessment(date(2017, 4, 3), Decimal("7.5"), {"begeleiding": "ja"})},
    )
    assert not _for_tomllib_only(period_text(period))


# --- any TOML document: every type, nested tables, arrays of tables --------------------------

keys = st.text(min_size=1, max_size=6)
scalars = st.one_of(
    st.text(max_size=10),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.decimals(),
    st.sampled_from([Decimal("6.0"), Decimal("7.25"), Decimal("1e3"), Decimal("-0.0"), Decimal("0.1")]),
    st.booleans(),
    dates,
    st.datetimes(min_value=datetime(1900, 1, 1)),
    st.datetimes(
        min_value=datetime(1900, 1, 2),
        timezones=st.sampled_from([UTC, timezone(timedelta(hours=2))]),
    ),
    st.times(),
)
tables = st.recursive(
    st.dictionaries(keys, scalars, max_size=4),
    lambda inner: st.dictionaries(
        keys,
        st.one_of(inner, st.lists(inner, min_size=1, max_size=3), st.lists(scalars, max_size=3)),
        max_size=4,
    ),
    max_leaves=16,
)


@given(tables)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_document_reads_as_tomllib_reads_it(document: dict) -> None:
    assert_same_as_tomllib(tomli_w.dumps(document))


# --- damaged files: the same value, or the same error ----------------------------------------

PERIOD = (
    'schema = 1\nwerknemer = "WN-014"\nwerkgever = "WG-003"\njobcoach = "IJ"\n'
    "begin = 2016-06-01\neinde = 2017-03-31\n\n[beoordeling.werknemer]\nontvangen = 2017-04-03\n"
    'cijfer = 7.5\n\n[beoordeling.werknemer.antwoorden]\nbegeleiding = "ja"\n'
)
noise = st.text(alphabet=st.sampled_from("[]{}=,.\"'\\#\n\r\t :0123456789-+_eETZxu aé\x00\x7f"), max_size=6)


@given(st.lists(st.tuples(st.integers(0, len(PERIOD)), st.integers(0, 4), noise), min_size=1, max_size=3))
@settings(max_examples=800, deadline=None)
def test_damaged_files_give_tomllibs_value_or_error(edits) -> None:
    text = PERIOD
    for at, cut, inserted in edits:
        at = min(at, len(text))
        text = text[:at] + inserted + text[at + cut :]
    assert_same_as_tomllib(text)


# --- TOML 1.1: accepted by the Rust parsers in their default mode, an error here ---------------

TOML_1_1 = {
    "inline table over lines": "a = { x = 1,\n  y = 2 }\n",
    "newline before the closing brace": "a = { x = 1\n}\n",
    "comment inside an inline table": "a = { # uitleg\n  x = 1 }\n",
    "trailing comma in an inline table": "a = { x = 1, }\n",
    "json-like inline table": 'naam = {\n  voor = "Jan",\n  achter = "Jansen",\n}\n',
    "escape \\e": 'a = "\\e[31m rood"\n',
    "escape \\xHH": 'a = "\\x41"\n',
    "escape \\xHH in a multi-line string": 'a = """\n\\xe9"""\n',
    "local time without seconds": "a = 07:32\n",
    "local datetime without seconds": "a = 1979-05-27T07:32\n",
    "space-separated datetime without seconds": "a = 1979-05-27 07:32\n",
    "offset datetime without seconds (Z)": "a = 1979-05-27T07:32Z\n",
    "offset datetime without seconds (+01:00)": "a = 1979-05-27T07:32+01:00\n",
    "time without seconds in an array": "a = [07:32, 08:00]\n",
    "non-ASCII bare key": "μ = 1\n",
}
CONSTRUCTS = {name: text for name, text in TOML_1_1.items() if name != "non-ASCII bare key"}


@pytest.mark.parametrize("text", TOML_1_1.values(), ids=TOML_1_1.keys())
def test_toml_1_1_stays_an_error_with_tomllibs_message(text: str) -> None:
    with pytest.raises(tomllib.TOMLDecodeError) as tomllib_error:
        tomllib.loads(text)
    with pytest.raises(tomllib.TOMLDecodeError) as caught:
        load_toml(text)
    assert str(caught.value) == str(tomllib_error.value)


@pytest.mark.parametrize("text", CONSTRUCTS.values(), ids=CONSTRUCTS.keys())
def test_the_scan_alone_sends_toml_1_1_to_tomllib(text: str) -> None:
    """Even a toml-rs that ignored `toml_version="1.0.0"` could not let these through."""
    assert _for_tomllib_only(text)


@pytest.mark.parametrize("text", CONSTRUCTS.values(), ids=CONSTRUCTS.keys())
def test_why_the_guard_is_needed(text: str) -> None:
    """toml-rs in its default mode (TOML 1.1) takes these files that tomllib rejects."""
    try:
        toml_rs.loads(text)
    except toml_rs.TOMLDecodeError:
        pytest.skip("this toml-rs version rejects it by itself")


@pytest.mark.parametrize("text", CONSTRUCTS.values(), ids=CONSTRUCTS.keys())
def test_toml_1_1_in_a_period_file_is_a_dutch_syntax_error_on_its_line(text: str) -> None:
    lines = PERIOD.splitlines(keepends=True)
    damaged = "".join(lines[:4]) + text.replace("a = ", "opmerking = ", 1) + "".join(lines[4:])
    ctx = FileContext("perioden/p.toml", damaged)
    period, _ = parse_period(ctx, "p")
    assert period is None
    [problem] = ctx.problems
    assert problem.message.startswith("TOML-syntaxfout")
    with pytest.raises(tomllib.TOMLDecodeError) as tomllib_error:
        tomllib.loads(damaged)
    assert f"(at line {problem.line}," in str(tomllib_error.value)
    assert problem.line is not None and problem.line >= 5


# --- what the Rust parser would crash on or accept too readily ----------------------------------


def test_deep_nesting_is_tomllibs_recursion_error_not_a_crash() -> None:
    """toml-rs recurses on the C stack: a deep enough array would end the process (SIGSEGV)."""
    script = (
        "import sys, threading\n"
        "from store.toml_io import load_toml\n"
        "threading.stack_size(256 * 1024)\n"  # an app worker thread may have a small stack
        "def run():\n"
        "    for depth in (17, 100, 5000, 100000):\n"
        "        try:\n"
        "            load_toml('a = ' + '[' * depth + ']' * depth)\n"
        "        except RecursionError:\n"
        "            pass\n"
        "    print('ok')\n"
        "thread = threading.Thread(target=run)\n"
        "thread.start()\n"
        "thread.join()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


@pytest.mark.parametrize(
    "text",
    [
        "a = " + "9" * 5000 + "\n",  # tomllib: over Python's 4 300-digit limit
        "a = " + "[" * 17 + "]" * 17 + "\n",
        "a = [[1, 2], [3, [4, [5]]]]\n",
        "a = 0x" + "f" * 5000 + "\n",
        "a = 1." + "5" * 5000 + "\n",
        "a = " + "1_0" * 1500 + "\n",
    ],
    ids=["5000 digits", "17 deep", "nested arrays", "long hex", "long float", "underscored digits"],
)
def test_edges_read_as_tomllib_reads_them(text: str) -> None:
    assert_same_as_tomllib(text)
