"""`ktv import` in the app: choose a file, see every row that would be added and every problem,
then confirm; only the good rows are written."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from .base import KtvScreen


@dataclass
class PlanReady(Message):
    path: Path
    plan: object | None
    error: str | None


@dataclass
class ImportDone(Message):
    count: int
    error: str | None


class ImportScreen(KtvScreen):
    """File name, preview table, `t` to write the good rows after a confirmation."""

    HELP_TITLE = "Spreadsheet inlezen"
    BINDINGS = [
        Binding("t", "apply", "Toepassen"),
        Binding("slash", "choose_file", "Ander bestand", key_display="/"),
        Binding("escape", "back", "Terug"),
    ]

    def __init__(self, path: str = "") -> None:
        super().__init__()
        self.initial = path
        self.plan = None
        self.path: Path | None = None
        self.busy = False

    def compose(self) -> ComposeResult:
        yield Input(
            self.initial, placeholder="bestand (.csv, .xlsx of .ods), Enter om te bekijken", id="import-path"
        )
        yield Static(id="import-summary")
        yield DataTable(id="import-rows", cursor_type="row", zebra_stripes=True)
        yield Static(id="import-detail")
        yield from self.compose_chrome()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key, label, width in (
            ("rij", "Rij", 4),
            ("wat", "Wat", 12),
            ("periode", "Periode", 15),
            ("toelichting", "Toelichting", 36),
        ):
            table.add_column(label, width=width, key=key)
        self.query_one(Input).focus()
        self.query_one("#import-summary", Static).update(
            Text("Typ het pad van een spreadsheet met de kolommen van `ktv export` en druk op Enter.")
        )
        if self.initial:
            self.preview(self.initial)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.preview(event.value.strip())

    def preview(self, text: str) -> None:
        if self.ktv.folder is None:
            self.notify("De gegevens worden nog geladen.", severity="warning")
            return
        path = Path(text).expanduser()
        self.busy = True
        self.query_one("#import-summary", Static).update(Text(f"{path} lezen en controleren…"))
        self._plan(path, self.ktv.folder)

    @work(thread=True, exclusive=True, group="import")
    def _plan(self, path: Path, folder) -> None:
        from store.sheet_files import SheetError, kind_of, read_sheets, unreadable_kind
        from store.sheet_import import plan_import

        try:
            if kind_of(path) is None:
                raise SheetError(unreadable_kind(path))
            if not path.is_file():
                raise SheetError(f"bestand '{path}' bestaat niet")
            if folder.organisation is None or len(folder.questionnaires) < 2:
                raise SheetError(
                    "ktv.toml of een vragenlijst heeft fouten; los dit eerst op (zie Controleren)"
                )
            plan = plan_import(folder, read_sheets(path))
        except (SheetError, OSError) as exc:
            self.post_message(PlanReady(path, None, str(exc)))
            return
        except Exception as exc:  # a bug, never the file's fault: say so instead of closing the app
            self.post_message(
                PlanReady(path, None, f"onverwachte fout bij het lezen: {type(exc).__name__}: {exc}")
            )
            return
        self.post_message(PlanReady(path, plan, None))

    def on_plan_ready(self, message: PlanReady) -> None:
        self.busy = False
        table = self.query_one(DataTable)
        table.clear()
        summary = self.query_one("#import-summary", Static)
        self.plan, self.path = message.plan, message.path
        if message.error:
            summary.update(Text(message.error, style="red"))
            return
        plan = message.plan
        if plan.file_errors:
            text = Text("Niets in te lezen: het bestand zelf klopt niet\n", style="bold red")
            for error in plan.file_errors:
                text.append(f"• {error}\n", style="red")
            summary.update(text)
            return
        for name, why in plan.skipped_sheets:
            table.add_row("", Text("blad overgeslagen", style="dim"), Text(name), Text(why))
        for index, row in enumerate(plan.rows):
            key = f"{row.number}-{index}"
            number = plan.where(row).removeprefix("rij ")
            if row.errors:
                for n, error in enumerate(row.errors):
                    table.add_row(number, Text("fout", style="red"), "", Text(error), key=f"{key}-e{n}")
                continue
            if row.skipped:
                table.add_row(number, Text("overgeslagen", style="dim"), "", Text(row.skipped), key=key)
                continue
            p = row.period
            if row.replaces:
                changes = "; ".join(f"{field}: {old} → {new}" for field, old, new in row.changes)
                table.add_row(
                    number,
                    Text("gewijzigd", style="cyan"),
                    Text(f"{p.employee} / {p.employer}"),
                    Text(f"{p.id}: {changes}"),
                    key=key,
                )
                for n, warning in enumerate(row.warnings):
                    table.add_row(
                        "", Text("waarschuwing", style="yellow"), "", Text(warning), key=f"{key}-w{n}"
                    )
                continue
            table.add_row(
                number,
                Text("nieuw", style="green"),
                Text(f"{p.employee} / {p.employer}"),
                Text(f"{p.id}, begin {p.begin:%d-%m-%Y}" + (f", einde {p.end:%d-%m-%Y}" if p.end else "")),
                key=key,
            )
            for n, warning in enumerate(row.warnings):
                table.add_row("", Text("waarschuwing", style="yellow"), "", Text(warning), key=f"{key}-w{n}")
        n_add, n_err, n_skip = len(plan.to_add), len(plan.error_rows), len(plan.skipped)
        n_change = len(plan.to_change)
        text = Text(f"{message.path.name}: ", style="bold")
        text.append(f"{n_add} perioden toe te voegen", style="green" if n_add else "")
        if n_change:
            text.append(f" · {n_change} te wijzigen", style="cyan")
        if n_err:
            text.append(f" · {n_err} rijen met fouten (worden niet ingelezen)", style="red")
        if n_skip:
            text.append(f" · {n_skip} overgeslagen", style="dim")
        if n_add or n_change:
            text.append("  —  t: toepassen", style="bold")
        summary.update(text)
        table.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The whole message of the highlighted row: at 80 columns the table cuts it off."""
        table = self.query_one(DataTable)
        try:
            cells = table.get_row_at(event.cursor_row)
        except Exception:
            return
        where = str(cells[0])
        prefix = "" if not where else f"{where}: " if where.startswith("blad") else f"rij {where}: "
        detail = Text(prefix, style="bold")
        detail.append(
            Text.assemble(cells[1], ": ", cells[2], " ", cells[3])
            if str(cells[2])
            else Text.assemble(cells[1], ": ", cells[3])
        )
        self.query_one("#import-detail", Static).update(detail)

    def action_apply(self) -> None:
        from .dialogs import confirm_dialog

        plan = self.plan
        if plan is None or self.busy or plan.file_errors or not (plan.to_add or plan.to_change):
            self.notify("Er is niets om toe te voegen of te wijzigen.", severity="warning")
            return
        n_add, n_err, n_change = len(plan.to_add), len(plan.error_rows), len(plan.to_change)
        message = f"{n_add} perioden als nieuwe bestanden toevoegen aan de gegevensmap?"
        if n_change:
            message = f"{n_add} perioden toevoegen en {n_change} bestaande perioden wijzigen?"
        if n_err:
            message += f" De {n_err} rijen met fouten worden niet ingelezen."

        def answered(answer: str | None) -> None:
            if answer == "yes":
                self.busy = True
                self._apply(plan)

        self.app.push_screen(confirm_dialog("Inlezen", message, "Ja, toevoegen"), answered)

    @work(thread=True, exclusive=True, group="import")
    def _apply(self, plan) -> None:
        from store.sheet_import import apply_import
        from store.toml_io import ChangedOnDisk

        try:
            folder = self.ktv.folder
            periods = apply_import(self.ktv.data_dir, plan, folder.digests if folder else {})
        except (ChangedOnDisk, OSError) as exc:
            self.post_message(ImportDone(0, f"niet ingelezen: {exc}"))
            return
        self.post_message(ImportDone(len(periods), None))

    def on_import_done(self, message: ImportDone) -> None:
        self.busy = False
        if message.error:
            self.notify(message.error, severity="error", markup=False)
            return
        self.notify(f"{message.count} perioden toegevoegd of gewijzigd.", markup=False)
        self.plan = None
        self.query_one(DataTable).clear()
        self.query_one("#import-summary", Static).update(
            Text(
                f"{message.count} perioden toegevoegd of gewijzigd uit {self.path.name if self.path else ''}.",
                style="green",
            )
        )
        self.ktv.reload()

    def action_choose_file(self) -> None:
        self.query_one(Input).focus()

    def action_back(self) -> None:
        if self.focused is self.query_one(Input) and self.plan is not None:
            self.query_one(DataTable).focus()
        else:
            self.app.pop_screen()
