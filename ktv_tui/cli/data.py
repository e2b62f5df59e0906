"""`ktv check`, `ktv deadlines` and `ktv stats`: reading the folder and showing it."""

from __future__ import annotations

import sys

from rich import box
from rich.table import Table
from rich.text import Text

from report.blocking import blocking_refusal
from report.deadlines import STATUS_TEXT, deadline_remark, deadlines, deadlines_json, due_within
from report.dutch import days_phrase, long_date, percent, short_date
from report.numbers import SideStats, stats_json, year_stats
from store.problems import format_problem, printable
from store.visible import visible

from ..app.styles import STATUS_STYLE
from ..output import console, print_json, styled
from . import EXIT_DATA_ERRORS, EXIT_OK, Context, UsageError
from .summary import count_phrase


def check_json(folder) -> dict:
    """`ktv check --json` (SPEC §5): programs decide on `code`, people read `bericht`."""
    return {
        "fouten": len(folder.errors),
        "waarschuwingen": len(folder.warnings),
        "problemen": [
            {
                "bestand": printable(problem.file),  # a name can hold ESC or U+202E
                "regel": problem.line,
                "ernst": problem.severity,
                "code": problem.code,
                "bericht": problem.message,
            }
            for problem in folder.problems
        ],
    }


def run_check(ctx: Context) -> int:
    """`ktv check --json` (the lines for people: cli/fast.py)."""
    folder = ctx.load()
    print_json(check_json(folder))
    return EXIT_DATA_ERRORS if folder.errors else EXIT_OK


def require_organisation(folder) -> None:
    if folder.organisation is None:
        problems = [format_problem(p) for p in folder.problems_of("ktv.toml")]
        unknown = "" if folder.calendar else ", dus de meetjaren zijn onbekend"
        raise UsageError(
            f"ktv.toml heeft fouten{unknown}:\n  "
            + "\n  ".join(problems)
            + "\nLos dit eerst op (zie `ktv check`)."
        )


def run_deadlines(ctx: Context) -> int:
    """Always answers (SPEC §2): with errors it says how many; without a readable
    erkenningsdatum the list of meetjaren is empty."""
    folder = ctx.load()
    today = ctx.today
    within = getattr(ctx.args, "binnen", None)
    if within is not None:
        return _deadlines_within(folder, today, within, as_json=ctx.args.json)
    if ctx.args.json:
        print_json(deadlines_json(folder, today))
        return EXIT_OK
    out = console()
    if folder.calendar is None:
        for problem in folder.problems_of("ktv.toml"):
            out.print(Text(format_problem(problem), style="red"))
        out.print(
            f"De meetjaren zijn onbekend: ktv.toml heeft geen bruikbare erkenningsdatum. "
            f"{count_phrase(len(folder.errors), 'fout', 'fouten')} in de gegevens (zie `ktv check`)."
        )
        return EXIT_OK
    name = folder.name or "(naam onbekend)"
    out.print(
        styled(
            (name, "bold"),
            f" — erkend sinds {long_date(folder.recognition_date)}; vandaag {long_date(today)}",
        )
    )
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1), collapse_padding=True)
    table.add_column("Meetjaar")
    table.add_column("Eind", no_wrap=True)
    table.add_column("Deadline", no_wrap=True)
    table.add_column("Afg.", justify="right")
    table.add_column("Actie", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Toelichting", ratio=1)
    for item in deadlines(folder, today):
        year = item.year
        extra = deadline_remark(item)
        table.add_row(
            str(year.label),
            short_date(year.end),
            short_date(year.deadline),
            str(item.completed),
            item.action,
            Text(STATUS_TEXT[item.status], style=STATUS_STYLE[item.status]),
            extra,
        )
    out.print(table)
    if folder.errors:
        out.print(
            styled(
                (
                    f"Let op: {count_phrase(len(folder.errors), 'fout', 'fouten')} in de gegevens "
                    "(zie `ktv check`).",
                    "red",
                )
            )
        )
    return EXIT_OK


def _deadlines_within(folder, today, within: int, *, as_json: bool) -> int:
    """`--binnen N` for cron and a login message: silent and exit 0 unless something is due."""
    due = due_within(deadlines(folder, today), within) if folder.calendar else []
    if as_json:  # for programs: always valid JSON, an empty list when nothing is due
        print_json(deadlines_json(folder, today, within))
        return EXIT_DATA_ERRORS if due else EXIT_OK
    name = folder.name or "ktv"
    for item in due:
        sys.stdout.write(visible(f"{name}: {due_line(item)}") + "\n")
    return EXIT_DATA_ERRORS if due else EXIT_OK


def due_line(item) -> str:
    """ "meetjaar 2017: rapportage indienen uiterlijk 12 juni 2017 (nog 23 dagen)"."""
    what = item.action
    deadline = long_date(item.year.deadline)
    if item.status == "te_laat":
        return f"meetjaar {item.year.label}: {what} te laat, de deadline was {deadline} ({days_phrase(item.days_to_deadline)})"
    return f"meetjaar {item.year.label}: {what} indienen uiterlijk {deadline} ({days_phrase(item.days_to_deadline)})"


def choose_year(ctx: Context, folder) -> int:
    """--jaar, else the latest meetjaar that has ended, else the current one."""
    calendar = folder.calendar
    today = ctx.today
    current = calendar.current_label(today)
    label = getattr(ctx.args, "jaar", None)
    if label is None:
        return calendar.latest_ended_label(today) or current
    if not calendar.first_label <= label <= current:
        raise UsageError(
            f"onbekend meetjaar {label}: de meetjaren lopen van {calendar.first_label} tot en met {current}"
        )
    return label


def refuse_blocking(folder, label: int, command: str) -> None:
    """Numbers are never computed over data with errors that could change them (SPEC §2)."""
    reason = blocking_refusal(folder, label, command)
    if reason:
        raise UsageError(reason)


def other_errors_note(folder, label: int) -> str | None:
    others = len(folder.errors) - len(folder.blocking_problems(label))
    if others:
        return f"Let op: {count_phrase(others, 'fout', 'fouten')} in andere meetjaren (zie `ktv check`)."
    return None


def run_stats(ctx: Context) -> int:
    folder = ctx.load()
    require_organisation(folder)
    label = choose_year(ctx, folder)
    refuse_blocking(folder, label, "ktv stats")
    stats = year_stats(folder, label)
    note = other_errors_note(folder, label)
    per_coach = getattr(ctx.args, "per_jobcoach", False)
    if ctx.args.json:
        data = stats_json(stats)
        if per_coach:
            from report.per_jobcoach import INTERNAL, per_jobcoach_json

            data["per_jobcoach"] = per_jobcoach_json(folder, label)
            data["per_jobcoach_let_op"] = INTERNAL
        print_json(data)
        if note:
            sys.stderr.write(visible(note) + "\n")
        return EXIT_OK
    out = console()
    year = stats.year
    out.print(
        styled(
            (f"Meetjaar {label}", "bold"),
            f": {long_date(year.first_day)} t/m {long_date(year.end)}, deadline {long_date(year.deadline)}; "
            f"{count_phrase(len(stats.periods), 'afgeronde periode', 'afgeronde perioden')}",
        ),
        soft_wrap=False,  # a sentence: wrapped between words at 80 columns, never mid-word
    )
    summary = Table(title="Behaald cijfer")
    for column in ("", "Berekening", "Norm", "Oordeel", "Respons"):
        summary.add_column(column)
    for side, side_stats in stats.sides.items():
        summary.add_row(side.capitalize(), *_summary_cells(side_stats))
    out.print(summary)
    for side, side_stats in stats.sides.items():
        out.print(_question_table(side, side_stats))
        out.print(_spread_line(side_stats))
    if per_coach:
        _print_per_jobcoach(out, folder, label)
    if note:
        out.print(styled((note, "yellow")))
    return EXIT_OK


def _print_per_jobcoach(out, folder, label: int) -> None:
    """The internal per-jobcoach table, marked so that nobody sends it to UWV."""
    from report.per_jobcoach import INTERNAL, per_jobcoach

    out.print(styled((INTERNAL.upper(), "bold"), f" — cijfers per jobcoach, meetjaar {label}"))
    table = Table(
        title=f"Per jobcoach ({INTERNAL})", box=box.SIMPLE_HEAD, padding=(0, 1), collapse_padding=True
    )
    table.add_column("Jobcoach", no_wrap=True)
    for side in ("werknemer", "werkgever"):
        table.add_column(f"Cijfer {side}", no_wrap=True)
        table.add_column("Oordeel", no_wrap=True)
        table.add_column("Respons", no_wrap=True)
    for coach, sides in per_jobcoach(folder, label).items():
        cells: list = [Text(coach)]
        for side_stats in sides.values():
            calculation, _norm, verdict, response = _summary_cells(side_stats)
            cells += [calculation, verdict, response]
        table.add_row(*cells)
    out.print(table)
    out.print(styled((INTERNAL, "bold"), ": deze cijfers per jobcoach horen niet in de rapportage."))


def verdict_text(side_stats: SideStats) -> Text:
    if side_stats.meets is None:
        return Text("niet aangetoond", style="yellow")
    if side_stats.meets:
        return Text("voldoet", style="green")
    return Text("voldoet niet", style="bold red")


def _summary_cells(side_stats: SideStats) -> list:
    from report.facts import norm_text

    response = (
        f"{side_stats.forms} van {side_stats.periods} ({percent(side_stats.response)})"
        if side_stats.response is not None
        else "—"
    )
    return [
        side_stats.calculation or "geen cijfers",
        norm_text(side_stats.norm),
        verdict_text(side_stats),
        response,
    ]


def _question_table(side: str, side_stats: SideStats) -> Table:
    table = Table(title=f"Antwoorden {side}s")
    table.add_column("Vraag", overflow="fold", ratio=1)
    for answer in side_stats.scale:
        table.add_column(answer, justify="right")
    table.add_column("geen", justify="right")
    for qc in side_stats.questions:
        label = qc.question.text + (" (vervallen)" if qc.question.obsolete else "")
        table.add_row(label, *(str(qc.counts[a]) for a in side_stats.scale), str(qc.no_answer))
    return table


def _spread_line(side_stats: SideStats) -> str:
    cells = "  ".join(f"{k}:{v}" for k, v in side_stats.distribution.items())
    return f"Verdeling cijfers {side_stats.side}s: {cells}\n"
