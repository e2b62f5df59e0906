"""Neutral labels for the report: no internal code reaches UWV (SPEC §6.2)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from store.characters import same_code


def letters(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA, 27 → AB, … (spreadsheet column names)."""
    result = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        result = chr(ord("A") + remainder) + result
    return result


def employee_labels(codes: Iterable[str]) -> dict[str, str]:
    """Werknemer A, B, … by first appearance, the same code keeping the same label."""
    return _labels(codes, lambda n: f"Werknemer {letters(n)}")


def employer_labels(codes: Iterable[str]) -> dict[str, str]:
    """Werkgever 1, 2, … by first appearance."""
    return _labels(codes, lambda n: f"Werkgever {n + 1}")


def _labels(codes: Iterable[str], name: Callable[[int], str]) -> dict[str, str]:
    """Per code its label; two codes equal after NFKC (`ＷＮ-014`, `WN-014`) are one person."""
    labels: dict[str, str] = {}
    by_person: dict[str, str] = {}
    for code in codes:
        person = same_code(code)
        if person not in by_person:
            by_person[person] = name(len(by_person))
        labels[code] = by_person[person]
    return labels
