"""Fixtures for the safety tests: the seed's folder in git, and `ktv` as a whole process."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from cli.seed_folder import run_ktv

from .helpers import make_seed


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    return make_seed(tmp_path / "seed")


@pytest.fixture
def ktv(tmp_path: Path) -> Callable:
    """`ktv(*args, cwd=tmp_path, env=None, rc=None)` → CompletedProcess (never a traceback)."""

    def call(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None, rc: int | None = None):
        return run_ktv(*args, cwd=cwd or tmp_path, env=env, check_rc=rc)

    return call
