"""Timing helpers: repeated in-process calls, whole processes (with their own peak RSS)."""

from __future__ import annotations

import gc
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

SLOW_SECONDS = 1.0
VERY_SLOW_SECONDS = 4.0
"""A measurement whose first run takes longer than these is repeated at most `slow_cap`, 2 times."""


@dataclass
class Sample:
    """The runs of one measurement (seconds, or another unit)."""

    runs: list[float] = field(default_factory=list)
    unit: str = "s"
    extra: dict = field(default_factory=dict)

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def low(self) -> float:
        return min(self.runs)

    @property
    def high(self) -> float:
        return max(self.runs)


def repetitions(first: float, repeat: int, slow_cap: int) -> int:
    if first < SLOW_SECONDS:
        return repeat
    cap = slow_cap if first < VERY_SLOW_SECONDS else min(slow_cap, 2)
    return max(1, min(repeat, cap))


def time_call(fn: Callable[[], object], repeat: int, slow_cap: int) -> Sample:
    """Median-able wall times of fn(); a collection before each run so garbage is not inherited."""
    sample = Sample()
    cpu = sample.extra.setdefault("cpu", [])
    while True:
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        sample.runs.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        if len(sample.runs) >= repetitions(sample.runs[0], repeat, slow_cap):
            return sample


def ktv_command() -> list[str]:
    """The installed `ktv` console script itself, not a version-manager shim in front of it."""
    script = Path(sysconfig.get_path("scripts")) / "ktv"
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-m", "ktv_tui.cli"]


def process_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("KTV_DATA", None)
    # An installed ktv runs from byte-compiled modules; with this set (some sandboxes and CI
    # set it) every process would compile ktv from source, a start-up cost no user pays.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["NO_COLOR"] = "1"
    env.setdefault("PYTHONHASHSEED", "0")
    return env


@dataclass
class ProcessRun:
    seconds: float
    cpu: float
    """User + system CPU time of the process: less sensitive than wall time to a busy machine."""
    returncode: int
    maxrss_kb: int
    stdout: bytes
    stderr: bytes
    spawned_wall: float
    """time.time() just before the process was started."""


# A process forked from the benchmark would report the benchmark's own peak RSS as its
# ru_maxrss (Linux carries the parent's high-water mark across fork/vfork and exec). So every
# measured process is started by this small launcher (python -S, a few MB), which times it and
# reads its rusage with wait4 and writes both to the file named in argv[1].
_LAUNCHER = """
import json, os, sys, time
out, argv = sys.argv[1], sys.argv[2:]
wall = time.time()
start = time.perf_counter()
pid = os.posix_spawn(argv[0], argv, os.environ)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
with open(out, "w") as handle:
    json.dump([seconds, os.waitstatus_to_exitcode(status), usage.ru_maxrss,
               usage.ru_utime + usage.ru_stime, wall], handle)
"""


def run_process(argv: list[str], *, cwd: Path | None = None, timeout: float = 300) -> ProcessRun:
    """Run argv to completion through the launcher; output to temporary files (no pipe fills)."""
    argv = [shutil.which(argv[0]) or argv[0], *argv[1:]]
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryDirectory() as tmp,
    ):
        result = Path(tmp) / "run.json"
        proc = subprocess.Popen(
            [sys.executable, "-S", "-c", _LAUNCHER, str(result), *argv],
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            cwd=cwd,
            env=process_env(),
            start_new_session=True,  # a timeout ends the launcher and what it started
        )
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
        try:
            seconds, returncode, maxrss, cpu, wall = json.loads(result.read_text())
        except (OSError, ValueError):
            raise RuntimeError(
                f"{' '.join(argv)}: no result (timeout {timeout} s?)\n"
                + stderr.decode(errors="replace")[-2000:]
            ) from None
        return ProcessRun(seconds, cpu, returncode, maxrss, stdout, stderr, wall)


def time_process(
    argv: list[str], repeat: int, slow_cap: int, *, expect: int | None = 0
) -> tuple[Sample, ProcessRun]:
    """Wall time per run, the largest peak RSS over the runs, and the last run (for its output)."""
    sample = Sample()
    rss = []
    cpu = sample.extra.setdefault("cpu", [])
    while True:
        run = run_process(argv)
        if expect is not None and run.returncode != expect:
            raise RuntimeError(
                f"{' '.join(argv)} gaf exit {run.returncode} (verwacht {expect}):\n"
                + run.stderr.decode(errors="replace")[-2000:]
            )
        sample.runs.append(run.seconds)
        cpu.append(run.cpu)
        rss.append(run.maxrss_kb)
        if len(sample.runs) >= repetitions(sample.runs[0], repeat, slow_cap):
            sample.extra["maxrss_kb"] = max(rss)
            return sample, run
