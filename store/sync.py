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
from .merge import Choices, conflict_lines
from .sharing import PrivateDataRefused, not_shared_line, plan, stage
from .sharing import status as _status  # noqa: F401  (the app's counts)
from .sync_merge import git_words as _git_words
from .sync_merge import merge_incoming as _merge
from .sync_picks import Conflict, remember_conflicts, remembered_choices
from .team import git, git_env, set_up

PUSH_ATTEMPTS = 3
"""How often a push that someone else beat is retried (fetch, merge, push again)."""


RACE_SIGNS = ("[rejected]", "non-fast-forward", "fetch first", "failed to update ref", "cannot lock ref")
"""git's words when someone else pushed between our fetch and our push."""


class SyncRefused(KtvError):
    """Nothing was done (no repository, no remote, no identity, a merge still open): exit 2."""


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
    chosen: list[dict] = field(default_factory=list)
    """The picks applied in this run: {"bestand", "veld", "keuze", "waarde"}."""
    not_shared: list[str] = field(default_factory=list)
    submitted_changes: list[str] = field(default_factory=list)
    """Incoming changes to meetjaren whose submission is recorded, in Dutch."""

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
            "gekozen": self.chosen,
            "conflicten_uitleg": [
                line for c in self.conflicts for line in conflict_lines(c.file, [c.conflict])
            ],
            "niet_gedeeld": self.not_shared,
            "ingediend_gewijzigd": self.submitted_changes,
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
        elif path == "ktv.toml":
            others.append("ktv.toml")
            body.append(f"- ktv.toml (organisatie) {what}")
        elif path.startswith("vragenlijsten/"):
            others.append(f"vragenlijst {name}")
            body.append(f"- vragenlijst {name} {what}")
        elif path.startswith("rapporten/"):
            others.append(f"ingediend document {path.rsplit('/', 1)[-1]}")
            body.append(f"- {path} {what}")
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
        parts.append(", ".join(others[:4]) + (f" en {len(others) - 4} meer" if len(others) > 4 else ""))
    return "ktv sync: " + "; ".join(parts) + "\n\n" + "\n".join(body) + "\n"


def _short(commit: str | None) -> str:
    return commit[:12] if commit else ""


@holds_folder_lock("ktv sync", refusal=SyncRefused)  # one writer per folder (store/lock.py)
def sync(
    root: Path,
    message: str | None = None,
    *,
    progress: Callable[[str], None] | None = None,
    choices: dict[str, Choices] | None = None,
    interactive: bool = False,
    pick: str | None = None,
) -> SyncResult:
    """Commit, fetch, merge, push. Raises SyncRefused when nothing could be done (exit 2).

    `choices` (file → path → Pick) resolves the conflicts a previous run reported (the app);
    `pick` ("ours", "theirs", "both") resolves the conflicts the last run showed (`--mijn`, …).
    A pick applies only while the conflict still holds the values that were shown.
    """
    track = _preflight(root)
    result = SyncResult(track.remote, track.branch)

    def say(line: str) -> None:
        result.lines.append(line)
        if progress:
            progress(line)

    env = git_env(interactive=interactive)
    set_up(root)
    _commit(root, message, result, say)
    if pick:
        choices = remembered_choices(root, pick)
        if not choices:
            say("Er waren geen getoonde conflicten om op te lossen; gewoon synchroniseren.")
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
                    remember_conflicts(root, result.conflicts)
                    return result
            elif attempt == 0:
                say("Opgehaald: niets nieuws.")
        if _push(root, track, result, say, env, has_remote_branch):
            remember_conflicts(root, [])
            return result
        if result.failure:
            return result
    result.failure = f"versturen bleef geweigerd na {PUSH_ATTEMPTS} pogingen"
    say(
        f"Niet verstuurd: na {PUSH_ATTEMPTS} pogingen verstuurde steeds iemand anders net eerder. Probeer het zo opnieuw."
    )
    return result


def _preflight(root: Path) -> Tracking:
    """Refusals before anything is done: no repository, a merge still open, no remote, no identity."""
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
    return track


def _commit(root: Path, message: str | None, result: SyncResult, say) -> None:
    """Commit the shared changes only; list what stays local; refuse personal data (exit 2)."""
    share = plan(root)
    result.not_shared = share.not_shared
    if share.not_shared:
        say(not_shared_line(share) or "")
    if not share.changes:
        say("Niets nieuws om vast te leggen.")
        return
    try:
        stage(root, share)
    except PrivateDataRefused as exc:
        raise SyncRefused(str(exc)) from exc
    changes = [("D " if rel in share.remove else "M ", rel) for rel in share.changes]
    for index, (_, rel) in enumerate(changes):
        if git(root, "cat-file", "-e", f"HEAD:./{rel}").code != 0:
            changes[index] = ("A ", rel)
    commit = git(root, "commit", "-q", "-F", "-", input=(message or default_message(changes)).encode())
    if commit.code != 0:
        raise SyncRefused(f"vastleggen mislukte: {_git_words(commit)}")
    result.committed = git(root, "rev-parse", "HEAD").out.strip()
    say(f"Vastgelegd: {len(changes)} bestand(en) (versie {_short(result.committed)}).")


def _push(root: Path, track: Tracking, result: SyncResult, say, env, has_remote_branch: bool) -> bool:
    """Push; True when done (or nothing to send). A race leaves failure None (retry)."""
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
        return True
    push = git(root, *push_args, env=env)
    if push.code == 0:
        result.pushed = True
        say(f"Verstuurd naar {track.remote}/{track.remote_branch}.")
        return True
    if any(sign in push.err for sign in RACE_SIGNS):
        say("Iemand anders verstuurde intussen ook iets; opnieuw ophalen en samenvoegen.")
        return False
    result.failure = f"versturen naar '{track.remote}' mislukte: {_git_words(push)}"
    say(f"Versturen mislukte: {_git_words(push)}")
    say("Uw wijzigingen zijn hier vastgelegd, maar niet verstuurd.")
    return False


def conflict_report(conflicts: list[Conflict]) -> list[str]:
    return [line for c in conflicts for line in conflict_lines(c.file, [c.conflict])]
