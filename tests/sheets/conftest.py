"""Fixtures for the spreadsheet tests (issue 20): `ktv` as a whole process and a small data folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sheet_helpers import period_text, run


@pytest.fixture
def ktv(tmp_path: Path) -> Callable:
    """`ktv(*args, cwd=tmp_path, rc=None)` → CompletedProcess."""

    def call(*args: str, cwd: Path | None = None, rc: int | None = None, env: dict | None = None):
        return run(*args, cwd=cwd or tmp_path, rc=rc, env=env)

    return call


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A data folder (E = 2013-05-12, no git) with three periods in meetjaar 2027 and one comment."""
    from datetime import date

    from store.create import create_data_folder

    root = tmp_path / "map"
    create_data_folder(root, "Sheets B.V.", date(2013, 5, 12), git=False)
    periods = root / "perioden"
    (periods / "2026-01-05-aaaaa.toml").write_text(
        "# origineel in dossierkast 3\n" + period_text("WN-001", "WG-001", "2026-01-05"), encoding="utf-8"
    )
    (periods / "2026-02-02-bbbbb.toml").write_text(
        period_text("0012345", "WG-002", "2026-02-02"), encoding="utf-8"
    )
    (periods / "2026-03-02-ccccc.toml").write_text(
        period_text("WN-003", "WG-001", "2026-03-02", end=None).split("\n[beoordeling")[0] + "\n",
        encoding="utf-8",
    )
    return root
