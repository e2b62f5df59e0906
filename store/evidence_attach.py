"""`ktv bijlage`: copy a returned form's scan next to its period and record it (SPEC §11).

Apart from store/evidence.py because it saves a period (store/save.py), which loads the
folder, which checks the evidence: keeping the writer here keeps that chain free of cycles."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from .evidence import (
    KIND_NAMES,
    SCAN_CODES,
    EvidenceRefused,
    ScanExists,
    attachment_rel,
    keep_local,
    read_scan,
)
from .model import SIDES, Assessment, Period
from .save import safe_path, save_period
from .toml_io import write_atomically


@dataclass(frozen=True)
class Attached:
    rel: str
    """Where the scan now is (`bijlagen/<id>/werknemer.pdf`)."""
    replaced: str | None
    """The scan it replaced, if any."""
    new_form: bool
    """The form table did not exist: the form is now recorded as received."""


def existing_scans(root: Path, period: Period, side: str) -> list[str]:
    """Scans of this form on disk (any extension); a recorded scan whose file is gone is no
    scan to protect, so attaching one then needs no --vervang."""
    names = [f"{side}.{ext}" for ext in KIND_NAMES]
    return [n for n in names if os.path.lexists(root / attachment_rel(period.id, n))]


def attach_scan(folder, period_id: str, side: str, scan: Path, *, replace_existing: bool) -> Attached:
    """Copy `scan` to bijlagen/<id>/<kant>.<ext> (temporary file, then rename) and record it.

    Refuses a period with errors (its canonical save could drop what the user meant), a file
    that is not a PDF/PNG/JPEG, and an existing scan unless `replace_existing`."""
    if side not in SIDES:
        raise EvidenceRefused(f"kant '{side}' bestaat niet: kies werknemer of werkgever")
    rel = f"perioden/{period_id}.toml"
    period = folder.periods.get(period_id)
    if period is None:
        raise EvidenceRefused(f"periode '{period_id}' bestaat niet (zie perioden/)")
    if any(p.is_error and p.code not in SCAN_CODES for p in folder.problems_of(rel)):
        raise EvidenceRefused(f"{rel} heeft fouten; los die eerst op (zie `ktv check`)")
    data, kind = read_scan(scan)
    old = existing_scans(folder.root, period, side)
    if old and not replace_existing:
        raise ScanExists(
            f"formulier {side} van {period_id} heeft al een scan ({attachment_rel(period_id, old[0])}); "
            "vervang hem met --vervang"
        )
    name = f"{side}.{kind}"
    target = safe_path(folder.root, attachment_rel(period_id, name))
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, data)
    form = period.forms.get(side)
    new_form = form is None
    forms = dict(period.forms)
    forms[side] = replace(form or Assessment(), attachment=name)
    try:
        save_period(folder.root, replace(period, forms=forms), folder.digests.get(rel))
    except BaseException:
        if not old or name not in old:
            target.unlink(missing_ok=True)
        raise
    for other in old:
        if other != name:
            (folder.root / attachment_rel(period_id, other)).unlink(missing_ok=True)
    keep_local(folder.root, folder.organisation)
    return Attached(
        attachment_rel(period_id, name), attachment_rel(period_id, old[0]) if old else None, new_form
    )
