"""What changed since a recorded submission that changes that meetjaar's numbers or verdict
(issue 19 item 6, SPEC "the edges": `gewijzigd-na-indiening`).

A submitted report states per side the mean, the norm and whether the norm is met. After the
submission (`ingediend_commit` in meetjaren/J.toml) someone can raise the norm in ktv.toml, edit
a questionnaire's scale or questions, or change a period of that meetjaar: the submitted
verdict then silently no longer matches the data. Periods are compared by `validate`
(`check_submitted_commits`); this module compares the settings every meetjaar depends on and
offers `changed_submissions(root, before, after)` for `sync` to name what a colleague changed.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from .model import DEFAULT_NORM, SIDES

ORGANISATION = "ktv.toml"
SETTINGS_FILES = [ORGANISATION] + [f"vragenlijsten/{side}.toml" for side in SIDES]
"""The files every meetjaar's numbers depend on besides its periods."""


@dataclass(frozen=True)
class SubmissionChange:
    """One change since a submission: the meetjaar, the file and, in Dutch, what changed."""

    year: int
    file: str
    what: str


@lru_cache(maxsize=64)
def _table(data: bytes | None) -> dict[str, Any] | None:
    """The parsed file (read only by the callers): ten submitted meetjaren compare mostly the
    same versions of ktv.toml and the questionnaires, each version is parsed once."""
    if data is None:
        return None
    try:
        return tomllib.loads(data.decode("utf-8"), parse_float=Decimal)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError, RecursionError):
        return None


def _norms(table: dict[str, Any] | None) -> dict[str, Any]:
    norm = table.get("norm") if isinstance(table, dict) else None
    norm = norm if isinstance(norm, dict) else {}
    return {side: norm.get(side, DEFAULT_NORM) for side in SIDES}


def _questions(table: dict[str, Any] | None) -> tuple[Any, list[tuple[Any, Any]]]:
    """What of a questionnaire the numbers depend on: the scale and each question's id and scale."""
    if not isinstance(table, dict):
        return None, []
    questions = table.get("vraag") if isinstance(table.get("vraag"), list) else []
    return table.get("schaal"), [(q.get("id"), q.get("schaal")) for q in questions if isinstance(q, dict)]


def _same_number(a: Any, b: Any) -> bool:
    """6.5 and 6.50 are one norm; anything that is no number is compared as written."""
    try:
        return Decimal(str(a)) == Decimal(str(b))
    except ArithmeticError:
        return str(a) == str(b)


def _number(value: Any) -> str:
    return str(value).replace(".", ",")


def setting_changes(old: dict[str, bytes | None], new: dict[str, bytes | None]) -> list[tuple[str, str]]:
    """(file, what changed) between two versions of ktv.toml and the questionnaires
    (rel → bytes, None when absent)."""
    found: list[tuple[str, str]] = []
    if all(old.get(rel) == new.get(rel) for rel in (*old, *new)):
        return found  # the usual case: nothing of the settings changed since the submission
    old_norms, new_norms = _norms(_table(old.get(ORGANISATION))), _norms(_table(new.get(ORGANISATION)))
    for side in SIDES:
        if not _same_number(old_norms[side], new_norms[side]):
            what = f"norm {side} {_number(old_norms[side])} → {_number(new_norms[side])}"
            found.append((ORGANISATION, what))
    for side in SIDES:
        rel = f"vragenlijsten/{side}.toml"
        before, after = _questions(_table(old.get(rel))), _questions(_table(new.get(rel)))
        if before[0] != after[0]:
            found.append((rel, f"de schaal van de vragenlijst {side}"))
        if before[1] != after[1]:
            found.append((rel, f"de vragen van de vragenlijst {side}"))
    return found


def _files_at(root: Path, commit: str | None) -> dict[str, bytes | None]:
    from .git_batch import show_file  # one git process (issue 23)

    rels = SETTINGS_FILES
    if commit is None:
        files: dict[str, bytes | None] = {}
        for rel in rels:
            try:
                files[rel] = (root / rel).read_bytes()
            except OSError:
                files[rel] = None
        return files
    return {rel: show_file(root, commit, rel) for rel in rels}


def changes_since(
    root: Path, commit: str, now: dict[str, bytes | None] | None = None
) -> list[tuple[str, str]]:
    """What changed in the settings between a submitted commit and the folder as it is now
    (`now`: the settings files as read once for several commits)."""
    return setting_changes(_files_at(root, commit), now if now is not None else _files_at(root, None))


def _submitted_years(root: Path, commit: str | None) -> dict[int, str]:
    """Meetjaar → its ingediend_commit, as recorded at `commit` (None: the folder now)."""
    from .git import GitError, run_git, show_file

    years: dict[int, str] = {}
    try:
        if commit is None:
            names = [p.name for p in (root / "meetjaren").glob("*.toml")]
        else:
            names = run_git(root, "ls-tree", "--name-only", f"{commit}:./meetjaren").split()
    except (GitError, OSError):
        return years
    for name in names:
        stem = name.removesuffix(".toml")
        if not (stem.isascii() and stem.isdigit() and len(stem) == 4):
            continue
        rel = f"meetjaren/{name}"
        if commit is None:
            try:
                data: bytes | None = (root / rel).read_bytes()
            except OSError:
                data = None
        else:
            data = show_file(root, commit, rel)
        table = _table(data)
        recorded = table.get("ingediend_commit") if isinstance(table, dict) else None
        if isinstance(recorded, str) and recorded:
            years[int(stem)] = recorded
    return years


def _period_years(root: Path, commit: str | None, rels: list[str]) -> dict[str, set[int]]:
    """The meetjaar (by `einde`) of each period at `commit`, by the calendar of that version."""
    from .calendar import Calendar
    from .git_batch import show_file  # one git process (issue 23)

    organisation = _table(_files_at(root, commit).get(ORGANISATION)) or {}
    recognition = organisation.get("erkenningsdatum")
    labels: dict[str, set[int]] = {rel: set() for rel in rels}
    if not hasattr(recognition, "year") or isinstance(recognition, str):
        return labels
    calendar = Calendar(recognition)
    for rel in rels:
        if commit is None:
            path = root / rel
            data = path.read_bytes() if path.is_file() else None
        else:
            data = show_file(root, commit, rel)
        end = (_table(data) or {}).get("einde")
        if hasattr(end, "year") and not isinstance(end, str):
            label = calendar.label_of(end)
            if label is not None:
                labels[rel].add(label)
    return labels


def changed_submissions(root: Path, before_commit: str, after_commit: str | None) -> list[SubmissionChange]:
    """Every change between two commits (`after_commit` None: the folder now) that touches a
    meetjaar whose submission is recorded: its norm, a questionnaire, or one of its periods.
    For `sync` and the app: "a colleague changed what was submitted for meetjaar 2017"."""
    from .git import GitError, run_git

    submitted = _submitted_years(root, after_commit)
    if not submitted:
        return []
    changes: list[SubmissionChange] = []
    settings = setting_changes(_files_at(root, before_commit), _files_at(root, after_commit))
    for year in sorted(submitted):
        changes += [SubmissionChange(year, rel, what) for rel, what in settings]
    try:
        target = [after_commit] if after_commit else []
        out = run_git(root, "diff", "--name-only", "--no-renames", before_commit, *target, "--", "perioden")
    except GitError:
        return changes
    rels = [line for line in out.splitlines() if line.endswith(".toml")]
    top = run_git(root, "rev-parse", "--show-prefix", check=False).strip()
    rels = [rel[len(top) :] if top and rel.startswith(top) else rel for rel in rels]
    before, after = _period_years(root, before_commit, rels), _period_years(root, after_commit, rels)
    for rel in rels:
        years = sorted((before[rel] | after[rel]) & set(submitted))
        what = _period_change(root, rel, before_commit, after_commit) if years else None
        for year in years if what else []:
            changes.append(SubmissionChange(year, rel, what))
    return changes


def _period_change(root: Path, rel: str, before_commit: str, after_commit: str | None) -> str | None:
    """In Dutch, how a period changed between two commits in what the numbers hold; None when
    nothing of that changed (a comment, a remark, a scan)."""
    from .git_batch import show_file
    from .period_number_changes import number_changes

    old = show_file(root, before_commit, rel)
    if after_commit is None:
        path = root / rel
        new = path.read_bytes() if path.is_file() else None
    else:
        new = show_file(root, after_commit, rel)
    if old is None or new is None:
        return f"periode {rel} {'toegevoegd' if old is None else 'verwijderd'}"
    before, after = _table(old), _table(new)
    if before is None or after is None:
        return f"periode {rel} gewijzigd"
    named = number_changes(before, after)
    return f"periode {rel} gewijzigd ({'; '.join(named)})" if named else None


def check_submitted_settings(folder) -> list:
    """`ktv check`'s warnings: the norm or a questionnaire changed since a recorded submission."""
    from .git_batch import GitError, commit_exists
    from .problems import warning

    problems = []
    now: dict[str, bytes | None] | None = None
    for label, notes in sorted(folder.years.items()):
        commit = notes.submitted_commit
        if not commit:
            continue
        if now is None:
            now = _files_at(folder.root, None)
        try:
            if not commit_exists(folder.root, commit):
                continue  # `onbekende-commit` says so already
            found = changes_since(folder.root, commit, now)
        except GitError:
            continue
        for rel, what in found:
            problems.append(
                warning(
                    rel,
                    None,
                    f"{what} gewijzigd sinds de indiening van meetjaar {label} (commit {commit[:12]}): "
                    "de ingediende cijfers en het oordeel kloppen mogelijk niet meer met de gegevens",
                    code="gewijzigd-na-indiening",
                )
            )
    return problems
