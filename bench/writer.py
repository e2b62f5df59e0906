"""The comment-keeping writer against tomlkit, on the bench's periods (issue 18 item 4).

    python -m bench.writer [N]          # N periods (default 2 000), one run, ratio printed

Both rewrite an unchanged period in canonical form with its comments kept:
- ktv: `store.comments.collect_comments` (tomlkit's parser only reads the comments) and the
  canonical writer `store.canonical.period_text`;
- tomlkit: parse the file into a tomlkit document, set every value of the model back into it
  (what a save does: the model's values, the document's form) and `tomlkit.dumps`.
Each period's text gets a full-line and an end-of-line comment, as a hand-edited file has.
"""

from __future__ import annotations

import sys
import time
import tomllib

import tomlkit

from bench.data import generate_periods
from store.canonical import period_text
from store.comments import collect_comments
from store.model import Period


def _with_comments(text: str) -> str:
    lines = text.splitlines()
    lines.insert(1, "# pseudoniem uit het dossier")
    lines[3] += "  # code werkgever"
    return "\n".join(lines) + "\n"


def ktv_write(text: str, period: Period) -> str:
    return period_text(period, collect_comments(text))


def tomlkit_write(text: str, period: Period) -> str:
    doc = tomlkit.parse(text)
    doc["werknemer"] = period.employee
    doc["werkgever"] = period.employer
    doc["begin"] = period.begin
    if period.end is not None:
        doc["einde"] = period.end
    for side, form in period.forms.items():
        table = doc["beoordeling"][side]  # type: ignore[index]
        if form.received is not None:
            table["ontvangen"] = form.received
        if form.grade is not None:
            table["cijfer"] = float(form.grade)
        for key, value in form.answers.items():
            table["antwoorden"][key] = value
    return tomlkit.dumps(doc)


def _time(write, texts: list[str], periods: list[Period]) -> float:
    start = time.perf_counter()
    for text, period in zip(texts, periods, strict=True):
        write(text, period)
    return time.perf_counter() - start


def main(n: int) -> None:
    periods = generate_periods(n)
    texts = [_with_comments(period_text(p)) for p in periods]
    for text, period in zip(texts[:50], periods[:50], strict=True):  # both keep every value
        assert tomllib.loads(ktv_write(text, period)) == tomllib.loads(text)
        assert "# pseudoniem" in tomlkit_write(text, period)
    ours = _time(ktv_write, texts, periods)
    theirs = _time(tomlkit_write, texts, periods)
    print(f"{n} perioden herschreven met commentaar")
    print(f"  ktv (collect_comments + period_text): {ours:7.3f} s  {1000 * ours / n:6.3f} ms/bestand")
    print(f"  tomlkit (parse, waarden zetten, dumps): {theirs:7.3f} s  {1000 * theirs / n:6.3f} ms/bestand")
    print(f"  verhouding tomlkit / ktv: {theirs / ours:.2f}×")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
