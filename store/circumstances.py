"""`ktv check` warning `persoonlijke-omstandigheid`: a text for UWV names a person's circumstance.

In a report of three periods, "Werkgever failliet gegaan" or "werknemer overleden" points to one
person; the organisation is warned so it can rephrase ("formulier niet ontvangen"). Only the texts
that are printed for UWV are read: `ontbreekt` reasons and the meetjaar texts.
"""

from __future__ import annotations

import re
import unicodedata

from .document_texts import reason_texts, shown_key, year_texts
from .line_finder import line_finder
from .problems import Problem, warning

CIRCUMSTANCES = (
    "overleden",
    "ziek",
    "ziekte",
    "failliet",
    "verhuisd",
    "ontslagen",
    "zwanger",
    "scheiding",
    "opgenomen",
)
"""SPEC "the edges": the short list of words that describe a person's circumstance."""

_WORDS = re.compile(
    r"(?<!\w)(" + "|".join(sorted(CIRCUMSTANCES, key=len, reverse=True)) + r")(?!\w)", re.IGNORECASE
)
_COMPOUNDS = re.compile(
    r"(?<!\w)(zwangerschap\w*|faillissement\w*|ziekteverlof|ziekenhuis\w*|overlijden)(?!\w)", re.I
)
"""Forms that say the same thing and are just as identifying."""


def circumstances_in(text: str) -> list[str]:
    """The circumstance words in `text` (compared after NFKC, case-insensitive), each once."""
    normal = unicodedata.normalize("NFKC", text)
    found: list[str] = []
    for match in [*_WORDS.finditer(normal), *_COMPOUNDS.finditer(normal)]:
        word = match.group(1).lower()
        if word not in found:
            found.append(word)
    return found


def check_circumstances(folder) -> list[Problem]:
    """One warning per printed reason or meetjaar text that names a circumstance of a person."""
    problems = []
    lines = line_finder(folder)
    for rel, path, text in [*reason_texts(folder), *year_texts(folder)]:
        words = circumstances_in(text)
        if not words:
            continue
        named = ", ".join(f"'{word}'" for word in words)
        problems.append(
            warning(
                rel,
                lines(rel, *path),
                f"{shown_key(path)} noemt een persoonlijke omstandigheid ({named}); in een kleine "
                "rapportage is de persoon daaraan te herkennen. Schrijf het algemener, bijv. "
                "'formulier niet ontvangen'.",
                code="persoonlijke-omstandigheid",
                path=path,
            )
        )
    return problems
