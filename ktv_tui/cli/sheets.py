"""`ktv ontbrekend`, `ktv export` and `ktv import`: the chase list and spreadsheets in and out."""

from __future__ import annotations

from rich.text import Text

from report.missing import chase_labels, missing_forms, missing_json

from ..output import console, print_json
from . import EXIT_DATA_ERRORS, EXIT_OK, Context, UsageError
from .data import require_organisation


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
    from ..missing_lines import print_missing_table

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
    """Periods with an error are left out and named; never over an existing file without
    --overschrijven; without -o outside the data folder, and the output says where."""
    from pathlib import Path

    from store.sheet_export import csv_risks, default_directory, plan_export, risk_note
    from store.sheet_files import kind_of, write_sheet

    from .data import choose_year

    folder = ctx.load()
    require_organisation(folder)
    _need_questionnaires(folder)
    label = ctx.args.jaar
    if label is not None:
        choose_year(ctx, folder)  # refuses a meetjaar that does not exist
        periods = folder.completed_periods(label)
    else:
        periods = sorted(folder.periods.values(), key=lambda p: (p.begin, p.id))
    if ctx.args.output:
        path = expand_path(ctx.args.output)
    else:
        name = f"perioden-{label}.csv" if label else "perioden.csv"
        path = default_directory(Path.cwd(), folder.root, Path.home()) / name
    if kind_of(path) not in ("csv", "xlsx"):
        raise UsageError(f"'{path.name}': kies een bestandsnaam op .csv of .xlsx")
    if path.exists() and not ctx.args.overschrijven:
        raise UsageError(
            f"'{path}' bestaat al; niets geschreven. Kies een andere naam met -o of voeg --overschrijven toe"
        )
    plan = plan_export(folder, periods, all_files=label is None)
    rows = plan.rows
    try:
        write_sheet(path, plan.header, rows)
    except OSError as exc:
        from report.dutch import os_error

        raise UsageError(f"kan '{path}' niet schrijven: {os_error(exc)}") from exc
    out = console()
    n = len(plan.periods)
    out.print(Text(f"{n} {'periode' if n == 1 else 'perioden'} geschreven naar {path.absolute()}"))
    if plan.left_out:
        out.print(
            Text(
                f"Niet uitgevoerd, want met fouten (zie `ktv check`): {', '.join(plan.left_out)}",
                style="yellow",
            )
        )
    if kind_of(path) == "csv":
        risks = csv_risks(plan.header, rows)
        if risks:
            out.print(Text(risk_note(risks, path), style="yellow"))
    return EXIT_DATA_ERRORS if plan.left_out else EXIT_OK


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
    from store.sheet_files import SheetContentError, SheetError, kind_of, read_sheets, unreadable_kind
    from store.sheet_import import ImportPlan, apply_import, plan_import
    from store.toml_io import ChangedOnDisk

    args = ctx.args
    path = expand_path(args.bestand)
    if not path.is_file():
        raise UsageError(f"bestand '{args.bestand}' bestaat niet")
    if kind_of(path) is None:
        raise UsageError(unreadable_kind(path))
    folder = ctx.load()
    require_organisation(folder)
    _need_questionnaires(folder)
    try:
        plan = plan_import(folder, read_sheets(path), also_submitted=args.ook_ingediend)
    except SheetContentError as exc:  # an error of the file itself: nothing imported (exit 1)
        plan = ImportPlan(file_errors=[str(exc)])
    except SheetError as exc:
        raise UsageError(str(exc)) from exc
    written = False
    if args.toepassen and not plan.file_errors and (plan.to_add or plan.to_change):
        try:
            apply_import(folder.root, plan, folder.digests)
        except ChangedOnDisk as exc:
            raise UsageError(
                f"perioden/{exc}: intussen door iemand anders gewijzigd of aangemaakt; "
                "niets meer geschreven, probeer het opnieuw"
            ) from exc
        written = True
    rc = EXIT_DATA_ERRORS if plan.has_errors else EXIT_OK
    if args.json:
        from .sheets_output import import_json

        print_json(import_json(plan, path, written))
        return rc
    from .sheets_output import print_plan

    print_plan(plan, path, written, args.toepassen)
    return rc
