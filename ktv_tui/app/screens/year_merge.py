"""The meetjaar screen and its file on disk: merging field by field, asking about fields both sides changed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text

from store.model import YearNotes

from .dialogs import Choice, ChoiceDialog
from .year_notes import DATES, TEXTS, merge_token, same

if TYPE_CHECKING:
    from .measurement_year import MeasurementYearScreen


def merge_notes(screen: MeasurementYearScreen) -> None:
    """The file changed on disk (or was just saved): merge it field by field (SPEC §8)."""
    from store.folder import year_rel

    folder = screen.ktv.folder
    digest = folder.digests.get(year_rel(screen.label))
    if digest == screen.expected:
        return
    notes = folder.years.get(screen.label) or YearNotes(year=screen.label)
    theirs = screen.notes_values(notes)
    mine = screen.values()
    base = screen.saved_values or {}
    from .disk_merge import merge_fields

    merge = merge_fields(base, mine, theirs, merge_token, lambda _key: "")
    taken = [key for key in merge.taken if key in theirs]
    for key in taken:
        screen._set_field(key, theirs[key])
        screen.conflicts.pop(key, None)
    for key, (_here, there) in merge.conflicts.items():
        if key in theirs:
            screen.conflicts[key] = there
    screen.expected = digest
    screen.saved_values = theirs
    screen._notes = notes
    labels = dict(TEXTS) | dict(DATES) | {"verdict": "Uitslag"}
    if taken:
        screen.notify(f"Overgenomen van schijf: {', '.join(labels[k].lower() for k in taken)}", timeout=6)
    if screen.conflicts:
        screen.notify(
            "Ook op schijf gewijzigd: "
            + ", ".join(labels[k].lower() for k in screen.conflicts)
            + ". Bij ctrl+s kiest u per veld welke versie blijft.",
            severity="warning",
            timeout=10,
        )


def merge_from_file(screen: MeasurementYearScreen) -> None:
    """Read this meetjaar's file now (not waiting for the reload) and merge it."""
    from store.fields import FileContext
    from store.folder import load_text, year_rel
    from store.parse import parse_year_notes

    rel = year_rel(screen.label)
    text, _problems, digest = load_text(screen.ktv.data_dir, rel)
    notes = parse_year_notes(FileContext(rel, text), screen.label) if text is not None else None
    if notes is None:
        notes = YearNotes(year=screen.label)
    theirs = screen.notes_values(notes)
    mine = screen.values()
    base = screen.saved_values or {}
    for key, value in theirs.items():
        b, m = base.get(key, ""), mine.get(key, "")
        if same(m, value):
            continue
        if same(m, b):
            screen._set_field(key, value)
        elif not same(value, b):
            screen.conflicts[key] = value
    screen.expected = digest
    screen.saved_values = theirs
    screen._notes = notes


def ask_conflict(screen: MeasurementYearScreen, then: Any) -> None:
    key, theirs = next(iter(screen.conflicts.items()))
    labels = dict(TEXTS) | dict(DATES) | {"verdict": "Uitslag"}
    mine = screen.values().get(key, "")

    def short(value: Any) -> str:
        value = str(value).strip()
        return (value[:300] + "…" if len(value) > 300 else value) or "(leeg)"

    def answered(answer: str | None) -> None:
        if answer == "disk":
            screen._set_field(key, theirs)
        elif answer != "mine":
            return
        screen.conflicts.pop(key, None)
        screen.save(then)

    screen.app.push_screen(
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
