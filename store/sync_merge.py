"""Merging what `ktv sync` fetched (SPEC §9, "the edges").

git merges with the ktv driver; where it stops, every unmerged file is merged again here with
the person's picks. TOML files merge field by field; any other file (a PDF) is never merged or
rewritten as text: a final PDF whose submission is recorded on one side only wins, otherwise
the conflict names the file's kind and both versions stay on disk. A real conflict aborts the
merge, so the folder is exactly as before it.
"""

from __future__ import annotations

from pathlib import Path

from .git import GitError, run_git_bytes
from .merge import FieldConflict, Pick, conflict_lines, merge_file, text_digest, whole_label
from .merge_render import kind_of
from .sharing import FINAL_PDF, RECORD_KEY
from .submitted_changes import incoming_submitted_changes
from .sync_picks import CHOICE_WORDS, Conflict
from .team import DRIVER_NAME, GitRun, driver_command, git


def merge_incoming(root: Path, track, result, say, choices: dict) -> bool:
    """Merge the remote branch; on a real conflict abort it and record the conflicts."""
    old_head = git(root, "rev-parse", "HEAD").out.strip()
    sent = _submitted_pdfs(root, old_head)
    _move_aside_untracked(root, track.ref, say)
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
        _keep_sent(root, old_head, sent, say)
        _tell_submitted(root, old_head, result, say)
        return True
    unmerged = _unmerged(root)
    if not unmerged:
        return _failed(root, merge, result, say)
    conflicts: list[Conflict] = []
    actions: dict[str, tuple] = {}
    for rel, stages in sorted(unmerged.items()):
        found, action = _resolve(root, rel, stages, choices.get(rel) or {}, result)
        conflicts += [Conflict(rel, c) for c in found]
        actions[rel] = action
    if conflicts:
        git(root, "merge", "--abort")
        _keep_their_versions(root, unmerged, conflicts, say)
        result.conflicts = conflicts
        _say_conflicts(conflicts, say)
        return False
    if not _apply(root, actions, result, say):
        return False
    result.merged = True
    say("Samengevoegd met uw keuzes." if result.chosen else "Samengevoegd.")
    _keep_sent(root, old_head, {rel: blob for rel, blob in sent.items() if rel not in actions}, say)
    _tell_submitted(root, old_head, result, say)
    return True


def _failed(root: Path, merge, result, say) -> bool:

    git(root, "merge", "--abort")
    result.failure = f"samenvoegen mislukte: {git_words(merge)}"
    say(f"Samenvoegen mislukte: {git_words(merge)}")
    if "unrelated histories" in merge.err:
        say(
            "Deze map en de gedeelde repository hebben geen gemeenschappelijke geschiedenis. "
            "Begin liever met een kloon: ktv clone BRON MAP"
        )
    say("Er is niets veranderd aan de map; uw wijzigingen zijn niet verstuurd.")
    return False


def _say_conflicts(conflicts: list[Conflict], say) -> None:
    deleted = any(c.conflict.kind == "verwijderd" for c in conflicts)
    fields = any(c.conflict.kind != "verwijderd" for c in conflicts)
    what = " en ".join(
        part
        for part, present in (
            ("veranderden u en een ander hetzelfde", fields),
            ("verwijderde de een wat de ander wijzigde", deleted),
        )
        if present
    )
    say(f"Conflict: er {what}. Er is niets samengevoegd;")
    say("de map is zoals voor het samenvoegen (uw eigen wijzigingen zijn wel vastgelegd).")
    for conflict in conflicts:
        for line in conflict_lines(conflict.file, [conflict.conflict]):
            say("  " + line)
    say(
        "Kies in de app (git-scherm, s), of met: ktv sync --mijn (uw waarden) / ktv sync --hun "
        "(die van de ander)"
        + (" / ktv sync --beide (teksten: beide)" if any(c.conflict.allows_both for c in conflicts) else "")
    )


def _blob(root: Path, sha: str | None) -> bytes | None:
    if sha is None:
        return None
    try:
        return run_git_bytes(root, "cat-file", "blob", sha)
    except GitError:
        return None


def _text(data: bytes | None) -> str | None:
    return None if data is None else data.decode("utf-8")


def _resolve(root: Path, rel: str, stages: dict, picks: dict, result) -> tuple[list[FieldConflict], tuple]:
    """The conflicts left in one file, and how to finish it: ("text", t), ("side", s), ("delete",)."""
    blobs = [_blob(root, stages.get(stage)) for stage in (1, 2, 3)]
    if rel in (".gitattributes", ".gitignore") and None not in blobs[1:]:
        return [], ("text", _union_lines(*blobs))
    if kind_of(rel) is not None:
        try:
            texts = [_text(b) for b in blobs]
        except UnicodeDecodeError:
            texts = None
        if texts is not None:
            plain = merge_file(rel, *texts)
            outcome = merge_file(rel, *texts, choices=picks) if picks else plain
            _note_picks(rel, plain.conflicts, outcome.conflicts, picks, result)
            if outcome.conflicts:
                return outcome.conflicts, ()
            return [], (("delete",) if outcome.text is None else ("text", outcome.text))
    return _resolve_whole(root, rel, blobs, picks, result)


def _union_lines(base: bytes | None, ours: bytes, theirs: bytes) -> str:
    """`.gitattributes` / `.gitignore`: line-wise when possible, else every line of both."""
    from .merge_lines import merge_lines

    b, o, t = (x.decode("utf-8", "replace") if x is not None else "" for x in (base, ours, theirs))
    merged = merge_lines(b, o, t)
    if merged is not None:
        return merged
    lines = o.splitlines()
    lines += [line for line in t.splitlines() if line not in lines]
    return "\n".join(lines) + "\n"


def _resolve_whole(root: Path, rel: str, blobs: list, picks: dict, result) -> tuple[list, tuple]:
    """A file ktv does not merge: the recorded submission wins, else a fitting pick, else a conflict."""
    base, ours, theirs = blobs
    labels = (whole_label(rel, ours, base), whole_label(rel, theirs, base))
    digests = (text_digest(ours), text_digest(theirs))
    winner = _submitted_side(root, rel)
    if winner:
        return [], (("delete",) if blobs[1 if winner == "ours" else 2] is None else ("side", winner))
    pick = picks.get(())
    side = pick if isinstance(pick, str) else (pick.side if pick and pick.fits(*labels, digests) else None)
    conflict = FieldConflict(
        (), labels[0], labels[1], "verwijderd" if None in (ours, theirs) else "onleesbaar", digests=digests
    )
    if side in ("ours", "theirs"):
        _note_picks(rel, [conflict], [], {(): Pick(side, *labels, digests)}, result)
        return [], (("delete",) if blobs[1 if side == "ours" else 2] is None else ("side", side))
    return [conflict], ()


def _submitted_side(root: Path, rel: str) -> str | None:
    """For a final PDF: the one side whose meetjaar file records its submission, if only one does."""
    import tomllib

    match = FINAL_PDF.fullmatch(rel)
    if not match:
        return None
    recorded = []
    for ref in ("HEAD", "MERGE_HEAD"):
        try:
            data = run_git_bytes(root, "cat-file", "blob", f"{ref}:./meetjaren/{match.group(2)}.toml")
            table = tomllib.loads(data.decode("utf-8"))
        except (GitError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            table = {}
        recorded.append(table.get(RECORD_KEY[match.group(1)]) is not None)
    if recorded == [True, False]:
        return "ours"
    if recorded == [False, True]:
        return "theirs"
    return None


def _note_picks(rel: str, shown_before: list, left: list, picks: dict, result) -> None:
    from .merge_words import field_label, spoken

    left_paths = {c.path for c in left}
    for conflict in shown_before:
        pick = picks.get(conflict.path)
        if pick is None or conflict.path in left_paths:
            continue
        side = pick if isinstance(pick, str) else pick.side
        value = {"ours": conflict.ours, "theirs": conflict.theirs}.get(side)
        result.chosen.append(
            {
                "bestand": rel,
                "veld": conflict.field_name,
                "keuze": CHOICE_WORDS.get(side, side),
                "waarde": None if side == "both" else (value if isinstance(value, str) else spoken(value)),
                "omschrijving": f"{rel}: {field_label(conflict.path)}: gekozen: {CHOICE_WORDS.get(side, side)}",
            }
        )


def _apply(root: Path, actions: dict[str, tuple], result, say) -> bool:
    for rel, action in actions.items():
        if action[0] == "delete":
            git(root, "rm", "-q", "--force", "--", rel)
        elif action[0] == "side":
            git(root, "checkout", f"--{action[1]}", "--", rel)
            git(root, "add", "--", rel)
        else:
            (root / rel).write_bytes(action[1].encode("utf-8"))
            git(root, "add", "--", rel)
    for chosen in result.chosen:
        say("  " + chosen["omschrijving"])
    commit = git(root, "commit", "-q", "--no-edit")
    if commit.code != 0:
        git(root, "merge", "--abort")
        result.failure = f"samenvoegen afmaken mislukte: {(commit.err or commit.out).strip()}"
        say(result.failure)
        return False
    return True


def _keep_their_versions(root: Path, unmerged: dict, conflicts: list[Conflict], say) -> None:
    """A file ktv cannot merge: theirs is kept next to ours (never lost, never shared)."""
    for item in conflicts:
        if item.conflict.kind != "onleesbaar" or kind_of(item.file) is not None:
            continue
        data = _blob(root, unmerged.get(item.file, {}).get(3))
        if data is None:
            continue
        target = _aside_name(root, item.file, "van-de-ander")
        try:
            target.write_bytes(data)
        except OSError:
            continue
        say(f"  De versie van de ander staat hier als {target.relative_to(root).as_posix()} (niet gedeeld).")


def _aside_name(root: Path, rel: str, word: str) -> Path:
    path = root / rel
    for n in range(1, 100):
        candidate = path.with_name(f"{path.stem}.{word}{'' if n == 1 else f'-{n}'}{path.suffix}")
        if not candidate.exists():
            return candidate
    return path.with_name(f"{path.stem}.{word}-x{path.suffix}")


def _move_aside_untracked(root: Path, ref: str, say) -> None:
    """A local file that is not shared but has the name of an incoming one (a final PDF made
    here before a colleague's submission arrived) is kept under another name, so the merge can go on."""
    out = git(root, "diff", "--name-only", "-z", "--relative", "--diff-filter=A", "HEAD", ref).out
    for rel in filter(None, out.split("\0")):
        path = root / rel
        if not path.is_file() or git(root, "ls-files", "--error-unmatch", "--", rel).code == 0:
            continue
        target = _aside_name(root, rel, "eigen")
        try:
            path.rename(target)
        except OSError:
            continue
        say(
            f"Uw eigen {rel} staat nu als {target.relative_to(root).as_posix()}: de gedeelde versie komt binnen."
        )


def _submitted_pdfs(root: Path, commit: str) -> dict[str, str]:
    """Final PDFs committed at `commit` whose submission is recorded there: path → blob."""
    import tomllib

    out = git(root, "ls-tree", "-z", commit, "--", "rapporten/").out
    sent = {}
    for entry in filter(None, out.split("\0")):
        info, path = entry.split("\t", 1)
        rel = "rapporten/" + path.rsplit("rapporten/", 1)[-1]
        match = FINAL_PDF.fullmatch(rel)
        if not match:
            continue
        try:
            data = run_git_bytes(root, "cat-file", "blob", f"{commit}:./meetjaren/{match.group(2)}.toml")
            recorded = tomllib.loads(data.decode("utf-8")).get(RECORD_KEY[match.group(1)]) is not None
        except (GitError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            recorded = False
        if recorded:
            sent[rel] = info.split()[2]
    return sent


def _keep_sent(root: Path, old_head: str, sent: dict[str, str], say) -> None:
    """A submitted PDF is never replaced or removed by an incoming change: the version first
    committed with its submission (the one sent) is put back."""
    restore = {}
    for rel, blob in sent.items():
        now = git(root, "rev-parse", "-q", "--verify", f"HEAD:./{rel}").out.strip()
        if now == blob:
            continue
        first = git(root, "log", "--diff-filter=A", "--format=%H", "--reverse", "HEAD", "--", rel).out.split()
        original = (
            git(root, "rev-parse", "-q", "--verify", f"{first[0]}:./{rel}").out.strip() if first else blob
        )
        if now != original:
            restore[rel] = first[0] if first else old_head
    for rel, commit in restore.items():
        git(root, "checkout", commit, "--", rel)
        say(f"Het ingediende document {rel} is niet vervangen: de verstuurde versie blijft.")
    if restore:
        names = ", ".join(rel.rsplit("/", 1)[-1] for rel in restore)
        git(
            root,
            "commit",
            "-q",
            "-m",
            f"ktv sync: ingediend document {names} teruggezet (de verstuurde versie)",
        )


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


def _tell_submitted(root: Path, old_head: str, result, say) -> None:
    lines = incoming_submitted_changes(root, old_head, "HEAD")
    result.submitted_changes = lines
    if lines:
        say("Let op: binnengekomen wijzigingen in een meetjaar waarvan de indiening is vastgelegd:")
        for line in lines:
            say("  " + line)


def git_words(run: GitRun) -> str:
    """git's last lines of a failed run, with a Dutch explanation of which case it is."""
    lines = [line.strip() for line in (run.err or run.out).strip().splitlines() if line.strip()]
    lines = [line for line in lines if not line.startswith("hint:")]
    if not lines:
        return f"git stopte met code {run.code}"
    from .git_words import with_explanation

    return with_explanation(" ".join(lines[-2:]), run.err or run.out)  # which case, in Dutch
