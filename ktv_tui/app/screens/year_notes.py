"""The meetjaar file's fields as the screen shows them: their values, their TOML data and when two are the same."""

from __future__ import annotations

from typing import Any

from store.model import YearNotes

TEXTS = (
    ("analysis", "Analyse"),
    ("conclusions", "Conclusies"),
    ("actions", "Acties"),
    ("recovery_plan", "Herstelplan"),
    ("late_explanation", "Toelichting te laat"),
)
DATES = (("submitted_on", "Ingediend op"), ("notice_on", "Melding op"), ("verdict_on", "Uitslag op"))
NO_VERDICT = "geen"


def notes_values(notes: YearNotes) -> dict[str, Any]:
    """What the fields show for a meetjaar file (the shape of `values`)."""
    result: dict[str, Any] = {key: getattr(notes, key) or "" for key, _label in TEXTS}
    for key, _label in DATES:
        value = getattr(notes, key)
        result[key] = value.isoformat() if value else ""
    result["verdict"] = notes.verdict or NO_VERDICT
    return result


def notes_data(values: dict[str, Any], notes: YearNotes | None) -> dict[str, Any]:
    """The meetjaar file's TOML data as typed (dates that do not parse stay text)."""
    from .period_draft import parse_date_text

    data: dict[str, Any] = {"schema": 1}
    for key, toml_key in (
        ("analysis", "analyse"),
        ("conclusions", "conclusies"),
        ("actions", "acties"),
        ("recovery_plan", "herstelplan"),
        ("late_explanation", "toelichting_te_laat"),
    ):
        text = kept_text(values[key], getattr(notes, key, None) if notes else None)
        if text:
            data[toml_key] = text
    for key, toml_key in (("submitted_on", "ingediend_op"),):
        value = parse_date_text(values[key])
        if value is not None:
            data[toml_key] = value
    if notes is not None and notes.submitted_commit:
        data["ingediend_commit"] = notes.submitted_commit
    value = parse_date_text(values["notice_on"])
    if value is not None:
        data["melding_op"] = value
    if values["verdict"] != NO_VERDICT:
        data["uitslag"] = values["verdict"]
    value = parse_date_text(values["verdict_on"])
    if value is not None:
        data["uitslag_op"] = value
    return data


def merge_token(_key: str, value: Any) -> Any:
    """A field as the merge compares it, as `_same` does: a date by its day, a text without
    trailing blank space; empty is no value."""
    from .period_draft import parse_date_text

    if not isinstance(value, str):
        return value
    day = parse_date_text(value)
    if day is not None and not isinstance(day, str):
        return ("datum", day)
    return value.rstrip() or None


def same(a: Any, b: Any) -> bool:
    """Equal as saved: a text's trailing blank space and a date's spelling do not count."""
    from .period_draft import parse_date_text

    if isinstance(a, str) and isinstance(b, str):
        if parse_date_text(a) is not None and not isinstance(parse_date_text(a), str):
            return parse_date_text(a) == parse_date_text(b)
        return a.rstrip() == b.rstrip()
    return a == b


def kept_text(typed: str, stored: str | None) -> str | None:
    """An untouched text is written back exactly as it was stored (git shows no change);
    a changed one loses only trailing blank space."""
    if stored is not None and typed.rstrip() == stored.rstrip():
        return stored
    return typed.rstrip() or None
