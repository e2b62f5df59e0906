"""Deleting a period after asking first (SPEC §7): the file goes, git keeps its history."""

from __future__ import annotations

from typing import Any

from ...output import error_text
from .dialogs import confirm_dialog


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
