"""Fixtures for the end-to-end PDF tests: data folders built with the store, the real `ktv` command.

The folders follow the UWV example of seed 000: erkenning 2013-05-12, so meetjaar 2017 runs from
12 mei 2016 tot en met 12 mei 2017 and its report is due 12 juni 2017.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pypdf
import pytest

from store.create import create_data_folder
from store.model import Assessment, Period, YearNotes
from store.save import save_period, save_year_notes

# The test module imports the helpers below as `report_e2e`, not as `conftest`: several test folders
# have a conftest.py without __init__.py, and `from conftest import` would get whichever was loaded
# last when pytest is given more than one folder.
sys.modules["report_e2e"] = sys.modules[__name__]

RECOGNITION = date(2013, 5, 12)
TODAY = date(2017, 6, 1)
"""Meetjaar 2017 has ended, its report is due 2017-06-12; meetjaar 2018 is running."""
ORGANISATION = "Jobcoach Eind-tot-eind B.V."
ACCOUNT_MANAGER = "M. de Vries"
MEETPERIODE = "12 mei 2016 tot en met 12 mei 2017"

# Seed 000, "Weergave cijfers": werknemer A at two werkgevers, B twice at the same werkgever,
# C once. Codes, jobcoach initials, remarks and ids are internal and must never reach the PDF.
SEED_ROWS = (
    # werknemer, werkgever, cijfer werknemer, cijfer werkgever, label row as the PDF shows it
    ("WN-001", "WG-001", "7", "7.5", "Werknemer A 7 Werkgever 1 7,5"),
    ("WN-001", "WG-002", "7.5", "7", "Werknemer A 7,5 Werkgever 2 7"),
    ("WN-002", "WG-001", "5.5", "7", "Werknemer B 5,5 Werkgever 1 7"),
    ("WN-002", "WG-001", "8", "8", "Werknemer B 8 Werkgever 1 8"),
    ("WN-003", "WG-001", "8", "6", "Werknemer C 8 Werkgever 1 6"),
)
JOBCOACHES = ("QXJ", "ZKW")
REMARK = "Geheimeopmerking over de werkplek"
SEED_PERIOD_IDS = tuple(f"2016-0{6 + i}-01-qz{i}x7" for i in range(5))

WERKNEMER_ANSWERS = (
    {"begeleiding": "ja", "bereikbaarheid": "ja"},
    {"begeleiding": "ja", "bereikbaarheid": "niet helemaal"},
    {"begeleiding": "niet helemaal", "bereikbaarheid": "nee"},
    {"begeleiding": "ja", "bereikbaarheid": "ja"},
    {"begeleiding": "ja"},  # bereikbaarheid left open on the paper form
)
WERKGEVER_QUESTIONS = (
    "contact_werknemer",
    "contact_leiding",
    "bereikbaarheid",
    "bezoeken",
    "benadering",
    "persoonlijke_ontwikkeling",
    "werknemersvaardigheden",
    "werkomgeving",
    "loopbaanperspectief",
)
WERKGEVER_SCALE = ("onvoldoende", "matig", "voldoende", "goed")


def werkgever_answers(index: int) -> dict[str, str]:
    """A fixed, varied pattern: question q of period i gets answer (i + q) mod 4."""
    return {q: WERKGEVER_SCALE[(index + n) % 4] for n, q in enumerate(WERKGEVER_QUESTIONS)}


ANALYSE = "De werknemers zijn tevreden over de begeleiding.\n\nDe bereikbaarheid verdient aandacht."
CONCLUSIES = "Beide normen van 6,5 zijn gehaald."
ACTIES = "Vaste vervanging regelen bij afwezigheid van de jobcoach."

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}


# --- running ktv ---------------------------------------------------------------------------------


def ktv_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "KTV_DATA"}
    env.update({"NO_COLOR": "1", "COLUMNS": "200", "PYTHONIOENCODING": "utf-8", **GIT_ENV})
    return env


def run_ktv(
    *args: str | os.PathLike, today: date | None = TODAY, cwd: Path | None = None
) -> subprocess.CompletedProcess:
    """The installed `ktv` console command, as a user runs it, with a fixed --today."""
    executable = shutil.which("ktv")
    assert executable, "the `ktv` command is not installed (pip install -e .)"
    extra = ["--today", today.isoformat()] if today else []
    return subprocess.run(
        [executable, *map(str, args), *extra],
        cwd=cwd,
        env=ktv_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def git(root: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=root, env=ktv_env(), capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def commit(root: Path, message: str = "gegevens") -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
    return git(root, "rev-parse", "HEAD")


# --- reading PDFs --------------------------------------------------------------------------------


def normalise(text: str) -> str:
    return " ".join(text.split())


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_pages(path: Path) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    return [normalise(page.extract_text()) for page in reader.pages]


def pdf_text(path: Path) -> str:
    return " ".join(pdf_pages(path))


def pdf_files(root: Path) -> list[Path]:
    """Every PDF under root (the data folder or a test's tmp_path)."""
    return sorted(p for p in root.rglob("*.pdf") if ".git" not in p.parts)


# --- building data folders -----------------------------------------------------------------------


def make_org(
    root: Path,
    *,
    git_repo: bool = False,
    name: str = ORGANISATION,
    account_manager: str | None = ACCOUNT_MANAGER,
) -> Path:
    create_data_folder(root, name, RECOGNITION, account_manager=account_manager, git=git_repo)
    return root


def form(
    grade: str | None, answers: dict[str, str] | None = None, received: date | None = None
) -> Assessment:
    return Assessment(
        received=received, grade=Decimal(grade) if grade is not None else None, answers=dict(answers or {})
    )


def add_period(
    root: Path,
    pid: str,
    *,
    employee: str,
    employer: str,
    end: date | None,
    werknemer: Assessment | None = None,
    werkgever: Assessment | None = None,
    jobcoach: str | None = None,
    remark: str | None = None,
    begin: date | None = None,
) -> Period:
    forms = {side: f for side, f in (("werknemer", werknemer), ("werkgever", werkgever)) if f is not None}
    period = Period(
        id=pid,
        employee=employee,
        employer=employer,
        jobcoach=jobcoach,
        begin=begin or (end or TODAY) - timedelta(days=200),
        end=end,
        remark=remark,
        forms=forms,
    )
    save_period(root, period, None)
    return period


def write_year(root: Path, label: int = 2017, **texts: str | None) -> None:
    """meetjaren/<label>.toml with analysis=…, conclusions=…, actions=…, recovery_plan=… (replaced)"""
    (root / "meetjaren" / f"{label}.toml").unlink(missing_ok=True)
    save_year_notes(root, YearNotes(year=label, **texts), None)


def add_seed_periods(root: Path) -> list[Period]:
    """The five periods of seed 000, ending in meetjaar 2017 in the seed's order."""
    periods = []
    for index, (employee, employer, grade_wn, grade_wg, _row) in enumerate(SEED_ROWS):
        end = date(2016, 8, 1) + timedelta(days=50 * index)
        received = end + timedelta(days=3)
        periods.append(
            add_period(
                root,
                SEED_PERIOD_IDS[index],
                employee=employee,
                employer=employer,
                end=end,
                jobcoach=JOBCOACHES[index % 2],
                remark=REMARK if index in (1, 3) else None,
                werknemer=form(grade_wn, WERKNEMER_ANSWERS[index], received),
                werkgever=form(grade_wg, werkgever_answers(index), received),
            )
        )
    return periods


def make_seed_folder(root: Path, *, git_repo: bool = False, notes: bool = True) -> Path:
    make_org(root, git_repo=git_repo)
    add_seed_periods(root)
    if notes:
        write_year(root, analysis=ANALYSE, conclusions=CONCLUSIES, actions=ACTIES)
    if git_repo:
        commit(root)
    return root


@dataclass
class Made:
    """A data folder and the result of one `ktv report`/`ktv melding` run on it."""

    root: Path
    result: subprocess.CompletedProcess
    pdf: Path


@pytest.fixture
def seed_folder(tmp_path: Path) -> Path:
    """The seed's example with analyse, conclusies and acties; no git."""
    return make_seed_folder(tmp_path / "gegevens")


@pytest.fixture
def seed_git_folder(tmp_path: Path) -> Path:
    """The seed's example in a git repository, everything committed."""
    return make_seed_folder(tmp_path / "gegevens", git_repo=True)


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory: pytest.TempPathFactory) -> Made:
    """The final report of meetjaar 2017 of the seed's example (made once per module)."""
    root = make_seed_folder(tmp_path_factory.mktemp("seed") / "gegevens", git_repo=True)
    result = run_ktv("--data", root, "report", "--jaar", "2017")
    return Made(root, result, root / "rapporten" / "klanttevredenheid-2017.pdf")


@pytest.fixture
def assert_refused() -> Callable[..., subprocess.CompletedProcess]:
    """Run ktv, expect exit 2 with a Dutch message, no traceback and no PDF anywhere under `where`."""

    def check(*args, where: Path, today: date | None = TODAY, expect: str | None = None):
        before = pdf_files(where)
        result = run_ktv(*args, today=today)
        assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
        assert result.stderr.startswith("ktv: "), result.stderr
        assert pdf_files(where) == before, "a PDF was written although ktv refused"
        if expect:
            assert expect in normalise(result.stderr), result.stderr
        return result

    return check
