"""Fixtures for the reliability tests (SPEC §8): data folders, periods, running `ktv` for real."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from store.create import create_data_folder
from store.model import Assessment, Period

TODAY = date(2018, 6, 1)
"""With recognition 2013-05-12: meetjaar 2017 and 2018 have ended; 2018's report is due 2018-06-12."""
RECOGNITION = date(2013, 5, 12)
ORGANISATION = "Jobcoach Betrouwbaar B.V."

RUN_KTV = "import sys; from ktv_tui.cli import entry; entry()"
"""`ktv` itself, without depending on where the console script was installed."""


def ktv_command(*args: str | os.PathLike) -> list[str]:
    return [sys.executable, "-c", RUN_KTV, *map(str, args)]


def ktv_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "KTV_DATA"}
    env.update({"NO_COLOR": "1", "COLUMNS": "200", "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8"})
    return env


def run_ktv(
    *args: str | os.PathLike, cwd: Path | None = None, timeout: float = 60
) -> subprocess.CompletedProcess:
    """Run the real command line as a user would, with `--today` fixed so results are stable."""
    return subprocess.run(
        ktv_command(*args, "--today", TODAY.isoformat()),
        cwd=cwd,
        env=ktv_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def make_folder(root: Path, *, git: bool = False) -> Path:
    create_data_folder(root, ORGANISATION, RECOGNITION, account_manager="M. de Vries", git=git)
    return root


def make_period(pid: str, n: int = 0, *, remark: str | None = None, grade: str | None = "7.5") -> Period:
    """A valid, completed period of meetjaar 2017 with both forms; `n` varies the content."""
    begin = date(2016, 6, 1 + n % 28)
    end = date(2017, 3, 1 + n % 28)
    forms = {}
    if grade is not None:
        forms = {
            "werknemer": Assessment(
                received=date(2017, 4, 2), grade=Decimal(grade), answers={"begeleiding": "ja"}
            ),
            "werkgever": Assessment(received=date(2017, 4, 3), grade=Decimal("7.0")),
        }
    return Period(
        id=pid,
        employee=f"WN-{n % 1000:03d}",
        employer=f"WG-{n % 7:03d}",
        jobcoach="IJ",
        begin=begin,
        end=end,
        remark=remark,
        forms=forms,
    )


def snapshot(root: Path) -> dict[str, bytes]:
    """Every regular file under `root` (git's own files aside) with its bytes."""
    files = {}
    for path in sorted(root.rglob("*")):
        if ".git" in path.relative_to(root).parts or not path.is_file() or path.is_symlink():
            continue
        files[path.relative_to(root).as_posix()] = path.read_bytes()
    return files


@pytest.fixture
def data_root(tmp_path: Path) -> Path:
    """A fresh, valid data folder without git."""
    return make_folder(tmp_path / "data")


@pytest.fixture
def fast_root(tmp_path: Path):
    """A data folder in memory (/dev/shm) when there is one, else on disk.

    For the kill tests: a SIGKILL ends the process, not the machine, so the kernel keeps what was
    written either way and a crash leaves the same files in memory as on disk. Without the wait
    for the disk in fsync a save is short, so many more kills fit in the time, and they land all
    over the save rather than mostly inside fsync.
    """
    shm = Path("/dev/shm")
    base = Path(tempfile.mkdtemp(prefix="ktv-rel-", dir=shm)) if os.access(shm, os.W_OK) else tmp_path
    try:
        yield make_folder(base / "data")
    finally:
        if base != tmp_path:
            shutil.rmtree(base, ignore_errors=True)


GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, **GIT_ENV, "HOME": str(cwd), "LC_ALL": "C"}
    result = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if check and result.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


# Test modules import helpers as `reliability_support`: a plain `from conftest import` would
# pick up another directory's conftest when pytest is given several test folders.
sys.modules["reliability_support"] = sys.modules[__name__]
