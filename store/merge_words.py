"""How a merge conflict reads for a person (SPEC "the edges", team work): grades as `9,5`,
fields as "werknemer: cijfer", a removed form in words, a long text by its differing lines.

`shown` is the machine form (the JSON of `ktv sync --json` and the values a pick remembers);
`spoken` and `conflict_lines` are the Dutch a person reads.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

UNREADABLE = "(onleesbaar)"
DELETED = "(verwijderd)"
CHANGED = "(gewijzigd)"
UNCHANGED = "(ongewijzigd)"
PDF_FILE = "(PDF-bestand)"
OTHER_FILE = "(bestand dat ktv niet leest)"

SIDE_WORDS = {"werknemer": "werknemer", "werkgever": "werkgever"}
FIELD_WORDS = {
    "ontvangen": "ontvangen op",
    "cijfer": "cijfer",
    "begin": "begin",
    "einde": "einde",
    "opmerking": "opmerking",
    "jobcoach": "jobcoach",
    "ingediend_op": "ingediend op",
    "ingediend_commit": "ingediende versie",
    "melding_op": "melding verstuurd op",
    "uitslag_op": "uitslag op",
    "toelichting_te_laat": "toelichting te laat",
    "eerste_meetjaar": "eerste meetjaar",
}


def _is_missing(value: Any) -> bool:
    return type(value).__name__ == "_Missing"


def shown(value: Any) -> str | None:
    """A value in its stored form (`7.0`, `2017-04-03`); None for "not there"."""
    if _is_missing(value) or value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return value
    if isinstance(value, dict | list):
        return json.dumps(_plain(value), ensure_ascii=False)
    return str(value)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, bool | int | str):
        return value
    return shown(value)


def field_label(path: tuple) -> str:
    """ "werknemer: cijfer", "werkgever: antwoord bezoeken", "norm werknemer", "vraag x: tekst"."""
    parts = [str(p) for p in path]
    if not parts:
        return "het hele bestand"
    if parts[0] == "beoordeling" and len(parts) >= 2:
        side = SIDE_WORDS.get(parts[1], parts[1])
        if len(parts) == 2:
            return f"{side}: formulier"
        if parts[2] == "antwoorden":
            return f"{side}: antwoord {parts[3]}" if len(parts) > 3 else f"{side}: antwoorden"
        return f"{side}: {FIELD_WORDS.get(parts[2], parts[2])}"
    if parts[0] == "ontbreekt" and len(parts) == 2:
        return f"{parts[1]}: reden ontbreekt"
    if parts[0] == "vraag" and len(parts) >= 2:
        return f"vraag {parts[1]}" + (f": {parts[2]}" if len(parts) > 2 else "")
    if len(parts) == 1:
        return FIELD_WORDS.get(parts[0], parts[0])
    return " ".join(FIELD_WORDS.get(p, p) for p in parts)


def spoken(value: Any, limit: int = 120) -> str:
    """A value as Dutch reads it: `9,5`, 3-4-2017, a form in words, "(leeg)" for none."""
    if _is_missing(value) or value is None:
        return "(leeg)"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, Decimal | float):
        return format(Decimal(value), "f").replace(".", ",")
    if isinstance(value, date):
        return f"{value.day}-{value.month}-{value.year}"
    if isinstance(value, dict):
        return _table_words(value)
    if isinstance(value, list):
        return ", ".join(spoken(v) for v in value)
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text.replace("\n", " ⏎ ")


def _table_words(table: dict) -> str:
    """A removed or changed form (or any table) in words instead of a JSON blob."""
    if not table:
        return "leeg formulier"
    words = []
    for key, value in table.items():
        if key == "antwoorden" and isinstance(value, dict):
            words.append(f"{len(value)} antwoord(en)")
        elif isinstance(value, dict):
            words.append(f"{key}: {_table_words(value)}")
        else:
            words.append(f"{FIELD_WORDS.get(key, key)} {spoken(value)}")
    return ", ".join(words)


def conflict_lines(rel: str, conflicts: list) -> list[str]:
    """Dutch lines that name file, field and both values (long texts by their differing lines)."""
    from .merge_lines import changed_lines

    lines: list[str] = []
    for c in conflicts:
        if c.kind == "verwijderd":
            lines.append(
                f"{rel}: verwijderd tegenover gewijzigd: bij u {c.ours[1:-1]}, bij de ander {c.theirs[1:-1]}"
            )
        elif not c.path:
            what = c.ours if c.ours not in (CHANGED, UNCHANGED) else c.theirs
            lines.append(
                f"{rel}: {what[1:-1]}, bij u en bij de ander verschillend gewijzigd; "
                "ktv voegt dit niet samen (beide versies blijven bewaard)"
            )
        elif c.kind == "tekst" and isinstance(c.ours, str) and isinstance(c.theirs, str):
            base = c.base if isinstance(c.base, str) else ""
            lines.append(f"{rel}: {field_label(c.path)}: u en de ander veranderden dezelfde regels")
            lines += [f"    bij u:        {line}" for line in changed_lines(base, c.ours)]
            lines += [f"    bij de ander: {line}" for line in changed_lines(base, c.theirs)]
        elif c.kind == "tegenstrijdig":
            lines.append(f"{rel}: {c.path[1]}: tegenstrijdig: bij u {c.ours}, bij de ander {c.theirs}")
        elif isinstance(c.ours, dict) or isinstance(c.theirs, dict):
            lines.append(
                f"{rel}: {field_label(c.path)}: bij u {_table_side(c.ours)}, bij de ander {_table_side(c.theirs)}"
            )
        else:
            lines.append(
                f"{rel}: {field_label(c.path)}: bij u {_quoted(c.ours)}, bij de ander {_quoted(c.theirs)}"
            )
    return lines


def _table_side(value: Any) -> str:
    if _is_missing(value) or value is None:
        return "verwijderd (niet aanwezig)"
    return f"({spoken(value)})" if isinstance(value, dict) else _quoted(value)


def _quoted(value: Any) -> str:
    if _is_missing(value) or value is None:
        return "(leeg)"
    if isinstance(value, dict):
        return f"({spoken(value)})"
    return f"'{spoken(value)}'"
