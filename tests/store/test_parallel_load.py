"""Reading half the periods in a forked child gives exactly what reading them all in one does.

Each comparison runs in a fresh Python process: the test workers run threads, and
`parallel_load` never forks a process with threads (as the app's loader is)."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from store.create import create_data_folder
from store.model import Assessment, Period

ROOT = Path(__file__).resolve().parents[2]

COMPARE = r"""
import os, sys
from datetime import date
from pathlib import Path
import store.parallel_load as P
import store.folder as F
P.MIN_FILES = 4
forks = []
real_fork = os.fork
def counting_fork():
    forks.append(1)
    return real_fork()
os.fork = counting_fork
if sys.argv[2] == "child-fails":
    real_encode = P._encode
    P._encode = lambda record: (_ for _ in ()).throw(RuntimeError("in the child"))
root, today = Path(sys.argv[1]), date(2026, 12, 2)
one = F.load_folder(root, today, with_git=False)
two = F.load_folder(root, today, with_git=False, parallel=True)
for name in ("periods", "period_labels", "digests", "texts", "problems"):
    a, b = getattr(one, name), getattr(two, name)
    assert a == b, name
    if isinstance(a, dict):
        assert list(a) == list(b), name + " order"
print("forks", len(forks), "periods", len(one.periods), "problems", len(one.problems))
"""


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory) -> Path:
    """Clean periods and every kind of trouble a period file can have."""
    root = tmp_path_factory.mktemp("parallel") / "map"
    create_data_folder(root, "Org", date(2015, 5, 12), git=False, first_year=2018)
    periods = root / "perioden"
    for number in range(40):
        month = 1 + number % 12
        answers = '[beoordeling.werknemer.antwoorden]\nbegeleiding = "goed"\n' if number % 3 else ""
        (periods / f"2024-{month:02d}-01-p{number:04d}.toml").write_text(
            f'schema = 1\nwerknemer = "WN-{number}"\nwerkgever = "WG-{number % 7}"\njobcoach = "mk"\n'
            f"begin = 2024-{month:02d}-01\neinde = 2025-{month:02d}-15\n"
            f'opmerking = "regel {number}"\n\n[beoordeling.werknemer]\nontvangen = 2025-{month:02d}-20\n'
            f"cijfer = {6 + number % 4}.5\n\n{answers}"
            + ("" if number % 4 else '\n[ontbreekt]\nwerkgever = "niet teruggestuurd"\n')
        )
    (periods / "2024-02-01-kapot.toml").write_text("schema = \n")
    (periods / "2024-02-02-utf8x.toml").write_bytes(b'schema = 1\nwerknemer = "\xff"\n')
    (periods / "2016-01-01-oud01.toml").write_text(  # before eerste_meetjaar: dropped
        'schema = 1\nwerknemer = "WN-1"\nwerkgever = "WG-1"\nbegin = 2016-01-01\neinde = 2016-03-01\n'
    )
    (periods / "Hoofdletters.toml").write_text("schema = 1\n")
    (periods / "2024-03-03-grote.TOML").write_text("schema = 1\n")
    (periods / "2024-04-04-lopen.toml").write_text(
        'schema = 1\nwerknemer = "WN-77"\nwerkgever = "WG-77"\nbegin = 2024-04-04\n'
    )
    return root


@pytest.mark.parametrize("mode", ["normal", "child-fails"])
def test_two_cores_read_what_one_reads(mixed_folder: Path, mode: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", COMPARE, str(mixed_folder), mode],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    words = done.stdout.split()
    assert words[:2] == ["forks", "1"]  # the parallel load did fork, once
    assert int(words[3]) >= 40 and int(words[5]) >= 4


def test_the_hand_over_carries_every_field_of_a_period() -> None:
    """A field added to Period or Assessment must be added to parallel_load's codec too."""
    assert [f.name for f in dataclasses.fields(Period)] == [
        "id",
        "employee",
        "employer",
        "begin",
        "jobcoach",
        "end",
        "remark",
        "forms",
        "missing_reasons",
    ]
    assert [f.name for f in dataclasses.fields(Assessment)] == ["received", "grade", "answers", "attachment"]


def test_no_fork_with_threads_or_few_files(monkeypatch) -> None:
    import store.parallel_load as parallel

    assert not parallel.worthwhile(parallel.MIN_FILES - 1)
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 2)
    assert not parallel.worthwhile(10 * parallel.MIN_FILES)
