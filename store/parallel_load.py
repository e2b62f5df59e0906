"""Reading a large perioden/ on two cores: a forked child reads the second half of the files.

A cold `ktv check` of 10 000 periods spends two thirds of its time reading and parsing period
files, one by one, on one core (bench.startup). For a folder that large a command-line run forks
once: the child reads and parses the second half while the parent does the first, and sends
its results back through a pipe in `marshal`'s format (pickling the models would cost as much as
parsing them: 22 µs a period, against 4 µs to rebuild them from plain values here).

Only where it is safe and worth it: `fork` exists, two CPUs are ours, the process runs no other
thread (the app's loader runs in one: it never forks), and there are at least `MIN_FILES`
files. Anything that goes wrong in the child (an exception, a value marshal cannot carry) makes
the parent read that half itself: the result is the same either way, which
tests/store/test_parallel_load.py checks field by field.
"""

from __future__ import annotations

import marshal
import os
import pickle
import threading
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from .model import Assessment, Period

MIN_FILES = 2000
"""Below this the fork and the hand-over cost more than the second core saves."""

Record = tuple[str, list, Period | None, Any, bool, str | None, str | None]
"""(file name, problems, period, meetjaar label, dropped, digest, text) of one period file."""


def worthwhile(count: int) -> bool:
    if count < MIN_FILES or not hasattr(os, "fork") or threading.active_count() != 1:
        return False
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return cpus >= 2


def read_all(names: list[str], read: Callable[[str], Record], *, parallel: bool) -> list[Record]:
    """`[read(name) for name in names]`, the second half in a forked child when worthwhile."""
    if not parallel or not worthwhile(len(names)):
        return [read(name) for name in names]
    middle = len(names) // 2
    child = _start_child(names[middle:], read)
    first = [read(name) for name in names[:middle]]
    second = _finish_child(child) if child is not None else None
    if second is None or len(second) != len(names) - middle:
        second = [read(name) for name in names[middle:]]
    return first + second


def _start_child(names: list[str], read: Callable[[str], Record]) -> tuple[int, int] | None:
    try:
        read_end, write_end = os.pipe()
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:  # the child: read, hand over, and leave without running any of the parent's exit code
        os.close(read_end)
        status = 1
        try:
            payload = marshal.dumps([_encode(read(name)) for name in names])
            with os.fdopen(write_end, "wb") as out:
                out.write(payload)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    return pid, read_end


def _finish_child(child: tuple[int, int]) -> list[Record] | None:
    pid, read_end = child
    try:
        with os.fdopen(read_end, "rb") as source:
            payload = source.read()
    except OSError:
        payload = b""
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        status = 1
    if status != 0 or not payload:
        return None
    try:
        return [_decode(item) for item in marshal.loads(payload)]
    except (ValueError, EOFError, TypeError):
        return None


# --- plain values both ways --------------------------------------------------------------------


def _day(value: date | None) -> int | None:
    return value.toordinal() if value is not None else None


def _from_day(value: int | None) -> date | None:
    return date.fromordinal(value) if value is not None else None


def _encode(record: Record) -> tuple:
    name, problems, period, label, dropped, digest, text = record
    return (
        name,
        pickle.dumps(problems) if problems else None,  # rare, and may carry any value
        _encode_period(period) if period is not None else None,
        label,
        dropped,
        digest,
        text,
    )


def _decode(item: tuple) -> Record:
    name, problems, period, label, dropped, digest, text = item
    return (
        name,
        pickle.loads(problems) if problems else [],
        _decode_period(period) if period is not None else None,
        label,
        dropped,
        digest,
        text,
    )


def _encode_period(period: Period) -> tuple:
    forms = {
        side: (
            _day(form.received),
            None if form.grade is None else str(form.grade),
            form.answers,
            form.attachment,
        )
        for side, form in period.forms.items()
    }
    return (
        period.id,
        period.employee,
        period.employer,
        _day(period.begin),
        period.jobcoach,
        _day(period.end),
        period.remark,
        forms,
        period.missing_reasons,
    )


def _decode_period(values: tuple) -> Period:
    period_id, employee, employer, begin, jobcoach, end, remark, forms, missing = values
    return Period(
        id=period_id,
        employee=employee,
        employer=employer,
        begin=_from_day(begin),
        jobcoach=jobcoach,
        end=_from_day(end),
        remark=remark,
        forms={
            side: Assessment(
                received=_from_day(received),
                grade=None if grade is None else Decimal(grade),
                answers=answers,
                attachment=attachment,
            )
            for side, (received, grade, answers, attachment) in forms.items()
        },
        missing_reasons=missing,
    )
