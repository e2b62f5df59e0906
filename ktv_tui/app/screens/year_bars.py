"""Text drawings for the meetjaar screen: answer bars per question and the spread of cijfers."""

from __future__ import annotations

from rich.text import Text

BAR_WIDTH = 24
SCALE_COLOURS = ("red", "dark_orange", "yellow", "green", "bright_green")


BAR_CHARS = "░▒▓█"
EMPTY_CHAR = "·"


def scale_chars(scale: tuple[str, ...]) -> list[str]:
    """One fill character per answer, so the bars read without colour too (NO_COLOR, issue 12):
    light to solid from the worst to the best answer; past four answers, the answer's number."""
    n = len(scale)
    if n <= len(BAR_CHARS):
        return list(BAR_CHARS[len(BAR_CHARS) - n :])
    return [str(i + 1)[-1] for i in range(n)]


def scale_colours(scale: tuple[str, ...]) -> list[str]:
    """Worst answer red, best green, the rest in between."""
    n = len(scale)
    if n <= 1:
        return ["green"] * n
    return [SCALE_COLOURS[round(i * (len(SCALE_COLOURS) - 1) / (n - 1))] for i in range(n)]


def shown_percentage(value) -> str:
    """A `procenten` value of `stats --json` as the PDF shows it: one decimal, comma ("37,5 %").
    The value itself comes from report/numbers.py; the app never computes a share itself."""
    from decimal import Decimal

    from report.numbers import format_number

    return f"{format_number(Decimal(str(value)), places=1)} %"


def question_bar(
    question_text: str,
    counts: dict[str, int],
    no_answer: int,
    scale: tuple[str, ...],
    percentages: dict | None = None,
) -> Text:
    """Question on one line, a stacked bar with the counts on the next; the share of the best
    answer is `procenten` of `stats --json` (of the received forms, 'geen antwoord' included)."""
    text = Text(question_text, style="")
    text.append("\n  ")
    total = sum(counts.values())
    colours = scale_colours(scale)
    chars = scale_chars(scale)
    used = 0
    for index, answer in enumerate(scale):
        share = counts[answer] / total if total else 0
        width = round(share * BAR_WIDTH) if index < len(scale) - 1 else BAR_WIDTH - used if total else 0
        width = max(0, min(width, BAR_WIDTH - used))
        text.append(chars[index] * width, style=colours[index])
        used += width
    text.append(EMPTY_CHAR * (BAR_WIDTH - used), style="dim")
    text.append("  ")
    for index, answer in enumerate(scale):
        if index:
            text.append(" · ", style="dim")
        text.append(str(counts[answer]), style=colours[index])
    if total and percentages is not None:
        best = scale[-1]
        text.append(f"   {shown_percentage(percentages[best])} {best}", style="dim")
    if no_answer:
        text.append(f" · geen antwoord {no_answer}", style="dim")
    return text


def legend(scale: tuple[str, ...]) -> Text:
    """Which colour is which answer, once per side."""
    text = Text("  ")
    for index, (answer, colour, char) in enumerate(
        zip(scale, scale_colours(scale), scale_chars(scale), strict=True)
    ):
        if index:
            text.append("  ")
        text.append(f"{char}{char} ", style=colour)
        text.append(answer)
    return text


def spread(distribution: dict[int, int]) -> Text:
    """`6 █ 1  7 ██ 2  8 ███ 3`: only the cijfers that occur."""
    text = Text("Verdeling cijfers: ", style="bold")
    shown = [(grade, n) for grade, n in distribution.items() if n]
    if not shown:
        text.append("geen cijfers", style="dim")
    for grade, count in shown:
        text.append(f"{grade} ")
        text.append("█" * min(count, 20), style="green" if grade >= 6 else "red")
        text.append(f" {count}   ", style="dim")
    return text
