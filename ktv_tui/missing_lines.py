"""`ktv ontbrekend` for people: a table that fits the terminal, reasons readable in full.

At 80 columns a reason column got eight characters and every word was cut ("Werkgev…", issue 23).
On a narrow terminal the reasons therefore follow the table, one wrapped line per form."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from report.dutch import short_date

WIDE = 110
"""From this width on the reason fits as a column of its own."""


def print_missing_table(out: Console, forms: list) -> None:
    wide = out.width >= WIDE
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1), collapse_padding=True)
    columns = [
        ("Periode", "left"),
        ("Werknemer", "left"),
        ("Werkgever", "left"),
        ("Formulier", "left"),
        ("Einde", "left"),
        ("Dagen", "right"),
    ]
    if wide:
        columns.append(("Reden", "left"))
    for column, justify in columns:
        table.add_column(column, justify=justify, no_wrap=column != "Reden")
    for item in forms:
        period = item.period
        cells = [
            Text(period.id),
            Text(period.employee),
            Text(period.employer),
            Text(item.side),
            Text(short_date(period.end)),
            Text(str(item.days)),
        ]
        if wide:
            cells.append(Text(item.reason or "—", style="" if item.reason else "dim"))
        table.add_row(*cells)
    out.print(table)
    if wide:
        return
    out.print(Text("Reden per formulier:", style="bold"))
    for item in forms:
        period = item.period
        line = Text(f"  {period.employee} / {period.employer}, {item.side}: ")
        line.append(item.reason or "— geen reden —", style="" if item.reason else "dim")
        out.print(line, soft_wrap=False)
