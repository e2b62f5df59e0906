"""One meetjaar: its numbers per side, its periods, the texts for UWV, submission and the PDFs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Input, Label, Select, Static, TextArea

from report.dutch import short_date
from store.model import YearNotes

from ...output import error_text
from ..styles import STATUS_STYLE
from ..widgets.text_box import TextBox
from .base import EditingScreen
from .year_merge import ask_conflict, merge_from_file, merge_notes
from .year_notes import DATES, NO_VERDICT, TEXTS, notes_data, notes_values, same
from .year_pdf import confirm_submit, pdf_done
from .year_pdf import scp_line as scp_line
from .year_view import show_blocking, show_numbers, show_periods, show_problems


class MeasurementYearScreen(EditingScreen):
    """Numbers, texts and submission of one meetjaar; [ and ] go to the previous and next one."""

    HELP_TITLE = "Meetjaar"
    BINDINGS = [
        Binding("ctrl+s", "save", "Opslaan", priority=True),
        # Not in the footer, which must fit 80 columns (issue 23); the hint line and help name them.
        Binding("left_square_bracket", "previous", "Vorig", key_display="[", show=False),
        Binding("right_square_bracket", "next", "Volgend", key_display="]", show=False),
        Binding("c", "pdf('concept')", "Concept"),
        Binding("r", "pdf('report')", "Rapport"),
        Binding("m", "pdf('notice')", "Melding", show=False),
        Binding("i", "pdf('submit')", "Indienen"),
        Binding("f", "insert_facts", "Feiten", show=False),
        Binding("escape", "back", "Terug"),
    ]
    COMMANDS_HERE = [
        ("Conceptrapport maken", "PDF met CONCEPT op elke pagina (ook zonder analyse)", "pdf('concept')"),
        ("Rapportage maken", "de definitieve rapportage als PDF", "pdf('report')"),
        ("Melding maken", "de melding 'geen afgeronde jobcoachperiode' als PDF", "pdf('notice')"),
        (
            "Indienen vastleggen",
            "definitieve rapportage (of melding) maken en ingediend_op = vandaag met de git-commit vastleggen",
            "pdf('submit')",
        ),
        ("Meetjaar opslaan", "analyse, conclusies, acties en indiening opslaan", "save"),
        (
            "Feiten invoegen",
            "de feiten uit de cijfers (zoals de samenvatting van de rapportage) als begin van de analyse",
            "insert_facts",
        ),
    ]

    def __init__(self, label: int | None = None, restore: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.label = label
        self.restore = restore
        """Typed values of a draft to put back once the meetjaar is loaded."""
        self.expected: str | None = None
        self.saved_values: dict[str, Any] | None = None
        self._loaded_label: int | None = None
        self.conflicts: dict[str, Any] = {}
        """Fields changed here and on disk: the value on disk, asked about at the next ctrl+s."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="year"):
            yield Static(id="year-title")
            yield Static(id="pdf-result")
            yield Static(id="blocking")
            yield Static(id="numbers")
            yield Static("Perioden in dit meetjaar (Enter: openen)", classes="section")
            yield DataTable(id="year-periods", cursor_type="row", zebra_stripes=True)
            for key, label in TEXTS:
                yield Label(label, classes="section")
                yield TextBox(id=f"text-{key}", soft_wrap=True, show_line_numbers=False, compact=True)
            yield Static("Indiening en uitslag", classes="section")
            for key, label in DATES[:2]:
                with Horizontal(classes="row"):
                    yield Label(label, classes="label")
                    yield Input(id=f"date-{key}", placeholder="JJJJ-MM-DD", compact=True)
            with Horizontal(classes="row"):
                yield Label("Uitslag", classes="label")
                yield Select(
                    [("geen uitslag", NO_VERDICT), ("voldaan", "voldaan"), ("niet voldaan", "niet voldaan")],
                    value=NO_VERDICT,
                    allow_blank=False,
                    id="verdict",
                    compact=True,
                )
            with Horizontal(classes="row"):
                yield Label(DATES[2][1], classes="label")
                yield Input(id=f"date-{DATES[2][0]}", placeholder="JJJJ-MM-DD", compact=True)
            yield Static(id="notes-problems", classes="message")
            yield Static(
                Text(
                    "c concept · r rapportage · m melding · f feiten invoegen · ctrl+s opslaan · [ ] ander meetjaar",
                    style="dim",
                )
            )
        yield from self.compose_chrome()

    def on_mount(self) -> None:
        table = self.query_one("#year-periods", DataTable)
        for name, width in (
            ("Werknemer", 9),
            ("Werkgever", 9),
            ("Coach", 5),
            ("Einde", 10),
            ("Wn", 4),
            ("Wg", 4),
        ):
            table.add_column(name, width=width)
        self.sync()

    # --- drawing -------------------------------------------------------------------------

    def refresh_data(self) -> None:
        from report.deadlines import STATUS_TEXT, deadlines

        folder = self.ktv.folder
        calendar = folder.calendar
        if calendar is None:
            self.query_one("#year-title", Static).update(
                Text("ktv.toml kan niet gelezen worden.", style="red")
            )
            return
        from ..styles import first_label

        current = calendar.current_label(self.ktv.today)
        first = first_label(folder)
        if self.label is None:
            self.label = calendar.latest_ended_label(self.ktv.today) or current
            ended = [
                d
                for d in deadlines(folder, self.ktv.today)
                if d.status in ("in_te_dienen", "te_laat") and d.year.label >= first
            ]
            if ended:
                self.label = ended[-1].year.label
        self.label = max(first, min(self.label, current))
        item = next(d for d in deadlines(folder, self.ktv.today) if d.year.label == self.label)
        year = item.year
        title = Text(f"Meetjaar {year.label}", style="bold")
        title.append(f"  {short_date(year.first_day)} t/m {short_date(year.end)}")
        title.append(f"  deadline {short_date(year.deadline)}  ")
        title.append(STATUS_TEXT[item.status], style=STATUS_STYLE[item.status])
        title.append(f"  ({item.action})", style="dim")
        self.query_one("#year-title", Static).update(title)
        blocking = folder.blocking_problems(self.label)
        self._show_blocking(blocking)
        self._show_numbers(None if blocking else self.label)
        self._show_periods()
        if self._loaded_label != self.label or self.saved_values is None:
            self._load_notes()
        else:
            self._merge_notes()

    def _show_blocking(self, blocking: list) -> None:
        show_blocking(self, blocking)

    def _show_numbers(self, label: int | None) -> None:
        show_numbers(self, label)

    def _show_periods(self) -> None:
        show_periods(self)

    notes_values = staticmethod(notes_values)

    def _set_field(self, key: str, value: Any) -> None:
        """Fill one field only when its value differs, keeping the cursor where it was."""
        if key == "verdict":
            select = self.query_one("#verdict", Select)
            if select.value != value:
                select.value = value
            return
        if any(key == k for k, _l in TEXTS):
            area = self.query_one(f"#text-{key}", TextArea)
            if area.text != value:
                row, column = area.cursor_location
                area.text = value
                lines = area.document.line_count
                row = min(row, lines - 1)
                area.cursor_location = (row, min(column, len(area.document.get_line(row))))
            return
        field = self.query_one(f"#date-{key}", Input)
        if field.value != value:
            cursor = field.cursor_position
            field.value = value
            field.cursor_position = min(cursor, len(value))

    def _merge_notes(self) -> None:
        """The file changed on disk (or was just saved): merge it field by field (SPEC §8)."""
        merge_notes(self)

    def _load_notes(self) -> None:
        from store.folder import year_rel

        folder = self.ktv.folder
        notes = folder.years.get(self.label) or YearNotes(year=self.label)
        self.expected = folder.digests.get(year_rel(self.label))
        self.conflicts = {}
        for key, value in self.notes_values(notes).items():
            self._set_field(key, value)
        self.saved_values = self.values()
        self._loaded_label = self.label
        if self.restore:
            for key, value in self.restore.items():
                if key in self.saved_values and isinstance(value, str):
                    self._set_field(key, value)
            self.restore = None
            self.write_draft()
        self._notes = notes
        problems = folder.problems_of(year_rel(self.label))
        self._show_problems(problems)

    def _show_problems(self, problems: list) -> None:
        show_problems(self, problems)

    # --- drafts (SPEC §8) -----------------------------------------------------------------

    @property
    def draft_name(self) -> str | None:
        return f"meetjaar-{self.label}" if self.label is not None else None

    def draft_payload(self) -> dict[str, Any]:
        return {"soort": "meetjaar", "jaar": self.label, "schijf": self.expected, "velden": self.values()}

    def on_text_area_changed(self) -> None:
        if self.saved_values is not None:
            self.schedule_draft()

    def on_input_changed(self) -> None:
        if self.saved_values is not None:
            self.schedule_draft()

    def on_select_changed(self) -> None:
        if self.saved_values is not None:
            self.schedule_draft()

    # --- editing -------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        result: dict[str, Any] = {key: self.query_one(f"#text-{key}", TextArea).text for key, _ in TEXTS}
        for key, _ in DATES:
            result[key] = self.query_one(f"#date-{key}", Input).value.strip()
        result["verdict"] = self.query_one("#verdict", Select).value
        return result

    @property
    def dirty(self) -> bool:
        return self.saved_values is not None and self.values() != self.saved_values

    def notes_data(self) -> dict[str, Any]:
        """The meetjaar file's TOML data as typed (dates that do not parse stay text)."""
        return notes_data(self.values(), getattr(self, "_notes", None))

    def action_save(self) -> None:
        self.save()

    def save(self, then: Any = None) -> bool:
        import tomli_w

        from store.fields import FileContext
        from store.folder import year_rel
        from store.parse import parse_year_notes
        from store.save import UnsafePath, save_year_notes
        from store.toml_io import ChangedOnDisk

        pending = {k: v for k, v in self.conflicts.items() if not same(self.values().get(k, ""), v)}
        self.conflicts = pending
        if pending:
            self._ask_conflict(then)
            return False
        rel = year_rel(self.label)
        ctx = FileContext(rel, tomli_w.dumps(self.notes_data(), multiline_strings=True))
        notes = parse_year_notes(ctx, self.label)
        self._show_problems(ctx.problems)
        if notes is None or ctx.has_errors:
            first = next((p.message for p in ctx.problems if p.is_error), "fout in de gegevens")
            self.notify(f"Niet opgeslagen: {first}", severity="error", timeout=8)
            return False
        try:
            saved = save_year_notes(self.ktv.data_dir, notes, self.expected)
        except ChangedOnDisk:
            # Merge what changed on disk field by field, then save again (asking per field
            # that both sides changed).
            self._merge_from_file()
            self.call_later(self.save, then)
            return False
        except (UnsafePath, OSError) as exc:
            self.notify(f"Niet opgeslagen: {error_text(exc)}", severity="error", timeout=8)
            return False
        self.expected = saved.digest
        self.saved_values = self.values()
        self._notes = notes
        self.discard_draft()
        self.notify(f"Opgeslagen: {rel}")
        self.ktv.reload()
        if then is not None:
            then()
        return True

    def _merge_from_file(self) -> None:
        """Read this meetjaar's file now (not waiting for the reload) and merge it."""
        merge_from_file(self)

    def _ask_conflict(self, then: Any) -> None:
        ask_conflict(self, then)

    def action_back(self) -> None:
        """Esc in a text field leaves the field (so c, r, m work); Esc again leaves the screen."""
        if isinstance(self.focused, TextArea | Input | Select):
            self.query_one("#year", VerticalScroll).focus()
            return
        self.ask_leave(self.app.pop_screen)

    def _switch(self, delta: int) -> None:
        def go() -> None:
            self.label = (self.label or 0) + delta
            self.saved_values = None
            self._seen_version = -1
            self.sync()
            self.query_one("#year", VerticalScroll).scroll_home(animate=False)

        self.ask_leave(go)

    def action_previous(self) -> None:
        self._switch(-1)

    def action_next(self) -> None:
        self._switch(+1)

    def data_changed(self) -> None:
        if self.is_current:
            self.sync()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.ktv.open_period(event.row_key.value)

    # --- PDFs ----------------------------------------------------------------------------

    def action_insert_facts(self) -> None:
        """'feiten invoegen': the facts of the numbers (report/facts.py, the same as the report's
        summary) at the top of the analysis, for the user to edit."""
        from report.facts import facts_paragraph
        from report.numbers import year_stats

        folder = self.ktv.folder
        if self.label is None or folder.calendar is None:
            return
        if folder.blocking_problems(self.label):
            self.notify(
                "Geen feiten: eerst de fouten in de gegevens oplossen (zie ktv check).", severity="error"
            )
            return
        year = folder.calendar.year(self.label)
        facts = facts_paragraph(year_stats(folder, self.label), running=self.ktv.today <= year.end)
        area = self.query_one("#text-analysis", TextArea)
        had_text = bool(area.text.strip())
        result = area.insert(facts + ("\n\n" if had_text else "\n"), location=(0, 0))
        area.focus()
        # After the facts, on a line of its own: what is typed next follows them (issue 23).
        area.move_cursor(result.end_location)
        self.notify("Feiten ingevoegd bovenaan de analyse; typ verder eronder en sla op met ctrl+s.")

    def action_pdf(self, kind: str) -> None:
        if self.label is None:
            return
        if kind == "submit":
            self._confirm_submit()
            return
        self._start_pdf(kind)

    def _confirm_submit(self) -> None:
        """Recording a submission changes the meetjaar file for good: ask first (SPEC §7)."""
        confirm_submit(self)

    def _start_pdf(self, kind: str) -> None:
        if self.label is None:
            return
        if self.dirty and not self.save():
            return
        self.query_one("#pdf-result", Static).update(Text("PDF wordt gemaakt…", style="dim"))
        self.make_pdf(kind, self.label)

    @work(thread=True, exclusive=True, group="pdf")
    def make_pdf(self, kind: str, label: int) -> None:
        app = self.ktv
        from report.command_words import APP, spoken_as
        from report.pdf import Refused
        from store.folder import load_folder

        folder = load_folder(app.data_dir, app.today)
        try:
            with spoken_as(APP):  # a refusal names the app's keys, not the command's options
                path = self._make(kind, label, folder)
        except Refused as exc:
            self.app.call_from_thread(self._pdf_done, None, str(exc))
            return
        except Exception as exc:  # the PDF maker failing must never take the app down
            self.app.call_from_thread(self._pdf_done, None, f"PDF maken mislukte: {error_text(exc)}")
            return
        self.app.call_from_thread(self._pdf_done, path, None)

    def _make(self, kind: str, label: int, folder):
        from report.pdf import make_notice, make_report

        today = self.ktv.today
        if kind == "submit":
            # The document that fits the meetjaar: a report, or the notice when nothing ended.
            if folder.calendar and folder.completed_periods(label):
                return make_report(folder, label, today, submitted=True)
            return make_notice(folder, label, today, submitted=True)
        if kind == "notice":
            return make_notice(folder, label, today)
        return make_report(folder, label, today, concept=kind == "concept")

    def _pdf_done(self, path: Path | None, refusal: str | None) -> None:
        pdf_done(self, path, refusal)
