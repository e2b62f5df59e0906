"""One writer at a time per data folder (SPEC "the edges", Safety).

Two `ktv import --toepassen` started at once each saw the folder without the other's rows and
wrote every row twice. Every command and screen that writes (import, fmt, sync, init,
`--ingediend`, the app's save) therefore takes `folder_lock`: an exclusive `flock` on one lock
file per folder, with the holder's pid, host and command written in it for the message. A second
writer waits a moment (`WAIT_SECONDS`), then is refused with `FolderLocked` naming the other
process. The operating system releases the lock of a process that dies, so a stale lock file
(of a dead pid) is simply taken over.

The lock file lives under `.git/` (`.git/ktv.lock`, never tracked, never in `git status`); a
folder without git uses a file in the system's temporary folder named after the folder's path.
Within one process the lock is re-entrant: `sync` saving a merged period does not wait for itself.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import KtvError
from .hashes import sha256

WAIT_SECONDS = 2.0
"""How long a second writer waits for the first before it is refused."""

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no flock, the lock is a no-op there
    fcntl = None  # type: ignore[assignment]


class FolderLocked(KtvError, OSError):
    """Another process is writing in the data folder. An OSError too, so every place that
    already shows a failed save ("Niet opgeslagen: …") shows this Dutch message as well."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "de gegevensmap is bezig"


_held: dict[str, int] = {}
_guard = threading.RLock()


def lock_path(root: Path) -> Path:
    """`.git/ktv.lock` in a git folder, else a file in the temporary folder for this path."""
    root = Path(root)
    git_dir = root / ".git"
    if git_dir.is_dir():
        return git_dir / "ktv.lock"
    key = sha256(os.fsencode(os.path.abspath(root))).hexdigest()[:20]
    return Path(tempfile.gettempdir()) / f"ktv-{key}.lock"


def _holder(command: str) -> dict[str, object]:
    return {"pid": os.getpid(), "host": socket.gethostname(), "opdracht": command, "sinds": time.time()}


def _read_holder(fd: int) -> dict[str, object]:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        data = os.read(fd, 4096)
        holder = json.loads(data.decode("utf-8", "replace") or "{}")
    except (OSError, ValueError):
        return {}
    return holder if isinstance(holder, dict) else {}


def describe(holder: dict[str, object]) -> str:
    """`ktv import (pid 1234 op kantoor-1, sinds 14:03:12)`: who holds the lock."""
    from .visible import visible

    if not holder:
        return "een ander ktv-proces"
    since = holder.get("sinds")
    when = ""
    if isinstance(since, (int, float)):
        when = ", sinds " + time.strftime("%H:%M:%S", time.localtime(since))
    command = visible(str(holder.get("opdracht") or "ktv"), one_line=True)
    host = visible(str(holder.get("host") or "?"), one_line=True)
    return f"{command} (pid {holder.get('pid', '?')} op {host}{when})"


def _open(path: Path) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except PermissionError:
        return os.open(path, os.O_RDONLY)


def _acquire(fd: int, wait: float) -> bool:
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)


def _write_holder(fd: int, command: str) -> None:
    with contextlib.suppress(OSError):
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, json.dumps(_holder(command)).encode("utf-8"))


@contextlib.contextmanager
def folder_lock(root: Path, command: str | None = None, *, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold the data folder's writer lock for the block; FolderLocked when another holds it
    longer than `wait` seconds. Re-entrant within one process."""
    if fcntl is None:
        yield
        return
    command = command or "ktv " + " ".join(sys.argv[1:3])
    path = lock_path(root)
    key = os.fspath(path)
    with _guard:
        nested = key in _held
        if nested:
            _held[key] += 1
    if nested:  # this process holds it already (sync saving a merged period; an app worker)
        try:
            yield
        finally:
            with _guard:
                _held[key] -= 1
        return
    try:
        fd = _open(path)
    except OSError:
        yield  # a read-only folder or .git: nothing can be written anyway
        return
    try:
        if not _acquire(fd, wait):
            other = describe(_read_holder(fd))
            raise FolderLocked(
                f"de gegevensmap is bezig: {other} schrijft er nu in. "
                f"Wacht tot dat klaar is en probeer het dan opnieuw."
            )
        _write_holder(fd, command)
        with _guard:
            _held[key] = 1
        try:
            yield
        finally:
            with _guard:
                del _held[key]
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def holds_folder_lock(command: str, *, refusal: type[Exception] | None = None):
    """Decorator for a writer whose first argument is the data folder (`sync(root, …)`): the
    whole call holds the folder's lock; a refusal is raised as `refusal` (e.g. SyncRefused),
    so callers that already show that kind of message show this one too."""
    import functools

    def wrap(function):
        @functools.wraps(function)
        def locked(root, *args, **kwargs):
            try:
                with folder_lock(root, command):
                    return function(root, *args, **kwargs)
            except FolderLocked as exc:
                if refusal is None:
                    raise
                raise refusal(str(exc)) from exc

        return locked

    return wrap
