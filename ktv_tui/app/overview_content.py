"""What the overview shows, computed without Textual: the texts and table rows of the first
screen from a loaded folder. The app draws them (screens/overview.py); the start-up preview
(app/preview.py) computes them in a second process while this one is still starting Textual, so
the numbers on screen always come from one computation (report.overview)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from rich.text import Text

from report.dutch import short_date

from .styles import STATUS_STYLE


@dataclass
class OverviewContent:
    title: Text
    current: Text
    readable: bool = True
    """False while ktv.toml cannot be read: only the title, this line and the problems."""
    action: Text | None = None
    running: Text = field(default_factory=Text)
    missing: Text = field(default_factory=Text)
    rows: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)
    """(key, cells) per meetjaar row of the table."""
    first_row: str | None = None
    """The row the cursor starts on: the first meetjaar to submit, else the running one."""
    problems_title: Text = field(default_factory=Text)
    problem_lines: list[Text] = field(default_factory=list)
    problems: list = field(default_factory=list)


def verdict_text(meets: bool | None) -> Text:
    if meets is None:
        return Text("niet aangetoond", style="yellow")
    return Text("voldoet", style="green") if meets else Text("voldoet niet", style="bold red")


def status_cell(item) -> Text:
    from report.deadlines import STATUS_TEXT
    from report.dutch import days_phrase

    text = Text(STATUS_TEXT[item.status], style=STATUS_STYLE[item.status])
    if item.status in ("lopend", "in_te_dienen", "te_laat"):
        days = item.days_to_deadline
        phrase = f"{-days} dag{'en' if days != -1 else ''}" if days < 0 else days_phrase(days)
        text.append(f" ({phrase})")
    elif item.notes and item.notes.verdict:
        text.append(f": {item.notes.verdict}", style="red" if item.notes.verdict != "voldaan" else "green")
    elif item.verdict_expected_by:
        text.append(f", uitslag vóór {short_date(item.verdict_expected_by)}", style="dim")
    return text


def action_text(due: list) -> Text:
    """What needs doing now, first on the screen: each meetjaar to submit, with its days."""
    text = Text()
    for index, item in enumerate(due):
        if index:
            text.append("\n")
        what = "rapportage" if item.action == "rapportage" else "melding"
        text.append("Nu doen: ", style="bold")
        text.append(f"{what} meetjaar {item.year.label} indienen ")
        text.append(f"vóór {short_date(item.year.deadline)} ")
        days = item.days_to_deadline
        if days > 0:
            text.append(f"(nog {days} dag{'en' if days != 1 else ''})", style="bold yellow")
        elif days == 0:
            text.append("(vandaag)", style="bold yellow")
        else:
            text.append(f"({-days} dag{'en' if days != -1 else ''} te laat)", style="bold red")
    return text


def next_minimum_text(running: dict) -> Text:
    """SPEC §4 `volgend_minimaal` in words: the lowest next cijfer that keeps each side on the norm."""
    from report.numbers import format_number

    parts = []
    for side, stats in running.items():
        if stats.count == 0:
            continue
        minimum = stats.next_minimum
        if minimum is None:
            parts.append(f"{side}: zelfs een 10 brengt het gemiddelde niet op de norm")
        else:
            parts.append(f"{side} {format_number(minimum, places=1)}")
    if not parts:
        return Text()
    return Text(
        "\nOm op de norm te blijven mag het volgende cijfer niet lager zijn dan: " + ", ".join(parts) + ".",
        style="dim",
    )


def running_text(view) -> Text:
    from report.facts import norm_text

    text = Text()
    label = view.current.year.label
    if view.running is None:
        text.append(
            f"Lopend cijfer {label} niet berekend: fouten in dit meetjaar (zie de problemen).",
            style="red",
        )
        return text
    for index, (side, stats) in enumerate(view.running.items()):
        if index:
            text.append("\n")
        text.append(f"Behaald cijfer {side:<9} ", style="bold")
        text.append(stats.calculation or "nog geen cijfers")
        text.append(f"  norm {norm_text(stats.norm)}  ", style="dim")
        text.append_text(verdict_text(stats.meets))
    if view.current.status == "lopend":
        text.append_text(next_minimum_text(view.running))
    return text


def _problems(content: OverviewContent, folder) -> OverviewContent:
    from store.problems import format_problem

    errors, warnings = len(folder.errors), len(folder.warnings)
    title = Text("Problemen in de gegevens", style="bold")
    if errors or warnings:
        title.append(f": {errors} fout{'en' if errors != 1 else ''}, ", style="red" if errors else "")
        title.append(f"{warnings} waarschuwing{'en' if warnings != 1 else ''}")
        title.append(" · Tab en Enter: bestand openen", style="dim")
    else:
        title.append(": geen", style="green")
    # Errors first: they block the numbers; warnings after.
    listed = sorted(folder.problems, key=lambda p: not p.is_error)[:500]
    content.problems_title = title
    content.problem_lines = [Text(format_problem(p), style="red" if p.is_error else "yellow") for p in listed]
    content.problems = listed
    return content


def overview_content(folder, today: date, folder_name: str) -> OverviewContent:
    from report.dutch import days_phrase, long_date
    from report.overview import overview

    from .styles import first_label

    org = folder.organisation
    if org is None:
        unreadable = OverviewContent(
            title=Text(f"ktv — {folder_name}", style="bold"),
            current=Text(
                "ktv.toml kan niet gelezen worden, dus de meetjaren zijn onbekend. "
                "Zie de problemen hieronder.",
                style="red",
            ),
            readable=False,
        )
        return _problems(unreadable, folder)
    view = overview(folder, today)
    first = first_label(folder)
    view = replace(view, years=[item for item in view.years if item.year.label >= first])
    title = Text(org.name, style="bold")
    title.append(f" — erkend sinds {long_date(org.recognition_date)}", style="dim")
    year = view.current.year
    current = Text()
    current.append(f"Meetjaar {year.label}", style="bold")
    current.append(f": {short_date(year.first_day)} t/m {short_date(year.end)}, ")
    current.append(f"eindigt over {view.days_to_end} dagen" if view.days_to_end >= 0 else "afgelopen")
    current.append(f"; deadline {short_date(year.deadline)} ({days_phrase(view.current.days_to_deadline)})")
    due = [item for item in view.years if item.status in ("in_te_dienen", "te_laat")]
    missing = Text("Ontbrekende formulieren (dit + vorig meetjaar): ")
    missing.append(
        ", ".join(f"{n} {side}" for side, n in view.missing_forms.items()),
        style="yellow" if any(view.missing_forms.values()) else "green",
    )
    rows = [
        (
            str(item.year.label),
            (
                str(item.year.label),
                short_date(item.year.deadline),
                Text(str(item.completed), justify="right"),
                item.action,
                status_cell(item),
            ),
        )
        for item in view.years
    ]
    wanted = due[0].year.label if due else view.current.year.label
    content = OverviewContent(
        title=title,
        current=current,
        action=action_text(due) if due else None,
        running=running_text(view),
        missing=missing,
        rows=rows,
        first_row=str(wanted),
    )
    return _problems(content, folder)
