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
    """Ask for a file and write the given periods (in the given order) with `ktv export`'s columns."""
    folder = app.folder
    if folder is None:
        app.notify("De gegevens worden nog geladen.", severity="warning")
        return
    periods = [folder.periods[pid] for pid in period_ids if pid in folder.periods]
    default = str(Path.cwd() / (f"perioden-{label}.csv" if isinstance(label, int) else "perioden.csv"))

    def write(name: str | None) -> None:
        from store.sheet import columns, period_row
        from store.sheet_files import kind_of, write_sheet

        if not name:
            return
        path = Path(name).expanduser()
        if kind_of(path) is None:
            app.notify(f"'{name}': kies een bestandsnaam op .csv of .xlsx", severity="error", markup=False)
            return
        if len(folder.questionnaires) < 2:
            app.notify("Een vragenlijst heeft fouten; los dit eerst op.", severity="error", markup=False)
            return
        try:
            rows = [list(period_row(p, folder.questionnaires).values()) for p in periods]
            write_sheet(path, columns(folder.questionnaires), rows)
        except OSError as exc:
            app.notify(f"Exporteren mislukt: {exc}", severity="error", markup=False)
            return
        app.notify(f"{len(periods)} perioden geschreven naar {path}", markup=False, timeout=8)

    app.push_screen(ExportDialog(len(periods), default), write)
