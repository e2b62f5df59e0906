"""Suite-wide set-up: every test runs as on a fresh machine, whoever runs the suite.

The suite must pass for a new user on a new machine (no global git identity, no git config,
another locale, `KTV_DATA` set in their shell) and must never read or write that user's own
files. So before any test module is imported this file points HOME, git's global and system
configuration, the XDG folders and the locale at fresh, empty or fixed values:

- HOME and XDG_CONFIG_HOME/XDG_CACHE_HOME/XDG_DATA_HOME are new temporary folders (drafts of
  folders without git go to the cache folder, so they land there too);
- git reads no system configuration and, as global configuration, a file of its own holding
  only a test identity (the branch name stays git's own default); a test that needs "no identity" points
  GIT_CONFIG_GLOBAL at an empty file (tests/cli/test_cli_team.py, tests/tui/test_week.py);
- `KTV_DATA`, `GIT_DIR` and friends from the caller's shell are removed;
- the locale is C.UTF-8 and the time zone UTC (colour stays as the caller has it: the
  snapshots of tests/tui are drawn in colour, and the CLI tests set NO_COLOR themselves).

Being a conftest at the top of tests/, it also puts tests/ on `sys.path` (pytest's
rootdir-relative import mode), so shared tables such as `hostile_inputs.py` import by name.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

TEST_IDENTITY = ("Test", "test@example.invalid")

_INHERITED = (
    "KTV_DATA",
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_CEILING_DIRECTORIES",
    "GIT_AUTHOR_NAME",
    "GIT_AUTHOR_EMAIL",
    "GIT_AUTHOR_DATE",
    "GIT_COMMITTER_NAME",
    "GIT_COMMITTER_EMAIL",
    "GIT_COMMITTER_DATE",
    "EMAIL",
    "GIT_SSH_COMMAND",
    "GIT_PAGER",
    "PAGER",
    "LANGUAGE",
    "LC_ALL",
)


def _isolate_environment() -> None:
    home = Path(tempfile.mkdtemp(prefix="ktv-test-home-"))
    for name in ("config", "cache", "data"):
        (home / f".{name}").mkdir()
    gitconfig = home / ".gitconfig"
    gitconfig.write_text(
        f"[user]\n\tname = {TEST_IDENTITY[0]}\n\temail = {TEST_IDENTITY[1]}\n",
        encoding="utf-8",
    )
    for name in _INHERITED:
        os.environ.pop(name, None)
    os.environ.update(
        {
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "XDG_DATA_HOME": str(home / ".data"),
            "GIT_CONFIG_GLOBAL": str(gitconfig),
            "GIT_CONFIG_NOSYSTEM": "1",
            "LANG": "C.UTF-8",
            "TZ": "UTC",
        }
    )


_isolate_environment()
