"""`ktv sync` (SPEC §9): commit what is outstanding, fetch, merge field by field, push.

A real conflict (both sides changed one field to different values, or one deleted a period the
other changed) aborts the merge, so the folder is exactly as before it: no conflict markers, the
same `git status`. The conflicts are returned with file, field and both values; the app lets a
person pick per field and calls `sync(..., choices=…)`, which merges again with those picks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import KtvError
from .git_log import Identity, identity, set_identity  # noqa: F401  (sync's callers)
from .lock import holds_folder_lock
from .merge import Choices, FieldConflict, conflict_lines, merge_file, shown
from .team import DRIVER_NAME, GitRun, configure_driver, driver_command, ensure_attributes, git, git_env

PUSH_ATTEMPTS = 3
"""How often a push that someone else beat is retried (fetch, merge, push again)."""


RACE_SIGNS = ("[rejected]", "non-fast-forward", "fetch first", "failed to update ref", "cannot lock ref")
"""git's words when someone else pushed between our fetch and our push."""


class SyncRefused(KtvError):
    """Nothing was done (no repository, no remote, no identity, a merge still open): exit 2."""


@dataclass(frozen=True)
class Conflict:
    file: str
    conflict: FieldConflict

    def as_json(self) -> dict[str, str | None]:
        return {
            "bestand": self.file,
            "veld": self.conflict.field_name,
            "ons": shown(self.conflict.ours),
            "hun": shown(self.conflict.theirs),
        }


@dataclass
class SyncResult:
    remote: str
    branch: str
    committed: str | None = None
    fetched: int = 0
    merged: bool = False
    pushed: bool = False
    conflicts: list[Conflict] = field(default_factory=list)
    failure: str | None = None
    """Why the sync stopped before pushing (remote unreachable, push refused …)."""
    lines: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.pushed and not self.conflicts and self.failure is None

    def as_json(self) -> dict:
        return {
            "vastgelegd": self.committed,
            "opgehaald": self.fetched,
            "samengevoegd": self.merged,
            "verstuurd": self.pushed,
            "conflicten": [c.as_json() for c in self.conflicts],
            "remote": self.remote,
            "tak": self.branch,
            "fout": self.failure,
        }


IDENTITY_HELP = (
    "git weet nog niet wie u bent (naam en e-mailadres bij elke vastlegging). Stel het in met:\n"
    '  git -C {root} config user.name "Uw Naam"\n'
    '  git -C {root} config user.email "u@voorbeeld.nl"\n'
    "(of open de app: die vraagt het bij de eerste vastlegging)"
)


@dataclass(frozen=True)
class Tracking:
    remote: str
    branch: str
    remote_branch: str

    @property
    def ref(self) -> str:
        return f"refs/remotes/{self.remote}/{self.remote_branch}"


def tracking(root: Path) -> Tracking:
    """The remote and branch to sync with: the branch's upstream, else `origin` (or the only one)."""
    branch = git(root, "symbolic-ref", "--short", "-q", "HEAD").out.strip()
    if not branch:
        raise SyncRefused(
            "de gegevensmap staat niet op een tak (losse HEAD); kies eerst een tak met git switch"
        )
    remote = git(root, "config", f"branch.{branch}.remote").out.strip()
    merge_ref = git(root, "config", f"branch.{branch}.merge").out.strip()
    remotes = git(root, "remote").out.split()
    if not remote or remote not in remotes:
        remote = "origin" if "origin" in remotes else (remotes[0] if len(remotes) == 1 else "")
        merge_ref = ""
    if not remote:
        raise SyncRefused(
            "er is geen gedeelde repository (remote) ingesteld; er is niets vastgelegd.\n"
            f"Voeg er een toe met: git -C {root} remote add origin <adres>\n"
            "(bijv. een map op de server: ssh://server/pad/ktv.git, of een gedeelde map)"
        )
    return Tracking(remote, branch, merge_ref.removeprefix("refs/heads/") or branch)


def ahead_behind(root: Path) -> tuple[int, int] | None:
    """(ahead, behind) against the remote branch as last fetched; None without one."""
    try:
        track = tracking(root)
    except SyncRefused:
        return None
    result = git(root, "rev-list", "--left-right", "--count", f"HEAD...{track.ref}")
    if result.code != 0:
        return None
    ahead, behind = result.out.split()
    return int(ahead), int(behind)


def fetch_remote(root: Path) -> str | None:
    """Fetch the remote (no prompts), so ahead/behind are current; None when it worked, else why not."""
    try:
        track = tracking(root)
    except SyncRefused as exc:
        return str(exc)
    run = git(root, "fetch", "--quiet", track.remote)
    return None if run.code == 0 else _git_words(run)


def _status(root: Path) -> list[tuple[str, str]]:
    out = git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", ".").out
    entries = iter(out.split("\0"))
    pairs = []
    for entry in entries:
        if not entry:
            continue
        status, path = entry[:2], entry[3:]
        if "R" in status or "C" in status:
            next(entries, None)
        pairs.append((status, path))
    return pairs


def default_message(changes: list[tuple[str, str]]) -> str:
    """ "ktv sync: perioden a, b; meetjaar 2017" with one line per file below it."""
    periods, years, others, body = [], [], [], []
    for status, path in sorted(changes, key=lambda c: c[1]):
        what = "verwijderd" if "D" in status else "toegevoegd" if status in ("??", "A ") else "gewijzigd"
        name = path.rsplit("/", 1)[-1].removesuffix(".toml")
        if path.startswith("perioden/") and path.endswith(".toml"):
            periods.append(name)
            body.append(f"- periode {name} {what}")
        elif path.startswith("meetjaren/") and path.endswith(".toml"):
            years.append(name)
            body.append(f"- meetjaar {name} {what}")
        else:
            others.append(path)
            body.append(f"- {path} {what}")
    parts = []
    if periods:
        shown_ids = ", ".join(periods[:3]) + (f" en {len(periods) - 3} meer" if len(periods) > 3 else "")
        parts.append(("periode " if len(periods) == 1 else "perioden ") + shown_ids)
    if years:
        parts.append(("meetjaar " if len(years) == 1 else "meetjaren ") + ", ".join(years))
    if others:
        parts.append(f"{len(others)} ander(e) bestand(en)")
    return "ktv sync: " + "; ".join(parts) + "\n\n" + "\n".join(body) + "\n"


def _short(commit: str | None) -> str:
    return commit[:12] if commit else ""


def _git_words(run: GitRun) -> str:
    lines = [line.strip() for line in (run.err or run.out).strip().splitlines() if line.strip()]
    lines = [line for line in lines if not line.startswith("hint:")]
    if not lines:
        return f"git stopte met code {run.code}"
    from .git_words import with_explanation

    return with_explanation(" ".join(lines[-2:]), run.err or run.out)  # which case, in Dutch


@holds_folder_lock("ktv sync", refusal=SyncRefused)  # one writer per folder (store/lock.py)
def sync(
    root: Path,
    message: str | None = None,
    *,
    progress: Callable[[str], None] | None = None,
    choices: dict[str, Choices] | None = None,
    interactive: bool = False,
) -> SyncResult:
    """Commit, fetch, merge, push. Raises SyncRefused when nothing could be done (exit 2).

    `choices` (file → field → "ours"/"theirs") resolves the conflicts a previous run reported.
    """
    if git(root, "rev-parse", "--git-dir").code != 0:
        raise SyncRefused(f"de gegevensmap {root} is geen git-repository; team-werk gaat via git")
    from .git_state import operation_in_progress

    busy = operation_in_progress(root)  # a rebase: HEAD is detached, but that is not the cause
    if busy:
        raise SyncRefused(busy)
    if git(root, "rev-parse", "-q", "--verify", "MERGE_HEAD").code == 0:
        raise SyncRefused(
            "er loopt nog een samenvoeging (van een eerdere git pull of git merge); "
            f"maak die af of breek hem af met: git -C {root} merge --abort"
        )
    track = tracking(root)
    who = identity(root)
    if not who.complete:
        raise SyncRefused(IDENTITY_HELP.format(root=root))
    result = SyncResult(track.remote, track.branch)

    def say(line: str) -> None:
        result.lines.append(line)
        if progress:
            progress(line)

    env = git_env(interactive=interactive)
    configure_driver(root)
    ensure_attributes(root)
    __import__("store.evidence").evidence.stage_shared_evidence(root)  # SPEC §11: scans only with [bewijs] delen
    changes = _status(root)
    if changes:
        git(root, "add", "-A", "--", ".")
        commit = git(root, "commit", "-q", "-F", "-", input=(message or default_message(changes)).encode())
        if commit.code != 0:
            raise SyncRefused(f"vastleggen mislukte: {_git_words(commit)}")
        result.committed = git(root, "rev-parse", "HEAD").out.strip()
        say(f"Vastgelegd: {len(changes)} bestand(en) (versie {_short(result.committed)}).")
    else:
        say("Niets nieuws om vast te leggen.")

    for attempt in range(PUSH_ATTEMPTS):
        fetch = git(root, "fetch", "--quiet", track.remote, env=env)
        if fetch.code != 0:
            result.failure = f"ophalen van '{track.remote}' mislukte: {_git_words(fetch)}"
            say(f"De gedeelde repository '{track.remote}' is niet bereikbaar: {_git_words(fetch)}")
            say("Uw wijzigingen zijn hier vastgelegd, maar niet verstuurd. Probeer het later opnieuw.")
            return result
        has_remote_branch = git(root, "rev-parse", "-q", "--verify", track.ref).code == 0
        if has_remote_branch:
            incoming = int(git(root, "rev-list", "--count", f"HEAD..{track.ref}").out.strip() or 0)
            result.fetched += incoming
            if incoming:
                say(f"Opgehaald: {incoming} nieuwe vastlegging(en) van {track.remote}/{track.remote_branch}.")
                if not _merge(root, track, result, say, (choices or {})):
                    return result
            elif attempt == 0:
                say("Opgehaald: niets nieuws.")
        push_args = ["push", "--quiet", track.remote, f"HEAD:refs/heads/{track.remote_branch}"]
        if not git(root, "config", f"branch.{track.branch}.remote").out.strip():
            push_args.insert(1, "--set-upstream")
        ahead = (
            int(git(root, "rev-list", "--count", f"{track.ref}..HEAD").out.strip() or 0)
            if has_remote_branch
            else 1
        )
        if not ahead:
            result.pushed = True
            say("Alles is al gelijk met de gedeelde repository.")
            return result
        push = git(root, *push_args, env=env)
        if push.code == 0:
            result.pushed = True
            say(f"Verstuurd naar {track.remote}/{track.remote_branch}.")
            return result
        if any(sign in push.err for sign in RACE_SIGNS):
            say("Iemand anders verstuurde intussen ook iets; opnieuw ophalen en samenvoegen.")
            continue
        result.failure = f"versturen naar '{track.remote}' mislukte: {_git_words(push)}"
        say(f"Versturen mislukte: {_git_words(push)}")
        say("Uw wijzigingen zijn hier vastgelegd, maar niet verstuurd.")
        return result
    result.failure = f"versturen bleef geweigerd na {PUSH_ATTEMPTS} pogingen: {_git_words(push)}"
    say(
        f"Niet verstuurd: na {PUSH_ATTEMPTS} pogingen verstuurde steeds iemand anders net eerder. Probeer het zo opnieuw."
    )
    return result


def _merge(root: Path, track: Tracking, result: SyncResult, say, choices: dict[str, Choices]) -> bool:
    """Merge the remote branch; on a real conflict abort it and record the conflicts."""
    before = _status(root)
    merge = git(
        root,
        "-c",
        f"merge.ktv.name={DRIVER_NAME}",
        "-c",
        f"merge.ktv.driver={driver_command()}",
        "merge",
        "--no-edit",
        "-m",
        f"ktv sync: samengevoegd met {track.remote}/{track.remote_branch}",
        track.ref,
    )
    if merge.code == 0:
        result.merged = True
        say("Samengevoegd zonder conflicten.")
        return True
    unmerged = _unmerged(root)
    if not unmerged:
        git(root, "merge", "--abort")
        result.failure = f"samenvoegen mislukte: {_git_words(merge)}"
        say(f"Samenvoegen mislukte: {_git_words(merge)}")
        if "unrelated histories" in merge.err:
            say(
                "Deze map en de gedeelde repository hebben geen gemeenschappelijke geschiedenis. "
                "Begin liever met een kloon: ktv clone BRON MAP"
            )
        say("Er is niets veranderd aan de map; uw wijzigingen zijn niet verstuurd.")
        return False
    conflicts: list[Conflict] = []
    resolved: dict[str, str | None] = {}
    for rel, stages in sorted(unmerged.items()):
        texts = [_blob(root, stages.get(stage)) for stage in (1, 2, 3)]
        outcome = merge_file(rel, *texts, choices=choices.get(rel))
        if not (rel.startswith(("perioden/", "meetjaren/")) and rel.endswith(".toml")) and not choices.get(
            rel
        ):
            outcome.conflicts = outcome.conflicts or [FieldConflict((), "(gewijzigd)", "(gewijzigd)")]
        conflicts += [Conflict(rel, c) for c in outcome.conflicts]
        resolved[rel] = outcome.text
    if conflicts:
        git(root, "merge", "--abort")
        result.conflicts = conflicts
        after = _status(root)
        say("Conflict: u en een ander veranderden hetzelfde veld. Er is niets samengevoegd;")
        say("de map is zoals voor het samenvoegen (uw eigen wijzigingen zijn wel vastgelegd).")
        for conflict in conflicts:
            for line in conflict_lines(conflict.file, [conflict.conflict]):
                say("  " + line)
        say("Kies per veld in de app (git-scherm, s), of pas één kant aan en synchroniseer opnieuw.")
        if after != before:  # pragma: no cover - git merge --abort restores the state
            say("Let op: git status verschilt van voor het samenvoegen.")
        return False
    for rel, text in resolved.items():  # every conflict has a pick: finish the merge with them
        path = root / rel
        if text is None:
            git(root, "rm", "-q", "--force", "--", rel)
        else:
            path.write_text(text, encoding="utf-8")
            git(root, "add", "--", rel)
    commit = git(root, "commit", "-q", "--no-edit")
    if commit.code != 0:
        git(root, "merge", "--abort")
        result.failure = f"samenvoegen afmaken mislukte: {_git_words(commit)}"
        say(result.failure)
        return False
    result.merged = True
    say("Samengevoegd met uw keuzes per veld.")
    return True


def _unmerged(root: Path) -> dict[str, dict[int, str]]:
    out = git(root, "ls-files", "-u", "-z").out
    stages: dict[str, dict[int, str]] = {}
    for entry in out.split("\0"):
        if not entry:
            continue
        info, path = entry.split("\t", 1)
        _, sha, stage = info.split()
        stages.setdefault(path, {})[int(stage)] = sha
    return stages


def _blob(root: Path, sha: str | None) -> str | None:
    if sha is None:
        return None
    return git(root, "cat-file", "blob", sha).out


def conflict_report(conflicts: list[Conflict]) -> list[str]:
    return [line for c in conflicts for line in conflict_lines(c.file, [c.conflict])]
