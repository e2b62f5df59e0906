"""The conflicts a sync showed, remembered so a later pick applies to exactly those values.

`ktv sync` that stops on a conflict writes what it showed to `.git/ktv-conflicten.json`;
`ktv sync --mijn` / `--hun` (and `--beide` for texts) turn those into picks. A pick carries the
two values it was shown: when the other side changed the field since, it does not fit, and the
conflict is shown again with the new value (SPEC "the edges": a pick applies only to what was shown).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .merge import FieldConflict, Pick, shown
from .team import git

MEMORY = "ktv-conflicten.json"


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

    def remembered(self) -> dict:
        """What is kept of a shown conflict, so `--mijn`/`--hun` apply to exactly these values."""
        return {
            "bestand": self.file,
            "pad": list(self.conflict.path),
            "ons": shown(self.conflict.ours),
            "hun": shown(self.conflict.theirs),
            "digests": list(self.conflict.digests) if self.conflict.digests else None,
            "soort": self.conflict.kind,
        }


def _memory(root: Path) -> Path | None:
    run = git(root, "rev-parse", "--absolute-git-dir")
    return Path(run.out.strip()) / MEMORY if run.code == 0 and run.out.strip() else None


def remember_conflicts(root: Path, conflicts: list[Conflict]) -> None:
    """Keep the conflicts just shown (none: forget the old ones)."""
    path = _memory(root)
    if path is None:
        return
    try:
        if conflicts:
            path.write_text(
                json.dumps([c.remembered() for c in conflicts], ensure_ascii=False), encoding="utf-8"
            )
        else:
            path.unlink(missing_ok=True)
    except OSError:
        pass


def remembered_choices(root: Path, side: str) -> dict[str, dict[tuple, Pick]]:
    """Picks of `side` for every conflict the last sync showed ("both" only for texts)."""
    path = _memory(root)
    try:
        entries = json.loads(path.read_text(encoding="utf-8")) if path else []
    except (OSError, ValueError):
        return {}
    choices: dict[str, dict[tuple, Pick]] = {}
    for entry in entries if isinstance(entries, list) else []:
        if side == "both" and entry.get("soort") != "tekst":
            continue
        digests = tuple(entry["digests"]) if entry.get("digests") else None
        pick = Pick(side, entry.get("ons"), entry.get("hun"), digests)
        choices.setdefault(entry["bestand"], {})[tuple(entry.get("pad") or ())] = pick
    return choices


CHOICE_WORDS = {"ours": "mijn", "theirs": "hun", "both": "beide"}
