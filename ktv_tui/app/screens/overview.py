"""The first screen: the organisation, the meetjaren and their deadlines, running numbers, problems."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from ..messages import ReleaseKeys
from ..overview_content import OverviewContent
from ..widgets.status_line import StatusLine
from .base import KtvScreen, footer


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
        # (`mount_body`, from KtvApp.on_ready), or when this process's own load arrives, whichever
        # comes first. The start-up preview waits for it (KtvApp.on_preview_ready).
        with VerticalScroll(id="overview"):
            yield Static(Text(f"ktv — {self.ktv.data_dir.name}", style="bold"), id="org")
            with Horizontal(id="loading"):
                # A still line, no LoadingIndicator: its animation redraws the screen many times
                # a second and slowed the load behind it (start-up speed, issue 23).
                yield Static("Gegevens laden…", id="loading-text")
        with Vertical(id="chrome"):
            yield StatusLine()  # the footer (a widget per key: a fifth of the frame) comes with the body

    async def mount_body(self) -> bool:
        """Mount the tables and texts once; then draw what is loaded and take the held keys.
        True when this call mounted them."""
        if self._body_mounted:
            return False
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
            table.add_column(Text(label), width=width, key=label)  # a Text: no markup to parse
        self.ready = True
        self.sync()
        self.ktv.post_message(ReleaseKeys())  # keys typed meanwhile go on to the body
        return True

    def sync(self) -> None:
        if self.ready:  # the body is there to draw in
            super().sync()

    def refresh_data(self) -> None:
        from ..overview_content import overview_content

        self.show(overview_content(self.ktv.folder, self.ktv.today, self.ktv.data_dir.name))

    def show(self, content: OverviewContent) -> None:
        """Draw one computed overview (from this process's load, or the start-up preview's)."""
        self.query_one("#loading").display = False
        self.query_one("#org", Static).update(content.title)
        self.query_one("#current", Static).update(content.current)
        self.ktv.data_shown = True
        if not content.readable:
            self._show_problems(content)
            return
        action = self.query_one("#action", Static)
        action.display = content.action is not None
        action.update(content.action or "")
        self.query_one("#running", Static).update(content.running)
        self.query_one("#missing", Static).update(content.missing)
        table = self.query_one("#years", DataTable)
        cursor = table.cursor_row if self._table_filled else None
        table.clear()
        for key, cells in content.rows:
            table.add_row(*cells, key=key)
        if cursor is None:
            # First draw: the row that needs action, else the running meetjaar.
            keys = [key for key, _ in content.rows]
            cursor = keys.index(content.first_row) if content.first_row in keys else len(keys) - 1
        table.move_cursor(row=max(0, min(cursor, len(content.rows) - 1)))
        self._table_filled = True
        self._show_problems(content)
        if not self._focused_once:
            # SPEC §7: ↑/↓ and Enter work at once on the meetjaren.
            self._focused_once = True
            table.focus()

    def _show_problems(self, content: OverviewContent) -> None:
        self.query_one("#problems-title", Static).update(content.problems_title)
        options = self.query_one("#problems", OptionList)
        options.clear_options()
        options.add_options(Option(line, id=f"p{i}") for i, line in enumerate(content.problem_lines))
        options.display = bool(content.problem_lines)
        self._problems = content.problems
        if content.problem_lines and options.highlighted is None:
            options.highlighted = 0

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.ktv.open_year(int(event.row_key.value))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if self.ktv.folder is None:
            return  # the preview's list: files open once this process has read the folder
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
