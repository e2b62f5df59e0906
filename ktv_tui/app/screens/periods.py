"""The table of all jobcoachperiodes: filter by meetjaar and missing forms, search as you type, sort."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Checkbox, DataTable, Input, Select, Static

from report.dutch import short_date

from .base import KtvScreen, cursor_row_key

COLUMNS = (
    ("werknemer", "Werknemer", 9),
    ("werkgever", "Werkgever", 9),
    ("jobcoach", "Coach", 5),
    ("begin", "Begin", 10),
    ("einde", "Einde", 10),
    ("cijfer_wn", "Wn", 4),
    ("cijfer_wg", "Wg", 4),
    ("forms", "Binnen", 6),
)
ALL = "alle"
RUNNING = "lopend"
BROKEN = "fout"


@dataclass(frozen=True)
class Row:
    """One line of the table, with what search and sort need."""

    id: str
    label: object
    werknemer: str
    werkgever: str
    jobcoach: str
    begin: date | None
    einde: date | None
    cijfer_wn: object
    cijfer_wg: object
    forms: tuple[bool, bool]
    remark: str
    broken: bool

    @property
    def missing(self) -> bool:
        return self.einde is not None and not all(self.forms)

    def haystack(self) -> str:
        return " ".join((self.id, self.werknemer, self.werkgever, self.jobcoach, self.remark)).lower()


def rows_of(folder) -> list[Row]:
    from store.folder import UNTELLABLE

    error_files = folder.error_files
    rows = []
    for pid, label in folder.period_labels.items():
        period = folder.periods.get(pid)
        broken = f"perioden/{pid}.toml" in error_files
        if period is None:
            rows.append(
                Row(
                    pid,
                    UNTELLABLE if label == UNTELLABLE else label,
                    "(fout)",
                    "",
                    "",
                    None,
                    None,
                    None,
                    None,
                    (False, False),
                    "",
                    True,
                )
            )
            continue
        rows.append(
            Row(
                pid,
                label,
                period.employee,
                period.employer,
                period.jobcoach or "",
                period.begin,
                period.end,
                period.grade("werknemer"),
                period.grade("werkgever"),
                ("werknemer" in period.forms, "werkgever" in period.forms),
                period.remark or "",
                broken,
            )
        )
    return rows


def _grade(value) -> Text:
    from ..styles import grade_cell

    return Text(grade_cell(value) or "–", justify="right", style="" if value is not None else "dim")


def _date(value: date | None) -> str:
    return short_date(value) if value else "–"


def _sort_key(column: str):
    def key(row: Row):
        value = getattr(row, column) if column != "forms" else sum(row.forms)
        return (value is None, value if value is not None else 0, row.id)

    return key


class PeriodsScreen(KtvScreen):
    """All jobcoachperiodes in one table."""

    HELP_TITLE = "Perioden"
    BINDINGS = [
        Binding("enter", "open", "Openen", show=False),
        Binding("n", "app.new_period", "Nieuw"),
        Binding("slash", "search", "Zoeken", key_display="/"),
        Binding("m", "next_year", "Meetjaar"),
        Binding("f", "toggle_missing", "Ontbreekt"),
        Binding("s", "next_sort", "Sorteren"),
        Binding("delete", "delete", "Wissen", show=False),  # the footer fits 80 columns
        Binding("x", "export", "Exporteren", show=False),
        Binding("escape", "back", "Terug"),
    ]
    COMMANDS_HERE = [
        ("Zoeken in perioden", "zoek op code, jobcoach of opmerking", "search"),
        (
            "Filter: formulier ontbreekt",
            "alleen afgeronde perioden waarvan een formulier ontbreekt",
            "toggle_missing",
        ),
        ("Periode verwijderen", "de geselecteerde periode verwijderen (vraagt eerst)", "delete"),
        ("Exporteren (ktv export)", "de perioden van het huidige filter naar CSV of Excel", "export"),
    ]

    def __init__(self, *, missing_only: bool = False, label: int | None = None) -> None:
        super().__init__()
        self.missing_only = missing_only
        self.year_filter: object = label if label is not None else ALL
        self.sort_column = "einde"
        self.sort_reverse = True
        self.rows: list[Row] = []

    def compose(self) -> ComposeResult:
        with Horizontal(id="filters"):
            yield Input(placeholder="zoeken (/)…", id="search", compact=True)
            yield Select([(ALL, ALL)], value=ALL, allow_blank=False, id="year-filter", compact=True)
            yield Checkbox("ontbreekt", self.missing_only, id="missing", compact=True)
        yield Static(id="count")
        yield DataTable(id="periods", cursor_type="row", zebra_stripes=True)
        yield from self.compose_chrome()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key, label, width in COLUMNS:
            table.add_column(label, width=width, key=key)
        table.focus()
        self.sync()

    def refresh_data(self) -> None:
        folder = self.ktv.folder
        self.rows = rows_of(folder)
        labels = sorted({r.label for r in self.rows if isinstance(r.label, int)}, reverse=True)
        options = (
            [(ALL, ALL)] + [(str(label), label) for label in labels] + [("lopend (geen einde)", RUNNING)]
        )
        if any(r.broken for r in self.rows):
            options.append(("met fouten", BROKEN))
        select = self.query_one("#year-filter", Select)
        with self.prevent(Select.Changed):
            select.set_options(options)
            values = [value for _, value in options]
            select.value = self.year_filter if self.year_filter in values else ALL
        self.year_filter = select.value
        self.fill()

    def visible(self) -> list[Row]:
        query = self.query_one("#search", Input).value.strip().lower()
        result = []
        for row in self.rows:
            if self.year_filter == RUNNING and row.label is not None:
                continue
            if self.year_filter == BROKEN and not row.broken:
                continue
            if isinstance(self.year_filter, int) and row.label != self.year_filter:
                continue
            if self.missing_only and not row.missing:
                continue
            if query and query not in row.haystack():
                continue
            result.append(row)
        result.sort(key=_sort_key(self.sort_column), reverse=self.sort_reverse)
        return result

    def fill(self) -> None:
        table = self.query_one(DataTable)
        current = self.current_id()
        rows = self.visible()
        table.clear()
        for row in rows:
            forms = Text()
            for side_in, letter in zip(row.forms, ("wn", "wg"), strict=True):
                forms.append(
                    letter if side_in else "––", style="green" if side_in else ("red" if row.einde else "dim")
                )
                forms.append(" ")
            style = "red" if row.broken else ""
            table.add_row(
                Text(row.werknemer, style=style),
                Text(row.werkgever),
                Text(row.jobcoach),
                _date(row.begin),
                _date(row.einde),
                _grade(row.cijfer_wn),
                _grade(row.cijfer_wg),
                forms,
                key=row.id,
            )
        if current is not None and current in {r.id for r in rows}:
            table.move_cursor(row=table.get_row_index(current))
        arrow = "↓" if self.sort_reverse else "↑"
        sort_label = dict((k, lbl) for k, lbl, _ in COLUMNS)[self.sort_column]
        count = Text(f"{len(rows)} van {len(self.rows)} perioden", style="bold")
        count.append(f" · gesorteerd op {sort_label.lower()} {arrow}", style="dim")
        if self.missing_only:
            count.append(" · alleen met ontbrekend formulier", style="yellow")
        self.query_one("#count", Static).update(count)

    def current_id(self) -> str | None:
        return cursor_row_key(self.query_one(DataTable))

    @on(Input.Changed, "#search")
    def _search(self) -> None:
        self.fill()

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.query_one(DataTable).focus()

    @on(Select.Changed, "#year-filter")
    def _year(self, event: Select.Changed) -> None:
        self.year_filter = event.value
        self.fill()

    @on(Checkbox.Changed, "#missing")
    def _missing(self, event: Checkbox.Changed) -> None:
        self.missing_only = event.value
        self.fill()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.ktv.open_period(event.row_key.value)

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        column = event.column_key.value
        if column == self.sort_column:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column, self.sort_reverse = column, False
        self.fill()

    def action_open(self) -> None:
        pid = self.current_id()
        if pid:
            self.ktv.open_period(pid)

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_back(self) -> None:
        if self.focused is self.query_one("#search"):
            self.query_one(DataTable).focus()
        else:
            self.app.pop_screen()

    def action_next_year(self) -> None:
        select = self.query_one("#year-filter", Select)
        values = [value for _, value in select._options]
        index = values.index(select.value) if select.value in values else 0
        select.value = values[(index + 1) % len(values)]

    def action_toggle_missing(self) -> None:
        self.query_one("#missing", Checkbox).toggle()

    def action_next_sort(self) -> None:
        keys = [key for key, _, _ in COLUMNS]
        self.sort_column = keys[(keys.index(self.sort_column) + 1) % len(keys)]
        self.sort_reverse = False
        self.fill()

    def action_delete(self) -> None:
        from .period_editor import ask_delete

        pid = self.current_id()
        if pid:
            ask_delete(self.ktv, pid)

    def action_export(self) -> None:
        from .sheet_export import export_periods

        export_periods(self.ktv, [row.id for row in self.visible()], self.year_filter)
