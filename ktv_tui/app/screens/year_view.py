"""The meetjaar screen's read-only parts: blocking problems, the numbers with their bars, the periods and the file's problems."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import DataTable, Static

from report.dutch import short_date
from store.model import SIDES

from ..overview_content import verdict_text
from .year_bars import legend, question_bar, spread

if TYPE_CHECKING:
    from .measurement_year import MeasurementYearScreen


def show_blocking(screen: MeasurementYearScreen, blocking: list) -> None:
    from store.problems import format_problem

    static = screen.query_one("#blocking", Static)
    static.display = bool(blocking)
    if blocking:
        text = Text(
            "Cijfers en rapportage geweigerd: fouten die de cijfers kunnen veranderen (zie ktv check):\n",
            style="bold red",
        )
        for problem in blocking[:8]:
            text.append(format_problem(problem) + "\n", style="red")
        if len(blocking) > 8:
            text.append(f"… en nog {len(blocking) - 8}", style="red")
        static.update(text)


def show_numbers(screen: MeasurementYearScreen, label: int | None) -> None:
    from report.dutch import percent
    from report.facts import norm_text
    from report.numbers import year_stats

    static = screen.query_one("#numbers", Static)
    if label is None:
        static.update("")
        return
    stats = year_stats(screen.ktv.folder, label)
    text = Text()
    for side in SIDES:
        side_stats = stats.sides[side]
        text.append(f"{side.capitalize()}: ", style="bold")
        text.append(side_stats.calculation or "geen cijfers")
        text.append(f" · norm {norm_text(side_stats.norm)} · ")
        text.append_text(verdict_text(side_stats.meets))
        if side_stats.response is not None:
            text.append(
                f" · respons {side_stats.forms} van {side_stats.periods} ({percent(side_stats.response)})",
                style="dim",
            )
        text.append("\n")
        text.append_text(legend(side_stats.scale))
        text.append("\n")
        for qc in side_stats.questions:
            label_text = qc.question.text + (" (vervallen)" if qc.question.obsolete else "")
            text.append_text(
                question_bar(label_text, qc.counts, qc.no_answer, side_stats.scale, qc.percentages)
            )
            text.append("\n")
        text.append_text(spread(side_stats.distribution))
        text.append("\n\n")
    static.update(text)


def show_periods(screen: MeasurementYearScreen) -> None:
    from ..styles import grade_cell as format_grade

    table = screen.query_one("#year-periods", DataTable)
    table.clear()
    for period in screen.ktv.folder.completed_periods(screen.label):
        table.add_row(  # Text, not str: a DataTable reads a str cell as markup
            Text(period.employee),
            Text(period.employer),
            Text(period.jobcoach or ""),
            short_date(period.end),
            Text(format_grade(period.grade("werknemer")) or "–", justify="right"),
            Text(format_grade(period.grade("werkgever")) or "–", justify="right"),
            key=period.id,
        )


def show_problems(screen: MeasurementYearScreen, problems: list) -> None:
    from store.problems import format_problem

    text = Text()
    for problem in problems:
        text.append(format_problem(problem) + "\n", style="red" if problem.is_error else "yellow")
    screen.query_one("#notes-problems", Static).update(text)
