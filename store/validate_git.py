"""The checks that ask git: a period changed since the submitted commit, a submitted commit that
does not exist. Kept apart from `validate.py`, whose checks are pure functions of loaded data."""

from __future__ import annotations

from datetime import date

from .git_batch import (  # one git process (issue 23)
    GitError,
    WorkingTree,
    changed_since,
    commit_exists,
    prefetch,
    show_file,
)
from .line_finder import line_finder
from .paths import shown
from .problems import Problem, error, warning
from .toml_decode import parse_bytes


def git_checks(folder) -> list[Problem]:
    """Every git-dependent check of SPEC §2, in one list (the loader adds them)."""
    from .submission_changes import SETTINGS_FILES, check_submitted_settings

    commits = sorted({n.submitted_commit for n in folder.years.values() if n.submitted_commit})
    if commits:  # every object the checks below ask for, in one round trip to git
        prefetch(
            folder.root,
            [f"{c}{at}" for c in commits for at in ("", ":./perioden", *(f":./{r}" for r in SETTINGS_FILES))],
        )
    return check_submitted_commits(folder) + check_unmerged(folder) + check_submitted_settings(folder)


def check_unmerged(folder) -> list[Problem]:
    """A file git holds as unmerged (`git status` UU): the merge is not finished (issue 19)."""
    from .conflict_text import unmerged_files

    return [
        error(
            shown(rel),
            None,
            "samenvoegconflict niet afgerond (git status: niet samengevoegd); los het op en "
            "leg het vast, of breek het af met `git merge --abort`",
            code="conflictmarkering",
        )
        for rel in unmerged_files(folder.root)
    ]


def check_submitted_commits(folder) -> list[Problem]:
    """A period of a submitted meetjaar that changed since the submitted commit."""

    calendar = folder.calendar
    submitted = {label: n.submitted_commit for label, n in folder.years.items() if n.submitted_commit}
    if calendar is None or not submitted:
        return []
    problems = []
    tree = WorkingTree(folder.root)
    for label, commit in sorted(submitted.items()):
        rel_year = f"meetjaren/{label}.toml"
        try:
            if not commit_exists(folder.root, commit):
                problems.append(
                    warning(
                        rel_year,
                        line_finder(folder)(rel_year, "ingediend_commit"),
                        f"ingediend_commit {commit[:12]} bestaat niet in deze git-map",
                        code="onbekende-commit",
                        path=("ingediend_commit",),
                        params={"commit": commit, "meetjaar": label},
                    )
                )
                continue
            changes = changed_since(folder.root, commit, tree=tree)
        except GitError:
            continue
        for path, status in sorted(changes.items()):
            pid = path.removeprefix("perioden/").removesuffix(".toml")
            now_in_year = folder.period_labels.get(pid) == label
            was_in_year = status in ("M", "D") and _was_in_year(folder, commit, path, label)
            if not (now_in_year or was_in_year):
                continue
            named = _named_changes(folder, commit, path) if status == "M" else None
            if named == []:
                continue  # a comment, a remark, a scan: nothing the submitted numbers hold
            what = "verwijderd" if status == "D" else "gewijzigd" if status == "M" else "toegevoegd"
            target = rel_year if status == "D" else shown(path)  # git gives a name as bytes
            detail = f" ({'; '.join(named)})" if named else ""
            problems.append(
                warning(
                    target,
                    None,
                    (f"{shown(path)} is " if status == "D" else "")
                    + f"{what} sinds de indiening van meetjaar {label} (commit {commit[:12]}){detail}: "
                    "de ingediende cijfers kloppen niet meer met de gegevens",
                    code="gewijzigd-na-indiening",
                    params={
                        "pad": shown(path),
                        "wijziging": what,
                        "meetjaar": label,
                        "commit": commit,
                        "wat": "; ".join(named or []),
                    },
                )
            )
    return problems


def _named_changes(folder, commit: str, path: str) -> list[str] | None:
    """What of the period the numbers depend on changed since `commit` (store/period_number_
    changes.py); None when a version cannot be read (then any change counts)."""
    from .period_number_changes import number_changes

    old = show_file(folder.root, commit, path)
    try:
        new = (folder.root / path).read_bytes()
    except OSError:
        return None
    if old is None:
        return None
    before, _ = parse_bytes(path, old)
    after, _ = parse_bytes(path, new)
    if before is None or after is None:
        return None
    return number_changes(before, after)


def _was_in_year(folder, commit: str, path: str, label: int) -> bool:

    data = show_file(folder.root, commit, path)
    if data is None:
        return False
    raw, _problems = parse_bytes(path, data)  # the old version's own problems are history
    end = raw.get("einde") if raw else None
    return isinstance(end, date) and folder.calendar.label_of(end) == label
