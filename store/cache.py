"""A cache of parsed period files, so a folder of 20 000 periods loads without re-parsing.

Keyed on each file's (size, mtime_ns, inode): any save (a rename over, so a new inode), edit
or `git checkout` changes the key. Entries whose mtime is within two seconds of the moment
the cache is written are not kept, so an edit in the same clock tick is never missed (git's
"racy" rule). The cache lives outside the data folder (`$XDG_CACHE_HOME/ktv`), so reading
never changes the folder or its git status. It holds only plain values (marshal), never
pickled objects: a cache file can be wrong, never executed. `KTV_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import time
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from .model import Assessment, Period
from .problems import Problem

FORMAT = 4
RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class PeriodFacts:
    """What the calendar needs from a period file, even one with errors."""

    has_end: bool
    end: date | None
    """The einde when it is a valid date."""
    begin_valid: bool


@dataclass(frozen=True)
class ParsedPeriodFile:
    digest: str
    period: Period | None
    facts: PeriodFacts
    problems: tuple[Problem, ...]


def _code_fingerprint() -> str:
    """Parsing rules live in these modules: a changed module invalidates every entry."""
    here = Path(__file__).parent
    parts = []
    for name in ("parse.py", "fields.py", "privacy.py", "model.py", "cache.py", "toml_io.py"):
        with contextlib.suppress(OSError):
            info = (here / name).stat()
            parts.append(f"{name}:{info.st_size}:{info.st_mtime_ns}")
    return "|".join(parts)


def cache_file(root: Path) -> Path | None:
    if os.environ.get("KTV_NO_CACHE"):
        return None
    base = os.environ.get("KTV_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    folder = Path(base) / "ktv" if base else Path.home() / ".cache" / "ktv"
    key = hashlib.blake2b(os.fsencode(root.resolve()), digest_size=10).hexdigest()
    return folder / f"perioden-{key}.marshal"


def _ord(day: date | None) -> int | None:
    return day.toordinal() if day is not None else None


def _day(ordinal: int | None) -> date | None:
    return date.fromordinal(ordinal) if ordinal is not None else None


def _i(text: str | None) -> str | None:
    return sys.intern(text) if text is not None else None


def _encode(parsed: ParsedPeriodFile) -> tuple:
    p = parsed.period
    period = None
    if p is not None:
        # Interned: marshal writes a repeated object once and refers back to it, so the
        # thousands of equal answers, grades and codes cost one copy each (a smaller file,
        # far fewer objects to build on load).
        forms = tuple(
            (
                _i(side),
                _ord(f.received),
                None if f.grade is None else _i(str(f.grade)),
                tuple((_i(k), _i(v)) for k, v in f.answers.items()),
            )
            for side, f in p.forms.items()
        )
        period = (
            p.id,
            _i(p.employee),
            _i(p.employer),
            p.begin.toordinal(),
            _i(p.jobcoach),
            _ord(p.end),
            p.remark,
            forms,
            tuple(p.missing_reasons.items()),
        )
    facts = parsed.facts
    return (
        parsed.digest,
        period,
        (facts.has_end, _ord(facts.end), facts.begin_valid),
        tuple((x.file, x.line, x.severity, x.message, x.code, x.path) for x in parsed.problems),
    )


def _decode(raw: tuple) -> ParsedPeriodFile:
    digest, period, facts, problems = raw
    model = None
    if period is not None:
        pid, employee, employer, begin, jobcoach, end, remark, forms, missing = period
        model = Period(
            id=pid,
            employee=employee,
            employer=employer,
            begin=date.fromordinal(begin),
            jobcoach=jobcoach,
            end=_day(end),
            remark=remark,
            forms={
                side: Assessment(_day(received), None if grade is None else Decimal(grade), dict(answers))
                for side, received, grade, answers in forms
            },
            missing_reasons=dict(missing),
        )
    return ParsedPeriodFile(
        digest,
        model,
        PeriodFacts(facts[0], _day(facts[1]), facts[2]),
        tuple(Problem(*p) for p in problems),
    )


class PeriodCache:
    """Read once at the start of a load, written once at the end when anything changed."""

    def __init__(self, root: Path) -> None:
        self.path = cache_file(root)
        self.fingerprint = _code_fingerprint()
        self.old: dict[str, tuple] = {}
        self.new: dict[str, tuple] = {}
        self.changed = False
        if self.path is not None:
            with contextlib.suppress(Exception):  # a broken cache is only a slower load
                with open(self.path, "rb") as handle:
                    stored = marshal.load(handle)
                if stored.get("format") == FORMAT and stored.get("code") == self.fingerprint:
                    self.old = stored["entries"]

    def get(self, name: str, key: tuple[int, int, int]) -> ParsedPeriodFile | None:
        entry = self.old.get(name)
        if entry is None or entry[0] != key:
            return None
        try:
            parsed = _decode(entry[1])
        except Exception:
            return None
        self.new[name] = entry
        return parsed

    def put(self, name: str, key: tuple[int, int, int], parsed: ParsedPeriodFile) -> None:
        self.changed = True
        self.new[name] = (key, _encode(parsed))

    def save(self) -> None:
        if self.path is None or (not self.changed and len(self.new) == len(self.old)):
            return
        limit = time.time_ns() - RACY_NS
        entries = {name: entry for name, entry in self.new.items() if entry[0][1] < limit}
        data = marshal.dumps({"format": FORMAT, "code": self.fingerprint, "entries": entries})
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            temp.write_bytes(data)
            os.replace(temp, self.path)
