"""The first screen: the organisation, the meetjaren and their deadlines, running numbers, problems."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from report.dutch import short_date

from ..messages import ReleaseKeys
from ..styles import STATUS_STYLE
from ..widgets.status_line import StatusLine
from .base import KtvScreen, footer


def verdict_text(meets: bool | None) -> Text:
    if meets is None:
        return Text("niet aangetoond", style="yellow")
    return Text("voldoet", style="green") if meets else Text("voldoet niet", style="bold red")


def status_cell(item) -> Text:
    from report.deadlines import STATUS_TEXT
    from report.dutch import days_phrase

    text = Text(STATUS_TEXT[item.status], style=STATUS_STYLE[item.status])
    if item.status in ("lopend", "in_te_dienen", "te_laat"):
        days = item.days_to_deadline
        phrase = f"{-days} dag{'en' if days != -1 else ''}" if days < 0 else days_phrase(days)
        text.append(f" ({phrase})")
    elif item.notes and item.notes.verdict:
        text.append(f": {item.notes.verdict}", style="red" if item.notes.verdict != "voldaan" else "green")
    elif item.verdict_expected_by:
        text.append(f", uitslag vóór {short_date(item.verdict_expected_by)}", style="dim")
    return text


def action_text(due: list) -> Text:
    """What needs doing now, first on the screen: each meetjaar to submit, with its days."""
    text = Text()
    for index, item in enumerate(due):
        if index:
            text.append("\n")
        what = "rapportage" if item.action == "rapportage" else "melding"
        text.append("Nu doen: ", style="bold")
        text.append(f"{what} meetjaar {item.year.label} indienen ")
        text.append(f"vóór {short_date(item.year.deadline)} ")
        days = item.days_to_deadline
        if days > 0:
            text.append(f"(nog {days} dag{'en' if days != 1 else ''})", style="bold yellow")
        elif days == 0:
            text.append("(vandaag)", style="bold yellow")
        else:
            text.append(f"({-days} dag{'en' if days != -1 else ''} te laat)", style="bold red")
    return text


class OverviewScreen(KtvScreen):
    """At a glance: what is due, how the numbers stand, what is missing and what is wrong."""

    HELP_TITLE = "Overzicht"
    _focused_once = False
    _table_filled = False
    # Priority (no text is typed here): the key opens the next screen at once, so what is typed
    # right after `n` reaches the new form instead of the meetjaren table.
    BINDINGS = [
        Binding("p", "app.goto('perioden')", "Perioden", priority=True),
        Binding("j", "app.goto('meetjaar')", "Meetjaar", priority=True),
        Binding("n", "app.new_period", "Nieuw", priority=True),
        Binding("g", "app.goto('git')", "Git", priority=True),
        # One view of the missing forms (issue 23): b, as everywhere; f kept for old habits.
        Binding("b", "app.goto('ontbrekend')", "Ontbrekend", priority=True),
        Binding("f", "app.goto('ontbrekend')", "Ontbrekend", priority=True, show=False),
        Binding("tab", "app.focus_next", "Volgende", show=False),
    ]

    ready = False
    """Until the body is mounted: keys typed meanwhile wait (KtvApp._screen_ready)."""
    _body_mounted = False

    def compose(self) -> ComposeResult:
        # The first frame holds only the title, the loading line and the chrome: the body (its
        # tables and texts) costs as much again to build and follows right after that frame
        # (`mount_body`, from KtvApp.on_ready), or when the data arrives, whichever comes first.
        with VerticalScroll(id="overview"):
            yield Static(Text(f"ktv — {self.ktv.data_dir.name}", style="bold"), id="org")
            with Horizontal(id="loading"):
                # A still line, no LoadingIndicator: its animation redraws the screen many times
                # a second and slowed the load behind it (start-up speed, issue 23).
                yield Static("Gegevens laden…", id="loading-text")
        with Vertical(id="chrome"):
            yield StatusLine()  # the footer (a widget per key: a fifth of the frame) comes with the body

    async def mount_body(self) -> None:
        """Mount the tables and texts once; then draw what is loaded and take the held keys."""
        if self._body_mounted:
            return
        self._body_mounted = True
        table = DataTable(id="years", cursor_type="row", zebra_stripes=True)
        await self.query_one("#overview").mount_all(
            [
                Static(id="action"),
                Static(id="current"),
                Static(id="running"),
                Static(id="missing"),
                Static("Meetjaren (↑ ↓, Enter: openen)", classes="section", id="years-title"),
                table,
                Static(id="problems-title", classes="section"),
                OptionList(id="problems", compact=True),
            ]
        )
        await self.query_one("#chrome").mount(footer())
        # 4+10+4+10+34 plus two cells of padding per column: 72, fits 80 columns with a scrollbar.
        for label, width in (
            ("Jaar", 4),
            ("Deadline", 10),
            ("Afg.", 4),
            ("Actie", 10),
            ("Status", 34),
        ):
            table.add_column(label, width=width, key=label)
        self.ready = True
        self.sync()
        self.ktv.post_message(ReleaseKeys())  # keys typed meanwhile go on to the body

    def sync(self) -> None:
        if self.ready:  # the body is there to draw in
            super().sync()

    def refresh_data(self) -> None:
        from report.dutch import days_phrase, long_date
        from report.overview import overview

        folder = self.ktv.folder
        today = self.ktv.today
        self.query_one("#loading").display = False
        org = folder.organisation
        if org is None:
            self.query_one("#org", Static).update(Text(f"ktv — {self.ktv.data_dir.name}", style="bold"))
            self.query_one("#current", Static).update(
                Text(
                    "ktv.toml kan niet gelezen worden, dus de meetjaren zijn onbekend. "
                    "Zie de problemen hieronder.",
                    style="red",
                )
            )
            self._show_problems()
            return
        from ..styles import first_label

        view = overview(folder, today)
        first = first_label(folder)
        view = replace(view, years=[item for item in view.years if item.year.label >= first])
        title = Text(org.name, style="bold")
        title.append(f" — erkend sinds {long_date(org.recognition_date)}", style="dim")
        self.query_one("#org", Static).update(title)
        year = view.current.year
        current = Text()
        current.append(f"Meetjaar {year.label}", style="bold")
        current.append(f": {short_date(year.first_day)} t/m {short_date(year.end)}, ")
        current.append(f"eindigt over {view.days_to_end} dagen" if view.days_to_end >= 0 else "afgelopen")
        current.append(
            f"; deadline {short_date(year.deadline)} ({days_phrase(view.current.days_to_deadline)})"
        )
        self.query_one("#current", Static).update(current)
        due = [item for item in view.years if item.status in ("in_te_dienen", "te_laat")]
        action = self.query_one("#action", Static)
        action.display = bool(due)
        action.update(action_text(due))
        self.query_one("#running", Static).update(self._running_text(view))
        missing = Text("Ontbrekende formulieren (dit + vorig meetjaar): ")
        missing.append(
            ", ".join(f"{n} {side}" for side, n in view.missing_forms.items()),
            style="yellow" if any(view.missing_forms.values()) else "green",
        )
        self.query_one("#missing", Static).update(missing)
        table = self.query_one("#years", DataTable)
        cursor = table.cursor_row if self._table_filled else None
        table.clear()
        for item in view.years:
            table.add_row(
                str(item.year.label),
                short_date(item.year.deadline),
                Text(str(item.completed), justify="right"),
                item.action,
                status_cell(item),
                key=str(item.year.label),
            )
        if cursor is None:
            # First draw: the row that needs action, else the running meetjaar.
            labels = [item.year.label for item in view.years]
            wanted = due[0].year.label if due else view.current.year.label
            cursor = labels.index(wanted) if wanted in labels else len(labels) - 1
        table.move_cursor(row=max(0, min(cursor, len(view.years) - 1)))
        self._table_filled = True
        self._show_problems()
        if not self._focused_once:
            # SPEC §7: ↑/↓ and Enter work at once on the meetjaren.
            self._focused_once = True
            table.focus()

    def _running_text(self, view) -> Text:
        from report.facts import norm_text

        text = Text()
        label = view.current.year.label
        if view.running is None:
            text.append(
                f"Lopend cijfer {label} niet berekend: fouten in dit meetjaar (zie de problemen).",
                style="red",
            )
            return text
        for index, (side, stats) in enumerate(view.running.items()):
            if index:
                text.append("\n")
            text.append(f"Behaald cijfer {side:<9} ", style="bold")
            text.append(stats.calculation or "nog geen cijfers")
            text.append(f"  norm {norm_text(stats.norm)}  ", style="dim")
            text.append_text(verdict_text(stats.meets))
        if view.current.status == "lopend":
            text.append_text(next_minimum_text(view.running))
        return text

    def _show_problems(self) -> None:
        from store.problems import format_problem

        folder = self.ktv.folder
        errors, warnings = len(folder.errors), len(folder.warnings)
        title = Text("Problemen in de gegevens", style="bold")
        if errors or warnings:
            title.append(f": {errors} fout{'en' if errors != 1 else ''}, ", style="red" if errors else "")
            title.append(f"{warnings} waarschuwing{'en' if warnings != 1 else ''}")
            title.append(" · Tab en Enter: bestand openen", style="dim")
        else:
            title.append(": geen", style="green")
        self.query_one("#problems-title", Static).update(title)
        options = self.query_one("#problems", OptionList)
        # Errors first: they block the numbers; warnings after.
        listed = sorted(folder.problems, key=lambda p: not p.is_error)[:500]
        options.clear_options()
        options.add_options(
            Option(Text(format_problem(p), style="red" if p.is_error else "yellow"), id=f"p{i}")
            for i, p in enumerate(listed)
        )
        options.display = bool(listed)
        self._problems = listed
        if listed and options.highlighted is None:
            options.highlighted = 0

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.ktv.open_year(int(event.row_key.value))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        problem = self._problems[event.option_index]
        self.open_problem(problem)

    def open_problem(self, problem) -> None:
        from store.folder import PERIOD_DIR, YEAR_DIR, year_of_name

        rel = problem.file
        label = year_of_name(rel.removeprefix(YEAR_DIR + "/")) if rel.startswith(YEAR_DIR + "/") else None
        if rel.startswith(PERIOD_DIR + "/"):
            self.ktv.open_period(rel[len(PERIOD_DIR) + 1 : -len(".toml")])
        elif label is not None:
            self.ktv.open_year(label)
        else:
            self.notify(f"Dit bestand bewerkt u buiten ktv, in een teksteditor: {rel}", timeout=6)


def next_minimum_text(running: dict) -> Text:
    """SPEC §4 `volgend_minimaal` in words: the lowest next cijfer that keeps each side on the norm."""
    from report.numbers import format_number

    parts = []
    for side, stats in running.items():
        if stats.count == 0:
            continue
        minimum = stats.next_minimum
        if minimum is None:
            parts.append(f"{side}: zelfs een 10 brengt het gemiddelde niet op de norm")
        else:
            parts.append(f"{side} {format_number(minimum, places=1)}")
    if not parts:
        return Text()
    return Text(
        "\nOm op de norm te blijven mag het volgende cijfer niet lager zijn dan: " + ", ".join(parts) + ".",
        style="dim",
    )
