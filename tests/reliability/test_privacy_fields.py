"""SPEC §2 and §8: personal data in any field that goes to UWV is an error `ktv check` names.

Each kind (BSN, e-mail, Dutch phone numbers in their usual forms, IBAN, and in a code a date of
birth) in each field: werknemer, werkgever, jobcoach (codes), opmerking, and the meetjaar texts
analyse, conclusies, acties, herstelplan. One folder holds every combination; one `ktv check`
must name every file, line and field. The detectors' own table of true and false positives is in
tests/store/test_privacy.py; here the point is that every field is checked, end to end.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from reliability_support import make_folder, make_period, run_ktv

from store.canonical import year_notes_text
from store.model import YearNotes
from store.save import save_period

VALUES = {
    # kind label in the message: values in their usual written forms
    "een BSN": ["123456782", "12345672", "1234.56.782", "123 456 782"],
    "een e-mailadres": ["jan.jansen@example.nl"],
    "een telefoonnummer": [
        "0612345678",
        "06-12345678",
        "010 123 4567",
        "+31 6 1234 5678",
        "+31 (0)6 12345678",
    ],
    "een IBAN": ["NL91ABNA0417164300", "NL91 ABNA 0417 1643 00"],
}
BIRTH_DATES = ["19850312", "12-03-1985", "1985-03-12", "JJ120385"]
"""Only in a code: a remark may say when something happened."""

CODE_FIELDS = {"werknemer": "employee", "werkgever": "employer", "jobcoach": "jobcoach"}
TEXT_FIELDS = {"opmerking": "remark"}
YEAR_FIELDS = ("analyse", "conclusies", "acties", "herstelplan")


def _cases() -> list[tuple[str, str, str, str]]:
    """(kind label, value, field, how it is written into the field)."""
    cases = []
    for label, values in VALUES.items():
        for value in values:
            for field in CODE_FIELDS:
                cases.append((label, value, field, value))
            for field in (*TEXT_FIELDS, *YEAR_FIELDS):
                cases.append((label, value, field, f"Besproken met de werknemer, contact via {value} (mei)."))
    for value in BIRTH_DATES:
        for field in CODE_FIELDS:
            cases.append(("een geboortedatum", value, field, value))
    return cases


CASES = _cases()


def _line_of(path: Path, field: str) -> int:
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if line.startswith(f"{field} = "):
            return number
    raise AssertionError(f"{field} not in {path}")


@pytest.fixture(scope="module")
def leaky_folder(tmp_path_factory) -> tuple[Path, list[tuple[str, int, str, str]], str]:
    """One file per case; returns the folder, (file, line, field, label) per case, `ktv check`."""
    root = make_folder(tmp_path_factory.mktemp("privacy") / "data")
    expected = []
    year = 2017
    period_no = 0
    for label, _value, field, written in CASES:
        if field in YEAR_FIELDS:
            rel = f"meetjaren/{year}.toml"
            year += 1
            notes = YearNotes(year - 1, **{_year_attr(field): written})
            (root / rel).write_text(year_notes_text(notes))
        else:
            period_no += 1
            pid = f"2016-06-01-p{period_no:03d}"
            rel = f"perioden/{pid}.toml"
            attr = CODE_FIELDS.get(field) or TEXT_FIELDS[field]
            save_period(root, dataclasses.replace(make_period(pid, period_no), **{attr: written}), None)
        expected.append((rel, _line_of(root / rel, field), field, label))
    result = run_ktv("--data", root, "check")
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1, result.stdout + result.stderr
    return root, expected, result.stdout


def _year_attr(field: str) -> str:
    return {
        "analyse": "analysis",
        "conclusies": "conclusions",
        "acties": "actions",
        "herstelplan": "recovery_plan",
    }[field]


@pytest.mark.parametrize("index", range(len(CASES)), ids=[f"{c[2]}-{c[1]}" for c in CASES])
def test_check_names_file_line_and_field(leaky_folder, index: int) -> None:
    _, expected, output = leaky_folder
    rel, line, field, label = expected[index]
    wanted = f"{rel}:{line}: fout: '{field}' bevat persoonsgegevens: {label}"
    assert wanted in output, f"{wanted!r} not in:\n" + "\n".join(
        x for x in output.splitlines() if x.startswith(rel)
    )


def test_every_field_is_covered_by_every_kind() -> None:
    fields = {field for _, _, field, _ in CASES}
    assert fields == {*CODE_FIELDS, *TEXT_FIELDS, *YEAR_FIELDS}
    for label in (*VALUES, "een geboortedatum"):
        covered = {field for lab, _, field, _ in CASES if lab == label}
        assert covered == (set(CODE_FIELDS) if label == "een geboortedatum" else fields), label


def test_no_other_errors_than_the_personal_data(leaky_folder) -> None:
    _, expected, output = leaky_folder
    errors = [line for line in output.splitlines() if ": fout: " in line]
    # A code like "jan.jansen@example.nl" or "123 456 782" is also no pseudonym (SPEC §2 [codes]).
    assert all("bevat persoonsgegevens" in line or "lijkt geen pseudoniem" in line for line in errors), [
        line for line in errors if "bevat persoonsgegevens" not in line
    ]
    assert {line.split(":")[0] for line in errors} == {rel for rel, *_ in expected}


def test_pseudonyms_and_harmless_numbers_pass(tmp_path: Path) -> None:
    """The false positives a jobcoach organisation writes every day are no error."""
    root = make_folder(tmp_path / "data")
    # Codes hold a digit and no space (SPEC §2 [codes]): "WG 12" and "IJ" are no codes any more.
    harmless_codes = ["WN-014", "WN-2017-014", "2017-05", "WG12", "IJ3", "WN-120385-7"]
    harmless_texts = [
        "Factuur van € 1.250,00 betaald.",
        "Gesprek op 01-03-2017 om 10:30 uur, 80% aanwezig.",
        "Bel de klantenservice: 0800-1234567.",
        "Ordernummer 12345678901.",
        "Week 12, 2017: 3 bezoeken.",
    ]
    for n, code in enumerate(harmless_codes):
        pid = f"2016-06-01-c{n:03d}"
        period = dataclasses.replace(
            make_period(pid, n), employee=code, remark=harmless_texts[n % len(harmless_texts)]
        )
        save_period(root, period, None)
    (root / "meetjaren/2017.toml").write_text(
        year_notes_text(YearNotes(2017, analysis="\n".join(harmless_texts), actions=harmless_texts[1]))
    )
    result = run_ktv("--data", root, "check")
    assert "persoonsgegevens" not in result.stdout, result.stdout
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"Geen problemen gevonden|0 fouten", result.stdout)
