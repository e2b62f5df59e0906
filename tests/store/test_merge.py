"""SPEC §9: the three-way merge of a period, field by field (store/merge.py).

Property: for random base/ours/theirs versions that change disjoint fields, the merge equals
applying both change sets; with overlapping fields it reports exactly the overlap.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.canonical import period_text
from store.merge import MISSING, merge_file, merge_tables, same_value
from store.merge_lines import merge_lines
from store.model import Assessment, Period

REQUIRED = {("werknemer",), ("werkgever",), ("begin",)}
SIDES = ("werknemer", "werkgever")
LEAVES = [
    ("werknemer",),
    ("werkgever",),
    ("jobcoach",),
    ("begin",),
    ("einde",),
    ("opmerking",),
    *[("beoordeling", side, key) for side in SIDES for key in ("ontvangen", "cijfer")],
    *[("beoordeling", side, "antwoorden", q) for side in SIDES for q in ("q1", "q2", "q3")],
]

codes = st.sampled_from(["WN-1", "WN-2", "WG-7", "WG-8", "IJ", "MK"])
days = st.dates(min_value=date(2016, 1, 1), max_value=date(2017, 12, 31))
grades = st.integers(10, 100).map(lambda n: Decimal(n) / 10)
answers = st.sampled_from(["ja", "nee", "niet helemaal", "goed"])


def value_strategy(path: tuple[str, ...]):
    leaf = path[-1]
    if leaf in ("begin", "einde", "ontvangen"):
        values = days
    elif leaf == "cijfer":
        values = grades
    elif leaf == "opmerking":
        values = st.text(alphabet="abc #\n\"'", max_size=8)
    elif path[-2:-1] == ("antwoorden",):
        values = answers
    else:
        values = codes
    return values if path in REQUIRED else st.one_of(st.just(MISSING), values)


def nested(flat: dict[tuple[str, ...], object]) -> dict:
    """A period table; both form tables are present (a received form), answers only when any."""
    table: dict = {"schema": 1, "beoordeling": {side: {} for side in SIDES}}
    for path, value in flat.items():
        if value is MISSING:
            continue
        node = table
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node[path[-1]] = value
    return table


@st.composite
def three_versions(draw, overlap: bool):
    base = {path: draw(value_strategy(path)) for path in LEAVES}
    changed_ours = draw(st.sets(st.sampled_from(LEAVES), max_size=len(LEAVES)))
    rest = [p for p in LEAVES if p not in changed_ours]
    if overlap:
        changed_theirs = draw(st.sets(st.sampled_from(LEAVES), max_size=len(LEAVES)))
    else:
        changed_theirs = draw(st.sets(st.sampled_from(rest), max_size=len(rest))) if rest else set()

    def change(paths):
        version = dict(base)
        for path in paths:
            version[path] = draw(value_strategy(path).filter(lambda v, p=path: not same_value(v, base[p])))
        return version

    return base, change(changed_ours), change(changed_theirs)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(versions=three_versions(overlap=False))
def test_disjoint_changes_merge_to_both_change_sets(versions) -> None:
    base, ours, theirs = versions
    expected = dict(base)
    expected.update({p: v for p, v in ours.items() if not same_value(v, base[p])})
    expected.update({p: v for p, v in theirs.items() if not same_value(v, base[p])})
    merged, conflicts = merge_tables(nested(base), nested(ours), nested(theirs))
    assert conflicts == []
    assert same_value(merged, nested(expected))


def _merges_line_wise(path, base, ours, theirs) -> bool:
    """A free text (opmerking) both sides edited merges line by line when the lines differ."""
    if path != ("opmerking",) or not isinstance(ours, str) or not isinstance(theirs, str):
        return False
    return merge_lines(base if isinstance(base, str) else "", ours, theirs) is not None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(versions=three_versions(overlap=True))
def test_overlapping_changes_report_exactly_the_overlap(versions) -> None:
    base, ours, theirs = versions
    overlap = {
        p
        for p in LEAVES
        if not same_value(ours[p], base[p])
        and not same_value(theirs[p], base[p])
        and not same_value(ours[p], theirs[p])
        and not _merges_line_wise(p, base[p], ours[p], theirs[p])
    }
    merged, conflicts = merge_tables(nested(base), nested(ours), nested(theirs))
    assert {c.path for c in conflicts} == overlap
    for conflict in conflicts:
        assert same_value(conflict.ours, ours[conflict.path]) and same_value(
            conflict.theirs, theirs[conflict.path]
        )
    if not overlap:  # overlapping edits to the same value are no conflict and are merged
        expected = dict(base)
        expected.update({p: v for p, v in ours.items() if not same_value(v, base[p])})
        expected.update({p: v for p, v in theirs.items() if not same_value(v, base[p])})
        for p in LEAVES:  # a text both sides edited apart holds both edits, line by line
            if not same_value(ours[p], base[p]) and not same_value(theirs[p], base[p]):
                if _merges_line_wise(p, base[p], ours[p], theirs[p]):
                    expected[p] = merge_lines(base[p] if isinstance(base[p], str) else "", ours[p], theirs[p])
        assert same_value(merged, nested(expected))


def test_a_text_added_on_one_side_and_left_empty_on_the_other_keeps_the_text() -> None:
    """Found by the property test: `opmerking = ""` means no remark, so it does not overrule "a"."""
    base = {"schema": 1}
    merged, conflicts = merge_tables(base, {"schema": 1, "opmerking": "a"}, {"schema": 1, "opmerking": ""})
    assert conflicts == [] and merged["opmerking"] == "a"


# --- whole files -----------------------------------------------------------------------------

BASE = Period(
    id="p",
    employee="WN-1",
    employer="WG-1",
    begin=date(2016, 6, 1),
    end=date(2017, 1, 1),
    forms={"werknemer": Assessment(grade=Decimal("7.0"), answers={"begeleiding": "ja"})},
)


def text_of(**changes) -> str:
    import dataclasses

    return period_text(dataclasses.replace(BASE, **changes))


def test_file_merge_writes_canonical_text_with_both_edits() -> None:
    ours = text_of(jobcoach="MK")
    theirs = text_of(remark="Nagebeld")
    result = merge_file("perioden/p.toml", text_of(), ours, theirs)
    assert result.clean
    assert result.text == text_of(jobcoach="MK", remark="Nagebeld")


def test_deleted_against_edited_is_a_conflict_both_ways() -> None:
    for ours, theirs in ((None, text_of(remark="x")), (text_of(remark="x"), None)):
        result = merge_file("perioden/p.toml", text_of(), ours, theirs)
        assert not result.clean and result.conflicts[0].path == ()
        assert result.text is None
    # deleted on one side, untouched on the other: deleted
    assert merge_file("perioden/p.toml", text_of(), None, text_of()).text is None


def test_a_removed_form_against_a_changed_grade_is_a_conflict() -> None:
    no_form = text_of(forms={})
    regraded = text_of(forms={"werknemer": Assessment(grade=Decimal("8.0"), answers={"begeleiding": "ja"})})
    result = merge_file("perioden/p.toml", text_of(), no_form, regraded)
    assert [c.path for c in result.conflicts] == [("beoordeling", "werknemer")]


def test_an_unreadable_side_is_a_conflict() -> None:
    broken = "<<<<<<< ons\nschema = 1\n=======\n>>>>>>> hun\n"
    result = merge_file("perioden/p.toml", text_of(), broken, text_of(remark="x"))
    assert not result.clean


def test_answers_merge_one_by_one() -> None:
    ours = text_of(forms={"werknemer": Assessment(grade=Decimal("7.0"), answers={"begeleiding": "nee"})})
    theirs = text_of(
        forms={
            "werknemer": Assessment(
                grade=Decimal("7.0"), answers={"begeleiding": "ja", "bereikbaarheid": "ja"}
            )
        }
    )
    result = merge_file("perioden/p.toml", text_of(), ours, theirs)
    assert result.clean
    assert 'begeleiding = "nee"\nbereikbaarheid = "ja"\n' in result.text


def test_choices_resolve_a_conflict() -> None:
    ours, theirs = text_of(jobcoach="MK"), text_of(jobcoach="IJ")
    assert not merge_file("perioden/p.toml", text_of(), ours, theirs).clean
    picked = merge_file("perioden/p.toml", text_of(), ours, theirs, choices={("jobcoach",): "theirs"})
    assert picked.clean and picked.text == theirs


def test_missing_form_reasons_merge_per_side() -> None:
    ours = text_of(missing_reasons={"werknemer": "Niet teruggestuurd."})
    theirs = text_of(missing_reasons={"werkgever": "Bedrijf gesloten."})
    result = merge_file("perioden/p.toml", text_of(), ours, theirs)
    assert result.clean
    assert result.text == text_of(
        missing_reasons={"werknemer": "Niet teruggestuurd.", "werkgever": "Bedrijf gesloten."}
    )


# --- the same property on whole files, as the driver sees them ---------------------------------

FIELDS = ("employee", "employer", "jobcoach", "begin", "end", "remark", "werknemer", "werkgever")
form_values = st.builds(
    Assessment,
    received=st.none() | st.dates(min_value=date(2017, 1, 1), max_value=date(2018, 1, 1)),
    grade=st.none() | grades,
    answers=st.dictionaries(st.sampled_from(["begeleiding", "bereikbaarheid"]), answers, max_size=2),
)
field_values = {
    "employee": codes,
    "employer": codes,
    "jobcoach": st.none() | codes,
    "begin": st.dates(min_value=date(2015, 1, 1), max_value=date(2016, 12, 31)),
    "end": st.none() | st.dates(min_value=date(2017, 1, 1), max_value=date(2018, 12, 31)),
    "remark": st.none() | st.text(alphabet="abc #'\"", min_size=1, max_size=8).filter(str.strip),
    "werknemer": st.none() | form_values,
    "werkgever": st.none() | form_values,
}


def build(values: dict) -> Period:
    forms = {side: values[side] for side in SIDES if values[side] is not None}
    return Period(
        "p",
        values["employee"],
        values["employer"],
        values["begin"],
        jobcoach=values["jobcoach"],
        end=values["end"],
        remark=values["remark"],
        forms=forms,
    )


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_driver_on_whole_files_equals_both_change_sets(data) -> None:
    base = {name: data.draw(field_values[name]) for name in FIELDS}
    mine = data.draw(st.sets(st.sampled_from(FIELDS)))
    rest = [f for f in FIELDS if f not in mine]
    other = data.draw(st.sets(st.sampled_from(rest))) if rest else set()
    ours = base | {name: data.draw(field_values[name]) for name in mine}
    theirs = base | {name: data.draw(field_values[name]) for name in other}
    expected = base | {n: ours[n] for n in mine} | {n: theirs[n] for n in other}
    texts = [period_text(build(v)) for v in (base, ours, theirs)]
    result = merge_file("perioden/p.toml", *texts)
    assert result.clean, result.conflicts
    assert result.text == period_text(build(expected))
