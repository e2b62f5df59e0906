"""`ktv ontbrekend`, `ktv export` and `ktv import`: the chase list and spreadsheets in and out."""

from __future__ import annotations

from rich import box
from rich.table import Table
from rich.text import Text

from report.dutch import short_date
from report.missing import chase_labels, missing_forms, missing_json

from .cli import EXIT_OK, Context
from .cli_data import require_organisation
from .output import console, print_json


def run_missing(ctx: Context) -> int:
    """Always exit 0: a list to work through, not a check."""
    folder = ctx.load()
    require_organisation(folder)
    today = ctx.today
    if ctx.args.json:
        print_json(missing_json(folder, today))
        return EXIT_OK
    out = console()
    labels = " en ".join(str(label) for label in chase_labels(folder, today))
    forms = missing_forms(folder, today)
    if not forms:
        out.print(f"Geen ontbrekende formulieren in meetjaar {labels}.")
        return EXIT_OK
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1), collapse_padding=True)
    for column, justify in (
        ("Periode", "left"),
        ("Werknemer", "left"),
        ("Werkgever", "left"),
        ("Formulier", "left"),
        ("Einde", "left"),
        ("Dagen", "right"),
        ("Reden", "left"),
    ):
        table.add_column(column, justify=justify, no_wrap=column != "Reden")
    for item in forms:
        period = item.period
        table.add_row(
            Text(period.id),
            Text(period.employee),
            Text(period.employer),
            item.side,
            short_date(period.end),
            str(item.days),
            Text(item.reason or "—", style="" if item.reason else "dim"),
        )
    out.print(table)
    without = sum(1 for item in forms if not item.reason)
    n = len(forms)
    out.print(
        f"{n} {'formulier ontbreekt' if n == 1 else 'formulieren ontbreken'} in meetjaar {labels}"
        + (f"; {without} zonder reden (vul \\[ontbreekt] in)." if without else ".")
    )
    return EXIT_OK
