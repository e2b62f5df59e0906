"""Neutral labels for the report: no internal code reaches UWV (SPEC §6.2)."""

from __future__ import annotations

from collections.abc import Iterable


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
    labels: dict[str, str] = {}
    for code in codes:
        if code not in labels:
            labels[code] = f"Werknemer {letters(len(labels))}"
    return labels


def employer_labels(codes: Iterable[str]) -> dict[str, str]:
    """Werkgever 1, 2, … by first appearance."""
    labels: dict[str, str] = {}
    for code in codes:
        if code not in labels:
            labels[code] = f"Werkgever {len(labels) + 1}"
    return labels
