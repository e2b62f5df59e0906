"""Fixtures for the command-line tests: `ktv` as a process and the seed's example folder."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from seed_folder import SEED_PERIODS, run_ktv, seed_period_text

from store.create import create_data_folder


@pytest.fixture
def ktv(tmp_path: Path) -> Callable:
    """`ktv(*args, cwd=tmp_path, env=None, rc=None)` → CompletedProcess."""

    def call(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None, rc: int | None = None):
        return run_ktv(*args, cwd=cwd or tmp_path, env=env, check_rc=rc)

    return call


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    """The seed's example: E = 2013-05-12 and its five periods in meetjaar 2017 (no git)."""
    root = tmp_path / "seed"
    # What `ktv init --no-git` makes (tested as a process in test_cli_init_demo.py), made in-process
    # here because every test needs one.
    create_data_folder(root, "Jobcoach Voorbeeld B.V.", date(2013, 5, 12), git=False)
    for row in SEED_PERIODS:
        (root / "perioden" / f"{row[0]}.toml").write_text(seed_period_text(row), encoding="utf-8")
    return root
