"""`ktv report` and `ktv melding`: the PDFs (filled in by the report issue)."""

from __future__ import annotations

from .cli import Context, UsageError


def run_report(ctx: Context) -> int:
    raise UsageError("ktv report is nog niet beschikbaar in deze versie")


def run_notice(ctx: Context) -> int:
    raise UsageError("ktv melding is nog niet beschikbaar in deze versie")
