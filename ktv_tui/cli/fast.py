"""`ktv check` and `ktv deadlines` for people, printed as plain lines (issue 23).

Rich costs a fifth of a second to import and about 0,3 ms per printed line: `ktv check` of a
folder with 3 000 warnings spent 0,9 s printing. These two commands are run often (cron, a
login message, after every edit), so here they write plain text, with ANSI colour only on a
terminal without NO_COLOR. The JSON forms and `--binnen` stay in cli/data.py."""

from __future__ import annotations

import os
import sys

from . import EXIT_DATA_ERRORS, EXIT_OK, Context
from .summary import count_phrase, problem_summary

ANSI = {"red": "31", "yellow": "33", "green": "32", "cyan": "36", "blue": "34", "dim": "2", "bold": "1"}


def _colour_on(stream) -> bool:
    try:
        return stream.isatty() and not os.environ.get("NO_COLOR")
    except (AttributeError, ValueError):
        return False


def _paint(text: str, style: str, colour: bool) -> str:
    if not colour or not style:
        return text
    codes = ";".join(ANSI[word] for word in style.split() if word in ANSI)
    return f"\x1b[{codes}m{text}\x1b[0m" if codes else text


def run_check(ctx: Context) -> int:
    if getattr(ctx.args, "json", False):
        from .data import run_check as json_check

        return json_check(ctx)
    from store.problems import format_problem, printable

    folder = ctx.load()
    out = sys.stdout
    colour = _colour_on(out)
    excerpts = _Excerpts(folder, printable) if out.isatty() else None
    lines = []
    for problem in folder.problems:
        lines.append(_paint(format_problem(problem), "red" if problem.is_error else "yellow", colour))
        excerpt = excerpts(problem) if excerpts is not None else None
        if excerpt:
            lines.append(_paint(excerpt, "dim", colour))
    lines.append(problem_summary(folder))
    out.write("\n".join(lines) + "\n")
    return EXIT_DATA_ERRORS if folder.errors else EXIT_OK


class _Excerpts:
    """The offending line under each problem on a terminal, from the text the check read (what
    the line number counts in), lines split as TOML splits them (not at U+2028)."""

    def __init__(self, folder, printable) -> None:
        from store.toml_io import physical_lines

        self.folder, self.printable, self.split = folder, printable, physical_lines
        self.files: dict[str, list[str]] = {}

    def __call__(self, problem) -> str | None:
        if problem.line is None:
            return None
        if problem.file not in self.files:
            text = self.folder.texts.get(problem.file)
            if text is None:  # a file the loader did not keep (refused, not UTF-8)
                try:
                    text = (self.folder.root / problem.file).read_text("utf-8", errors="replace")
                except OSError:
                    text = ""
            self.files[problem.file] = self.split(text)
        lines = self.files[problem.file]
        if not 0 < problem.line <= len(lines):
            return None
        return f"    {problem.line} | {self.printable(lines[problem.line - 1][:100])}"


def run_deadlines(ctx: Context) -> int:
    """Always answers (SPEC §2): with errors it says how many."""
    if getattr(ctx.args, "binnen", None) is not None or ctx.args.json:
        from .data import run_deadlines as other_forms

        return other_forms(ctx)
    folder = ctx.load()
    if folder.calendar is None:
        from .data import run_deadlines as without_calendar

        return without_calendar(ctx)
    from report.dutch import long_date
    from store.problems import printable

    today = ctx.today
    colour = _colour_on(sys.stdout)
    name = printable(folder.name or "(naam onbekend)")
    lines = [
        _paint(name, "bold", colour)
        + f" — erkend sinds {long_date(folder.recognition_date)}; vandaag {long_date(today)}",
        *deadline_table(folder, today, colour),
    ]
    if folder.errors:
        lines.append(
            _paint(
                f"Let op: {count_phrase(len(folder.errors), 'fout', 'fouten')} in de gegevens (zie `ktv check`).",
                "red",
                colour,
            )
        )
    sys.stdout.write("\n".join(lines) + "\n")
    return EXIT_OK


def deadline_table(folder, today, colour: bool) -> list[str]:
    """Meetjaar, eind, deadline, afgeronde perioden, actie, status and a note, aligned."""
    from report.deadlines import STATUS_TEXT, deadline_remark, deadlines
    from report.dutch import short_date

    from ..app.styles import STATUS_STYLE

    header = ["Meetjaar", "Eind", "Deadline", "Afg.", "Actie", "Status", "Toelichting"]
    rows, styles = [], []
    for item in deadlines(folder, today):
        year = item.year
        extra = deadline_remark(item)
        rows.append(
            [
                str(year.label),
                short_date(year.end),
                short_date(year.deadline),
                str(item.completed),
                item.action,
                STATUS_TEXT[item.status],
                extra,
            ]
        )
        styles.append(STATUS_STYLE[item.status])
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str], style: str = "") -> str:
        shown = []
        for index, cell in enumerate(cells):
            padded = cell.rjust(widths[index]) if index == 3 else cell.ljust(widths[index])
            shown.append(_paint(padded, style, colour) if index == 5 else padded)
        return " " + "  ".join(shown).rstrip()

    result = [_paint(line(header), "bold", colour), " " + "─" * (sum(widths) + 2 * (len(widths) - 1))]
    result += [line(row, style) for row, style in zip(rows, styles, strict=True)]
    return result
