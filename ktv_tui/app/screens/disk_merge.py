"""Taking a change on disk into an open form: the store's own three-way merge (store/merge.py).

The editors keep their fields as texts ("7,5", "3-4-2017"); two texts that mean the same value
must not count as a change. Each field is turned into a comparison token first, merged with
`merge_tables` (the same merge as `ktv sync` and git's merge driver), and the outcome is mapped
back to the texts typed here or found on disk."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from store.merge import merge_tables

Canon = Callable[[str, Any], Any]
"""(field key, value) → a token equal for values that mean the same; None for an empty field."""


@dataclass
class FieldMerge:
    """The outcome of a three-way merge of one form: what to show and what to ask."""

    merged: dict[str, Any]
    """Every field after the merge; a field changed on both sides keeps the typed value."""
    taken: list[str]
    """Fields changed only on disk: taken over."""
    conflicts: dict[str, tuple[Any, Any]]
    """Fields changed on both sides to different values: (typed here, on disk)."""


def _tokens(values: dict[str, Any], canon: Canon) -> dict[str, Any]:
    tokens = {}
    for key, value in values.items():
        token = canon(key, value)
        if token is not None:
            tokens[key] = token
    return tokens


def merge_fields(
    base: dict[str, Any],
    mine: dict[str, Any],
    theirs: dict[str, Any],
    canon: Canon,
    empty: Callable[[str], Any],
) -> FieldMerge:
    """Field by field: only-on-disk changes are taken, only-here changes kept, both → a conflict."""
    b, m, t = (_tokens(values, canon) for values in (base, mine, theirs))
    merged_tokens, conflicts = merge_tables(b, m, t)
    conflicting = {conflict.path[0] for conflict in conflicts if conflict.path}
    merged: dict[str, Any] = {}
    taken: list[str] = []
    pairs: dict[str, tuple[Any, Any]] = {}
    keys = [
        *mine,
        *(k for k in theirs if k not in mine),
        *(k for k in base if k not in mine and k not in theirs),
    ]
    for key in keys:
        here = mine.get(key, empty(key))
        there = theirs.get(key, empty(key))
        if key in conflicting:
            merged[key] = here
            pairs[key] = (here, there)
        elif merged_tokens.get(key) != m.get(key):
            merged[key] = there
            taken.append(key)
        else:
            merged[key] = here
    return FieldMerge(merged, taken, pairs)
