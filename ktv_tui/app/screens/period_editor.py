"""Entering and editing one jobcoachperiode with both forms, by keyboard, never losing work."""

from __future__ import annotations

import copy
import secrets
from dataclasses import replace
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Checkbox, Input, Label, Static

from store.model import SIDES

from ...output import error_text
from ..app import ReleaseKeys
from ..widgets.answer_field import AnswerField, answer_keys
from .base import EditingScreen
from .dialogs import Choice, ChoiceDialog, confirm_dialog, conflict_dialog
from .form_evidence import (
    FORM_EVIDENCE_COMMANDS,
    ask_attach_scan,
    make_form_pdf,
    refresh_scan_status,
    scan_status,
)
from .period_draft import (
    GENERAL,
    DraftCheck,
    FormDraft,
    PeriodDraft,
    check_draft,
    draft_data,
    draft_from_text,
    empty_value,
    flat_fields,
    merge_fields,
    same_value,
)

FIELDS = (
    ("werknemer", "Werknemer", "code, bijv. WN-014"),
    ("werkgever", "Werkgever", "code, bijv. WG-003"),
    ("jobcoach", "Jobcoach", "initialen"),
    ("begin", "Begin", "JJJJ-MM-DD"),
    ("einde", "Einde", "JJJJ-MM-DD of leeg"),
    ("opmerking", "Opmerking", "geen namen of nummers"),
)
NEW_ID = "nieuw"


class PresentBox(Checkbox, inherit_bindings=False):
    """'Formulier binnen': enables the side's fields at once, so a Tab typed right after works.

    Only space toggles it: Enter moves on, as in every other field, so walking through the
    form with Enter never switches a form off (and its typed fields with it).
    """

    BINDINGS = [
        Binding("space", "toggle_button", "Binnen aan/uit", show=False),
        Binding("enter", "app.focus_next", "Volgende", show=False),
    ]

    def __init__(self, side: str, value: bool) -> None:
        super().__init__(present_label(value), value, id=widget_id(f"{side}.present"), compact=True)
        self.side = side

    def on_key(self, event) -> None:
        """A digit here (a cijfer typed one field too early) would vanish: say what this field
        wants instead (issue 12). Letters stay the app's keys (o, p, … ask before leaving)."""
        if event.character and event.character.isdigit():
            event.stop()
            event.prevent_default()
            self.app.bell()
            if self.value:
                hint = "Dit veld is 'formulier binnen'. Tab gaat naar ontvangen, cijfer en de vragen."
            else:
                hint = (
                    f"'{event.character}' is niet ingevuld: het formulier {self.side} staat op 'niet binnen'. "
                    "Druk eerst op spatie (binnen), dan Tab naar de vragen."
                )
            self.notify(hint, severity="warning", timeout=6)

    def watch_value(self) -> None:
        super().watch_value()
        self.label = present_label(self.value)
        if self.is_mounted:
            prefix = widget_id(f"{self.side}.")
            reason = widget_id(f"{self.side}.ontbreekt")
            for widget in self.screen.query("Input, AnswerField"):
                if widget.id and widget.id.startswith(prefix):
                    widget.disabled = self.value if widget.id == reason else not self.value


def present_label(present: bool) -> str:
    return "ja, formulier is binnen" if present else "nee (spatie: binnen)"


def widget_id(key: str) -> str:
    return "in-" + key.replace(".", "--")


def message_id(key: str) -> str:
    return "msg-" + key.replace(".", "--")


def ask_delete(app: Any, period_id: str, then: Any = None) -> None:
    """SPEC §7: deleting asks first; the file goes, git keeps its history."""
    from store.folder import load_text, period_rel
    from store.save import UnsafePath, delete_period
    from store.toml_io import ChangedOnDisk

    rel = period_rel(period_id)
    text, _problems, digest = load_text(app.data_dir, rel)
    if digest is None:
        app.notify(f"{rel} bestaat niet meer.", severity="warning")
        return

    def done(answer: str | None) -> None:
        if answer != "yes":
            return
        try:
            delete_period(app.data_dir, period_id, digest)
        except ChangedOnDisk as exc:
            app.notify(str(exc), severity="error", timeout=8)
            return
        except (UnsafePath, OSError) as exc:
            app.notify(f"Niet verwijderd: {error_text(exc)}", severity="error", timeout=8)
            return
        app.notify(f"Verwijderd: {rel} (git bewaart de geschiedenis)")
        app.reload()
        if then is not None:
            then()

    period = app.folder.periods.get(period_id) if app.folder else None
    who = f"{period.employee} bij {period.employer}, " if period else ""
    label = app.folder.period_labels.get(period_id) if app.folder else None
    notes = app.folder.years.get(label) if app.folder and isinstance(label, int) else None
    warning = (
        f"\nLet op: meetjaar {label} is al ingediend; de ingediende cijfers kloppen daarna niet meer."
        if notes is not None and notes.submitted_on
        else ""
    )
    app.push_screen(
        confirm_dialog(
            "Periode verwijderen?",
            f"{who}{rel}: het bestand wordt verwijderd, met beide formulieren. "
            f"Na het vastleggen in git blijft de oude versie in de geschiedenis terug te vinden.{warning}",
            "Ja, verwijderen",
        ),
        done,
    )


class PeriodEditorScreen(EditingScreen):
    """The period fields, then per side: in or not, ontvangen, cijfer and every question."""

    HELP_TITLE = "Periode bewerken"
    BINDINGS = [
        Binding("ctrl+s", "save", "Opslaan", priority=True),
        Binding("ctrl+n", "save_new", "Opslaan+nieuw", priority=True),
        Binding("escape", "back", "Terug"),
        Binding("ctrl+d", "delete", "Verwijderen", priority=True, show=False),
        Binding("ctrl+g", "history", "Geschiedenis", priority=True),
        Binding("ctrl+f", "form_pdf", "Formulier-PDF", priority=True, show=False),  # SPEC §11
        Binding("ctrl+o", "attach_scan", "Scan toevoegen", priority=True, show=False),
        # Priority: the scrolling form would otherwise take ↑/↓ for scrolling, and text typed
        # after a ↓ would land in the same field (usability test at 80×24).
        Binding("down", "app.focus_next", "Volgende", show=False, priority=True),
        Binding("up", "app.focus_previous", "Vorige", show=False, priority=True),
        # Priority too: a non-priority Tab is only seen after the focused field has handled the
        # keys before it, so on a busy machine letters typed after a Tab landed in the field
        # before it (tmux at 80×24: "301WG-02" in Werknemer).
        Binding("tab,enter", "app.focus_next", "Volgende", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", "Vorige", show=False, priority=True),
        Binding("f1", "app.help", "Help", key_display="F1"),
        Binding("question_mark", "app.help", "Help", show=False),
    ]
    COMMANDS_HERE = [
        ("Periode opslaan", "ctrl+s: opslaan (veilig, nooit half geschreven)", "save"),
        ("Periode verwijderen", "ctrl+d: het bestand verwijderen (vraagt eerst)", "delete"),
        ("Geschiedenis van de periode", "ctrl+g: wie wijzigde wat en wanneer (ktv historie)", "history"),
        *FORM_EVIDENCE_COMMANDS,
    ]

    def __init__(
        self,
        period_id: str | None,
        draft: PeriodDraft | None = None,
        digest: str | None = None,
        *,
        base: PeriodDraft | None = None,
        draft_name: str | None = None,
        focus: str | None = None,
    ) -> None:
        super().__init__()
        self._restore_focus = focus
        """The field that had the focus when a restored draft was typed: focus goes back there."""
        self.period_id = period_id
        self.draft = draft or PeriodDraft()
        self.saved_draft = copy.deepcopy(base if base is not None else self.draft)
        self._draft_name = draft_name or (
            f"periode-{period_id}" if period_id else f"periode-nieuw-{secrets.token_hex(4)}"
        )
        self.expected = digest
        self.check: DraftCheck | None = None
        self._conflict_open = False
        self.conflicts: dict[str, Any] = {}
        """Fields changed here and on disk: the value on disk, asked about at the next save."""
        self._shown: dict[str | None, str] = {}
        self.touched: set[str] = set()
        """Fields typed in or left; a new period shows problems only there (or after ctrl+s)."""
        self.show_all = period_id is not None

    @classmethod
    def for_existing(cls, app: Any, period_id: str) -> PeriodEditorScreen | None:
        from store.folder import load_text, period_rel
        from store.problems import format_problem

        rel = period_rel(period_id)
        text, problems, digest = load_text(app.data_dir, rel)
        draft = draft_from_text(text) if text is not None else None
        if draft is None:
            found = problems or (app.folder.problems_of(rel) if app.folder else [])
            why = format_problem(found[0]) if found else f"{rel} kan niet gelezen worden"
            app.notify(f"{why}. Herstel dit bestand in een teksteditor.", severity="error", timeout=10)
            return None
        return cls(period_id, draft, digest)

    # --- drafts (SPEC §8: typing survives a killed terminal) ---------------------------------

    @property
    def draft_name(self) -> str:
        return self._draft_name

    def draft_payload(self) -> dict[str, Any]:
        return {
            "soort": "periode",
            "periode": self.period_id,
            "schijf": self.expected,
            "velden": flat_fields(self.current_draft()),
            "focus": self.focused.id if self.focused is not None else None,
        }

    # --- layout --------------------------------------------------------------------------

    @property
    def rel(self) -> str:
        from store.folder import period_rel

        return period_rel(self.period_id or NEW_ID)

    def compose(self) -> ComposeResult:
        questionnaires = self.ktv.folder.questionnaires if self.ktv.folder else {}
        with VerticalScroll(id="editor"):
            yield Static(id="title")
            if self.draft.unknown_keys:
                yield Static(
                    Text(
                        "Let op: onbekende sleutels worden bij opslaan niet bewaard: "
                        + ", ".join(self.draft.unknown_keys),
                        style="yellow",
                    )
                )
            for key, label, placeholder in FIELDS:
                with Horizontal(classes="row"):
                    yield Label(label, classes="label")
                    yield Input(
                        self.draft.values[key],
                        placeholder=placeholder,
                        id=widget_id(key),
                        compact=True,
                        # Focus coming back (after a dialog, a merge) must not select the text:
                        # the next key would replace the whole code (issue 12).
                        select_on_focus=False,
                        classes="wide" if key == "opmerking" else "",
                    )
                    yield Static(id=message_id(key), classes="message")
            for side in SIDES:
                yield from self._compose_form(side, questionnaires.get(side))
            yield Static(id="general", classes="message")
            yield Static(
                Text(
                    "ctrl+s opslaan · ctrl+n opslaan en volgende · Esc terug (vraagt bij wijzigingen) · "
                    "ctrl+d verwijderen · ctrl+g geschiedenis · ctrl+f formulier-PDF · ctrl+o scan toevoegen",
                    style="dim",
                ),
                id="hint",
            )
        yield from self.compose_chrome()

    def _compose_form(self, side: str, questionnaire) -> ComposeResult:
        form = self.draft.forms[side]
        title = Text(f"Formulier {side}", style="bold")
        if questionnaire is not None:
            title.append(f" — {questionnaire.title}", style="dim")
        yield Static(title, classes="section")
        with Horizontal(classes="row"):
            yield Label("Binnen", classes="label")
            yield PresentBox(side, form.present)
        yield scan_status(self, side)
        with Horizontal(classes="row"):
            # `[ontbreekt] <side>` (SPEC §2): why the form will not come; typed here or on the
            # chase list (b), shown and edited in both. Only while the form is not in.
            yield Label("Ontbreekt", classes="label")
            yield Input(
                form.missing_reason,
                placeholder="reden, als het formulier niet komt",
                id=widget_id(f"{side}.ontbreekt"),
                compact=True,
                select_on_focus=False,
                disabled=form.present,
                classes="wide",
            )
            yield Static(id=message_id(f"{side}.ontbreekt"), classes="message")
        for key, label, placeholder in (
            ("ontvangen", "Ontvangen", "JJJJ-MM-DD"),
            ("cijfer", "Cijfer", "1 tot 10, bijv. 7,5"),
        ):
            with Horizontal(classes="row"):
                yield Label(label, classes="label")
                yield Input(
                    form.received if key == "ontvangen" else form.grade,
                    placeholder=placeholder,
                    id=widget_id(f"{side}.{key}"),
                    compact=True,
                    select_on_focus=False,
                    disabled=not form.present,
                )
                yield Static(id=message_id(f"{side}.{key}"), classes="message")
        if questionnaire is None:
            yield Static(Text("De vragenlijst kan niet gelezen worden (zie de problemen).", style="red"))
            return
        shown = [q for q in questionnaire.questions if not q.obsolete or form.answers.get(q.id)]
        known = {q.id for q in questionnaire.questions}
        group = None
        letters = [k for k in answer_keys(questionnaire.scale) if not k.isdigit()]
        keys = "1–" + str(len(questionnaire.scale)) + (f" (of {', '.join(letters)})" if letters else "")
        yield Static(Text(f"Antwoord met {keys}; 0 wist; de cursor gaat vanzelf verder.", style="dim"))
        for question in shown:
            if question.group and question.group != group:
                yield Static(Text(question.group, style="italic"), classes="group")
            group = question.group
            yield AnswerField(
                question.id,
                question.text,
                questionnaire.scale,
                form.answers.get(question.id) or None,
                obsolete=question.obsolete,
                id=widget_id(f"{side}.q.{question.id}"),
                disabled=not form.present,
            )
        for extra in form.answers:
            if extra not in known:
                yield AnswerField(
                    extra,
                    f"Onbekende vraag '{extra}' (0 wist het antwoord)",
                    questionnaire.scale,
                    form.answers[extra],
                    id=widget_id(f"{side}.q.{extra}"),
                    disabled=not form.present,
                )

    ready = False
    """False until the form is built and focused; the app holds typed keys until then."""

    def on_mount(self) -> None:
        check = self.validate()
        # set_focus, not focus(): that one is applied later, and keys released below would
        # meanwhile find no focused field.
        first = self.query_one(f"#{widget_id('werknemer')}")
        if check.errors:
            try:
                wanted = self.query_one(f"#{widget_id(check.errors[0][0])}")
                first = first if wanted.disabled else wanted
            except Exception:
                pass
        first = self._restored_focus() or first
        self.set_focus(first)
        self.ready = True
        self.app.post_message(ReleaseKeys())

    def _restored_focus(self) -> Any:
        """The field a restored draft was being typed in, when it is still there and enabled."""
        wanted = self._restore_focus
        if not isinstance(wanted, str) or not wanted.startswith("in-"):
            return None
        try:
            widget = self.query_one(f"#{wanted}")
        except Exception:
            return None
        return None if widget.disabled or not widget.focusable else widget

    def on_key(self, event) -> None:
        """Keys typed before any field has the focus (the form is still being built) go to the
        first field instead of vanishing."""
        if not (event.is_printable and event.character):
            return
        focused = self.focused
        if focused is None:
            focused = self.query_one(f"#{widget_id('werknemer')}", Input)
            focused.focus()
        if isinstance(focused, Input):
            # Sent to the screen while the form was still being built: the field has it now.
            event.stop()
            focused.insert_text_at_cursor(event.character)

    # --- reading the fields --------------------------------------------------------------

    def current_draft(self) -> PeriodDraft:
        draft = PeriodDraft(unknown_keys=self.draft.unknown_keys)
        for key, _label, _p in FIELDS:
            draft.values[key] = self.query_one(f"#{widget_id(key)}", Input).value
        questionnaires = self._questionnaires()
        for side in SIDES:
            if side in questionnaires:
                prefix = widget_id(f"{side}.q.")
                answers = {
                    field.question_id: field.value
                    for field in self.query(AnswerField)
                    if field.id and field.id.startswith(prefix) and field.value
                }
            else:
                answers = dict(self.draft.forms[side].answers)
            draft.forms[side] = FormDraft(
                present=self.query_one(f"#{widget_id(f'{side}.present')}", Checkbox).value,
                received=self.query_one(f"#{widget_id(f'{side}.ontvangen')}", Input).value,
                grade=self.query_one(f"#{widget_id(f'{side}.cijfer')}", Input).value,
                answers=answers,
                missing_reason=self.query_one(f"#{widget_id(f'{side}.ontbreekt')}", Input).value,
                attachment=self.draft.forms[side].attachment,
            )
        return draft

    def _questionnaires(self) -> dict:
        return self.ktv.folder.questionnaires if self.ktv.folder else {}

    @property
    def dirty(self) -> bool:
        questionnaires = self._questionnaires()
        return draft_data(self.current_draft(), questionnaires) != draft_data(
            self.saved_draft, questionnaires
        )

    # --- validation as you type ----------------------------------------------------------

    def validate(self) -> DraftCheck:
        folder = self.ktv.folder
        check = check_draft(
            self.current_draft(),
            self.rel,
            self.period_id or NEW_ID,
            self._questionnaires(),
            self.ktv.today,
            folder.periods if folder else {},
            folder.organisation if folder else None,
        )
        self.check = check

        def shown(key: str) -> list:
            return check.problems.get(key, []) if self.show_all or key in self.touched else []

        for static in self.query(".message"):
            if static.id and static.id.startswith("msg-"):
                key = static.id[4:].replace("--", ".")
                self._update(static, self._messages(shown(key)))
        for field in self.query(AnswerField):
            side = field.id[3:].split("--")[0]
            problems = check.problems.get(f"{side}.q.{field.question_id}", [])
            field.message = "; ".join(p.message for p in problems)
        self._update(self.query_one("#general", Static), self._messages(shown(GENERAL)))
        self._show_title()
        return check

    def _update(self, static: Static, text: Text) -> None:
        """Only touch a message that changed: every update costs a layout pass."""
        if self._shown.get(static.id) != text.plain:
            self._shown[static.id] = text.plain
            static.update(text)

    @staticmethod
    def _messages(problems: list) -> Text:
        text = Text()
        for index, problem in enumerate(problems):
            if index:
                text.append("\n")
            text.append(
                f"{problem.severity}: {problem.message}", style="red" if problem.is_error else "yellow"
            )
        return text

    def _show_title(self) -> None:
        if self.period_id is None:
            title = Text("Nieuwe jobcoachperiode", style="bold")
        else:
            title = Text(f"Periode {self.period_id}", style="bold")
            title.append(f"  {self.rel}", style="dim")
        if self.dirty:
            title.append("  ● niet opgeslagen", style="bold yellow")
        missing, errors = self._missing_and_errors()
        if errors:
            title.append(f"  {errors} fout{'en' if errors != 1 else ''}", style="red")
        if missing:
            title.append("  in te vullen: " + ", ".join(missing), style="dim")
        self._update(self.query_one("#title", Static), title)

    def _missing_and_errors(self) -> tuple[list[str], int]:
        """Required fields that are simply still empty (not an error yet) and the real errors."""
        if self.check is None:
            return [], 0
        labels = {key: label.lower() for key, label, _p in FIELDS}
        missing: list[str] = []
        errors = 0
        for key, _problem in self.check.errors:
            if key in labels and not self.query_one(f"#{widget_id(key)}", Input).value.strip():
                if labels[key] not in missing:
                    missing.append(labels[key])
            else:
                errors += 1
        return missing, errors

    @on(Input.Changed, f"#{widget_id('jobcoach')}")
    def _initials_upper(self, event: Input.Changed) -> None:
        """Initials are capitals: 'ij' typed shows and saves as 'IJ' (cursor stays). Only what is
        typed: the file's own `jobcoach = "mk"` is shown as it is, so opening it (or taking it
        over from disk) changes nothing (issue 23)."""
        field = event.input
        if field.value == self.saved_draft.values.get("jobcoach"):
            return
        if field.value != field.value.upper():
            cursor = field.cursor_position
            field.value = field.value.upper()
            field.cursor_position = cursor

    @on(Input.Changed)
    @on(AnswerField.Changed)
    def _changed(self, event: Input.Changed | AnswerField.Changed) -> None:
        widget = event.control
        if widget is not None and widget.id and widget.id.startswith("in-") and widget.has_focus:
            self.touched.add(widget.id[3:].replace("--", "."))
        self.validate()
        self.schedule_draft()

    def on_descendant_blur(self, event) -> None:
        widget = event.widget
        if isinstance(widget, Input) and widget.id and widget.id.startswith("in-") and not self.show_all:
            self.touched.add(widget.id[3:].replace("--", "."))
            self.touched.add(GENERAL)
            self.validate()

    @on(Checkbox.Changed)
    def _present(self) -> None:
        self.validate()
        self.schedule_draft()

    @on(Input.Submitted)
    def _next(self) -> None:
        self.focus_next()

    # --- saving, leaving, conflicts ------------------------------------------------------

    def action_save(self) -> None:
        self.save()

    def action_save_new(self) -> None:
        """Save, then straight on with the next form of the pile."""
        if self.dirty:
            self.save(then=self._next_new)
        else:
            self._next_new()

    def _next_new(self) -> None:
        self.app.switch_screen(PeriodEditorScreen(None))

    def save(self, then: Any = None) -> bool:
        from store.folder import new_period_id, period_rel
        from store.save import UnsafePath, save_period
        from store.toml_io import ChangedOnDisk

        if self._conflict_open:
            return False
        if self._pending_conflicts():
            self.ask_conflicts(lambda: self.save(then))
            return False
        draft = self.current_draft()
        self.show_all = True
        check = self.validate()
        if check.has_errors:
            key, problem = check.errors[0]
            self.notify(
                f"Niet opgeslagen: {len(check.errors)} fout(en). Eerst: {problem.message}",
                severity="error",
                timeout=6,
            )
            self._focus_field(key)
            return False
        period = check.period
        if self.period_id is None:
            folder = self.ktv.folder
            root = self.ktv.data_dir

            def exists(candidate: str) -> bool:
                return (root / period_rel(candidate)).exists() or bool(
                    folder and candidate in folder.period_labels
                )

            period = replace(period, id=new_period_id(period.begin, exists))
        try:
            saved = save_period(self.ktv.data_dir, period, self.expected)
        except ChangedOnDisk:
            # Someone changed the file since it was read: merge field by field, then save again
            # (asking first about any field both sides changed).
            if self.merge_from_disk():
                self.call_later(self.save, then)
            return False
        except (UnsafePath, OSError) as exc:
            self.notify(f"Niet opgeslagen: {error_text(exc)}", severity="error", timeout=8)
            return False
        self.discard_draft()
        self.period_id = period.id
        self._draft_name = f"periode-{period.id}"
        self.expected = saved.digest
        self.draft = draft
        self.saved_draft = copy.deepcopy(draft)
        self._show_title()
        self.notify(f"Opgeslagen: {period_rel(period.id)}")
        self.ktv.reload()
        if then is not None:
            then()
        return True

    def _focus_field(self, key: str) -> None:
        try:
            widget = self.query_one(f"#{widget_id(key)}")
        except Exception:
            return
        if not widget.disabled:
            widget.focus()

    def action_back(self) -> None:
        self.ask_leave(self.app.pop_screen)

    def action_history(self) -> None:
        from .history import HistoryScreen

        if self.period_id is None:
            self.notify("Een nieuwe periode heeft nog geen geschiedenis.")
            return
        self.app.push_screen(HistoryScreen(self.period_id))

    def action_form_pdf(self) -> None:
        make_form_pdf(self)

    def action_attach_scan(self) -> None:
        ask_attach_scan(self)

    def action_delete(self) -> None:
        if self.period_id is None:
            self.notify("Deze periode is nog niet opgeslagen; Esc en dan w gooit hem weg.")
            return
        ask_delete(self.ktv, self.period_id, then=self._close_editor)

    def _close_editor(self) -> None:
        if self.is_current:
            self.app.pop_screen()

    def data_changed(self) -> None:
        """A reload happened: did someone else change this file while it is open here?"""
        from store.folder import load_text

        if self.period_id is None:
            return
        _text, _problems, disk = load_text(self.ktv.data_dir, self.rel)
        if disk == self.expected:
            if self.is_current:
                self.validate()
            return
        self.merge_from_disk()

    def merge_from_disk(self) -> bool:
        """Take the file on disk into the open form field by field (SPEC §8), never blurring focus.

        Fields changed only on disk are filled in, fields typed here stay, and a field changed on
        both sides is remembered and asked at the next ctrl+s. False when the file is gone or
        unreadable (then the old question: keep mine or close).
        """
        from store.folder import load_text

        text, _problems, disk = load_text(self.ktv.data_dir, self.rel)
        theirs_draft = draft_from_text(text) if text is not None else None
        if theirs_draft is None:
            self.show_conflict(None)
            return False
        base = flat_fields(self.saved_draft)
        mine = flat_fields(self.current_draft())
        theirs = flat_fields(theirs_draft)
        merge = merge_fields(base, mine, theirs)
        for key in merge.taken:
            self._apply_field(key, merge.merged[key])
        for key, values in merge.conflicts.items():
            self.conflicts[key] = values[1]
        for key in merge.taken:
            self.conflicts.pop(key, None)
        self.saved_draft = theirs_draft
        self.draft.unknown_keys = theirs_draft.unknown_keys
        self.expected = disk
        names = ", ".join(self.field_label(key) for key in merge.taken)
        if merge.taken:
            self.notify(f"Overgenomen van schijf ({self.rel}): {names}", timeout=6)
        if self.conflicts:
            self.notify(
                "Ook op schijf gewijzigd: "
                + ", ".join(self.field_label(key) for key in self.conflicts)
                + ". Bij ctrl+s kiest u per veld welke waarde blijft.",
                severity="warning",
                timeout=10,
            )
        self.validate()
        return True

    def field_label(self, key: str) -> str:
        labels = {k: label.lower() for k, label, _p in FIELDS}
        if key in labels:
            return labels[key]
        side, _, rest = key.partition(".")
        if rest == "present":
            return f"formulier {side} binnen"
        if rest == "ontbreekt":
            return f"reden ontbrekend formulier {side}"
        if rest.startswith("q."):
            question = rest[2:]
            questionnaire = self._questionnaires().get(side)
            for q in questionnaire.questions if questionnaire else ():
                if q.id == question:
                    return f"{side}: {q.text}"
            return f"{side}: vraag {question}"
        return f"{side}: {rest}"

    @staticmethod
    def shown_value(value: Any) -> str:
        if isinstance(value, bool):
            return "binnen" if value else "niet binnen"
        return repr(value) if value else "(leeg)"

    def _apply_field(self, key: str, value: Any) -> None:
        """Put one value in its widget without moving focus or the cursor of the focused field."""
        side, _, rest = key.partition(".")
        if rest.startswith("q."):
            try:
                field = self.query_one(f"#{widget_id(key)}", AnswerField)
            except Exception:
                # A question this form does not show: keep the answer so saving does not drop it.
                self.draft.forms[side].answers[rest[2:]] = str(value)
                return
            field.value = str(value) or None
            return
        if rest == "present":
            self.query_one(f"#{widget_id(key)}", Checkbox).value = bool(value)
            return
        if rest == "bijlage":
            self.draft.forms[side].attachment = str(value)
            refresh_scan_status(self)
            return
        widget = self.query_one(f"#{widget_id(key)}", Input)
        if widget.value != value:
            cursor = widget.cursor_position
            widget.value = str(value)
            widget.cursor_position = min(cursor, len(widget.value))

    def _pending_conflicts(self) -> dict[str, tuple[Any, Any]]:
        mine = flat_fields(self.current_draft())
        pending = {}
        for key, theirs in list(self.conflicts.items()):
            if same_value(key, mine.get(key), theirs):
                del self.conflicts[key]
            else:
                pending[key] = (mine.get(key, empty_value(key)), theirs)
        return pending

    def ask_conflicts(self, then: Any) -> None:
        """One question per field changed on both sides: the value typed here or the one on disk."""
        pending = self._pending_conflicts()
        if not pending:
            then()
            return
        key, (mine, theirs) = next(iter(pending.items()))
        label = self.field_label(key)

        def answered(answer: str | None) -> None:
            self._conflict_open = False
            if answer == "disk":
                self._apply_field(key, theirs)
            elif answer != "mine":
                return  # annuleren: nothing chosen, nothing saved
            self.conflicts.pop(key, None)
            self.validate()
            self.ask_conflicts(then)

        self._conflict_open = True
        self.app.push_screen(
            ChoiceDialog(
                f"Op twee plaatsen gewijzigd: {label}",
                Text.assemble(
                    f"{self.rel} is op schijf gewijzigd (een collega, git of een editor) terwijl u hier "
                    f"typte. Beide versies van '{label}':\n\n",
                    ("  hier getypt:  ", "bold"),
                    self.shown_value(mine),
                    "\n",
                    ("  op schijf:    ", "bold"),
                    self.shown_value(theirs),
                    f"\n\nDe andere velden zijn al samengevoegd. Nog {len(pending)} veld(en) te kiezen.",
                ),
                [
                    Choice("m", "Mijn waarde houden", "mine"),
                    Choice("s", "Waarde van schijf nemen", "disk"),
                    Choice("a", "Annuleren (niet opslaan)", "cancel"),
                ],
                cancel_value="cancel",
            ),
            answered,
        )

    def show_conflict(self, then: Any) -> None:
        """The file is gone or unreadable: save mine again, or close and keep theirs."""
        from store.folder import load_text

        if self._conflict_open:
            return
        _text, _problems, disk = load_text(self.ktv.data_dir, self.rel)
        self._conflict_open = True

        def answered(answer: str | None) -> None:
            self._conflict_open = False
            if answer == "mine":
                _t, _p, current = load_text(self.ktv.data_dir, self.rel)
                self.expected = current
                self.save(then)
            elif answer == "theirs":
                self.take_theirs()

        self.app.push_screen(conflict_dialog(self.rel, deleted=disk is None), answered)

    def take_theirs(self) -> None:
        from store.folder import load_text

        text, _problems, disk = load_text(self.ktv.data_dir, self.rel)
        draft = draft_from_text(text) if text is not None else None
        if draft is None:
            self.notify(
                f"{self.rel} is verwijderd of onleesbaar geworden; de editor sluit.", severity="warning"
            )
            self.saved_draft = self.current_draft()
            self._close_editor()
            return
        for key, value in flat_fields(draft).items():
            self._apply_field(key, value)
        mine = flat_fields(self.current_draft())
        for key in mine:
            if key not in flat_fields(draft):
                self._apply_field(key, empty_value(key))
        self.saved_draft = draft
        self.expected = disk
        self.validate()
