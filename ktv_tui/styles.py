"""Colours shared by the command line and the app, so a status looks the same everywhere."""

STATUS_STYLE = {
    "beoordeeld": "green",
    "ingediend": "cyan",
    "toekomst": "dim",
    "lopend": "blue",
    "in_te_dienen": "yellow",
    "te_laat": "bold red",
}
