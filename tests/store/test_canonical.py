"""SPEC §2 canonical form: load → save → load is the same model, a canonical file keeps its bytes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.canonical import organisation_text, period_text, questionnaire_text, year_notes_text
from store.characters import forbidden_character
from store.defaults import DEFAULT_QUESTIONNAIRES
from store.fields import FileContext
from store.model import Assessment, Organisation, Period, Question, Questionnaire, YearNotes
from store.parse import parse_organisation, parse_period, parse_questionnaire, parse_year_notes

# Any text a person could type: quotes, backslashes, newlines, tabs, unicode; no control
# characters (those are an error of their own).
ALLOWED = st.characters(
    blacklist_categories=("Cs", "Cc"),
    blacklist_characters="\x7f",
)
texts = st.text(
    alphabet=st.one_of(ALLOWED, st.sampled_from("\n\t\"\\'#[]=")), min_size=1, max_size=40
).filter(
    lambda s: forbidden_character(s, multiline=True) is None  # bidi, zero-width: SPEC §2 errors
)
# Codes: nonempty after stripping, no digits, so no personal-data detector can fire.
codes = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs", "Cc", "Nd", "No", "Nl")), st.sampled_from("\"\\'")
    ),
    min_size=1,
    max_size=20,
).filter(
    lambda s: (
        s.strip() and not any(ch.isdigit() for ch in s) and "@" not in s and forbidden_character(s) is None
    )
)
remarks = texts.filter(lambda s: not any(ch.isdigit() for ch in s) and "@" not in s and s.strip())
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))
grades = st.integers(min_value=10, max_value=100).map(lambda tenths: Decimal(tenths) / 10)


def parse_period_text(text: str, period_id: str = "p") -> tuple[Period | None, list]:
    ctx = FileContext("perioden/p.toml", text)
    period, _ = parse_period(ctx, period_id)
    return period, ctx.problems


@st.composite
def assessments(draw, side: str) -> Assessment:
    questionnaire = DEFAULT_QUESTIONNAIRES[side]
    chosen = draw(st.lists(st.sampled_from([q.id for q in questionnaire.questions]), unique=True))
    answers = {qid: draw(st.sampled_from(questionnaire.scale)) for qid in chosen}
    return Assessment(
        received=draw(st.none() | dates),
        grade=draw(st.none() | grades),
        answers=answers,
    )


@st.composite
def periods(draw) -> Period:
    begin = draw(dates)
    end = draw(st.none() | st.dates(min_value=begin, max_value=date(2061, 1, 1)))
    forms = {}
    for side in ("werknemer", "werkgever"):
        if draw(st.booleans()):
            forms[side] = draw(assessments(side))
    return Period(
        id="p",
        employee=draw(codes),
        employer=draw(codes),
        jobcoach=draw(st.none() | codes),
        begin=begin,
        end=end,
        remark=draw(st.none() | remarks),
        forms=forms,
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(period=periods())
def test_period_round_trip(period):
    text = period_text(period)
    loaded, problems = parse_period_text(text)
    assert problems == []
    assert loaded == period
    assert period_text(loaded) == text


@settings(max_examples=100, deadline=None)
@given(
    name=codes,
    recognition=dates,
    manager=st.none() | codes,
    norms=st.none() | st.tuples(grades, grades),
)
def test_organisation_round_trip(name, recognition, manager, norms):
    norm = {"werknemer": norms[0], "werkgever": norms[1]} if norms else None
    org = Organisation(
        name,
        recognition,
        manager,
        **({"norm": norm, "norm_explicit": True} if norm else {}),
    )
    text = organisation_text(org)
    ctx = FileContext("ktv.toml", text)
    loaded = parse_organisation(ctx)
    assert ctx.problems == []
    assert loaded == org
    assert organisation_text(loaded) == text


@settings(max_examples=100, deadline=None)
@given(
    analysis=st.none() | remarks,
    conclusions=st.none() | remarks,
    actions=st.none() | remarks,
    plan=st.none() | remarks,
    submitted=st.none() | dates,
    commit=st.none() | st.text(alphabet="0123456789abcdef", min_size=40, max_size=40),
    notice=st.none() | dates,
    verdict=st.none() | st.sampled_from(["voldaan", "niet voldaan"]),
    verdict_on=st.none() | dates,
)
def test_year_notes_round_trip(
    analysis, conclusions, actions, plan, submitted, commit, notice, verdict, verdict_on
):
    notes = YearNotes(
        2017, analysis, conclusions, actions, submitted, commit, notice, verdict, verdict_on, plan
    )
    text = year_notes_text(notes)
    ctx = FileContext("meetjaren/2017.toml", text)
    loaded = parse_year_notes(ctx, 2017)
    assert ctx.problems == []
    assert loaded == notes
    assert year_notes_text(loaded) == text


@settings(max_examples=50, deadline=None)
@given(
    title=codes,
    scale=st.lists(codes, min_size=2, max_size=5, unique=True),
    questions=st.lists(
        st.tuples(
            st.from_regex(r"[a-z_][a-z0-9_-]{0,15}", fullmatch=True), codes, st.none() | codes, st.booleans()
        ),
        min_size=1,
        max_size=6,
        unique_by=lambda q: q[0],
    ),
)
def test_questionnaire_round_trip(title, scale, questions):
    questionnaire = Questionnaire(
        "werknemer",
        title,
        tuple(scale),
        tuple(Question(qid, text, group, obsolete) for qid, text, group, obsolete in questions),
    )
    text = questionnaire_text(questionnaire)
    ctx = FileContext("vragenlijsten/werknemer.toml", text)
    loaded = parse_questionnaire(ctx, "werknemer")
    assert ctx.problems == []
    assert loaded == questionnaire
    assert questionnaire_text(loaded) == text


@pytest.mark.parametrize("side", ["werknemer", "werkgever"])
def test_default_questionnaires_round_trip(side):
    text = questionnaire_text(DEFAULT_QUESTIONNAIRES[side])
    ctx = FileContext(f"vragenlijsten/{side}.toml", text)
    assert parse_questionnaire(ctx, side) == DEFAULT_QUESTIONNAIRES[side]
    assert ctx.problems == []


SPEC_PERIOD = """schema = 1
werknemer = "WN-014"
werkgever = "WG-003"
jobcoach = "IJ"
begin = 2016-06-01
einde = 2017-03-31

[beoordeling.werknemer]
ontvangen = 2017-04-03
cijfer = 7.0

[beoordeling.werknemer.antwoorden]
begeleiding = "ja"
bereikbaarheid = "niet helemaal"

[beoordeling.werkgever]
ontvangen = 2017-04-05
cijfer = 7.5

[beoordeling.werkgever.antwoorden]
contact_werknemer = "goed"
"""


def test_the_spec_example_is_canonical():
    """Keys in SPEC order, one-decimal grades, TOML dates, LF only."""
    period, problems = parse_period_text(SPEC_PERIOD)
    assert problems == []
    assert period_text(period) == SPEC_PERIOD


def test_hand_written_file_becomes_canonical():
    hand = (
        "# ingevoerd door IJ\n"
        "einde = 2017-03-31\n"
        "[beoordeling.werkgever.antwoorden]\n"
        "contact_werknemer = 'goed'\n"
        "[beoordeling.werknemer]\n"
        "cijfer = 7  # geheel getal\n"
        "ontvangen = 2017-04-03\n"
        "antwoorden.bereikbaarheid = 'niet helemaal'\n"
        "antwoorden.begeleiding = 'ja'\n"
        "[beoordeling.werkgever]\n"
        "cijfer = 7.50\n"
        "ontvangen = 2017-04-05\n"
    )
    header = 'werkgever = "WG-003"\nbegin = 2016-06-01\njobcoach = "IJ"\nschema = 1\nwerknemer = "WN-014"\n'
    period, problems = parse_period_text(header + hand)
    assert problems == []
    canonical = period_text(period)
    # The answers keep the order they were typed in; everything else follows SPEC §2.
    assert canonical == SPEC_PERIOD.replace(
        'begeleiding = "ja"\nbereikbaarheid = "niet helemaal"',
        'bereikbaarheid = "niet helemaal"\nbegeleiding = "ja"',
    )


def test_norm_is_kept_only_when_given_or_different():
    org = Organisation("X", date(2013, 5, 12))
    assert "[norm]" not in organisation_text(org)
    ctx = FileContext(
        "ktv.toml", 'schema = 1\nnaam = "X"\nerkenningsdatum = 2013-05-12\n[norm]\nwerknemer = 7\n'
    )
    loaded = parse_organisation(ctx)
    assert loaded.norm == {"werknemer": Decimal(7), "werkgever": Decimal("6.5")}
    assert organisation_text(loaded).endswith("[norm]\nwerknemer = 7.0\nwerkgever = 6.5\n")
