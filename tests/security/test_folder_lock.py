"""Issue 19 item 4: one writer at a time per data folder; a second waits ≈2 s, then is refused
(exit 2) naming the other process; a stale lock of a dead process is taken over."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from cli.seed_folder import run_ktv

from store.lock import FolderLocked, folder_lock, lock_path

from .helpers import TODAY

ROWS = 300


def _sheet(tmp_path: Path) -> Path:
    path = tmp_path / "rijen.csv"
    lines = ["werknemer;werkgever;begin;einde"]
    lines += [f"WN-{i:03d};WG-{i % 7:03d};2016-06-01;2016-12-01" for i in range(ROWS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_two_imports_at_once_add_each_row_once(seed, tmp_path):
    sheet = _sheet(tmp_path)
    before = len(list((seed / "perioden").glob("*.toml")))
    args = ("--data", str(seed), "import", str(sheet), "--toepassen", "--today", TODAY)
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda _: run_ktv(*args, cwd=tmp_path), range(2)))
    assert sorted(r.returncode for r in results)[0] == 0, [r.stderr for r in results]
    for result in results:
        assert result.returncode in (0, 2), result.stderr
        if result.returncode == 2:
            assert "bezig" in result.stderr and "pid" in result.stderr
    assert len(list((seed / "perioden").glob("*.toml"))) == before + ROWS


def _holder_process(root: Path) -> subprocess.Popen:
    """Another process that holds the folder's lock until its stdin closes."""
    code = (
        "import sys; from pathlib import Path; from store.lock import folder_lock\n"
        f"with folder_lock(Path({str(root)!r}), 'ktv import --toepassen'):\n"
        "    print('vast', flush=True); sys.stdin.read()\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "vast"
    return proc


@pytest.mark.parametrize(
    "args",
    [
        ["fmt"],
        ["import", "RIJEN", "--toepassen"],
        ["sync"],
        ["report", "--jaar", "2017", "--ingediend"],
    ],
    ids=lambda a: " ".join(a),
)
def test_a_held_lock_refuses_a_second_writer(seed, tmp_path, args):
    sheet = _sheet(tmp_path)
    args = [str(sheet) if a == "RIJEN" else a for a in args]
    holder = _holder_process(seed)
    try:
        started = time.monotonic()
        result = run_ktv("--data", str(seed), *args, "--today", TODAY, cwd=tmp_path)
        waited = time.monotonic() - started
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "bezig" in result.stderr and f"pid {holder.pid}" in result.stderr
    assert "ktv import --toepassen" in result.stderr
    assert waited >= 1.5
    assert not list((seed / "perioden").glob("*WN-2*")) and len(list((seed / "perioden").glob("*.toml"))) == 5


def test_readers_do_not_wait(seed, tmp_path):
    holder = _holder_process(seed)
    try:
        started = time.monotonic()
        run_ktv("--data", str(seed), "check", "--today", TODAY, cwd=tmp_path, check_rc=0)
        run_ktv("--data", str(seed), "fmt", "--check", "--today", TODAY, cwd=tmp_path, check_rc=0)
        assert time.monotonic() - started < 8
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


def test_a_stale_lock_of_a_dead_process_is_taken_over(seed, tmp_path):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    path = lock_path(seed)
    path.write_text(
        json.dumps({"pid": int(dead.stdout), "host": "x", "opdracht": "ktv fmt"}), encoding="utf-8"
    )
    run_ktv("--data", str(seed), "fmt", "--today", TODAY, cwd=tmp_path, check_rc=0)
    assert path == seed / ".git" / "ktv.lock"


def test_the_app_s_save_is_refused_while_another_writes(seed):
    """The app's save (store.save) takes the same lock; the refusal is an OSError with a Dutch
    message, so the screens' existing "Niet opgeslagen: …" shows it."""
    from store.folder import load_folder
    from store.save import save_period

    folder = load_folder(seed, __import__("datetime").date(2017, 6, 10))
    period = folder.periods["2016-02-12-aaaaa"]
    digest = folder.digests["perioden/2016-02-12-aaaaa.toml"]
    holder = _holder_process(seed)
    try:
        with pytest.raises(FolderLocked) as caught:
            save_period(seed, period, digest)
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    assert isinstance(caught.value, OSError) and "bezig" in str(caught.value)
    save_period(seed, period, digest)  # free again


def test_the_lock_is_reentrant_in_one_process(seed):
    with folder_lock(seed, "ktv sync"):
        with folder_lock(seed, "ktv sync"):
            assert json.loads(lock_path(seed).read_text(encoding="utf-8"))["pid"] == os.getpid()


def test_the_app_s_sync_and_commit_are_refused_while_another_writes(seed):
    from store.git import GitError, commit_all
    from store.sync import SyncRefused, sync

    (seed / "perioden" / "2016-02-12-aaaaa.toml").write_text(
        (seed / "perioden" / "2016-02-12-aaaaa.toml").read_text(encoding="utf-8") + "# x\n", encoding="utf-8"
    )
    holder = _holder_process(seed)
    try:
        with pytest.raises(SyncRefused, match="bezig"):
            sync(seed)
        with pytest.raises(GitError, match="bezig"):
            commit_all(seed, "vastleggen")
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    commit_all(seed, "vastleggen")  # free again
