"""Export from the app: the periods the periods screen shows (its current filter) to CSV or `.xlsx`."""

from __future__ import annotations

from pathlib import Path

from .dialogs import LineDialog


class ExportDialog(LineDialog):
    """Asks for the file name (.csv or .xlsx); Enter writes, Escape cancels."""

    def __init__(self, count: int, default: str) -> None:
        super().__init__(
            f"{count} perioden exporteren (het huidige filter)",
            default,
            "Enter: schrijven · Esc: annuleren · .csv (Excel, puntkomma's) of .xlsx (werkmap)",
            input_id="export-path",
        )

    def submitted(self, value: str) -> str | None:
        return value.strip() or None


def export_periods(app, period_ids: list[str], label: object) -> None:
    """Ask for a file and write the given periods (in the given order) with `ktv export`'s
    columns and rules: periods with an error left out and named, an existing file only replaced
    after a confirmation, the default file outside the data folder."""
    from store.sheet_export import default_directory

    folder = app.folder
    if folder is None:
        app.notify("De gegevens worden nog geladen.", severity="warning")
        return
    periods = [folder.periods[pid] for pid in period_ids if pid in folder.periods]
    name = f"perioden-{label}.csv" if isinstance(label, int) else "perioden.csv"
    default = str(default_directory(Path.cwd(), folder.root, Path.home()) / name)

    def write(name: str | None) -> None:
        from store.sheet_files import kind_of

        from .dialogs import confirm_dialog

        if not name:
            return
        path = Path(name).expanduser()
        if kind_of(path) not in ("csv", "xlsx"):
            app.notify(f"'{name}': kies een bestandsnaam op .csv of .xlsx", severity="error", markup=False)
            return
        if len(folder.questionnaires) < 2:
            app.notify("Een vragenlijst heeft fouten; los dit eerst op.", severity="error", markup=False)
            return
        if path.exists():
            app.push_screen(
                confirm_dialog("Exporteren", f"{path} bestaat al. Vervangen?", "Ja, vervangen"),
                lambda answer: _write(app, folder, periods, path) if answer == "yes" else None,
            )
            return
        _write(app, folder, periods, path)

    app.push_screen(ExportDialog(len(periods), default), write)


def _write(app, folder, periods: list, path: Path) -> None:
    from store.sheet_export import csv_risks, plan_export, risk_note
    from store.sheet_files import kind_of, write_sheet

    plan = plan_export(folder, periods, all_files=False)
    try:
        rows = plan.rows
        write_sheet(path, plan.header, rows)
    except OSError as exc:
        app.notify(f"Exporteren mislukt: {exc}", severity="error", markup=False)
        return
    message = f"{len(plan.periods)} perioden geschreven naar {path.absolute()}"
    if plan.left_out:
        message += f". Niet uitgevoerd (met fouten): {', '.join(plan.left_out)}"
    if kind_of(path) == "csv" and (risks := csv_risks(plan.header, rows)):
        message += ". " + risk_note(risks, path)
    app.notify(message, markup=False, timeout=12, severity="warning" if plan.left_out else "information")
