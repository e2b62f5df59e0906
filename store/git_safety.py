"""A data folder that cannot run its giver's programs (SPEC "the edges", Safety).

A data folder is copied, cloned and handed around. Its own `.git/config` (and the files that
config includes) and its `.gitattributes` can name programs that git starts by itself: a
`core.fsmonitor` script runs on every `git status`, a `filter.x.clean` on every `git add`, a
hook on every commit. ktv therefore

- runs every git command with `SAFE_CONFIG` (hooks and fsmonitor off, no pager, no editor) and
  `safe_env()` (no prompts), and with `--no-textconv --no-ext-diff` where git would diff;
- refuses (exit 2) a folder whose own configuration or attributes name a program other than
  ktv's own merge driver, naming the setting and how to remove it (`unsafe_settings`,
  `check_folder`). The user's own global and system configuration stay trusted.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .errors import KtvError

SAFE_CONFIG: tuple[str, ...] = (
    "-c",
    "core.hooksPath=/dev/null",
    "-c",
    "core.fsmonitor=false",
    "-c",
    "core.pager=cat",
    "-c",
    "core.editor=true",
    "-c",
    "sequence.editor=true",
    "-c",
    "protocol.ext.allow=never",
)
"""Options before every git subcommand ktv runs: none of these start a program of the folder."""

DIFF_COMMANDS = frozenset({"diff", "log", "show", "whatchanged", "diff-tree", "diff-index", "diff-files"})
NO_CONVERSION = ("--no-textconv", "--no-ext-diff")


def safe_args(args: tuple[str, ...] | list[str]) -> list[str]:
    """`git ARGS` as ktv runs it: the safe options first, and for a command that diffs no
    textconv and no external diff program."""
    args = list(args)
    if args and args[0] in DIFF_COMMANDS:
        args = [args[0], *NO_CONVERSION, *args[1:]]
    return ["--no-pager", *SAFE_CONFIG, *args]


def safe_env(env: dict[str, str] | None = None, *, interactive: bool = False) -> dict[str, str]:
    """git's environment without a pager or an editor, and without prompts when nobody can answer."""
    env = dict(os.environ if env is None else env)
    env.update({"GIT_PAGER": "cat", "GIT_EDITOR": "true", "GIT_SEQUENCE_EDITOR": "true"})
    for name in ("GIT_EXTERNAL_DIFF", "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        env.pop(name, None)
    if not interactive:
        env["GIT_TERMINAL_PROMPT"] = "0"
    return env


@dataclass(frozen=True)
class UnsafeSetting:
    """One setting of the folder's own git configuration or attributes that names a program."""

    key: str
    value: str
    origin: str
    """Where it is written: `.git/config`, an included file, `.gitattributes` (with line)."""
    remedy: str
    """The command or edit that removes it."""

    def message(self) -> str:
        from .visible import visible

        if self.remedy.startswith("haal "):
            what = f"het git-attribuut {visible(self.key)}={visible(self.value)} in {visible(self.origin)}"
        else:
            what = f"de git-instelling {visible(self.key)} = {visible(self.value)} in {visible(self.origin)}"
        return f"{what} laat git een programma starten; verwijder die met: {visible(self.remedy)}"


class UnsafeFolder(KtvError):
    """The folder's own git configuration names a program: ktv refuses to work in it."""


# Keys whose value is a program (last part of the name, lower case as git lists it).
_PROGRAM_NAMES = frozenset(
    {
        "fsmonitor",
        "hookspath",
        "sshcommand",
        "pager",
        "editor",
        "askpass",
        "gitproxy",
        "textconv",
        "command",
        "cmd",
        "driver",
        "clean",
        "smudge",
        "process",
        "helper",
        "program",
        "external",
        "tool",
        "uploadpack",
        "receivepack",
        "packobjectshook",
        "alternaterefscommand",
        "difffilter",
        "attributesfile",
        "fsmonitorhookversion",
        "browser",
        "path",
    }
)
_PROGRAM_SECTIONS = frozenset({"filter", "pager", "credential", "difftool", "mergetool", "browser", "gpg"})
_FALSE = frozenset({"false", "no", "off", "0", ""})
_DRIVER = re.compile(
    r"if \[ -x (?P<py>'[^']*'|\S+) \]; then (?P=py) -m ktv_tui\.cli merge-file %O %A %B %P; "
    r"elif command -v ktv >/dev/null 2>&1; then ktv merge-file %O %A %B %P; "
    r"else git merge-file -L ons -L basis -L hun %A %O %B; fi"
)


def _is_ktv_driver(value: str) -> bool:
    """ktv's own merge driver (`team.driver_command`), for whichever Python a clone uses."""
    match = _DRIVER.fullmatch(value.strip())
    if match is None:
        return False
    python = match.group("py").strip("'")
    return re.fullmatch(r"python3?(\.\d+)?", os.path.basename(python)) is not None


def _names_program(key: str, value: str) -> bool:
    parts = key.split(".")
    section, last = parts[0], parts[-1]
    if key == "merge.ktv.driver":
        return not _is_ktv_driver(value)
    if key == "merge.ktv.name" or key == "include.path" or key.startswith("includeif."):
        return False
    if section == "alias":
        return value.lstrip().startswith("!")
    if section == "submodule" and last == "update":
        return value.lstrip().startswith("!")
    if section == "protocol" and last == "allow":
        return key in ("protocol.ext.allow", "protocol.allow") and value.strip().lower() == "always"
    if (section == "pager" or last == "pager") and value.strip().lower() in _FALSE | {
        "true",
        "yes",
        "on",
        "1",
    }:
        return False  # `pager.log = false`: only whether a pager is used
    if key == "core.fsmonitor":
        return value.strip().lower() not in _FALSE | {"true", "yes", "on", "1"}
    if key == "core.fsmonitorhookversion" or (section == "remote" and last == "vcs"):
        return False
    if section in _PROGRAM_SECTIONS:
        return section != "gpg" or last == "program"
    if last == "path" and section not in ("mergetool", "difftool"):
        return False
    if last == "tool" and section not in ("diff", "merge"):
        return False
    return last in _PROGRAM_NAMES and value.strip() != ""


_CASE = {
    name.lower(): name
    for name in (
        "hooksPath sshCommand gitProxy askPass attributesFile fsmonitorHookVersion uploadpack "
        "receivepack packObjectsHook alternateRefsCommand diffFilter fsmonitor textconv"
    ).split()
}


def _as_written(key: str) -> str:
    """git lists names in lower case; show them as the documentation writes them
    (`core.hooksPath`). Sections and names are case-insensitive for `git config --unset`."""
    parts = key.split(".")
    parts[-1] = _CASE.get(parts[-1], parts[-1])
    return ".".join(parts)


def _remedy(root: Path, key: str, origin: str) -> str:
    where = str(root)
    if origin in (".git/config", ".git/config.worktree") or origin.endswith("/config"):
        return f"git -C {where} config --unset {key}"
    return f"git config --file {origin} --unset {key}"


def _config_entries(root: Path) -> list[tuple[str, str, str, str]]:
    """(scope, origin, key, value) of every configuration entry git reads in `root`."""
    if shutil.which("git") is None:
        return []
    try:
        result = subprocess.run(
            ["git", "--no-pager", "config", "--list", "--show-scope", "--show-origin", "--includes", "-z"],
            cwd=root,
            capture_output=True,
            env=safe_env(),
            check=False,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired):
        return []
    fields = result.stdout.decode("utf-8", "replace").split("\0")
    entries = []
    for scope, origin, item in zip(fields[0::3], fields[1::3], fields[2::3], strict=False):
        key, _, value = item.partition("\n")
        entries.append((scope, origin.removeprefix("file:"), key.lower(), value))
    return entries


def _config_settings(root: Path) -> list[UnsafeSetting]:
    found = []
    for scope, origin, key, value in _config_entries(root):
        if scope not in ("local", "worktree"):
            continue  # the user's own global and system configuration stay trusted
        if _names_program(key, value):
            key = _as_written(key)
            found.append(UnsafeSetting(key, value, origin, _remedy(root, key, origin)))
    return found


_BUILTIN_DIFF = frozenset(
    "ada bash bibtex cpp csharp css dts elixir fortran fountain golang html java kotlin markdown "
    "matlab objc pascal perl php python ruby rust scheme tex".split()
)
_BUILTIN_MERGE = frozenset({"text", "binary", "union", "ktv"})
_ATTRIBUTE = re.compile(r"^(?P<neg>[-!]?)(?P<name>[A-Za-z0-9_.-]+)(?:=(?P<value>\S*))?$")


def _attribute_problem(token: str) -> str | None:
    match = _ATTRIBUTE.match(token)
    if match is None or match.group("neg") or match.group("value") is None:
        return None  # `-diff`, `binary`, `!filter`: nothing is run
    name, value = match.group("name").lower(), match.group("value")
    if name == "filter":
        return token
    if name == "diff" and value not in _BUILTIN_DIFF:
        return token
    if name == "merge" and value not in _BUILTIN_MERGE:
        return token
    return None


def _attribute_files(root: Path, top: Path | None) -> list[Path]:
    """Every `.gitattributes` that applies to the data folder: those inside it (any folder),
    those of its parent folders up to the repository's top, and `.git/info/attributes`."""
    files: list[Path] = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d != ".git"]
        if ".gitattributes" in names:
            files.append(Path(folder) / ".gitattributes")
    if top is not None:
        here = Path(os.path.abspath(root))
        top = Path(os.path.abspath(top))
        while here != top and top in here.parents:
            here = here.parent
            if (here / ".gitattributes").is_file():
                files.append(here / ".gitattributes")
        info = top / ".git" / "info" / "attributes"
        if info.is_file():
            files.append(info)
    return files


def _attribute_settings(root: Path, top: Path | None) -> list[UnsafeSetting]:
    found = []
    for path in _attribute_files(root, top):
        try:
            text = path.read_bytes()[:1_000_000].decode("utf-8", "replace")
        except OSError:
            continue
        rel = os.path.relpath(path, root)
        for number, line in enumerate(text.splitlines(), 1):
            if line.lstrip().startswith("#"):
                continue
            for token in line.split()[1:]:
                bad = _attribute_problem(token)
                if bad:
                    found.append(
                        UnsafeSetting(
                            bad.split("=")[0],
                            bad.split("=", 1)[1],
                            f"{rel}:{number}",
                            f"haal '{bad}' weg uit {rel} (regel {number})",
                        )
                    )
    return found


_TOPLEVELS: dict[str, Path] = {}
"""Repository top per data folder, once per process (issue 23: at most 3 git processes per
command). Only found tops are kept: `ktv init` or `clone` may make a repository later."""


def toplevel(root: Path) -> Path | None:
    """The top of the repository that holds `root`, or None outside one."""
    key = str(Path(root).resolve())
    top = _TOPLEVELS.get(key)
    if top is None:
        top = _toplevel(root)
        if top is not None:
            _TOPLEVELS[key] = top
    return top


def _toplevel(root: Path) -> Path | None:
    try:
        result = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=root,
            capture_output=True,
            env=safe_env(),
            check=False,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    out = result.stdout.decode("utf-8", "surrogateescape").strip()
    return Path(out) if result.returncode == 0 and out else None


def unsafe_settings(root: Path) -> list[UnsafeSetting]:
    """Every setting of the folder's own git configuration or attributes that names a program."""
    if shutil.which("git") is None:
        return []
    top = toplevel(root)
    found = _config_settings(root) if top is not None else []
    return found + _attribute_settings(root, top)


_checked: set[str] = set()


def check_folder(root: Path) -> None:
    """Refuse (UnsafeFolder) a data folder that would make git run a program it names itself.
    Called where the command line and the app open the data folder; once per process."""
    key = os.fspath(root)
    if key in _checked:
        return
    found = unsafe_settings(root)
    if found:
        lines = "\n".join(f"  - {setting.message()}" for setting in found)
        from .visible import visible

        raise UnsafeFolder(
            f"geweigerd: de gegevensmap {visible(key)} noemt in haar eigen git-instellingen een "
            f"programma dat git zou starten (ktv start nooit programma's van een gegevensmap; "
            f"uw eigen globale git-instellingen blijven gelden)\n{lines}"
        )
    _checked.add(key)
