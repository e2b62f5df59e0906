"""The meetjaar's PDFs in the app: asking before a submission, showing the result, fetching it over SSH (a refusal is worded for the app by report.command_words)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from report.dutch import short_date
from store.paths import shown as shown_path

from .dialogs import Choice, ChoiceDialog
from .ssh_hint import scp_line

if TYPE_CHECKING:
    from .measurement_year import MeasurementYearScreen


def confirm_submit(screen: MeasurementYearScreen) -> None:
    """Recording a submission changes the meetjaar file for good: ask first (SPEC §7)."""
    from .dialogs import confirm_dialog

    label = screen.label
    screen.app.push_screen(
        confirm_dialog(
            f"Indiening van meetjaar {label} vastleggen?",
            f"Dit maakt de definitieve rapportage (of de melding) van meetjaar {label} en legt vast "
            f"dat die vandaag, {short_date(screen.ktv.today)}, bij UWV is ingediend, met de "
            "versie van de gegevens. Een vastgelegde indiening wordt daarna niet meer vervangen. "
            "Doe dit als u het document echt verstuurt.",
            "Ja, indiening vastleggen",
        ),
        lambda answer: screen._start_pdf("submit") if answer == "yes" and screen.label == label else None,
    )


def pdf_done(screen: MeasurementYearScreen, path: Path | None, refusal: str | None) -> None:
    result = screen.query_one("#pdf-result", Static)
    if path is not None:
        shown = path
        try:
            shown = Path(path).relative_to(screen.ktv.data_dir)
        except ValueError:
            pass
        screen._loaded_label = None  # the meetjaar file may now hold ingediend_op: reread it
        message = Text(f"PDF gemaakt: {shown_path(shown)}", style="green")
        fetch = scp_line(Path(path).resolve())
        if fetch:
            message.append("\nOphalen naar uw eigen computer (daar in een terminal):\n", style="")
            message.append(fetch, style="bold")
        result.update(message)
        screen.notify(
            f"PDF gemaakt: {shown_path(shown)}" + (f"\nOphalen: {fetch}" if fetch else ""), timeout=12
        )
        screen.ktv.reload()
        return
    refusal = refusal or ""
    result.update(Text(f"Geweigerd: {refusal}", style="red"))
    screen.app.push_screen(
        ChoiceDialog("Niet gemaakt", refusal or "", [Choice("o", "OK", "ok")], cancel_value="ok")
    )
