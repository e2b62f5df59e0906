"""SPEC §8: a crash at any moment of a save leaves the old or the new file, never half of one.

A child process saves periods in a loop through the real `save_period` and says, before every
save, which version it is about to write. It is killed with SIGKILL at random moments (half of
the kills aimed at the moments right after a save began), then a fresh child carries on from
what is on disk. After every kill each file must be byte for byte the version it was before or
the version being written, and the folder must load without a problem: temporary files a kill
leaves behind are ignored by the loader and cleaned later.

The same for `ktv fmt` (the real command, as a subprocess) killed while it rewrites files.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path

from reliability_support import TODAY, ktv_command, ktv_env, make_period

from store.canonical import period_text
from store.fmt import format_folder
from store.folder import load_folder, load_text, period_rel
from store.model import Period
from store.save import save_period
from store.toml_io import TEMP_SUFFIX, ChangedOnDisk, clean_stale_temp_files, digest

KILLS = 240
IDS = ("2016-06-01-aaaaa", "2016-07-01-bbbbb", "2016-08-01-ccccc")
REMARK_SIZES = (None, 200, 10_000, 100_000)
"""Sizes of the remark in the versions a child writes; large files make a write take longer."""


def _remark(size: int | None, n: int) -> str | None:
    if size is None:
        return None
    line = f"Versie {n}: gesprek met werkgever over taken en begeleiding.\n"
    return (line * (size // len(line) + 1))[:size]


def _versions() -> dict[str, list[Period]]:
    """Per period the versions a child may write, each a valid period."""
    versions = {}
    for k, pid in enumerate(IDS):
        versions[pid] = [
            make_period(pid, 10 * k + n, remark=_remark(size, n), grade=grade)
            for n, (size, grade) in enumerate(
                (size, grade) for size in REMARK_SIZES for grade in ("6.0", "8.5")
            )
        ]
    return versions


def _child(root: Path, versions: dict[str, list[Period]], write_fd: int, seed: int) -> None:
    """The saving loop; runs in a forked process until it is killed. Never returns."""
    code = 1
    try:
        rng = random.Random(seed)
        out = os.fdopen(write_fd, "w", buffering=1)
        expected = {}
        for pid in IDS:  # a fresh session: what is on disk now is what it replaces
            _, problems, expected[pid] = load_text(root, period_rel(pid))
            assert not problems, problems
        out.write("ready\n")
        while True:
            pid = rng.choice(IDS)
            index = rng.randrange(len(versions[pid]))
            out.write(f"write {pid} {index}\n")
            try:
                saved = save_period(root, versions[pid][index], expected[pid])
            except ChangedOnDisk as exc:
                out.write(f"refused {exc}\n")
                code = 3
                return
            expected[pid] = saved.digest
            out.write(f"saved {pid}\n")
    finally:
        os._exit(code)


def _temp_files(root: Path) -> list[Path]:
    return sorted((root / "perioden").glob(f".*{TEMP_SUFFIX}"))


def _busy_wait(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def test_save_loop_killed_at_random_moments_leaves_old_or_new(fast_root: Path) -> None:
    root = fast_root
    versions = _versions()
    texts = {pid: [period_text(v).encode() for v in vs] for pid, vs in versions.items()}
    digests = {pid: [digest(t) for t in ts] for pid, ts in texts.items()}
    for pid in IDS:
        for text in texts[pid]:  # every version is a valid file: "equals a version" means "parses"
            (root / period_rel(pid)).write_bytes(text)
            folder = load_folder(root, TODAY, with_git=False)
            assert not folder.problems, folder.problems
            assert folder.periods[pid] == versions[pid][texts[pid].index(text)]
        (root / period_rel(pid)).write_bytes(texts[pid][0])

    on_disk = {pid: 0 for pid in IDS}
    rng = random.Random(20170512)
    stats = {"kills": 0, "mid_save": 0, "old_kept": 0, "new_landed": 0, "saves": 0, "temp_seen": 0}
    for round_no in range(KILLS):
        read_fd, write_fd = os.pipe()
        pid_child = os.fork()
        if pid_child == 0:  # pragma: no cover - the child never returns
            os.close(read_fd)
            _child(root, versions, write_fd, seed=round_no)
        os.close(write_fd)
        lines: list[str] = []
        with os.fdopen(read_fd, "r") as reader:
            assert reader.readline() == "ready\n"
            if round_no % 2 == 0:
                # anywhere: somewhere in the next few saves
                time.sleep(rng.uniform(0, 0.03))
            else:
                # aimed: just after the n-th save began (lock, digest check, temp write, rename)
                wanted = 1 if round_no % 4 == 1 else 2
                while wanted:
                    line = reader.readline()
                    lines.append(line)
                    wanted -= line.startswith("write ")
                    assert line, "child ended early"
                _busy_wait(rng.uniform(0, 0.0015))
            os.kill(pid_child, signal.SIGKILL)
            lines += reader.read().splitlines(keepends=True)
        _, status = os.waitpid(pid_child, 0)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (status, lines)
        assert not any(line.startswith("refused") for line in lines), lines
        stats["kills"] += 1

        pending: dict[str, int] = {}
        for line in lines:
            words = line.split()
            if words[0] == "write":
                pending[words[1]] = int(words[2])
            elif words[0] == "saved":
                on_disk[words[1]] = pending.pop(words[1])
                stats["saves"] += 1

        for pid in IDS:
            data = (root / period_rel(pid)).read_bytes()
            allowed = {digests[pid][on_disk[pid]]}
            if pid in pending:
                allowed.add(digests[pid][pending[pid]])
            assert digest(data) in allowed, (
                f"kill {round_no}: {pid} is neither the old nor the new version "
                f"({len(data)} bytes, old {len(texts[pid][on_disk[pid]])})"
            )
            if pid in pending:
                stats["mid_save"] += 1
                if digest(data) == digests[pid][pending[pid]] and pending[pid] != on_disk[pid]:
                    stats["new_landed"] += 1
                    on_disk[pid] = pending[pid]
                elif pending[pid] != on_disk[pid]:
                    stats["old_kept"] += 1

        temps = _temp_files(root)
        stats["temp_seen"] = max(stats["temp_seen"], len(temps))
        folder = load_folder(root, TODAY, with_git=False)
        assert not folder.problems, (round_no, folder.problems)
        assert set(folder.periods) == set(IDS)
        assert set(folder.digests) == {
            "ktv.toml",
            "vragenlijsten/werknemer.toml",
            "vragenlijsten/werkgever.toml",
            *(period_rel(pid) for pid in IDS),
        }, "a temporary file was taken for a data file"

    print(f"\ncrash test: {stats}")
    assert stats["kills"] >= 200
    assert stats["mid_save"] >= 60, stats  # the kills really did land inside saves
    assert stats["saves"] >= 100, stats  # new versions did land, many times

    # Leftover temporary files: ignored above; once old they are cleaned (as `ktv fmt` does).
    leftovers = _temp_files(root)
    for temp in leftovers:
        os.utime(temp, (time.time() - 3600, time.time() - 3600))
    format_folder(load_folder(root, TODAY, with_git=False), write=True)
    assert _temp_files(root) == []
    assert clean_stale_temp_files(root / "perioden") == []


# --- ktv fmt killed mid-run ---------------------------------------------------------------------

FMT_PERIODS = 30
FMT_LARGE = 4
"""The first files fmt rewrites are large, so a kill can land inside one write."""
FMT_KILLS = 16


def _hand_written(n: int) -> bytes:
    """A valid period as a person types it: keys in another order, comments, an integer cijfer."""
    remark = f'opmerking = """\n{_remark(100_000, n)}"""\n' if n < FMT_LARGE else ""
    text = (
        f"# periode {n}, ingevoerd met de hand\n"
        f"begin = 2016-06-{1 + n % 28:02d}\n"
        f"einde = 2017-03-{1 + n % 28:02d}\n"
        f'werkgever = "WG-{n % 7:03d}"\n'
        f'werknemer = "WN-{n:03d}"\n'
        f"{remark}"
        "schema = 1\n\n"
        "[beoordeling.werknemer]\n"
        f"cijfer = {6 + n % 4}\n"
        "ontvangen = 2017-04-02\n"
    )
    return text.encode()


def _state(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Each entry's inode, modification time and size: any write or rename changes it."""
    state = {}
    with os.scandir(folder) as entries:
        for entry in entries:
            try:
                st = entry.stat(follow_symlinks=False)
            except FileNotFoundError:  # a temporary file renamed away meanwhile
                st = None
            state[entry.name] = (entry.inode(), st.st_mtime_ns, st.st_size) if st else (0, 0, 0)
    return state


def test_ktv_fmt_killed_mid_run_leaves_each_file_old_or_canonical(fast_root: Path) -> None:
    root = fast_root
    ids = [f"2016-06-{1 + n % 28:02d}-f{n:04d}" for n in range(FMT_PERIODS)]
    originals = {period_rel(pid): _hand_written(n) for n, pid in enumerate(ids)}

    def restore() -> None:
        for rel, data in originals.items():
            (root / rel).write_bytes(data)

    restore()
    folder = load_folder(root, TODAY, with_git=False)
    assert not folder.errors, folder.errors
    # One full run (not killed) tells the canonical form of every file and how long writing takes.
    before = _state(root / "perioden")
    child = subprocess.Popen(ktv_command("--data", root, "fmt"), env=ktv_env(), stdout=subprocess.DEVNULL)
    while _state(root / "perioden") == before and child.poll() is None:
        time.sleep(0.0005)
    started = time.perf_counter()
    assert child.wait() == 0
    write_phase = time.perf_counter() - started
    canonical = {rel: (root / rel).read_bytes() for rel in originals}
    assert all(canonical[rel] != originals[rel] for rel in originals)

    rng = random.Random(42)
    partial_runs = 0
    for round_no in range(FMT_KILLS):
        restore()
        before = _state(root / "perioden")
        child = subprocess.Popen(
            ktv_command("--data", root, "fmt"),
            env=ktv_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.perf_counter() + 60
        while _state(root / "perioden") == before and child.poll() is None:
            assert time.perf_counter() < deadline, "ktv fmt never started writing"
        # Writing has begun. Aimed kills: at once, inside the first (large) file's save; the others
        # anywhere in the rest of the run. Until the kill this test also reads every file that
        # changes, as the app does when a file changes on disk: a reader too sees whole files only.
        kill_at = time.perf_counter() + (rng.uniform(0, write_phase) if round_no % 2 else 0)
        while time.perf_counter() < kill_at and child.poll() is None:
            now = _state(root / "perioden")
            for name in now:
                if now[name] != before.get(name) and not name.startswith("."):
                    seen = (root / "perioden" / name).read_bytes()
                    assert seen in (originals[f"perioden/{name}"], canonical[f"perioden/{name}"]), (
                        f"kill {round_no}: {name} was seen half written during the run"
                    )
            before = now
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert b"Traceback" not in child.stderr.read()
        child.stderr.close()

        rewritten = 0
        for rel in originals:
            data = (root / rel).read_bytes()
            assert data in (originals[rel], canonical[rel]), f"kill {round_no}: {rel} is half written"
            rewritten += data == canonical[rel]
        partial_runs += rewritten < len(originals)
        folder = load_folder(root, TODAY, with_git=False)
        assert not folder.errors, folder.errors
        assert len(folder.periods) == FMT_PERIODS
        assert not any(TEMP_SUFFIX in rel for rel in folder.digests)

    print(f"\nfmt crash test: {FMT_KILLS} kills, {partial_runs} before the rewriting was complete")
    assert partial_runs >= FMT_KILLS // 2

    # A run after the kills finishes the job and leaves every file canonical.
    done = subprocess.run(ktv_command("--data", root, "fmt"), env=ktv_env(), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert {rel: (root / rel).read_bytes() for rel in originals} == canonical
    check = subprocess.run(
        ktv_command("--data", root, "fmt", "--check"), env=ktv_env(), capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout
