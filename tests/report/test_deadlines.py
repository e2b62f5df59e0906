"""SPEC §3 applied to a folder: every meetjaar's status, actie, countdown and JSON shape."""

from __future__ import annotations

from datetime import date

import pytest

from report.deadlines import deadlines, deadlines_json
from store.create import create_data_folder
from store.folder import load_folder


def period(end: str, n: int) -> str:
    return f'schema = 1\nwerknemer = "WN-{n}"\nwerkgever = "WG-1"\nbegin = 2016-01-01\neinde = {end}\n'


@pytest.fixture
def root(tmp_path):
    root = tmp_path / "gegevens"
    create_data_folder(root, "Jobcoach Voorbeeld B.V.", date(2013, 5, 12), git=False)
    return root


def write(root, rel, text):
    (root / rel).write_text(text, encoding="utf-8")


def by_label(root, today):
    return {item.year.label: item for item in deadlines(load_folder(root, today, with_git=False), today)}


def test_spec_example(root):
    for n, end in enumerate(["2016-07-11", "2016-09-04", "2016-10-29", "2016-12-23", "2017-02-16"]):
        write(root, f"perioden/p{n}.toml", period(end, n))
    today = date(2017, 5, 20)
    data = deadlines_json(load_folder(root, today, with_git=False), today)
    assert data == {
        "organisatie": "Jobcoach Voorbeeld B.V.",
        "erkenningsdatum": "2013-05-12",
        "vandaag": "2017-05-20",
        "fouten": 0,
        "meetjaren": [
            {
                "jaar": 2017,
                "start": "2016-05-12",
                "eerste_dag": "2016-05-12",
                "eind": "2017-05-12",
                "deadline": "2017-06-12",
                "afgeronde_perioden": 5,
                "actie": "rapportage",
                "status": "in_te_dienen",
                "dagen_tot_deadline": 23,
                "ingediend_op": None,
                "melding_op": None,
                "uitslag": None,
                "uitslag_verwacht_voor": None,
            },
            {
                "jaar": 2018,
                "start": "2017-05-12",
                "eerste_dag": "2017-05-13",
                "eind": "2018-05-12",
                "deadline": "2018-06-12",
                "afgeronde_perioden": 0,
                "actie": "melding",
                "status": "lopend",
                "dagen_tot_deadline": 388,
                "ingediend_op": None,
                "melding_op": None,
                "uitslag": None,
                "uitslag_verwacht_voor": None,
            },
        ],
    }


def test_before_the_first_meetjaar(root):
    items = by_label(root, date(2016, 5, 11))
    assert list(items) == [2017]
    assert items[2017].status == "toekomst"
    assert items[2017].days_to_deadline == (date(2017, 6, 12) - date(2016, 5, 11)).days


@pytest.mark.parametrize(
    ("today", "statuses"),
    [
        (date(2016, 5, 12), {2017: "lopend"}),
        (date(2017, 5, 12), {2017: "lopend"}),
        (date(2017, 5, 13), {2017: "in_te_dienen", 2018: "lopend"}),
        (date(2017, 6, 12), {2017: "in_te_dienen", 2018: "lopend"}),
        (date(2017, 6, 13), {2017: "te_laat", 2018: "lopend"}),
        (date(2018, 5, 13), {2017: "te_laat", 2018: "in_te_dienen", 2019: "lopend"}),
    ],
)
def test_statuses_over_the_years(root, today, statuses):
    assert {label: item.status for label, item in by_label(root, today).items()} == statuses


def test_countdown_goes_negative_once_past(root):
    items = by_label(root, date(2017, 6, 15))
    assert items[2017].days_to_deadline == -3
    assert items[2017].status == "te_laat"


def test_actie_depends_on_completed_periods(root):
    write(root, "perioden/a.toml", period("2017-05-12", 1))  # T1: still meetjaar 2017
    write(root, "perioden/b.toml", period("2017-05-13", 2))  # the day after: 2018
    write(
        root,
        "perioden/lopend.toml",
        'schema = 1\nwerknemer = "WN-3"\nwerkgever = "WG-1"\nbegin = 2017-01-01\n',
    )
    items = by_label(root, date(2018, 7, 1))
    assert (items[2017].completed, items[2017].action) == (1, "rapportage")
    assert (items[2018].completed, items[2018].action) == (1, "rapportage")
    assert (items[2019].completed, items[2019].action) == (0, "melding")


def test_submission_notice_and_verdict(root):
    write(root, "perioden/a.toml", period("2017-01-01", 1))
    write(root, "meetjaren/2017.toml", "schema = 1\ningediend_op = 2017-06-01\n")
    write(root, "meetjaren/2018.toml", "schema = 1\nmelding_op = 2018-06-01\n")
    today = date(2018, 7, 1)
    data = {
        y["jaar"]: y for y in deadlines_json(load_folder(root, today, with_git=False), today)["meetjaren"]
    }
    assert data[2017]["status"] == "ingediend"
    assert data[2017]["ingediend_op"] == "2017-06-01"
    assert data[2017]["uitslag_verwacht_voor"] == "2017-07-27"  # + 8 weeks
    assert data[2018]["status"] == "ingediend" and data[2018]["actie"] == "melding"
    assert data[2018]["melding_op"] == "2018-06-01"
    assert data[2018]["uitslag_verwacht_voor"] is None  # no verdict on a notice
    write(
        root,
        "meetjaren/2017.toml",
        'schema = 1\ningediend_op = 2017-06-01\nuitslag = "voldaan"\nuitslag_op = 2017-07-10\n',
    )
    data = {
        y["jaar"]: y for y in deadlines_json(load_folder(root, today, with_git=False), today)["meetjaren"]
    }
    assert data[2017]["status"] == "beoordeeld" and data[2017]["uitslag"] == "voldaan"


def test_errors_are_counted(root):
    write(root, "perioden/a.toml", period("2017-01-01", 1) + "[beoordeling.werknemer]\ncijfer = 11\n")
    write(root, "perioden/b.toml", "kapot = \n")
    today = date(2017, 5, 20)
    assert deadlines_json(load_folder(root, today, with_git=False), today)["fouten"] == 2
