"""The period editor and the file on disk: merging field by field, asking about fields both sides changed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.widgets import Checkbox, Input

from ..widgets.answer_field import AnswerField
from .dialogs import Choice, ChoiceDialog, conflict_dialog
from .form_evidence import refresh_scan_status
from .period_draft import draft_from_text, empty_value, flat_fields, merge_fields, same_value
from .period_fields import FIELDS, widget_id

if TYPE_CHECKING:
    from .period_editor import PeriodEditorScreen


def merge_from_disk(screen: PeriodEditorScreen) -> bool:
    """Take the file on disk into the open form field by field (SPEC §8), never blurring focus.

    Fields changed only on disk are filled in, fields typed here stay, and a field changed on
    both sides is remembered and asked at the next ctrl+s. False when the file is gone or
    unreadable (then the old question: keep mine or close).
    """
    from store.folder import load_text

    text, _problems, disk = load_text(screen.ktv.data_dir, screen.rel)
    theirs_draft = draft_from_text(text) if text is not None else None
    if theirs_draft is None:
        screen.show_conflict(None)
        return False
    base = flat_fields(screen.saved_draft)
    mine = flat_fields(screen.current_draft())
    theirs = flat_fields(theirs_draft)
    merge = merge_fields(base, mine, theirs)
    for key in merge.taken:
        screen._apply_field(key, merge.merged[key])
    for key, values in merge.conflicts.items():
        screen.conflicts[key] = values[1]
    for key in merge.taken:
        screen.conflicts.pop(key, None)
    screen.saved_draft = theirs_draft
    screen.draft.unknown_keys = theirs_draft.unknown_keys
    screen.expected = disk
    names = ", ".join(screen.field_label(key) for key in merge.taken)
    if merge.taken:
        screen.notify(f"Overgenomen van schijf ({screen.rel}): {names}", timeout=6)
    if screen.conflicts:
        screen.notify(
            "Ook op schijf gewijzigd: "
            + ", ".join(screen.field_label(key) for key in screen.conflicts)
            + ". Bij ctrl+s kiest u per veld welke waarde blijft.",
            severity="warning",
            timeout=10,
        )
    screen.validate()
    return True


def field_label(screen: PeriodEditorScreen, key: str) -> str:
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
        questionnaire = screen._questionnaires().get(side)
        for q in questionnaire.questions if questionnaire else ():
            if q.id == question:
                return f"{side}: {q.text}"
        return f"{side}: vraag {question}"
    return f"{side}: {rest}"


def shown_value(value: Any) -> str:
    if isinstance(value, bool):
        return "binnen" if value else "niet binnen"
    return repr(value) if value else "(leeg)"


def apply_field(screen: PeriodEditorScreen, key: str, value: Any) -> None:
    """Put one value in its widget without moving focus or the cursor of the focused field."""
    side, _, rest = key.partition(".")
    if rest.startswith("q."):
        try:
            field = screen.query_one(f"#{widget_id(key)}", AnswerField)
        except Exception:
            # A question this form does not show: keep the answer so saving does not drop it.
            screen.draft.forms[side].answers[rest[2:]] = str(value)
            return
        field.value = str(value) or None
        return
    if rest == "present":
        screen.query_one(f"#{widget_id(key)}", Checkbox).value = bool(value)
        return
    if rest == "bijlage":
        screen.draft.forms[side].attachment = str(value)
        refresh_scan_status(screen)
        return
    widget = screen.query_one(f"#{widget_id(key)}", Input)
    if widget.value != value:
        cursor = widget.cursor_position
        widget.value = str(value)
        widget.cursor_position = min(cursor, len(widget.value))


def pending_conflicts(screen: PeriodEditorScreen) -> dict[str, tuple[Any, Any]]:
    mine = flat_fields(screen.current_draft())
    pending = {}
    for key, theirs in list(screen.conflicts.items()):
        if same_value(key, mine.get(key), theirs):
            del screen.conflicts[key]
        else:
            pending[key] = (mine.get(key, empty_value(key)), theirs)
    return pending


def ask_conflicts(screen: PeriodEditorScreen, then: Any) -> None:
    """One question per field changed on both sides: the value typed here or the one on disk."""
    pending = screen._pending_conflicts()
    if not pending:
        then()
        return
    key, (mine, theirs) = next(iter(pending.items()))
    label = screen.field_label(key)

    def answered(answer: str | None) -> None:
        screen._conflict_open = False
        if answer == "disk":
            screen._apply_field(key, theirs)
        elif answer != "mine":
            return  # annuleren: nothing chosen, nothing saved
        screen.conflicts.pop(key, None)
        screen.validate()
        screen.ask_conflicts(then)

    screen._conflict_open = True
    screen.app.push_screen(
        ChoiceDialog(
            f"Op twee plaatsen gewijzigd: {label}",
            Text.assemble(
                f"{screen.rel} is op schijf gewijzigd (een collega, git of een editor) terwijl u hier "
                f"typte. Beide versies van '{label}':\n\n",
                ("  hier getypt:  ", "bold"),
                screen.shown_value(mine),
                "\n",
                ("  op schijf:    ", "bold"),
                screen.shown_value(theirs),
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


def show_conflict(screen: PeriodEditorScreen, then: Any) -> None:
    """The file is gone or unreadable: save mine again, or close and keep theirs."""
    from store.folder import load_text

    if screen._conflict_open:
        return
    _text, _problems, disk = load_text(screen.ktv.data_dir, screen.rel)
    screen._conflict_open = True

    def answered(answer: str | None) -> None:
        screen._conflict_open = False
        if answer == "mine":
            _t, _p, current = load_text(screen.ktv.data_dir, screen.rel)
            screen.expected = current
            screen.save(then)
        elif answer == "theirs":
            screen.take_theirs()

    screen.app.push_screen(conflict_dialog(screen.rel, deleted=disk is None), answered)


def take_theirs(screen: PeriodEditorScreen) -> None:
    from store.folder import load_text

    text, _problems, disk = load_text(screen.ktv.data_dir, screen.rel)
    draft = draft_from_text(text) if text is not None else None
    if draft is None:
        screen.notify(
            f"{screen.rel} is verwijderd of onleesbaar geworden; de editor sluit.", severity="warning"
        )
        screen.saved_draft = screen.current_draft()
        screen._close_editor()
        return
    for key, value in flat_fields(draft).items():
        screen._apply_field(key, value)
    mine = flat_fields(screen.current_draft())
    for key in mine:
        if key not in flat_fields(draft):
            screen._apply_field(key, empty_value(key))
    screen.saved_draft = draft
    screen.expected = disk
    screen.validate()
