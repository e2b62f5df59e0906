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
from textual.widgets import Checkbox, Input, Static

from ...output import error_text
from ..messages import ReleaseKeys
from ..widgets.answer_field import AnswerField
from .base import EditingScreen
from .form_evidence import (
    FORM_EVIDENCE_COMMANDS,
    ask_attach_scan,
    make_form_pdf,
)
from .period_delete import ask_delete
from .period_draft import (
    GENERAL,
    DraftCheck,
    PeriodDraft,
    check_draft,
    draft_data,
    draft_from_text,
    flat_fields,
)
from .period_fields import FIELDS, NEW_ID, widget_id
from .period_fields import PresentBox as PresentBox
from .period_fields import message_id as message_id
from .period_fields import present_label as present_label
from .period_form import compose_editor, compose_form, read_draft
from .period_merge import (
    apply_field,
    ask_conflicts,
    field_label,
    merge_from_disk,
    pending_conflicts,
    show_conflict,
    shown_value,
    take_theirs,
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
        return compose_editor(self)

    def _compose_form(self, side: str, questionnaire) -> ComposeResult:
        return compose_form(self, side, questionnaire)

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
        return read_draft(self)

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
        """Take the file on disk into the open form field by field (SPEC §8), never blurring focus."""
        return merge_from_disk(self)

    def field_label(self, key: str) -> str:
        return field_label(self, key)

    shown_value = staticmethod(shown_value)

    def _apply_field(self, key: str, value: Any) -> None:
        """Put one value in its widget without moving focus or the cursor of the focused field."""
        apply_field(self, key, value)

    def _pending_conflicts(self) -> dict[str, tuple[Any, Any]]:
        return pending_conflicts(self)

    def ask_conflicts(self, then: Any) -> None:
        """One question per field changed on both sides: the value typed here or the one on disk."""
        ask_conflicts(self, then)

    def show_conflict(self, then: Any) -> None:
        """The file is gone or unreadable: save mine again, or close and keep theirs."""
        show_conflict(self, then)

    def take_theirs(self) -> None:
        take_theirs(self)
