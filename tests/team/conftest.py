"""Team work with real repositories: a bare remote, clones made with `ktv clone`, `ktv sync`
run as a process (SPEC §9 and "the edges")."""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path

import pytest

from tests import gitutil
from tests.ktvrun import run_ktv

TODAY = "2028-07-01"

PERIOD = """schema = 1
# pseudoniem uit het dossier
werknemer = "WN-{n:03d}"  # vaste code
werkgever = "WG-001"
jobcoach = "IJ"
begin = 2027-01-{day:02d}
einde = 2027-03-{day:02d}

[beoordeling.werknemer]
ontvangen = 2027-04-{day:02d}
cijfer = 7.0
"""


def ktv(*args: str, cwd: Path, rc: int | None = None) -> subprocess.CompletedProcess:
    """The installed `ktv`, as a person runs it, with a git identity (tests/ktvrun.py)."""
    return run_ktv(*args, cwd=cwd, rc=rc, identity=True)


def sync_json(root: Path, *extra: str, rc: int | None = None) -> dict:
    return json.loads(ktv("sync", "--json", *extra, cwd=root, rc=rc).stdout)


def git(root: Path, *args: str, check: bool = True) -> str:
    return gitutil.git(root, *args, check=check).stdout


def period_text(n: int, day: int = 1) -> str:
    return PERIOD.format(n=n, day=day)


def make_team(tmp: Path, names: tuple[str, ...] = ("a", "b"), periods: int = 3) -> dict[str, Path]:
    """A data folder pushed to a bare remote, and a `ktv clone` of it per name."""
    first = tmp / "eerste"
    ktv(
        "init",
        str(first),
        "--naam",
        "Team B.V.",
        "--erkenningsdatum",
        "2013-05-12",
        "--vanaf",
        "2017",
        "--today",
        TODAY,
        cwd=tmp,
        rc=0,
    )
    for n in range(periods):
        (first / "perioden" / f"2027-01-{n + 1:02d}-team{n}.toml").write_text(period_text(n, n + 1))
    remote = tmp / "remote.git"
    git(tmp, "init", "-q", "--bare", str(remote))
    git(first, "remote", "add", "origin", str(remote))
    ktv("sync", cwd=first, rc=0)
    clones = {"remote": remote, "eerste": first}
    for name in names:
        ktv("clone", str(remote), str(tmp / name), cwd=tmp, rc=0)
        clones[name] = tmp / name
    return clones


def pid(n: int) -> str:
    return f"perioden/2027-01-{n + 1:02d}-team{n}.toml"


def commit(root: Path, message: str = "werk") -> None:
    git(root, "add", "-A")
    git(root, "commit", "-qm", message)


def tracked_files(root: Path) -> dict[str, bytes]:
    return {rel: (root / rel).read_bytes() for rel in git(root, "ls-files", "-z").split("\0") if rel}


@pytest.fixture
def team(tmp_path: Path) -> dict[str, Path]:
    return make_team(tmp_path)


__all__ = ["date"]
