"""The chase list: missing forms of completed periods (current and previous meetjaar), oldest first;
the `[ontbreekt]` reason is edited right from the list."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from .base import KtvScreen, cursor_row_key
from .dialogs import LineDialog


class ReasonDialog(LineDialog):
    """One line for the reason; Enter keeps it, Escape cancels. An empty line removes it."""

    def __init__(self, title: str, reason: str) -> None:
        super().__init__(
            title,
            reason,
            "Enter: opslaan · Esc: annuleren · leeg: reden weghalen. Geen namen of nummers.",
            input_id="reason",
            placeholder="bijv. Niet teruggestuurd na twee herinneringen.",
        )


class MissingFormsScreen(KtvScreen):
    """`ktv ontbrekend` in the app: who to chase, since how long, and why a form is not coming."""

    HELP_TITLE = "Ontbrekende formulieren"
    BINDINGS = [
        Binding("enter,r", "edit_reason", "Reden"),
        Binding("o", "open_period", "Periode openen"),
        Binding("escape", "back", "Terug"),
    ]
    COMMANDS_HERE = [
        ("Reden invullen", "waarom het geselecteerde formulier ontbreekt ([ontbreekt])", "edit_reason"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: list = []

    def compose(self) -> ComposeResult:
        yield Static(id="missing-title")
        yield DataTable(id="missing-forms", cursor_type="row", zebra_stripes=True)
        # The selected row's reason in full: the column shows only its start (issue 23).
        yield Static(id="missing-detail")
        yield from self.compose_chrome()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key, label, width in (
            ("werknemer", "Werknemer", 9),
            ("werkgever", "Werkgever", 9),
            ("kant", "Formulier", 9),
            ("einde", "Einde", 10),
            ("dagen", "Dagen", 5),
            ("reden", "Reden", 24),
        ):
            table.add_column(label, width=width, key=key)
        table.focus()
        self.sync()

    def refresh_data(self) -> None:
        from report.missing import chase_labels, missing_forms

        folder = self.ktv.folder
        table = self.query_one(DataTable)
        current = self.current_key()
        self.items = missing_forms(folder, self.ktv.today)
        table.clear()
        for item in self.items:
            period = item.period
            table.add_row(
                Text(period.employee),
                Text(period.employer),
                item.side,
                period.end.strftime("%d-%m-%Y"),
                Text(str(item.days), justify="right"),
                Text(item.reason or "– geen reden –", style="" if item.reason else "yellow"),
                key=f"{period.id}/{item.side}",
            )
        if current is not None:
            keys = [f"{i.period.id}/{i.side}" for i in self.items]
            if current in keys:
                table.move_cursor(row=keys.index(current))
        labels = " en ".join(str(label) for label in chase_labels(folder, self.ktv.today))
        without = sum(1 for i in self.items if not i.reason)
        title = Text(f"{len(self.items)} ontbrekende formulieren in meetjaar {labels}", style="bold")
        title.append(" · oudste eerst", style="dim")
        if without:
            title.append(f" · {without} zonder reden", style="yellow")
        self.query_one("#missing-title", Static).update(title)
        self.show_detail()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def show_detail(self) -> None:
        """The selected form in words, its reason whole and wrapped."""
        item = self.current_item()
        detail = self.query_one("#missing-detail", Static)
        if item is None:
            detail.update("")
            return
        period = item.period
        text = Text(f"{period.employee} / {period.employer}, formulier {item.side}: ", style="bold")
        if item.reason:
            text.append(f"reden: {item.reason}")
        else:
            text.append("geen reden (Enter: reden invullen)", style="yellow")
        detail.update(text)

    def current_key(self) -> str | None:
        return cursor_row_key(self.query_one(DataTable))

    def current_item(self):
        key = self.current_key()
        return next((i for i in self.items if f"{i.period.id}/{i.side}" == key), None)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit_reason()

    def action_open_period(self) -> None:
        item = self.current_item()
        if item is not None:
            self.ktv.open_period(item.period.id)

    def action_edit_reason(self) -> None:
        item = self.current_item()
        if item is None:
            return
        title = (
            f"Waarom ontbreekt het formulier {item.side} van {item.period.employee} / {item.period.employer}?"
        )
        self.app.push_screen(ReasonDialog(title, item.reason or ""), lambda text: self._save(item, text))

    def _save(self, item, text: str | None) -> None:
        """The reason is saved at once, through the checks and the guarded save of every edit."""
        from store.fields import FileContext
        from store.parse import check_private
        from store.save import save_period
        from store.toml_io import ChangedOnDisk

        if text is None:
            return
        text = text.strip()
        ctx = FileContext("", "")
        check_private(ctx, ("ontbreekt", item.side), text, code=False)
        if ctx.problems:
            self.notify(ctx.problems[0].message, severity="error", markup=False, timeout=8)
            return
        period = item.period
        reasons = dict(period.missing_reasons)
        if text:
            reasons[item.side] = text
        else:
            reasons.pop(item.side, None)
        updated = replace(period, missing_reasons=reasons)
        folder = self.ktv.folder
        rel = f"perioden/{period.id}.toml"
        try:
            saved = save_period(self.ktv.data_dir, updated, folder.digests.get(rel))
        except ChangedOnDisk:
            self.notify(
                f"{rel} is intussen op schijf gewijzigd; niets overschreven. Probeer het na het herladen opnieuw.",
                severity="warning",
                markup=False,
            )
            self.ktv.reload()
            return
        except OSError as exc:
            self.notify(f"Opslaan mislukt: {exc}", severity="error", markup=False)
            return
        folder.periods[period.id] = updated
        folder.digests[rel] = saved.digest
        self.notify("Reden opgeslagen." if text else "Reden weggehaald.", markup=False)
        self.refresh_data()
        self.ktv.reload()

    def action_back(self) -> None:
        self.app.pop_screen()
