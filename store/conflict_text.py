"""A merge that is not finished, also where `ktv check`'s TOML reading cannot see it (issue 19
item 5): git's markers inside a multi-line text, and an unmerged index.

After a plain `git pull` by someone without ktv, git's text merge can leave its markers inside a
multi-line string (an analyse both offices edited). That is valid TOML, so the text itself would
carry `<<<<<<< HEAD` into the PDF. A marker block (`<<<<<<< `, `=======`, `>>>>>>> ` on lines of
their own, in that order) is therefore an error wherever it stands. A lone `=======` line that a
person wrote as a separator is no conflict. And while `git status` shows a file as unmerged
(`UU`, `AA`, `DU` …) the merge is not done, whatever the file now holds.
"""

from __future__ import annotations

import re
from pathlib import Path

_START = re.compile(r"^<{7}( |$)")
_MIDDLE = re.compile(r"^={7}\s*$")
_BASE = re.compile(r"^\|{7}( |$)")
_END = re.compile(r"^>{7}( |$)")
UNMERGED = frozenset({"DD", "AU", "UD", "UA", "DU", "AA", "UU"})


def marker_block_lines(text: str) -> list[int]:
    """1-based lines of every complete git conflict block (start, base, middle, end markers)."""
    if "<<<<<<<" not in text or ">>>>>>>" not in text:
        return []
    found: list[int] = []
    block: list[int] = []
    middle = False
    from .toml_io import physical_lines

    for number, line in enumerate(physical_lines(text), 1):
        if _START.match(line):
            block, middle = [number], False
        elif block and _BASE.match(line) and not middle:
            block.append(number)
        elif block and _MIDDLE.match(line):
            block.append(number)
            middle = True
        elif block and middle and _END.match(line):
            found += [*block, number]
            block, middle = [], False
    return found


MERGE_STATES = ("MERGE_HEAD", "CHERRY_PICK_HEAD", "REVERT_HEAD", "rebase-merge", "rebase-apply", "AUTO_MERGE")


def unmerged_files(root: Path) -> list[str]:
    """Files of the data folder that git's index holds as unmerged (relative to the folder).

    Only asked of git while git is in the middle of something that leaves unmerged files (a
    merge, rebase, cherry-pick, revert): a plain `ktv check` then runs no `git status`."""
    from .git import GitError, changed_with_status
    from .git_safety import toplevel

    top = toplevel(root)
    if top is None:
        return []
    git_dir = top / ".git"
    if git_dir.is_dir() and not any((git_dir / name).exists() for name in MERGE_STATES):
        return []

    try:
        return [rel for status, rel in changed_with_status(root) if status in UNMERGED]
    except GitError:
        return []
