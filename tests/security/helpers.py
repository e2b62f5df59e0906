"""Helpers of the safety tests: the seed's folder in git, plain git."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cli.seed_folder import SEED_PERIODS, seed_period_text

from store.create import create_data_folder
from tests.gitutil import git_out as git

TODAY = "2017-06-10"


def make_seed(root: Path, *, with_git: bool = True) -> Path:
    """The seed's five periods of meetjaar 2017 (E = 2013-05-12), committed when `with_git`."""
    create_data_folder(root, "Jobcoach Voorbeeld B.V.", date(2013, 5, 12), git=with_git)
    for row in SEED_PERIODS:
        (root / "perioden" / f"{row[0]}.toml").write_text(seed_period_text(row), encoding="utf-8")
    (root / "meetjaren" / "2017.toml").write_text(
        'schema = 1\nanalyse = "Alles goed."\nconclusies = "Doorgaan."\n', encoding="utf-8"
    )
    if with_git:
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "begin")
    return root
