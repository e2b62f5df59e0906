"""The period editor's part of SPEC §11: the form as PDF (ctrl+f), the scans (ctrl+o).

Kept out of period_editor.py so the editor only carries hooks: a status line per side that
says whether the received form's scan is there, and two actions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual.widgets import Static

from ...output import error_text
from .dialogs import Choice, ChoiceDialog, LineDialog

FORM_EVIDENCE_COMMANDS = [
    ("Formulier als PDF", "ctrl+f: de lege formulieren van deze periode om af te drukken", "form_pdf"),
    ("Scan toevoegen", "ctrl+o: de scan of foto van een teruggekomen formulier bewaren (pad)", "attach_scan"),
]


def _status_text(screen: Any, side: str) -> Text:
    from store.evidence import attachment_rel, scan_problem, scans_required

    form = screen.draft.forms[side]
    if not form.present:
        return Text("")
    if not form.attachment:
        folder = screen.ktv.folder
        style = "yellow" if scans_required(folder.organisation if folder else None) else "dim"
        return Text("Scan: geen (ctrl+o voegt er een toe)", style=style)
    problem = scan_problem(screen.ktv.data_dir, screen.period_id or "", side, form.attachment)
    rel = attachment_rel(screen.period_id or "", form.attachment)
    if problem:
        return Text(f"Scan: {problem[1]}", style="red")
    return Text(f"Scan: {rel} ✓", style="green")


def scan_status(screen: Any, side: str) -> Static:
    """The line under "Binnen": is the scan of this received form there?"""
    return Static(_status_text(screen, side), id=f"scan-{side}", classes="scan-status")


def refresh_scan_status(screen: Any) -> None:
    from store.model import SIDES

    for side in SIDES:
        try:
            screen.query_one(f"#scan-{side}", Static).update(_status_text(screen, side))
        except Exception:  # not mounted yet
            continue


def _saved_period_id(screen: Any, what: str) -> str | None:
    if screen.period_id is None:
        screen.notify(f"Sla de nieuwe periode eerst op (ctrl+s); daarna kan {what}.", severity="warning")
        return None
    if screen.dirty:
        screen.notify(f"Sla eerst op (ctrl+s): {what} gebruikt wat op schijf staat.", severity="warning")
        return None
    return screen.period_id


def make_form_pdf(screen: Any) -> None:
    """Both sides' forms as `rapporten/formulieren/<id>-<kant>.pdf`, as `ktv formulier ID`."""
    from report.forms import make_period_forms

    period_id = _saved_period_id(screen, "het formulier gemaakt worden")
    folder = screen.ktv.folder
    if period_id is None or folder is None:
        return
    try:
        paths = make_period_forms(folder, period_id, None, None, screen.ktv.today)
    except Exception as exc:  # a refusal or a Typst failure: a message, never a crash
        screen.notify(f"Formulier niet gemaakt: {error_text(exc)}", severity="error", timeout=8)
        return
    from .ssh_hint import scp_line

    lines = []
    for path in paths:
        shown = (
            Path(path).relative_to(screen.ktv.data_dir)
            if Path(path).is_relative_to(screen.ktv.data_dir)
            else path
        )
        fetch = scp_line(Path(path).resolve())
        lines.append(f"{shown}" + (f"\nOphalen: {fetch}" if fetch else ""))
    screen.notify("Formulier gemaakt:\n" + "\n".join(lines), timeout=12)


class ScanPathDialog(LineDialog):
    def __init__(self, side: str) -> None:
        super().__init__(
            f"Scan van formulier {side} toevoegen",
            "",
            "Pad van een PDF, PNG of JPEG (bijv. ~/scans/formulier.pdf); Enter voegt toe, Esc annuleert.",
            input_id="scan-path",
            placeholder="pad naar de scan",
        )


def ask_attach_scan(screen: Any) -> None:
    """Which side, then the path; an existing scan is only replaced after a second question."""
    if _saved_period_id(screen, "een scan toegevoegd worden") is None:
        return

    def chosen(side: str | None) -> None:
        if side in ("werknemer", "werkgever"):
            screen.app.push_screen(ScanPathDialog(side), lambda path: _attach(screen, side, path, False))

    screen.app.push_screen(
        ChoiceDialog(
            "Scan toevoegen",
            "Van welk formulier is de scan?",
            [
                Choice("w", "Werknemer", "werknemer"),
                Choice("g", "Werkgever", "werkgever"),
                Choice("a", "Annuleren", ""),
            ],
            cancel_value="",
        ),
        chosen,
    )


def _attach(screen: Any, side: str, path: str | None, replace_existing: bool) -> None:
    from store.evidence import EvidenceRefused, ScanExists
    from store.evidence_attach import attach_scan
    from store.paths import expand_user

    if not path or not path.strip():
        return
    folder = screen.ktv.folder
    try:
        done = attach_scan(
            folder, screen.period_id, side, expand_user(path.strip()), replace_existing=replace_existing
        )
    except ScanExists as exc:

        def answered(answer: str | None) -> None:
            if answer == "yes":
                _attach(screen, side, path, True)

        screen.app.push_screen(
            ChoiceDialog(
                "Scan vervangen?",
                str(exc),
                [Choice("j", "Ja, vervangen", "yes"), Choice("n", "Nee", "no")],
                cancel_value="no",
            ),
            answered,
        )
        return
    except (EvidenceRefused, OSError, Exception) as exc:  # noqa: B014 - every failure is a message
        screen.notify(f"Scan niet toegevoegd: {error_text(exc)}", severity="error", timeout=8)
        return
    screen.notify(f"Scan bewaard: {done.rel}")
    screen.ktv.reload()
