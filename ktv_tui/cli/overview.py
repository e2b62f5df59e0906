"""A short Dutch overview on stdout: what `ktv` shows when there is no terminal for the app."""

from __future__ import annotations

from report.deadlines import STATUS_TEXT
from report.dutch import days_phrase, long_date, short_date
from report.facts import norm_text
from report.overview import overview
from store.paths import shown
from store.problems import format_problem

from ..output import console, styled
from . import Context
from .data import require_organisation, verdict_text
from .summary import problem_summary


def print_overview(ctx: Context) -> None:
    folder = ctx.load()
    require_organisation(folder)
    today = ctx.today
    view = overview(folder, today)
    out = console()
    org = folder.organisation
    year = view.current.year
    out.print(styled((org.name, "bold"), f" — {shown(folder.root)}"))
    out.print(
        f"Huidig meetjaar {year.label}: {long_date(year.first_day)} t/m {long_date(year.end)} "
        f"(eindigt over {view.days_to_end} dagen), deadline {long_date(year.deadline)} "
        f"({days_phrase(view.current.days_to_deadline)})"
    )
    if view.running is None:
        out.print(styled(("Lopende cijfers niet berekend: fouten in dit meetjaar (zie `ktv check`).", "red")))
    else:
        for side, stats in view.running.items():
            value = stats.calculation or "nog geen cijfers"
            out.print(
                f"  {side.capitalize()}: {value} (norm {norm_text(stats.norm)}) ",
                verdict_text(stats),
            )
    missing = ", ".join(f"{n} {side}" for side, n in view.missing_forms.items())
    out.print(f"Ontbrekende formulieren (dit en vorig meetjaar): {missing}")
    out.print("Meetjaren:")
    for item in view.years:
        out.print(
            f"  {item.year.label}: {STATUS_TEXT[item.status]}, {item.action}, "
            f"{item.completed} afgerond, deadline {short_date(item.year.deadline)}"
        )
    for problem in folder.problems[:10]:
        out.print(format_problem(problem))
    out.print(problem_summary(folder))
