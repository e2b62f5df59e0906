"""Shared fixtures for the store tests: a fresh data folder and a way to put files in it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from store.create import create_data_folder

DATA = Path(__file__).resolve().parent.parent / "data"
"""tests/data: one small broken file per kind of problem."""

RECOGNITION = date(2013, 5, 12)
"""The seed's example organisation: first meetjaar 2017 (2016-05-12 to 2017-05-12)."""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An empty, valid data folder made by `ktv init` (without git), E = 2013-05-12."""
    root = tmp_path / "gegevens"
    create_data_folder(root, "Jobcoach Test B.V.", RECOGNITION, git=False)
    return root


@pytest.fixture
def put(folder: Path) -> Callable[[str, str], Path]:
    """Write text to a path relative to the data folder."""

    def write(rel: str, text: str) -> Path:
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def copy_data(folder: Path) -> Callable[[str, str], Path]:
    """Copy a file from tests/data into the data folder."""

    def copy(source: str, rel: str) -> Path:
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(DATA / source, target)
        return target

    return copy
