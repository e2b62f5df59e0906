"""SPEC §5 `stats --per-jobcoach`: the numbers of §4 per jobcoach, for internal use only (never in a PDF)."""

from __future__ import annotations

from store.model import SIDES

from .numbers import SideStats, side_json, side_stats

NO_JOBCOACH = "(zonder jobcoach)"
"""The group of periods without a `jobcoach`."""

INTERNAL = "intern: niet voor UWV"
"""The mark on every per-jobcoach view: these numbers are for the organisation itself."""


def per_jobcoach(folder, label: int) -> dict[str, dict[str, SideStats]]:
    """Per jobcoach (sorted, the group without one last): both sides' numbers of meetjaar `label`."""
    groups: dict[str, list] = {}
    for period in folder.completed_periods(label):
        groups.setdefault(period.jobcoach or NO_JOBCOACH, []).append(period)
    order = sorted((k for k in groups if k != NO_JOBCOACH), key=str.casefold)
    if NO_JOBCOACH in groups:
        order.append(NO_JOBCOACH)
    norm = folder.organisation.norm
    return {
        coach: {
            side: side_stats(side, groups[coach], norm[side], folder.questionnaires.get(side))
            for side in SIDES
        }
        for coach in order
    }


def per_jobcoach_json(folder, label: int) -> dict:
    """`{"IJ": {"werknemer": {…}, "werkgever": {…}}, …}` with the keys of `stats --json`'s sides."""
    return {
        coach: {side: side_json(stats) for side, stats in sides.items()}
        for coach, sides in per_jobcoach(folder, label).items()
    }
