"""Parsing many period files on two cores: a second process takes half of a cold load.

Only worth it for a folder that is not in the parse cache yet (a fresh clone, a big
`git pull`): below PARALLEL_MIN files the start of a process costs more than it saves.
The worker is started with "spawn" (never fork: the app calls this from a thread) and
returns the cache's plain encoding, so nothing but plain values crosses processes.
"""

from __future__ import annotations

import os
from pathlib import Path

from .cache import ParsedPeriodFile, _decode, _encode
from .problems import Problem

PARALLEL_MIN = 3000

last_mode = "sequential"
"""How the latest parse_many ran: "sequential", "parallel" or "fallback" (for tests and bench)."""

Item = tuple[str, str, str]
"""(file name, relative path, period id)."""


def _parse_items(root: Path, items: list[Item]) -> list[ParsedPeriodFile | list[Problem]]:
    from .folder import parse_period_file
    from .toml_io import SafeReader

    reader = SafeReader(root)
    return [parse_period_file(reader, root, rel, period_id) for _name, rel, period_id in items]


def _worker(root: str, items: list[Item]) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    for result in _parse_items(Path(root), items):
        if isinstance(result, list):
            out.append(("problems", [(p.file, p.line, p.severity, p.message) for p in result]))
        else:
            out.append(("parsed", _encode(result)))
    return out


def parse_many(root: Path, items: list[Item]) -> list[ParsedPeriodFile | list[Problem]]:
    """Parse `items` in order; in two processes when there are many and two cores."""
    global last_mode
    last_mode = "sequential"
    if len(items) < PARALLEL_MIN or (os.cpu_count() or 1) < 2 or os.environ.get("KTV_NO_PARALLEL"):
        return _parse_items(root, items)
    try:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("spawn")
        half = len(items) // 2
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            future = pool.submit(_worker, str(root), items[half:])
            first = _parse_items(root, items[:half])
            second_raw = future.result()
    except Exception:  # no processes here (a sandbox, a broken interpreter): just do it alone
        last_mode = "fallback"
        return _parse_items(root, items)
    last_mode = "parallel"
    second: list[ParsedPeriodFile | list[Problem]] = [
        _decode(payload) if kind == "parsed" else [Problem(*p) for p in payload]  # type: ignore[misc]
        for kind, payload in second_raw
    ]
    return first + second
