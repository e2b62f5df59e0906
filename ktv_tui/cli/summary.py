"""The counted phrases every command ends with: "2 fouten, 1 waarschuwing in 14 bestanden."

One place for `check`, `deadlines`, `stats` and the overview without a terminal."""

from __future__ import annotations


def count_phrase(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def problem_summary(folder) -> str:
    """The last line of `ktv check` (also under `ktv` without a terminal, cli/overview.py)."""
    errors, warnings = len(folder.errors), len(folder.warnings)
    files = count_phrase(len(folder.digests), "bestand", "bestanden")
    if not errors and not warnings:
        return f"Geen problemen gevonden in {files}."
    return (
        f"{count_phrase(errors, 'fout', 'fouten')}, "
        f"{count_phrase(warnings, 'waarschuwing', 'waarschuwingen')} in {files}."
    )
