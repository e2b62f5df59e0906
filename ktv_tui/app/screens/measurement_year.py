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
from store.model import SIDES, YearNotes
from store.paths import shown as shown_path

from ...output import error_text
from ..widgets.text_box import TextBox
from .base import EditingScreen
from .dialogs import Choice, ChoiceDialog
from .overview import STATUS_STYLE, verdict_text
from .year_bars import legend, question_bar, spread

TEXTS = (
    ("analysis", "Analyse"),
    ("conclusions", "Conclusies"),
    ("actions", "Acties"),
    ("recovery_plan", "Herstelplan"),
    ("late_explanation", "Toelichting te laat"),
)
DATES = (("submitted_on", "Ingediend op"), ("notice_on", "Melding op"), ("verdict_on", "Uitslag op"))
NO_VERDICT = "geen"


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
        from store.problems import format_problem

        static = self.query_one("#blocking", Static)
        static.display = bool(blocking)
        if blocking:
            text = Text(
                "Cijfers en rapportage geweigerd: fouten die de cijfers kunnen veranderen (zie ktv check):\n",
                style="bold red",
            )
            for problem in blocking[:8]:
                text.append(format_problem(problem) + "\n", style="red")
            if len(blocking) > 8:
                text.append(f"… en nog {len(blocking) - 8}", style="red")
            static.update(text)

    def _show_numbers(self, label: int | None) -> None:
        from report.dutch import percent
        from report.facts import norm_text
        from report.numbers import year_stats

        static = self.query_one("#numbers", Static)
        if label is None:
            static.update("")
            return
        stats = year_stats(self.ktv.folder, label)
        text = Text()
        for side in SIDES:
            side_stats = stats.sides[side]
            text.append(f"{side.capitalize()}: ", style="bold")
            text.append(side_stats.calculation or "geen cijfers")
            text.append(f" · norm {norm_text(side_stats.norm)} · ")
            text.append_text(verdict_text(side_stats.meets))
            if side_stats.response is not None:
                text.append(
                    f" · respons {side_stats.forms} van {side_stats.periods} "
                    f"({percent(side_stats.response)})",
                    style="dim",
                )
            text.append("\n")
            text.append_text(legend(side_stats.scale))
            text.append("\n")
            for qc in side_stats.questions:
                label_text = qc.question.text + (" (vervallen)" if qc.question.obsolete else "")
                text.append_text(
                    question_bar(label_text, qc.counts, qc.no_answer, side_stats.scale, qc.percentages)
                )
                text.append("\n")
            text.append_text(spread(side_stats.distribution))
            text.append("\n\n")
        static.update(text)

    def _show_periods(self) -> None:
        from ..styles import grade_cell as format_grade

        table = self.query_one("#year-periods", DataTable)
        table.clear()
        for period in self.ktv.folder.completed_periods(self.label):
            table.add_row(  # Text, not str: a DataTable reads a str cell as markup
                Text(period.employee),
                Text(period.employer),
                Text(period.jobcoach or ""),
                short_date(period.end),
                Text(format_grade(period.grade("werknemer")) or "–", justify="right"),
                Text(format_grade(period.grade("werkgever")) or "–", justify="right"),
                key=period.id,
            )

    @staticmethod
    def notes_values(notes: YearNotes) -> dict[str, Any]:
        """What the fields show for a meetjaar file (the shape of `values`)."""
        result: dict[str, Any] = {key: getattr(notes, key) or "" for key, _label in TEXTS}
        for key, _label in DATES:
            value = getattr(notes, key)
            result[key] = value.isoformat() if value else ""
        result["verdict"] = notes.verdict or NO_VERDICT
        return result

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
        from store.folder import year_rel

        folder = self.ktv.folder
        digest = folder.digests.get(year_rel(self.label))
        if digest == self.expected:
            return
        notes = folder.years.get(self.label) or YearNotes(year=self.label)
        theirs = self.notes_values(notes)
        mine = self.values()
        base = self.saved_values or {}
        from .disk_merge import merge_fields

        merge = merge_fields(base, mine, theirs, _merge_token, lambda _key: "")
        taken = [key for key in merge.taken if key in theirs]
        for key in taken:
            self._set_field(key, theirs[key])
            self.conflicts.pop(key, None)
        for key, (_here, there) in merge.conflicts.items():
            if key in theirs:
                self.conflicts[key] = there
        self.expected = digest
        self.saved_values = theirs
        self._notes = notes
        labels = dict(TEXTS) | dict(DATES) | {"verdict": "Uitslag"}
        if taken:
            self.notify(f"Overgenomen van schijf: {', '.join(labels[k].lower() for k in taken)}", timeout=6)
        if self.conflicts:
            self.notify(
                "Ook op schijf gewijzigd: "
                + ", ".join(labels[k].lower() for k in self.conflicts)
                + ". Bij ctrl+s kiest u per veld welke versie blijft.",
                severity="warning",
                timeout=10,
            )

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
        from store.problems import format_problem

        text = Text()
        for problem in problems:
            text.append(format_problem(problem) + "\n", style="red" if problem.is_error else "yellow")
        self.query_one("#notes-problems", Static).update(text)

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
        from .period_draft import parse_date_text

        values = self.values()
        notes = getattr(self, "_notes", None)
        data: dict[str, Any] = {"schema": 1}
        for key, toml_key in (
            ("analysis", "analyse"),
            ("conclusions", "conclusies"),
            ("actions", "acties"),
            ("recovery_plan", "herstelplan"),
            ("late_explanation", "toelichting_te_laat"),
        ):
            text = _kept_text(values[key], getattr(notes, key, None) if notes else None)
            if text:
                data[toml_key] = text
        for key, toml_key in (("submitted_on", "ingediend_op"),):
            value = parse_date_text(values[key])
            if value is not None:
                data[toml_key] = value
        if notes is not None and notes.submitted_commit:
            data["ingediend_commit"] = notes.submitted_commit
        value = parse_date_text(values["notice_on"])
        if value is not None:
            data["melding_op"] = value
        if values["verdict"] != NO_VERDICT:
            data["uitslag"] = values["verdict"]
        value = parse_date_text(values["verdict_on"])
        if value is not None:
            data["uitslag_op"] = value
        return data

    def action_save(self) -> None:
        self.save()

    def save(self, then: Any = None) -> bool:
        import tomli_w

        from store.fields import FileContext
        from store.folder import year_rel
        from store.parse import parse_year_notes
        from store.save import UnsafePath, save_year_notes
        from store.toml_io import ChangedOnDisk

        pending = {k: v for k, v in self.conflicts.items() if not _same(self.values().get(k, ""), v)}
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
        from store.fields import FileContext
        from store.folder import load_text, year_rel
        from store.parse import parse_year_notes

        rel = year_rel(self.label)
        text, _problems, digest = load_text(self.ktv.data_dir, rel)
        notes = parse_year_notes(FileContext(rel, text), self.label) if text is not None else None
        if notes is None:
            notes = YearNotes(year=self.label)
        theirs = self.notes_values(notes)
        mine = self.values()
        base = self.saved_values or {}
        for key, value in theirs.items():
            b, m = base.get(key, ""), mine.get(key, "")
            if _same(m, value):
                continue
            if _same(m, b):
                self._set_field(key, value)
            elif not _same(value, b):
                self.conflicts[key] = value
        self.expected = digest
        self.saved_values = theirs
        self._notes = notes

    def _ask_conflict(self, then: Any) -> None:
        key, theirs = next(iter(self.conflicts.items()))
        labels = dict(TEXTS) | dict(DATES) | {"verdict": "Uitslag"}
        mine = self.values().get(key, "")

        def short(value: Any) -> str:
            value = str(value).strip()
            return (value[:300] + "…" if len(value) > 300 else value) or "(leeg)"

        def answered(answer: str | None) -> None:
            if answer == "disk":
                self._set_field(key, theirs)
            elif answer != "mine":
                return
            self.conflicts.pop(key, None)
            self.save(then)

        self.app.push_screen(
            ChoiceDialog(
                f"Op twee plaatsen gewijzigd: {labels[key]}",
                Text.assemble(
                    "Het meetjaarbestand is op schijf gewijzigd terwijl u hier typte.\n\n",
                    ("Hier getypt:\n", "bold"),
                    short(mine),
                    "\n\n",
                    ("Op schijf:\n", "bold"),
                    short(theirs),
                ),
                [
                    Choice("m", "Mijn versie houden", "mine"),
                    Choice("s", "Versie van schijf nemen", "disk"),
                    Choice("a", "Annuleren", "cancel"),
                ],
                cancel_value="cancel",
            ),
            answered,
        )

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
        from .dialogs import confirm_dialog

        label = self.label
        self.app.push_screen(
            confirm_dialog(
                f"Indiening van meetjaar {label} vastleggen?",
                f"Dit maakt de definitieve rapportage (of de melding) van meetjaar {label} en legt vast "
                f"dat die vandaag, {short_date(self.ktv.today)}, bij UWV is ingediend, met de "
                "versie van de gegevens. Een vastgelegde indiening wordt daarna niet meer vervangen. "
                "Doe dit als u het document echt verstuurt.",
                "Ja, indiening vastleggen",
            ),
            lambda answer: self._start_pdf("submit") if answer == "yes" and self.label == label else None,
        )

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
        from report.pdf import Refused, make_notice, make_report
        from store.folder import load_folder

        folder = load_folder(app.data_dir, app.today)
        try:
            if kind == "submit":
                # The document that fits the meetjaar: a report, or the notice when nothing ended.
                if folder.calendar and folder.completed_periods(label):
                    path = make_report(folder, label, app.today, submitted=True)
                else:
                    path = make_notice(folder, label, app.today, submitted=True)
            elif kind == "notice":
                path = make_notice(folder, label, app.today)
            else:
                path = make_report(folder, label, app.today, concept=kind == "concept")
        except Refused as exc:
            self.app.call_from_thread(self._pdf_done, None, str(exc))
            return
        except Exception as exc:  # the PDF maker failing must never take the app down
            self.app.call_from_thread(self._pdf_done, None, f"PDF maken mislukte: {error_text(exc)}")
            return
        self.app.call_from_thread(self._pdf_done, path, None)

    def _pdf_done(self, path: Path | None, refusal: str | None) -> None:
        result = self.query_one("#pdf-result", Static)
        if path is not None:
            shown = path
            try:
                shown = Path(path).relative_to(self.ktv.data_dir)
            except ValueError:
                pass
            self._loaded_label = None  # the meetjaar file may now hold ingediend_op: reread it
            message = Text(f"PDF gemaakt: {shown_path(shown)}", style="green")
            fetch = scp_line(Path(path).resolve())
            if fetch:
                message.append("\nOphalen naar uw eigen computer (daar in een terminal):\n", style="")
                message.append(fetch, style="bold")
            result.update(message)
            self.notify(
                f"PDF gemaakt: {shown_path(shown)}" + (f"\nOphalen: {fetch}" if fetch else ""), timeout=12
            )
            self.ktv.reload()
            return
        refusal = app_wording(refusal or "")
        result.update(Text(f"Geweigerd: {refusal}", style="red"))
        self.app.push_screen(
            ChoiceDialog("Niet gemaakt", refusal or "", [Choice("o", "OK", "ok")], cancel_value="ok")
        )


def scp_line(path: Path) -> str | None:
    """Over SSH (`SSH_CONNECTION` set): the `scp` command that fetches `path` to the user's machine."""
    import getpass
    import os
    import shlex

    connection = os.environ.get("SSH_CONNECTION", "").split()
    if len(connection) < 3:
        return None
    host = connection[2]
    if ":" in host:
        host = f"[{host}]"
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = ""
    where = f"{user}@{host}" if user else host
    return f"scp {where}:{shlex.quote(shown_path(path))} ."


def _merge_token(_key: str, value: Any) -> Any:
    """A field as the merge compares it, as `_same` does: a date by its day, a text without
    trailing blank space; empty is no value."""
    from .period_draft import parse_date_text

    if not isinstance(value, str):
        return value
    day = parse_date_text(value)
    if day is not None and not isinstance(day, str):
        return ("datum", day)
    return value.rstrip() or None


def _same(a: Any, b: Any) -> bool:
    """Equal as saved: a text's trailing blank space and a date's spelling do not count."""
    from .period_draft import parse_date_text

    if isinstance(a, str) and isinstance(b, str):
        if parse_date_text(a) is not None and not isinstance(parse_date_text(a), str):
            return parse_date_text(a) == parse_date_text(b)
        return a.rstrip() == b.rstrip()
    return a == b


def _kept_text(typed: str, stored: str | None) -> str | None:
    """An untouched text is written back exactly as it was stored (git shows no change);
    a changed one loses only trailing blank space."""
    if stored is not None and typed.rstrip() == stored.rstrip():
        return stored
    return typed.rstrip() or None


def app_wording(message: str) -> str:
    """The PDF maker speaks command-line; in the app the same rule names the app's keys."""
    return (
        message.replace("(of maak een concept met --concept)", "(of maak een concept met c)")
        .replace("alleen een concept (--concept) kan nu", "alleen een concept (c) kan nu")
        .replace("--ingediend", "Indienen (i)")
        .replace("(`ktv melding`)", "(m)")
        .replace("(`ktv report`)", "(r)")
        .replace("of maak een concept (--concept)", "of maak een concept (c)")
        .replace("(git commit)", "(git commit; in de app: g)")
        .replace("Geef met -o een andere bestandsnaam", "Een andere bestandsnaam kan met `ktv report -o`")
        .replace(
            "Een andere bestandsnaam kan met `ktv report -o`.",
            "Een andere bestandsnaam kan met `ktv melding -o`.",
        )
    )
