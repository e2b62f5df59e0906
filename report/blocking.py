"""The one refusal for numbers over data with errors (SPEC §2), shared by stats, report and notice."""

from __future__ import annotations

from store.problems import format_problem

SHOWN = 20


def blocking_refusal(folder, label: int, what: str) -> str | None:
    """The Dutch reason `what` (stats, rapportage, melding) is refused for meetjaar `label`, or None."""
    if folder.organisation is None:
        return f"{what} geweigerd: ktv.toml heeft fouten (zie `ktv check`)."
    blocking = folder.blocking_problems(label)
    if not blocking:
        return None
    listed = "\n  ".join(format_problem(p) for p in blocking[:SHOWN])
    more = f"\n  … en nog {len(blocking) - SHOWN}" if len(blocking) > SHOWN else ""
    return (
        f"{what} geweigerd: meetjaar {label} heeft fouten in de gegevens die de cijfers "
        f"kunnen veranderen:\n  {listed}{more}\nLos ze eerst op (zie `ktv check`)."
    )
