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


STATUS_STYLE = {
    "beoordeeld": "green",
    "ingediend": "cyan",
    "toekomst": "dim",
    "lopend": "blue",
    "in_te_dienen": "yellow",
    "te_laat": "bold red",
}
