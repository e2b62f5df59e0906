"""The meetjaar's PDFs in the app: asking before a submission, showing the result, fetching it over SSH, the app's wording of a refusal."""

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
    refusal = app_wording(refusal or "")
    result.update(Text(f"Geweigerd: {refusal}", style="red"))
    screen.app.push_screen(
        ChoiceDialog("Niet gemaakt", refusal or "", [Choice("o", "OK", "ok")], cancel_value="ok")
    )


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
