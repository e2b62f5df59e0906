"""The period editor's form widgets: building them from a draft and reading a draft back from them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Checkbox, Input, Label, Static

from store.model import SIDES

from ..widgets.answer_field import AnswerField, answer_keys
from .form_evidence import scan_status
from .period_draft import FormDraft, PeriodDraft
from .period_fields import FIELDS, PresentBox, message_id, widget_id

if TYPE_CHECKING:
    from .period_editor import PeriodEditorScreen


def compose_editor(screen: PeriodEditorScreen) -> ComposeResult:
    questionnaires = screen.ktv.folder.questionnaires if screen.ktv.folder else {}
    with VerticalScroll(id="editor"):
        yield Static(id="title")
        if screen.draft.unknown_keys:
            yield Static(
                Text(
                    "Let op: onbekende sleutels worden bij opslaan niet bewaard: "
                    + ", ".join(screen.draft.unknown_keys),
                    style="yellow",
                )
            )
        for key, label, placeholder in FIELDS:
            with Horizontal(classes="row"):
                yield Label(label, classes="label")
                yield Input(
                    screen.draft.values[key],
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
            yield from screen._compose_form(side, questionnaires.get(side))
        yield Static(id="general", classes="message")
        yield Static(
            Text(
                "ctrl+s opslaan · ctrl+n opslaan en volgende · Esc terug (vraagt bij wijzigingen) · "
                "ctrl+d verwijderen · ctrl+g geschiedenis · ctrl+f formulier-PDF · ctrl+o scan toevoegen",
                style="dim",
            ),
            id="hint",
        )
    yield from screen.compose_chrome()


def compose_form(screen: PeriodEditorScreen, side: str, questionnaire) -> ComposeResult:
    form = screen.draft.forms[side]
    title = Text(f"Formulier {side}", style="bold")
    if questionnaire is not None:
        title.append(f" — {questionnaire.title}", style="dim")
    yield Static(title, classes="section")
    with Horizontal(classes="row"):
        yield Label("Binnen", classes="label")
        yield PresentBox(side, form.present)
    yield scan_status(screen, side)
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


def read_draft(screen: PeriodEditorScreen) -> PeriodDraft:
    draft = PeriodDraft(unknown_keys=screen.draft.unknown_keys)
    for key, _label, _p in FIELDS:
        draft.values[key] = screen.query_one(f"#{widget_id(key)}", Input).value
    questionnaires = screen._questionnaires()
    for side in SIDES:
        if side in questionnaires:
            prefix = widget_id(f"{side}.q.")
            answers = {
                field.question_id: field.value
                for field in screen.query(AnswerField)
                if field.id and field.id.startswith(prefix) and field.value
            }
        else:
            answers = dict(screen.draft.forms[side].answers)
        draft.forms[side] = FormDraft(
            present=screen.query_one(f"#{widget_id(f'{side}.present')}", Checkbox).value,
            received=screen.query_one(f"#{widget_id(f'{side}.ontvangen')}", Input).value,
            grade=screen.query_one(f"#{widget_id(f'{side}.cijfer')}", Input).value,
            answers=answers,
            missing_reason=screen.query_one(f"#{widget_id(f'{side}.ontbreekt')}", Input).value,
            attachment=screen.draft.forms[side].attachment,
        )
    return draft
