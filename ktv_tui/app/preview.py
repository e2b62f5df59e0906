"""The first screen's data, computed by a second process while the app starts (issue 23).

Starting Textual costs this process about as much as reading the data folder and computing the
overview: done one after the other, the data appeared 2 × later than a bare Textual app's first
frame. So `ktv` starts `python -m ktv_tui.app.preview DIR DATE` before it imports Textual; that
process loads the folder and computes the overview's texts and rows with the same functions the
app uses (`overview_content`), and hands them over, pickled, through a pipe. The app shows
them as soon as its first screen is built; its own load follows and redraws the same content.
Keys typed meanwhile still wait for the app's own load.

Nothing here is needed for correctness: on one CPU, when the process cannot start, or when it
fails, there is no preview and the app loads as before. It never touches the terminal (no
stdin, its errors are dropped) and is stopped when the app ends."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any


class Preview:
    """A running preview process; `take()` waits for its content (None when it has none)."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.process = process

    def take(self) -> Any:
        try:
            payload, _ = self.process.communicate(timeout=60)
        except (subprocess.TimeoutExpired, OSError, ValueError):
            self.close()
            return None
        if self.process.returncode != 0 or not payload:
            return None
        try:
            return pickle.loads(payload)
        except Exception:  # a preview is only ever a head start
            return None

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def start_preview(data_dir: Path, today: date) -> Preview | None:
    """Start the preview of `data_dir` on `today`, where a second CPU can run it."""
    if _cpus() < 2:
        return None
    try:
        process = subprocess.Popen(
            # -I: not the current folder first on the module path (a folder named ktv_tui there)
            [sys.executable, "-I", "-m", "ktv_tui.app.preview", os.fspath(data_dir), today.isoformat()],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
    except OSError:
        return None
    return Preview(process)


def main(argv: list[str]) -> int:
    from store.folder import load_folder
    from store.git_safety import check_folder

    from .overview_content import overview_content

    root, today = Path(argv[0]), date.fromisoformat(argv[1])
    check_folder(root)  # the app checked it already; this process runs git in it too
    folder = load_folder(root, today)  # judges dates of birth against `today` itself
    content = overview_content(folder, today, root.name)
    sys.stdout.buffer.write(pickle.dumps(content, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()
    os._exit(0)  # no teardown of the loaded folder: the parent waits for the end of the pipe


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
