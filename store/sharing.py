"""What `ktv sync` and the app's commit share (SPEC "the edges", team work): data files only.

A data folder also holds things that must never reach every office: a name list someone saved
there, an export `perioden.csv`, an editor backup `x.toml~`, concept PDFs. Only the data files
(ktv.toml, vragenlijsten/*.toml, perioden/*.toml, meetjaren/*.toml, .gitattributes,
.gitignore) and the final PDFs whose submission is recorded are staged; the rest is listed as
"niet gedeeld" and stays local. A data file with personal data is never committed.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import KtvError
from .team import git

TOP_FILES = frozenset({"ktv.toml", ".gitattributes", ".gitignore"})
DATA_DIRS = ("vragenlijsten", "perioden", "meetjaren")
FINAL_PDF = re.compile(r"rapporten/(klanttevredenheid|melding)-(\d{4})\.pdf")
RECORD_KEY = {"klanttevredenheid": "ingediend_op", "melding": "melding_op"}
PRIVACY_CODES = frozenset({"persoonsgegevens"})


class PrivateDataRefused(KtvError):
    """A data file to be shared holds personal data: nothing is committed (exit 2)."""


@dataclass
class SharePlan:
    add: list[str] = field(default_factory=list)
    remove: list[str] = field(default_factory=list)
    not_shared: list[str] = field(default_factory=list)

    @property
    def changes(self) -> list[str]:
        return sorted(self.add + self.remove)


def prefix(root: Path) -> str:
    """The data folder's place in its repository ("" at the top, "sub/" in a sub-folder)."""
    return git(root, "rev-parse", "--show-prefix").out.strip()


def _recorded(root: Path, kind: str, year: str) -> bool:
    try:
        table = tomllib.loads((root / "meetjaren" / f"{year}.toml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError):
        return False
    return table.get(RECORD_KEY[kind]) is not None


def _shares_scans(root: Path) -> bool:
    try:
        table = tomllib.loads((root / "ktv.toml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError):
        return False
    bewijs = table.get("bewijs")
    return isinstance(bewijs, dict) and bewijs.get("delen") is True


def is_shared(root: Path, rel: str) -> bool:
    """Whether `rel` (relative to the data folder) is a file that goes to every office."""
    if rel in TOP_FILES:
        return True
    parts = rel.split("/")
    if len(parts) == 2 and parts[0] in DATA_DIRS and (parts[1].endswith(".toml") or parts[1] == ".gitkeep"):
        return True
    if rel == "rapporten/.gitkeep":
        return True
    match = FINAL_PDF.fullmatch(rel)
    if match:
        return _recorded(root, match.group(1), match.group(2))
    return parts[0] == "bijlagen" and len(parts) > 1 and _shares_scans(root)


def status(root: Path) -> list[tuple[str, str]]:
    """`git status` of the data folder: (code, path relative to the data folder)."""
    out = git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", ".").out
    strip = prefix(root)
    entries = iter(out.split("\0"))
    pairs = []
    for entry in entries:
        if not entry:
            continue
        code, path = entry[:2], entry[3:]
        if "R" in code or "C" in code:
            old = next(entries, None)
            if old and old.startswith(strip):
                pairs.append(("D ", old[len(strip) :]))
        pairs.append((code, path[len(strip) :] if path.startswith(strip) else path))
    return pairs


def plan(root: Path) -> SharePlan:
    """Which changed files are staged (added or removed) and which stay local."""
    from .evidence import stage_shared_evidence

    stage_shared_evidence(root)  # SPEC §11: scans (ignored by git) only with [bewijs] delen = true
    result = SharePlan()
    for code, rel in status(root):
        if FINAL_PDF.fullmatch(rel) and "M" in code:  # a sent document is never replaced
            result.not_shared.append(rel)
        elif not is_shared(root, rel) and not (code[1] == "D" and _data_path(rel)):
            if code != "!!":
                result.not_shared.append(rel)
        elif "D" in code and not (root / rel).exists():
            result.remove.append(rel)
        else:
            result.add.append(rel)
    return result


def is_data_file(rel: str) -> bool:
    """A data file by its path alone (what a final document's data version must hold)."""
    parts = rel.split("/")
    return rel in TOP_FILES or (len(parts) == 2 and parts[0] in DATA_DIRS and parts[1].endswith(".toml"))


def _data_path(rel: str) -> bool:
    parts = rel.split("/")
    return rel in TOP_FILES or (len(parts) == 2 and parts[0] in DATA_DIRS) or bool(FINAL_PDF.fullmatch(rel))


def privacy_problems(root: Path, rels: list[str]) -> list[str]:
    """`pad:regel: fout: …` for every personal-data error in the data files about to be shared."""
    from .folder import load_text, name_problem
    from .problems import format_problem

    lines = []
    for rel in rels:
        folder, _, name = rel.rpartition("/")
        named = name_problem(folder, name, data_dir=True)
        if named is not None and named.code in PRIVACY_CODES:
            lines.append(format_problem(named))
        if not rel.endswith(".toml"):
            continue
        text, problems, _ = load_text(root, rel)
        if text is not None:
            problems = problems + _parse_problems(rel, text)
        lines += [format_problem(p) for p in problems if p.code in PRIVACY_CODES]
    return lines


def _parse_problems(rel: str, text: str) -> list:
    from .fields import FileContext
    from .merge_render import kind_of
    from .parse import parse_organisation, parse_period, parse_questionnaire, parse_year_notes

    ctx = FileContext(rel, text)
    name = rel.rsplit("/", 1)[-1].removesuffix(".toml")
    kind = kind_of(rel)
    if kind == "periode":
        parse_period(ctx, name)
    elif kind == "meetjaar":
        parse_year_notes(ctx, int(name))
    elif kind == "organisatie":
        parse_organisation(ctx)
    elif kind == "vragenlijst":
        parse_questionnaire(ctx, name)
    return list(ctx.problems)


def stage(root: Path, share: SharePlan) -> None:
    """Stage exactly the shared changes (refusing personal data first)."""
    refused = privacy_problems(root, share.add)
    if refused:
        raise PrivateDataRefused(
            "niet vastgelegd en niet verstuurd: een gegevensbestand bevat persoonsgegevens; "
            "haal ze weg en probeer opnieuw:\n" + "\n".join(f"  {line}" for line in refused)
        )
    if share.add:
        git(root, "add", "-f", "--", *share.add)
    if share.remove:
        git(root, "rm", "-q", "--cached", "--ignore-unmatch", "--", *share.remove)


def not_shared_line(share: SharePlan, limit: int = 8) -> str | None:
    if not share.not_shared:
        return None
    names = share.not_shared[:limit]
    more = f" en {len(share.not_shared) - limit} meer" if len(share.not_shared) > limit else ""
    return "niet gedeeld: " + ", ".join(names) + more + " (blijft alleen hier staan)"


def commit_shared(root: Path, message: str) -> tuple[str | None, SharePlan]:
    """The app's commit: stage the shared changes only and commit them; (new HEAD or None, plan)."""
    share = plan(root)
    if not share.changes:
        return None, share
    stage(root, share)
    args = ["commit", "-q", "-F", "-"]
    if not git(root, "config", "user.email").out.strip():
        args = ["-c", "user.name=ktv", "-c", "user.email=ktv@localhost", *args]
    run = git(root, *args, input=message.encode())
    if run.code != 0:
        raise PrivateDataRefused(f"vastleggen mislukte: {run.err.strip() or run.out.strip()}")
    return git(root, "rev-parse", "HEAD").out.strip(), share
