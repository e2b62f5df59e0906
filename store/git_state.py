"""Whether git is half-way through an operation in the data folder (rebase, cherry-pick, …)."""

from __future__ import annotations

from pathlib import Path

from .git import GitError, run_git

_IN_PROGRESS = (
    (("rebase-merge", "rebase-apply"), "een rebase", "git rebase --continue", "git rebase --abort"),
    (("CHERRY_PICK_HEAD",), "een cherry-pick", "git cherry-pick --continue", "git cherry-pick --abort"),
    (("REVERT_HEAD",), "een revert", "git revert --continue", "git revert --abort"),
    (("BISECT_LOG",), "een bisect", "git bisect reset", "git bisect reset"),
)


def operation_in_progress(root: Path) -> str | None:
    """A Dutch sentence when a rebase, cherry-pick, revert or bisect is half done, else None.
    (Mid-rebase HEAD is detached; saying "losse HEAD" would send a person the wrong way.)"""
    try:
        git_dir = Path(run_git(root, "rev-parse", "--absolute-git-dir", check=False).strip())
    except GitError:
        return None
    if not str(git_dir) or not git_dir.is_dir():
        return None
    for names, what, go_on, stop in _IN_PROGRESS:
        if any((git_dir / name).exists() for name in names):
            return (
                f"er loopt nog {what} in deze map (halverwege gestopt); maak die af met "
                f"`git -C {root} {go_on.removeprefix('git ')}` of breek hem af met "
                f"`git -C {root} {stop.removeprefix('git ')}`, en probeer het dan opnieuw"
            )
    return None
