"""`ktv ontbrekend`, `ktv export` and `ktv import`: the chase list and spreadsheets in and out."""

from __future__ import annotations

from rich.text import Text

from report.dutch import short_date
from report.missing import chase_labels, missing_forms, missing_json

from .cli import EXIT_DATA_ERRORS, EXIT_OK, Context, UsageError
from .cli_data import require_organisation
from .output import console, print_json


def run_missing(ctx: Context) -> int:
    """Always exit 0: a list to work through, not a check."""
    folder = ctx.load()
    if folder.calendar is None:  # without an erkenningsdatum the meetjaren are unknown
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
    from .missing_lines import print_missing_table

    print_missing_table(out, forms)
    without = sum(1 for item in forms if not item.reason)
    n = len(forms)
    out.print(
        Text(
            f"{n} {'formulier ontbreekt' if n == 1 else 'formulieren ontbreken'} in meetjaar {labels}"
            + (f"; {without} zonder reden (vul [ontbreekt] in)." if without else ".")
        ),
        soft_wrap=False,
    )
    return EXIT_OK


# --- export ------------------------------------------------------------------------------------


def _need_questionnaires(folder) -> None:
    missing = [side for side in ("werknemer", "werkgever") if side not in folder.questionnaires]
    if missing:
        raise UsageError(
            "de vragenlijst " + " en ".join(missing) + " heeft fouten of ontbreekt; "
            "de kolommen van de antwoorden zijn dan onbekend. Los dit eerst op (zie `ktv check`)."
        )


def run_export(ctx: Context) -> int:
    from store.sheet import columns, period_row
    from store.sheet_files import kind_of, write_sheet

    from .cli_data import choose_year

    folder = ctx.load()
    require_organisation(folder)
    _need_questionnaires(folder)
    label = ctx.args.jaar
    if label is not None:
        choose_year(ctx, folder)  # refuses a meetjaar that does not exist
        periods = folder.completed_periods(label)
    else:
        periods = sorted(folder.periods.values(), key=lambda p: (p.begin, p.id))
    name = ctx.args.output or (f"perioden-{label}.csv" if label else "perioden.csv")
    path = expand_path(name)
    if kind_of(path) is None:
        raise UsageError(f"'{name}': kies een bestandsnaam op .csv of .xlsx")
    header = columns(folder.questionnaires)
    rows = [list(period_row(p, folder.questionnaires).values()) for p in periods]
    try:
        write_sheet(path, header, rows)
    except OSError as exc:
        from report.dutch import os_error

        raise UsageError(f"kan '{path}' niet schrijven: {os_error(exc)}") from exc
    out = console()
    out.print(Text(f"{len(periods)} {'periode' if len(periods) == 1 else 'perioden'} geschreven naar {path}"))
    broken = {p.file for p in folder.errors if p.file.startswith("perioden/")}
    if broken:
        out.print(
            Text(
                f"Let op: {len(broken)} periodebestand(en) met fouten niet uitgevoerd (zie `ktv check`).",
                style="yellow",
            )
        )
    return EXIT_OK


def expand_path(text: str):
    """`~` and `~user` as a shell would; one that cannot be expanded is a refusal, not a crash."""
    from pathlib import Path

    path = Path(text)
    if text.startswith("~"):
        try:
            path = path.expanduser()
        except RuntimeError as exc:
            raise UsageError(f"'{text}': kan ~ niet uitvouwen (onbekende gebruiker)") from exc
    return path


# --- import ------------------------------------------------------------------------------------


def run_import(ctx: Context) -> int:
    from store.sheet_files import SheetError, kind_of, read_table
    from store.sheet_import import apply_import, plan_import, row_summary
    from store.toml_io import ChangedOnDisk

    args = ctx.args
    path = expand_path(args.bestand)
    if kind_of(path) is None:
        raise UsageError(f"'{args.bestand}' is geen .csv- of .xlsx-bestand")
    if not path.is_file():
        raise UsageError(f"bestand '{args.bestand}' bestaat niet")
    folder = ctx.load()
    require_organisation(folder)
    _need_questionnaires(folder)
    try:
        table = read_table(path)
    except SheetError as exc:
        raise UsageError(str(exc)) from exc
    plan = plan_import(folder, table)
    written = False
    if args.toepassen and not plan.file_errors and plan.to_add:
        try:
            apply_import(folder.root, plan)
        except ChangedOnDisk as exc:
            raise UsageError(
                f"perioden/{exc}: bestaat intussen al; niets meer toegevoegd, probeer het opnieuw"
            ) from exc
        written = True
    rc = EXIT_DATA_ERRORS if plan.has_errors else EXIT_OK
    if args.json:
        print_json(
            {
                "bestand": str(path),
                "toegepast": written,
                "bestandsfouten": plan.file_errors,
                "toe_te_voegen": [{"rij": r.number, **_plain(row_summary(r.period))} for r in plan.to_add],
                "problemen": [
                    {"rij": r.number, "ernst": severity, "bericht": message}
                    for r in plan.rows
                    for severity, messages in (("fout", r.errors), ("waarschuwing", r.warnings))
                    for message in messages
                ],
                "overgeslagen": [{"rij": r.number, "reden": r.skipped} for r in plan.skipped],
                "fouten": len(plan.error_rows) + len(plan.file_errors),
            }
        )
        return rc
    _print_plan(plan, path, written, args.toepassen)
    return rc


def _plain(summary: dict) -> dict:
    return {k: v for k, v in summary.items() if k != "rel"}


def _print_plan(plan, path, written: bool, apply: bool) -> None:

    out = console()
    if plan.file_errors:
        for message in plan.file_errors:
            out.print(Text(f"{path.name}: fout: {message}", style="red"))
        out.print(Text("Niets ingelezen: het bestand zelf klopt niet (zie hierboven).", style="red"))
        return
    verb = "toegevoegd" if written else "nieuw"
    # One Text for all rows: 5 000 separate prints would cost seconds.
    text = Text()
    for row in plan.rows:
        if row.period is not None:
            p = row.period
            end = f", einde {short_date(p.end)}" if p.end else ""
            text.append(
                f"rij {row.number}: {verb}: {p.id} {p.employee} / {p.employer}, begin {short_date(p.begin)}{end}\n"
            )
        for message in row.errors:
            text.append(f"rij {row.number}: fout: {message}\n", style="red")
        for message in row.warnings:
            text.append(f"rij {row.number}: waarschuwing: {message}\n", style="yellow")
        if row.skipped:
            text.append(f"rij {row.number}: overgeslagen: {row.skipped}\n", style="dim")
    if text:
        text.rstrip()
        out.print(text)
    n_add, n_err, n_skip = len(plan.to_add), len(plan.error_rows), len(plan.skipped)
    periods = f"{n_add} {'periode' if n_add == 1 else 'perioden'}"
    summary = f"{periods} {'toegevoegd' if written else 'toe te voegen'}"
    if n_err:
        summary += f"; {n_err} {'rij' if n_err == 1 else 'rijen'} met fouten niet ingelezen"
    if n_skip:
        summary += f"; {n_skip} overgeslagen"
    out.print(summary + ".")
    if not apply and n_add:
        out.print(f"Nog niets geschreven: voeg --toepassen toe om de {periods} toe te voegen.")
    if written:
        out.print("Leg de nieuwe bestanden vast met `ktv sync` (of git commit).")
