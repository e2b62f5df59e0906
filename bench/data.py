"""Realistic, valid data folders of N periods (SPEC §2), generated once into bench/out/.

Written as canonical text (store.canonical.period_text) straight to disk: the atomic save
fsyncs every file and would make a 20 000-period folder take minutes. The folder itself
(ktv.toml, questionnaires) is made by store.create.create_data_folder(git=False).

Shape, for N periods (recognition 2013-05-12, so the first meetjaar is 2017):
- ten meetjaren 2017..2026 with completed periods; meetjaar 2026 holds N/10 of them and is
  the largest (2 000 for the 20 000 set: the report target), 2017..2025 ramp up gently;
- about 1 % completed in the current meetjaar 2027, about 4 % still running (no einde, no forms);
- every received form has a cijfer and an answer to every question; some forms are missing;
- meetjaar files with analyse/conclusies/acties; 2017..2025 submitted and judged.
"""

from __future__ import annotations

import json
import random
import shutil
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from store.calendar import Calendar
from store.canonical import period_text, year_notes_text
from store.create import create_data_folder
from store.defaults import DEFAULT_QUESTIONNAIRES
from store.model import Assessment, Period, YearNotes

GENERATOR_VERSION = 1
"""Bump when the shape of the data changes: cached folders of another version are rebuilt."""

RECOGNITION = date(2013, 5, 12)
TODAY = date(2026, 6, 1)
"""Fixed `--today`: meetjaar 2026 has just ended (in_te_dienen), 2027 is running."""
FIRST_LABEL, LAST_LABEL = 2017, 2026
REPORT_LABEL = LAST_LABEL
CURRENT_LABEL = 2027
NAME = "Jobcoach Benchmark B.V."

JOBCOACHES = ("IJ", "MK", "SB", "RV", "TdB", "AvL", "HK", "EP")
GRADES = ("5.5", "6", "6.5", "7", "7", "7.5", "7.5", "8", "8", "8.5", "9", "9.5")
REMARKS = (
    "Werkgever heeft het formulier per post teruggestuurd.",
    "Begeleiding afgebouwd na overstap naar vaste functie.",
    "Tweede periode bij dezelfde werkgever na uitbreiding van taken.",
    "Formulier samen met de werknemer ingevuld.",
    "Jobcoach gewisseld halverwege de periode wegens verlof.",
)
ANALYSIS = (
    "De werknemers zijn over het geheel tevreden over de begeleiding. Over de bereikbaarheid "
    "van de jobcoach is een enkele werknemer minder tevreden; dit speelde vooral in de "
    "zomermaanden.\n\nBij de werkgevers scoort de benadering door de jobcoach het hoogst. Het aantal "
    "bezoeken aan het bedrijf wordt door een aantal werkgevers als matig beoordeeld."
)
CONCLUSIONS = "Beide normen zijn gehaald. De bereikbaarheid tijdens vakanties verdient aandacht."
ACTIONS = (
    "- Vaste vervanging regelen bij afwezigheid van de jobcoach.\n"
    "- Minstens één bedrijfsbezoek per maand in het eerste half jaar van een periode."
)

MISSING_WERKNEMER = 0.08
MISSING_WERKGEVER = 0.12
REMARK_SHARE = 0.15


def allocation(n: int) -> dict[int | str, int]:
    """How many periods per meetjaar label, plus "lopend" (running, no einde)."""
    top = round(n * 0.10)
    running = round(n * 0.04)
    current = round(n * 0.01)
    rest = n - top - running - current
    weights = [0.89 + 0.0125 * i for i in range(LAST_LABEL - FIRST_LABEL)]
    scale = rest / sum(weights)
    counts: dict[int | str, int] = {}
    for i, label in enumerate(range(FIRST_LABEL, LAST_LABEL)):
        counts[label] = int(weights[i] * scale)
    counts[FIRST_LABEL] += rest - sum(counts.values())  # rounding remainder into the first year
    counts[LAST_LABEL] = top
    counts[CURRENT_LABEL] = current
    counts["lopend"] = running
    return counts


def _answers(rng: random.Random, side: str, grade: Decimal) -> dict[str, str]:
    questionnaire = DEFAULT_QUESTIONNAIRES[side]
    scale = questionnaire.scale
    top = len(scale) - 1
    base = top if grade >= 8 else top - 1 if grade >= Decimal("6.5") else max(0, top - 2)
    return {
        q.id: scale[min(top, max(0, base + rng.choice((0, 0, 0, -1, 1))))]
        for q in questionnaire.active_questions
    }


def _form(rng: random.Random, side: str, received: date) -> Assessment:
    grade = Decimal(rng.choice(GRADES))
    return Assessment(received=received, grade=grade, answers=_answers(rng, side, grade))


class _Ids:
    """Unique period ids (begin date + 5 characters) and unique (werknemer, werkgever, begin)."""

    ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.ids: set[str] = set()
        self.keys: set[tuple[str, str, date]] = set()

    def period_id(self, begin: date) -> str:
        while True:
            pid = f"{begin.isoformat()}-{''.join(self.rng.choices(self.ALPHABET, k=5))}"
            if pid not in self.ids:
                self.ids.add(pid)
                return pid

    def unique(self, employee: str, employer: str, begin: date) -> bool:
        key = (employee, employer, begin)
        if key in self.keys:
            return False
        self.keys.add(key)
        return True


def generate_periods(n: int, seed: int = 2017) -> list[Period]:
    rng = random.Random(seed * 1_000_003 + n)
    calendar = Calendar(RECOGNITION)
    ids = _Ids(rng)
    employees = max(50, int(n * 0.7))
    employers = max(20, n // 12)
    periods: list[Period] = []

    def codes(begin: date) -> tuple[str, str]:
        while True:
            employee = f"WN-{rng.randint(1, employees):05d}"
            employer = f"WG-{rng.randint(1, employers):04d}"
            if ids.unique(employee, employer, begin):
                return employee, employer

    for label, count in allocation(n).items():
        if label == "lopend":
            for _ in range(count):
                begin = TODAY - timedelta(days=rng.randint(5, 300))
                employee, employer = codes(begin)
                periods.append(
                    Period(
                        id=ids.period_id(begin),
                        employee=employee,
                        employer=employer,
                        jobcoach=rng.choice(JOBCOACHES),
                        begin=begin,
                    )
                )
            continue
        year = calendar.year(label)
        last_day = min(year.end, TODAY)
        span = (last_day - year.start).days
        for _ in range(count):
            end = year.start + timedelta(days=rng.randint(1, span))
            begin = end - timedelta(days=rng.randint(60, 400))
            employee, employer = codes(begin)
            forms = {}
            for side, missing in (("werknemer", MISSING_WERKNEMER), ("werkgever", MISSING_WERKGEVER)):
                if rng.random() >= missing:
                    received = min(end + timedelta(days=rng.randint(0, 30)), TODAY)
                    forms[side] = _form(rng, side, received)
            periods.append(
                Period(
                    id=ids.period_id(begin),
                    employee=employee,
                    employer=employer,
                    jobcoach=rng.choice(JOBCOACHES),
                    begin=begin,
                    end=end,
                    remark=rng.choice(REMARKS) if rng.random() < REMARK_SHARE else None,
                    forms=forms,
                )
            )
    return periods


def year_notes() -> list[YearNotes]:
    calendar = Calendar(RECOGNITION)
    notes = []
    for label in range(FIRST_LABEL, LAST_LABEL + 1):
        year = calendar.year(label)
        if label == LAST_LABEL:  # written, not yet submitted
            notes.append(YearNotes(label, analysis=ANALYSIS, conclusions=CONCLUSIONS, actions=ACTIONS))
            continue
        submitted = year.end + timedelta(days=20)
        notes.append(
            YearNotes(
                label,
                analysis=ANALYSIS,
                conclusions=CONCLUSIONS,
                actions=ACTIONS,
                submitted_on=submitted,
                verdict="voldaan",
                verdict_on=submitted + timedelta(days=40),
            )
        )
    return notes


def _write(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def build_folder(root: Path, n: int) -> None:
    """A fresh data folder with n periods at `root` (which must not exist or be empty)."""
    create_data_folder(root, NAME, RECOGNITION, account_manager="M. de Vries", git=False)
    for notes in year_notes():
        _write(root / "meetjaren" / f"{notes.year}.toml", year_notes_text(notes))
    if n:
        for period in generate_periods(n):
            _write(root / "perioden" / f"{period.id}.toml", period_text(period))


def _marker(out: Path, name: str) -> Path:
    return out / f"{name}.ok"


def ensure_folder(out: Path, n: int, *, log=print) -> Path:
    """The cached folder of n periods (n = 0: just initialised), built when missing or stale."""
    name = f"data-{n}" if n else "data-empty"
    root = out / name
    marker = _marker(out, name)
    expected = {"generator": GENERATOR_VERSION, "periods": n}
    if root.is_dir() and marker.is_file():
        try:
            if json.loads(marker.read_text()) == expected:
                return root
        except ValueError:
            pass
    if root.exists():
        shutil.rmtree(root)
    marker.unlink(missing_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    log(f"  maak {name} …", end="", flush=True)
    import time

    start = time.perf_counter()
    if n == 0:
        create_data_folder(root, NAME, RECOGNITION, git=False)
    else:
        build_folder(root, n)
    marker.write_text(json.dumps(expected))
    log(f" {time.perf_counter() - start:.1f} s")
    return root
