"""`--zoals-ingediend`: rebuild a submitted document exactly as it was sent (SPEC "the edges").

The files of the recorded `ingediend_commit` are read from git into a temporary folder, loaded
like any data folder with the recorded date as "today", and laid out again: with the same ktv
version that gives the same bytes as the PDF UWV received, so the organisation can always show
what it sent, whatever changed in the data since.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path, PurePosixPath

from store.folder import DataFolder, load_folder, year_rel
from store.git import GitError, GitState, commit_exists, run_git, run_git_bytes

from .dutch import long_date

DATA_PARTS = ("ktv.toml", "vragenlijsten", "perioden", "meetjaren")
"""What a document is built from; generated PDFs and scans of that commit are not needed."""


class ReprintRefused(Exception):
    """No reprint: str() is the Dutch reason (the caller turns it into a refusal, exit 2)."""


def recorded_submission(folder: DataFolder, label: int, *, notice: bool) -> tuple[date, str]:
    """The recorded date and data commit of meetjaar `label`'s report (or notice)."""
    notes = folder.years.get(label)
    kind, key = ("melding", "melding_op") if notice else ("rapportage", "ingediend_op")
    sent_on = None if notes is None else (notes.notice_on if notice else notes.submitted_on)
    commit = None if notes is None else notes.submitted_commit
    if sent_on is None or not commit:
        raise ReprintRefused(
            f"--zoals-ingediend geweigerd: voor meetjaar {label} is geen ingediende {kind} vastgelegd "
            f"({key} en ingediend_commit in {year_rel(label)}). Alleen een met --ingediend vastgelegde "
            "indiening kan opnieuw worden gemaakt zoals ze is verstuurd."
        )
    try:
        known = commit_exists(folder.root, commit)
    except GitError:
        known = False
    if not known:
        raise ReprintRefused(
            f"--zoals-ingediend geweigerd: de vastgelegde gegevensversie {commit[:12]} van de {kind} "
            f"van {long_date(sent_on)} staat niet in deze gegevensmap (geen git-map, of de geschiedenis "
            "ontbreekt)."
        )
    return sent_on, commit


def _tree_entries(root: Path, commit: str) -> list[tuple[str, str]]:
    """(object, path) of every regular file of the data folder at `commit`, relative to it."""
    out = run_git_bytes(root, "ls-tree", "-r", "-z", "--full-tree", f"{commit}:./")
    entries = []
    for record in out.split(b"\0"):
        if not record:
            continue
        meta, _, raw_path = record.partition(b"\t")
        mode, kind, obj = meta.decode("ascii").split()
        path = raw_path.decode("utf-8", errors="surrogateescape")
        if kind != "blob" or mode not in ("100644", "100755"):
            continue  # links and submodules are never data
        parts = PurePosixPath(path).parts
        if parts and parts[0] in DATA_PARTS and ".." not in parts:
            entries.append((obj, path))
    return entries


def _export(root: Path, commit: str, target: Path) -> None:
    """Write the data files of `commit` under `target`, in one `git cat-file --batch` call."""
    entries = _tree_entries(root, commit)
    if not entries:
        return
    out = run_git_bytes(root, "cat-file", "--batch", input="".join(f"{obj}\n" for obj, _ in entries))
    offset = 0
    for _obj, path in entries:
        header_end = out.index(b"\n", offset)
        size = int(out[offset:header_end].split()[2])
        start = header_end + 1
        destination = target / path
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(out[start : start + size])
        offset = start + size + 1


class _Rebuilt:
    """A temporary folder holding the data of one commit; removed afterwards."""

    def __init__(self, folder: DataFolder, commit: str, sent_on: date) -> None:
        self.source, self.commit, self.sent_on = folder, commit, sent_on
        self._tmp = tempfile.TemporaryDirectory(prefix="ktv-zoals-ingediend-")

    def __enter__(self) -> DataFolder:
        root = Path(self._tmp.name)
        try:
            _export(self.source.root, self.commit, root)
        except (GitError, OSError, ValueError, IndexError) as exc:
            self._tmp.cleanup()
            raise ReprintRefused(
                f"--zoals-ingediend: de gegevens van {self.commit[:12]} zijn niet te lezen ({exc})"
            ) from exc
        rebuilt = load_folder(root, self.sent_on, with_git=False)
        rebuilt.git_root = self.source.root  # the data version's date is read from the real history
        return rebuilt

    def __exit__(self, *_exc) -> None:
        self._tmp.cleanup()


def rebuilt_folder(folder: DataFolder, commit: str, sent_on: date) -> _Rebuilt:
    """`with rebuilt_folder(...) as old:` the data folder as it was at `commit`."""
    return _Rebuilt(folder, commit, sent_on)


def submitted_state(folder: DataFolder, commit: str) -> GitState:
    """The git state the submission was made in: exactly that commit, nothing uncommitted."""
    try:
        branch = run_git(folder.root, "rev-parse", "--abbrev-ref", "HEAD", check=False).strip() or None
    except GitError:
        branch = None
    return replace(GitState(is_repo=True), branch=branch, head=commit)
