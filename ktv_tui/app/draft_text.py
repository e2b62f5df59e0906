"""One line of Dutch that says what a draft left by a killed terminal is about and when it was typed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from report.dutch import short_datetime

if TYPE_CHECKING:
    from store.drafts import Draft


def describe_draft(draft: Draft) -> str:
    """One line: what the draft is about and when it was typed."""
    from datetime import datetime

    data = draft.data
    when = short_datetime(datetime.fromtimestamp(draft.mtime))
    fields = data.get("velden") if isinstance(data.get("velden"), dict) else {}
    if data.get("soort") == "meetjaar":
        return f"Meetjaar {data.get('jaar')}: analyse en indiening, getypt op {when}."
    who = " bij ".join(str(fields.get(k)) for k in ("werknemer", "werkgever") if fields.get(k))
    what = f"periode {data['periode']}" if data.get("periode") else "nieuwe periode"
    return f"{what.capitalize()}{f' ({who})' if who else ''}, getypt op {when}."
