"""Setting a data folder up for team work (SPEC §9): the ktv merge driver, `ktv clone`.

`.gitattributes` (committed, so every clone has it) sends every TOML kind (ktv.toml,
vragenlijsten, perioden, meetjaren) to the merge driver named `ktv` and marks PDFs binary;
`.gitignore` keeps concept PDFs local. The data folder may be a sub-folder of a larger
repository: `.gitattributes` then lives in that sub-folder. The command of that driver lives in the
repository's own git config (git never takes commands from a committed file). Someone who
clones with plain git gets git's ordinary text merge, which still works.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .errors import KtvError
from .git_safety import safe_args, safe_env

ATTRIBUTE_LINES = (
    "ktv.toml merge=ktv",
    "vragenlijsten/*.toml merge=ktv",
    "perioden/*.toml merge=ktv",
    "meetjaren/*.toml merge=ktv",
    "*.pdf binary",
)
"""Every TOML kind goes to the field-wise merge; a PDF is never merged or rewritten as text."""
GITATTRIBUTES = (
    "# ktv: elk gegevensbestand samenvoegen per veld (ktv merge-file); PDF's nooit als tekst\n"
    + "\n".join(ATTRIBUTE_LINES)
    + "\n"
)
IGNORE_LINES = ("*-concept.pdf",)
"""Concept PDFs are not shared (a final one is shared only once its submission is recorded)."""
DRIVER_NAME = "ktv: gegevensbestanden per veld samenvoegen"


def driver_command(python: str | None = None) -> str:
    """The driver's shell command: this Python running ktv, else `ktv` on PATH, else git's own.

    The absolute interpreter path works when ktv is not on PATH (a venv that is not active);
    the fallbacks keep a merge working when that venv is gone later: a plain `ktv`, and as a
    last resort git's text merge with conflict markers (never a silent "ours").
    """
    python = shlex.quote(python or sys.executable)
    return (
        f"if [ -x {python} ]; then {python} -m ktv_tui.cli merge-file %O %A %B %P; "
        "elif command -v ktv >/dev/null 2>&1; then ktv merge-file %O %A %B %P; "
        "else git merge-file -L ons -L basis -L hun %A %O %B; fi"
    )


def git_env(*, interactive: bool = False) -> dict[str, str]:
    """git's environment: English messages (we translate), and without a terminal no prompts
    for a password that nobody can type (ssh in batch mode, a time limit on connecting)."""
    env = safe_env(interactive=interactive)  # no pager, editor or hooks of the folder (git_safety)
    env.update({"LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0"})
    if not interactive:
        env["GIT_TERMINAL_PROMPT"] = "0"
        env.setdefault("GIT_SSH_COMMAND", "ssh -o BatchMode=yes -o ConnectTimeout=20")
    return env


@dataclass(frozen=True)
class GitRun:
    code: int
    out: str
    err: str


def git(root: Path, *args: str, input: bytes | None = None, env: dict[str, str] | None = None) -> GitRun:
    """Run git, reading its output as bytes decoded with replacement (no file name can stop it)."""
    try:
        result = subprocess.run(
            ["git", *safe_args(args)],
            cwd=root,
            capture_output=True,
            env=env or git_env(),
            input=input,
            check=False,
            timeout=600,
        )
    except FileNotFoundError:
        return GitRun(127, "", "het programma git is niet gevonden")
    except subprocess.TimeoutExpired:
        return GitRun(124, "", "git reageerde na 10 minuten nog niet")
    return GitRun(
        result.returncode,
        result.stdout.decode("utf-8", "replace"),
        result.stderr.decode("utf-8", "replace"),
    )


def ensure_attributes(root: Path) -> bool:
    """Add the merge lines to `.gitattributes` when missing; True when the file changed."""
    path = root / ".gitattributes"
    try:
        current = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        current = ""
    except (OSError, UnicodeDecodeError):
        return False
    lines = {line.strip() for line in current.splitlines()}
    if all(line in lines for line in ATTRIBUTE_LINES):
        return False
    if not current:
        text = GITATTRIBUTES
    else:
        missing = [line for line in ATTRIBUTE_LINES if line not in lines]
        text = current + ("" if current.endswith("\n") else "\n") + "\n".join(missing) + "\n"
    path.write_text(text, encoding="utf-8")
    return True


def ensure_ignored(root: Path) -> bool:
    """Add the concept-PDF lines to `.gitignore` when missing; True when the file changed."""
    path = root / ".gitignore"
    try:
        current = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        current = ""
    except (OSError, UnicodeDecodeError):
        return False
    lines = {line.strip() for line in current.splitlines()}
    missing = [line for line in IGNORE_LINES if line not in lines]
    if not missing:
        return False
    head = "" if not current else current + ("" if current.endswith("\n") else "\n")
    path.write_text(
        head + "# ktv: concepten worden niet gedeeld\n" + "\n".join(missing) + "\n", encoding="utf-8"
    )
    return True


def configure_driver(root: Path, python: str | None = None) -> None:
    """Register the driver's command in the repository's own git config."""
    git(root, "config", "merge.ktv.name", DRIVER_NAME)
    git(root, "config", "merge.ktv.driver", driver_command(python))


def set_up(root: Path) -> None:
    """`.gitattributes`, `.gitignore` and the driver in the repository's config (init, demo,
    clone, sync)."""
    ensure_attributes(root)
    ensure_ignored(root)
    configure_driver(root)


class CloneFailed(KtvError):
    """git could not clone; the message is Dutch with git's own words."""


def find_data_folder(top: Path, sub: str | None = None, depth: int = 3) -> Path | None:
    """The data folder in a clone: `sub` when given, else the top, else the one sub-folder
    (at most `depth` deep) that holds a ktv.toml."""
    if sub:
        return top / sub if (top / sub / "ktv.toml").is_file() else None
    if (top / "ktv.toml").is_file():
        return top
    found = [p.parent for p in _ktv_tomls(top, depth)]
    return found[0] if len(found) == 1 else None


def _ktv_tomls(top: Path, depth: int) -> list[Path]:
    found: list[Path] = []
    level = [top]
    for _ in range(depth):
        nxt = []
        for folder in level:
            try:
                children = [
                    c for c in folder.iterdir() if c.is_dir() and not c.is_symlink() and c.name != ".git"
                ]
            except OSError:
                continue
            for child in sorted(children):
                if (child / "ktv.toml").is_file():
                    found.append(child / "ktv.toml")
                nxt.append(child)
        level = nxt
    return found


def clone_into(
    source: str, target: Path, sub: str | None = None, *, interactive: bool = False
) -> Path | None:
    """Clone and set up; the data folder (a sub-folder with `--map SUB`), or None without ktv.toml."""
    clone(source, target, interactive=interactive, set_up_top=False)
    data = find_data_folder(target, sub)
    if sub and data is None:
        raise CloneFailed(f"gekloond naar '{target}', maar '{sub}' daarin bevat geen ktv.toml")
    set_up(data or target)
    return data


def clone(source: str, target: Path, *, interactive: bool = False, set_up_top: bool = True) -> bool:
    """Clone a data folder and set it up; True when the clone holds a ktv.toml."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise CloneFailed(f"map '{target}' bestaat al en is niet leeg; kies een nieuwe of lege map")
    target.parent.mkdir(parents=True, exist_ok=True)
    env = git_env(interactive=interactive)
    # From the working directory, so a relative BRON means what the person typed.
    result = git(Path.cwd(), "clone", "--quiet", "--", source, str(target.resolve()), env=env)
    if result.code != 0:
        raise CloneFailed(f"klonen van '{source}' mislukte: {_last_lines(result.err)}")
    if set_up_top:
        set_up(target)
    return (target / "ktv.toml").is_file()


def _last_lines(text: str) -> str:
    from .git_words import with_explanation

    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return with_explanation(" ".join(lines[-2:]), text) if lines else "geen uitleg van git"
