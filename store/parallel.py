"""Parsing many period files on two cores: a second process takes half of a cold load.

Only worth it for a folder that is not in the parse cache yet (a fresh clone, a big
`git pull`): below PARALLEL_MIN files starting a process costs more than it saves. The
helper is a plain `python -m store.parallel` child (no fork from the app's threads, no
re-import of the caller's __main__); items go in and results come out as marshal data,
plain values only, and any failure of the child just means this process parses it all.
"""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
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


def _encode_results(results: list[ParsedPeriodFile | list[Problem]]) -> list[tuple[str, object]]:
    return [
        ("problems", [(p.file, p.line, p.severity, p.message, p.code, p.path) for p in result])
        if isinstance(result, list)
        else ("parsed", _encode(result))
        for result in results
    ]


def _decode_results(raw: list[tuple[str, object]]) -> list[ParsedPeriodFile | list[Problem]]:
    return [
        _decode(payload) if kind == "parsed" else [Problem(*p) for p in payload]  # type: ignore[misc]
        for kind, payload in raw
    ]


def _start_child(root: Path, items: list[Item]) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    package_parent = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_parent, env.get("PYTHONPATH")]))
    child = subprocess.Popen(
        [sys.executable, "-m", "store.parallel"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    assert child.stdin is not None
    child.stdin.write(marshal.dumps((str(root), [list(item) for item in items])))
    child.stdin.close()
    return child


def parse_many(root: Path, items: list[Item]) -> list[ParsedPeriodFile | list[Problem]]:
    """Parse `items` in order; in two processes when there are many and two cores."""
    global last_mode
    last_mode = "sequential"
    if len(items) < PARALLEL_MIN or (os.cpu_count() or 1) < 2 or os.environ.get("KTV_NO_PARALLEL"):
        return _parse_items(root, items)
    half = len(items) // 2
    try:
        child = _start_child(root, items[half:])
    except OSError:
        last_mode = "fallback"
        return _parse_items(root, items)
    first = _parse_items(root, items[:half])
    try:
        assert child.stdout is not None
        output = child.stdout.read()
        child.wait()
        if child.returncode != 0:
            raise ValueError(f"exit {child.returncode}")
        second = _decode_results(marshal.loads(output))
        if len(second) != len(items) - half:
            raise ValueError("incomplete")
    except Exception:  # the helper failed: this process parses its half too
        child.kill()
        last_mode = "fallback"
        return first + _parse_items(root, items[half:])
    last_mode = "parallel"
    return first + second


def _child_main() -> None:
    import gc

    gc.disable()  # a short-lived batch: no cycles to collect
    root, items = marshal.loads(sys.stdin.buffer.read())
    results = _parse_items(Path(root), [tuple(item) for item in items])
    sys.stdout.buffer.write(marshal.dumps(_encode_results(results)))


if __name__ == "__main__":
    _child_main()
