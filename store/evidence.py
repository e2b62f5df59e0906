"""Returned forms kept as evidence (SPEC §11): scans under bijlagen/<id>/, `[bewijs]` in ktv.toml.

A scan is personal data (a name, a signature, handwriting): it lives next to the period it
proves, is recorded as `bijlage = "<kant>.<ext>"` in that form's table, never goes into an
export, report or notice, and is shared through git only with `[bewijs] delen = true`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from .errors import KtvError
from .model import SIDES, Organisation
from .paths import os_error, shown
from .problems import Problem, error, warning

EVIDENCE_DIR = "bijlagen"
EVIDENCE_KEYS = ("scans", "delen")
SCAN_MAX_BYTES = 64 * 1024 * 1024
"""A scan larger than this is refused: a phone photo is a few MB, a scanned form far less."""

_MAGIC = ((b"%PDF-", "pdf"), (b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpg"))
_NAME = re.compile(r"(werknemer|werkgever)\.(pdf|png|jpg|jpeg)")
KIND_NAMES = {"pdf": "PDF", "png": "PNG", "jpg": "JPEG", "jpeg": "JPEG"}
SCAN_CODES = ("bijlage-ontbreekt", "bijlage-onleesbaar")
"""Errors about a scan itself: attaching a new scan is how they are fixed, so they never block it."""


class EvidenceRefused(KtvError):
    """A scan is not attached; str() is the Dutch reason (exit 2)."""


class ScanExists(EvidenceRefused):
    """The form already has a scan and replacing it was not asked for."""


# --- the schema hooks (store/parse.py) -------------------------------------------------------


def is_attachment_name(value: Any) -> bool:
    """`bijlage` is only ever a name ktv itself writes: `werknemer.pdf`, `werkgever.jpg`, …"""
    return type(value) is str and _NAME.fullmatch(value) is not None


def read_attachment(table) -> str | None:
    """`bijlage` of one `[beoordeling.<kant>]` table (a `fields.Table`), checked for its form."""
    value = table.text("bijlage")
    if value is None:
        return None
    if not is_attachment_name(value):
        table.ctx.error(
            (*table.path, "bijlage"),
            f"bijlage '{value}' is geen naam die ktv gebruikt (werknemer.pdf, werkgever.png, …); "
            "voeg een scan toe met `ktv bijlage`",
            code="ongeldige-waarde",
        )
        return None
    return value


def read_evidence(top) -> dict[str, bool]:
    """`[bewijs]` of ktv.toml: `scans` (warn for a received form without scan) and `delen`."""
    table = top.sub("bewijs")
    if table is None:
        return {}
    found = {}
    for key in EVIDENCE_KEYS:
        value = table.get(key, "bool")
        if value is not None:
            found[key] = bool(value)
    table.finish()
    return found


def scans_required(organisation: Organisation | None) -> bool:
    return bool(organisation and organisation.evidence.get("scans"))


def shared_evidence(root: Path, organisation: Organisation | None) -> bool:
    """Whether `sync` may stage and push bijlagen/ (only with `[bewijs] delen = true`).

    For the team engineer's staging: without it every file under bijlagen/ stays local and is
    listed as "niet gedeeld" (see `evidence_files`)."""
    del root  # the decision is the organisation's; the root is for a future per-folder rule
    return bool(organisation and organisation.evidence.get("delen"))


def unshared_evidence(root: Path, organisation: Organisation | None) -> list[str]:
    """The scans `sync` must leave out and list as "niet gedeeld" (all of them unless shared).

    bijlagen/ is in the .gitignore that `ktv init` writes, so a plain `git add -A` never
    commits a scan; with `[bewijs] delen = true` sync adds them with `git add -f -- bijlagen`."""
    return [] if shared_evidence(root, organisation) else evidence_files(root)


def stage_shared_evidence(root: Path) -> list[str]:
    """With `[bewijs] delen = true`: `git add -f` every scan (bijlagen/ is ignored by git so that
    nothing else ever commits one). Called by `sync` before it looks at what changed; returns
    what it staged. Reads ktv.toml itself, since sync runs on folders with errors too."""
    import tomllib

    from .git import GitError, run_git

    try:
        data = tomllib.loads((root / "ktv.toml").read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return []
    evidence = data.get("bewijs")
    if not (isinstance(evidence, dict) and evidence.get("delen") is True):
        return []
    files = evidence_files(root)
    if files:
        try:
            run_git(root, "add", "-f", "--", *files)
        except GitError:
            return []
    return files


def keep_local(root: Path, organisation: Organisation | None) -> None:
    """A folder made before bijlagen/ was in its .gitignore: exclude the scans in this clone's
    own `.git/info/exclude` (never shared), so no `git add -A` picks them up by accident."""
    from .git import GitError, run_git

    if shared_evidence(root, organisation):
        return
    try:
        ignore = (root / ".gitignore").read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        ignore = ""
    if any(line.strip() in ("bijlagen/", "/bijlagen/", "bijlagen") for line in ignore.splitlines()):
        return
    try:
        exclude = run_git(root, "rev-parse", "--git-path", "info/exclude", check=True).strip()
        prefix = run_git(root, "rev-parse", "--show-prefix", check=True).strip()
    except GitError:
        return  # not a git repository: nothing is shared anyway
    if not exclude:
        return
    path = Path(exclude) if Path(exclude).is_absolute() else root / exclude
    pattern = f"/{prefix}bijlagen/"
    try:
        current = path.read_text("utf-8") if path.exists() else ""
        if pattern not in current.splitlines():
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as handle:
                handle.write(("" if current.endswith("\n") or not current else "\n") + pattern + "\n")
    except OSError:
        return


def evidence_files(root: Path) -> list[str]:
    """Every file under bijlagen/ (relative, forward slashes): what sync shares or lists."""
    base = root / EVIDENCE_DIR
    found: list[str] = []
    for here, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel_here = Path(here).relative_to(root).as_posix()
        found += [f"{rel_here}/{name}" for name in sorted(files) if not name.startswith(".")]
    return found


# --- scans -------------------------------------------------------------------------------------


def scan_kind(head: bytes) -> str | None:
    """The extension for the file's first bytes (`pdf`, `png`, `jpg`), or None: the name lies."""
    for magic, ext in _MAGIC:
        if head.startswith(magic):
            return ext
    return None


def attachment_rel(period_id: str, name: str) -> str:
    return f"{EVIDENCE_DIR}/{period_id}/{name}"


def read_scan(path: Path) -> tuple[bytes, str]:
    """The bytes and kind of the file to attach; a Dutch refusal for anything else."""
    name = shown(path)
    try:
        if path.is_dir():
            raise EvidenceRefused(f"{name} is een map, geen scan")
        if path.exists() and not path.is_file():  # a pipe or a device would never end
            raise EvidenceRefused(f"{name} is geen gewoon bestand")
        size = path.stat().st_size
        if size > SCAN_MAX_BYTES:
            raise EvidenceRefused(f"{name} is te groot ({size // (1024 * 1024)} MB; hoogstens 64 MB)")
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise EvidenceRefused(f"{name} bestaat niet") from exc
    except OSError as exc:
        raise EvidenceRefused(f"{name} kan niet gelezen worden ({os_error(exc)})") from exc
    kind = scan_kind(data[:16])
    if kind is None:
        raise EvidenceRefused(
            f"{name} is geen PDF, PNG of JPEG (gekeken naar de inhoud, niet naar de naam); "
            "scan of fotografeer het formulier als PDF, PNG of JPEG"
        )
    return data, kind


# --- ktv check -----------------------------------------------------------------------------------


def _kind_of(name: str) -> str:
    """`werknemer.jpeg` (written by hand) is a JPEG like ktv's own `werknemer.jpg`."""
    ext = name.rsplit(".", 1)[1]
    return "jpg" if ext == "jpeg" else ext


def scan_problem(root: Path, period_id: str, side: str, name: str) -> tuple[str, str] | None:
    """(code, message) when the recorded scan cannot serve as evidence, else None."""
    rel = attachment_rel(period_id, name)
    path = root / rel
    if not name.startswith(side + "."):
        return "ongeldige-waarde", f"bijlage '{name}' hoort niet bij formulier {side}"
    if path.is_symlink() or (path.exists() and not path.is_file()):
        return "bijlage-onleesbaar", f"scan {rel} is geen gewoon bestand"
    try:
        with open(path, "rb") as handle:
            head = handle.read(16)
    except FileNotFoundError:
        return "bijlage-ontbreekt", f"scan {rel} ontbreekt (voeg hem opnieuw toe met `ktv bijlage`)"
    except OSError as exc:
        return "bijlage-onleesbaar", f"scan {rel} kan niet gelezen worden ({os_error(exc)})"
    kind = scan_kind(head)
    if kind is None or kind != _kind_of(name):
        return "bijlage-onleesbaar", f"scan {rel} is geen {KIND_NAMES[name.rsplit('.', 1)[1]]}-bestand"
    return None


def check_evidence(folder, lines) -> list[Problem]:
    """Recorded scans that are missing or unreadable (errors); with `[bewijs] scans = true`
    a received form without a scan (warning); files under bijlagen/ that no form records."""
    problems: list[Problem] = []
    required = scans_required(folder.organisation)
    recorded: set[str] = set()
    for pid, period in sorted(folder.periods.items()):
        rel = f"perioden/{pid}.toml"
        for side in SIDES:
            form = period.forms.get(side)
            if form is None:
                continue
            if form.attachment:
                recorded.add(attachment_rel(pid, form.attachment))
                found = scan_problem(folder.root, pid, side, form.attachment)
                if found:
                    where = lines(rel, "beoordeling", side, "bijlage")
                    problems.append(
                        error(rel, where, found[1], code=found[0], path=("beoordeling", side, "bijlage"))
                    )
            elif required:
                problems.append(
                    warning(
                        rel,
                        lines(rel, "beoordeling", side),
                        f"formulier {side} is ontvangen maar er is geen scan bij "
                        f"([bewijs] scans = true): voeg hem toe met `ktv bijlage {pid} {side} SCAN`",
                        code="formulier-zonder-bijlage",
                        path=("beoordeling", side),
                    )
                )
    for rel in evidence_files(folder.root):
        period_id = rel.split("/")[1]
        if period_id not in folder.periods and (folder.root / f"perioden/{period_id}.toml").exists():
            continue  # a period not read (before eerste_meetjaar, or unreadable): not judged
        if rel not in recorded:
            problems.append(
                warning(
                    shown(rel),
                    None,
                    "scan die bij geen formulier is vastgelegd; voeg hem toe met `ktv bijlage` of verwijder hem",
                    code="vreemd-bestand",
                )
            )
    return problems
