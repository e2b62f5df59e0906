"""Colours shared by the command line and the app, so a status looks the same everywhere."""


def grade_cell(value) -> str | None:
    """A cijfer in a table of the app: always one decimal, "7,0" beside "6,5" (issue 12)."""
    from decimal import Decimal

    if value is None:
        return None
    number = Decimal(str(value))
    if number == number.quantize(Decimal("0.1")):
        return format(number.quantize(Decimal("0.1")), "f").replace(".", ",")
    return format(number.normalize(), "f").replace(".", ",")


def first_label(folder) -> int:
    """The first meetjaar the app shows: the calendar's first, or `eerste_meetjaar` when later
    (a new organisation never sees years before it started with ktv as late)."""
    first = folder.calendar.first_label
    organisation = folder.organisation
    start = getattr(organisation, "first_year", None) if organisation is not None else None
    return max(first, start) if isinstance(start, int) else first


STATUS_STYLE = {
    "beoordeeld": "green",
    "ingediend": "cyan",
    "toekomst": "dim",
    "lopend": "blue",
    "in_te_dienen": "yellow",
    "te_laat": "bold red",
}
