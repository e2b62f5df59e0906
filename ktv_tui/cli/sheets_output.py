"""What `ktv import` prints: every row's fate in the spreadsheet's words (`blad '2018', rij 5`),
as text or as the JSON of README "Spreadsheets"."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from ..output import console


def _summary(period) -> dict[str, Any]:
    return {
        "id": period.id,
        "werknemer": period.employee,
        "werkgever": period.employer,
        "begin": period.begin.isoformat(),
        "einde": period.end.isoformat() if period.end else None,
    }


def import_json(plan, path, written: bool) -> dict[str, Any]:
    """The keys of README "Spreadsheets", plus `gewijzigd`, `blad` and `overgeslagen_bladen`."""
    return {
        "bestand": str(path),
        "toegepast": written,
        "bestandsfouten": plan.file_errors,
        "toe_te_voegen": [{"rij": r.number, "blad": r.sheet, **_summary(r.period)} for r in plan.to_add],
        "gewijzigd": [
            {
                "rij": r.number,
                "blad": r.sheet,
                "id": r.replaces,
                "velden": [{"veld": f, "oud": old, "nieuw": new} for f, old, new in r.changes],
            }
            for r in plan.to_change
        ],
        "problemen": [
            {"rij": r.number, "blad": r.sheet, "ernst": severity, "bericht": message}
            for r in plan.rows
            for severity, messages in (("fout", r.errors), ("waarschuwing", r.warnings))
            for message in messages
        ],
        "overgeslagen": [{"rij": r.number, "blad": r.sheet, "reden": r.skipped} for r in plan.skipped],
        "overgeslagen_bladen": [{"blad": name, "reden": why} for name, why in plan.skipped_sheets],
        "fouten": len(plan.error_rows) + len(plan.file_errors),
    }


def _row_lines(plan, row, verb: str, changed: str, text: Text) -> None:
    from report.dutch import short_date

    where = plan.where(row)
    if row.period is not None and row.replaces is None and row.skipped is None:
        p = row.period
        end = f", einde {short_date(p.end)}" if p.end else ""
        text.append(
            f"{where}: {verb}: {p.id} {p.employee} / {p.employer}, begin {short_date(p.begin)}{end}\n"
        )
    elif row.replaces is not None:
        text.append(f"{where}: {changed}: {row.replaces} {row.period.employee} / {row.period.employer}\n")
        for field, old, new in row.changes:
            text.append(f"    {field}: {old} → {new}\n")
    for message in row.errors:
        text.append(f"{where}: fout: {message}\n", style="red")
    for message in row.warnings:
        text.append(f"{where}: waarschuwing: {message}\n", style="yellow")
    if row.skipped:
        text.append(f"{where}: overgeslagen: {row.skipped}\n", style="dim")


def print_plan(plan, path, written: bool, apply: bool) -> None:
    out = console()
    if plan.file_errors:
        for message in plan.file_errors:
            out.print(Text(f"{path.name}: fout: {message}", style="red"))
        out.print(Text("Niets ingelezen: het bestand zelf klopt niet (zie hierboven).", style="red"))
        return
    # One Text for all rows: 5 000 separate prints would cost seconds.
    text = Text()
    for name, why in plan.skipped_sheets:
        text.append(f"blad '{name}': overgeslagen: {why}\n", style="dim")
    verb, changed = ("toegevoegd", "gewijzigd") if written else ("nieuw", "gewijzigd")
    for row in plan.rows:
        _row_lines(plan, row, verb, changed, text)
    if text:
        text.rstrip()
        out.print(text)
    n_add, n_change = len(plan.to_add), len(plan.to_change)
    n_err, n_skip = len(plan.error_rows), len(plan.skipped)
    periods = f"{n_add} {'periode' if n_add == 1 else 'perioden'}"
    summary = f"{periods} {'toegevoegd' if written else 'toe te voegen'}"
    if n_change:
        summary += f"; {n_change} {'periode' if n_change == 1 else 'perioden'} {'gewijzigd' if written else 'te wijzigen'}"
    if n_err:
        summary += f"; {n_err} {'rij' if n_err == 1 else 'rijen'} met fouten niet ingelezen"
    if n_skip:
        summary += f"; {n_skip} overgeslagen"
    out.print(summary + ".")
    if not apply and (n_add or n_change):
        what = " en ".join(
            part
            for part in (
                f"de {periods} toe te voegen" if n_add else "",
                f"de {n_change} wijzigingen door te voeren" if n_change else "",
            )
            if part
        )
        out.print(f"Nog niets geschreven: voeg --toepassen toe om {what}.")
    if written:
        out.print("Leg de wijzigingen vast met `ktv sync` (of git commit).")
