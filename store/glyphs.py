"""Characters the documents cannot draw (SPEC "the edges": no character vanishes silently).

The PDFs use only the fonts bundled with the Typst compiler (Libertinus Serif, New Computer
Modern, DejaVu Sans Mono). A character none of them holds would print as an empty box or not at
all, so `ktv check` warns about it (naming it, U+1F600) and the documents print a visible
stand-in instead. DRAWABLE is the union of those fonts' character maps, read once from the fonts
that ship in the `typst` wheel (0.15); regenerate it when the bundled fonts change.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from functools import lru_cache

from .problems import Problem, warning

_RANGES = (
    "20-7f,a0-377,37a-37f,384-38a,38c,38e-3a1,3a3-4ff,510-513,51a-51d,531-58f,591-5c7,5d0-5eb,5ef-"
    "5f5,5f7,606-60c,615,61b,61f,621-63a,640-655,65a,660-66d,674,679-67b,67e-680,683-684,686-"
    "687,691,698,6a4,6a9,6af,6be,6cc,6f0-6f9,900-97f,e3f,e81-e82,e84,e87-e88,e8a,e8d,e94-e97,e99-"
    "e9f,ea1-ea3,ea5,ea7,eaa-eab,ead-eb9,ebb-ebc,ec8-ecd,10d0-10ff,13a0-13fd,1ab0-1ace,1d00-"
    "1f15,1f18-1f1d,1f20-1f45,1f48-1f4d,1f50-1f57,1f59,1f5b,1f5d,1f5f-1f7d,1f80-1fb4,1fb6-1fc4,1fc6-"
    "1fd3,1fd6-1fdb,1fdd-1fef,1ff2-1ff4,1ff6-1ffe,2000-2027,2029,202f-2064,2070-2071,2074-208e,2090-"
    "209c,20a0-20c0,20d0-20f0,2100-2151,2153-2184,2189,2190-23ff,2422-2423,2460-262f,2638-268b,2690-"
    "269c,26a0-26a7,26aa-26b2,2701-2704,2706-2709,270c-2727,2729-274b,274d,274f-2752,2756,2758-"
    "275e,2761-277f,2794,2798-27af,27b1-2b73,2b76-2b95,2b97-2bff,2c60-2cf3,2cf9-2cff,2e02-2e05,2e08-"
    "2e0a,2e17-2e18,2e1f,2e22-2e25,2e2e,3012,3016-3017,301a-301b,3030,3036,306e,a46a-a46b,a640-"
    "a641,a648-a649,a656-a657,a708-a716,a71b-a727,a72d,a730,a735,a765,a789-a78e,a790-"
    "a791,a793,a7aa,a7f8-a7f9,ab52,ab66,ab70-abbf,e000-e03d,e041-e290,e376-e377,e395,e397-"
    "e39b,e3d3,e801-e803,ea00-ea11,ea14-ea1f,ea25-ea36,ea38-ea46,ea57,eb02-eb04,eb08-eb0a,eb0d,eb0f-"
    "eb12,eb15-eb17,eb19,eb1e-eb1f,eb28-eb2b,eb2e-eb32,eb35-eb36,eb3a-eb3b,eb40,eb43,eb48-eb49,eb4c-"
    "eb4d,eb50-eb57,eb5a,eb61,eb63-eb67,eb6b,eb6e-eb6f,eb7e,ec00-ec01,ec06-ec0e,ec10-ec11,f100-"
    "f101,f103-f106,f109,f113,f115-f11e,f121-f123,f126-f15c,f15f-f175,f177-f180,f182-f185,f187-"
    "f19c,f19e-f1a1,f1a3-f1a4,f1a7-f210,f212-f24e,f25c-f2a1,f2a4,f2a6-f2a9,f2ac,f2ae-f2af,f460-"
    "f468,f46a-f472,f500-f510,f512-f51f,f638-f641,f643-f64c,f6be,f6c4-f6c8,f6d3-f6d6,f6dc,f6de,f6f9-"
    "f6fa,f6fd,f6ff,f724,f730-f739,f761-f77a,f7a2,f7e0-f7f6,f7f8-f7ff,fb00-fb06,fb13-fb17,fb1d-"
    "fb4f,fb52-fb81,fb8a-fb95,fb9e-fb9f,fbaa-fbad,fbe8-fbe9,fbfc-fbff,fe00-fe01,fe20-fe2f,fe66,fe70-"
    "fe74,fe76-fefc,feff,fff9-fffd,10140-1018e,102e0-102fb,1d106-1d107,1d400-1d454,1d456-1d49c,1d49e-"
    "1d49f,1d4a2,1d4a5-1d4a6,1d4a9-1d4ac,1d4ae-1d4b9,1d4bb,1d4bd-1d4c3,1d4c5-1d505,1d507-1d50a,1d50d-"
    "1d514,1d516-1d51c,1d51e-1d539,1d53b-1d53e,1d540-1d544,1d546-1d547,1d54a-1d550,1d552-1d6a5,1d6a8-"
    "1d7cb,1d7ce-1d7ff,1ee00-1ee22,1ee24,1ee27,1ee29-1ee32,1ee34-"
    "1ee37,1ee39,1ee3b,1ee42,1ee47,1ee49,1ee4b,1ee4d-1ee4f,1ee51-"
    "1ee52,1ee54,1ee57,1ee59,1ee5b,1ee5d,1ee5f,1ee61-1ee62,1ee64,1ee67-1ee6a,1ee6c-1ee72,1ee74-"
    "1ee77,1ee79-1ee7c,1ee7e-1ee89,1ee8b-1ee9b,1eea1-1eea3,1eea5-1eea9,1eeab-1eebb,1eef0-"
    "1eef1,1f12f,1f6d1,1f780-1f7d8,1f7e0-1f7eb,1f7ff-1f80b,1f810-1f847,1f850-1f859,1f860-1f887,1f890-"
    "1f8ad,1f8b0-1f8bb,1f8c0-1f8c1,1f8d0-1f8d8"
)


@lru_cache(maxsize=1)
def _table() -> tuple[tuple[int, ...], tuple[int, ...]]:
    starts, ends = [], []
    for part in "".join(_RANGES).split(","):
        first, _, last = part.partition("-")
        starts.append(int(first, 16))
        ends.append(int(last or first, 16))
    return tuple(starts), tuple(ends)


WHITESPACE_OK = frozenset("\n\r\t \u00a0\u200b")
"""Line breaks, tabs and spaces are layout, not glyphs (U+200B is ktv's own break hint)."""


def drawable(char: str) -> bool:
    """Whether a bundled font can draw `char` (control characters are another check's error)."""
    if char in WHITESPACE_OK:
        return True
    code = ord(char)
    starts, ends = _table()
    index = bisect_right(starts, code) - 1
    return index >= 0 and code <= ends[index]


def undrawable(text: str) -> list[str]:
    """The distinct characters of `text` no bundled font can draw, in order of appearance;
    control characters are left to the control-character check."""
    if text.isascii():
        return []  # every printable ASCII character is drawable, the rest are controls
    return [
        char
        for char in dict.fromkeys(text)  # each distinct character once, in order
        if not drawable(char) and unicodedata.category(char) not in ("Cc", "Cf")
    ]


def char_name(char: str) -> str:
    """ "U+1F600 (GRINNING FACE)": how a message and the document's stand-in name a character."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def stand_in(text: str) -> str:
    """`text` with every undrawable character replaced by a visible stand-in: [U+1F600]."""
    if text.isascii() or all(drawable(char) for char in set(text)):
        return text
    return "".join(
        char if drawable(char) or unicodedata.category(char) in ("Cc", "Cf") else char_stand_in(char)
        for char in text
    )


def char_stand_in(char: str) -> str:
    """What the PDF prints for a character its fonts cannot draw: visible, never nothing."""
    return f"[U+{ord(char):04X}]"


def _stand_ins(chars: list[str]) -> str:
    """ "[U+1F600]", or "[U+1F600] en [U+4E2D]": the stand-in of every character named."""
    shown = [char_stand_in(char) for char in chars[:5]]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " en " + shown[-1]


def glyph_warning(rel: str, line: int | None, key: str, text: str, path: tuple) -> Problem | None:
    """One warning per text naming the characters the documents cannot print."""
    chars = undrawable(text)
    if not chars:
        return None
    named = ", ".join(char_name(char) for char in chars[:5]) + (" …" if len(chars) > 5 else "")
    return warning(
        rel,
        line,
        f"{key} bevat een teken dat de PDF niet kan tonen: {named}; in de PDF staat er "
        f"{_stand_ins(chars)} voor in de plaats. Vervang het door gewone tekst.",
        code="onbekend-teken",
        path=path,
    )


def check_glyphs(folder) -> list[Problem]:
    """`onbekend-teken`: a printed text holds a character no bundled font can draw."""
    from itertools import chain

    from .document_texts import code_texts, printed_texts, shown_key
    from .line_finder import line_finder

    problems = []
    lines = line_finder(folder)
    for rel, path, text in chain(printed_texts(folder), code_texts(folder)):
        problem = glyph_warning(rel, lines(rel, *path), shown_key(path), text, path)
        if problem is not None:
            problems.append(problem)
    return problems
