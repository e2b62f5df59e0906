"""A cold load on two processes gives exactly what the single-process load gives."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import store.parallel
from store.create import create_data_folder
from store.folder import load_folder


def test_parallel_parse_equals_sequential(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("KTV_NO_CACHE", "1")
    root = tmp_path / "data"
    create_data_folder(root, "Org", date(2013, 5, 12), git=False)
    periods = root / "perioden"
    for index in range(40):
        cijfer = "11" if index == 7 else f"{5 + index % 5}.5"
        (periods / f"2016-06-{index % 28 + 1:02d}-p{index:03d}.toml").write_text(
            f'schema = 1\nwerknemer = "WN-{index}"\nwerkgever = "WG-1"\nbegin = 2016-06-01\n'
            f"einde = 2017-0{1 + index % 4}-10\n[beoordeling.werknemer]\ncijfer = {cijfer}\n",
            encoding="utf-8",
        )
    (periods / "2016-09-09-kapot.toml").write_text("werknemer = \n", encoding="utf-8")
    (periods / "2016-09-10-latin1.toml").write_bytes(b'schema = 1\nwerknemer = "\xe9"\n')
    sequential = load_folder(root, date(2017, 6, 1), with_git=False)
    monkeypatch.setattr(store.parallel, "PARALLEL_MIN", 1)
    calls = []
    real_worker = store.parallel.parse_many

    def spy(root_arg, items):
        calls.append(len(items))
        return real_worker(root_arg, items)

    monkeypatch.setattr(store.parallel, "parse_many", spy)
    parallel = load_folder(root, date(2017, 6, 1), with_git=False)
    assert calls == [42]
    assert store.parallel.last_mode == "parallel"
    assert parallel.periods == sequential.periods
    assert parallel.problems == sequential.problems
    assert parallel.digests == sequential.digests
    assert parallel.period_labels == sequential.period_labels
    assert any("cijfer 11" in p.message for p in parallel.problems)
