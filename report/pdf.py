"""The yearly report and the notice as PDF: refusals, the JSON for the templates, writing.

The data reaches Typst only as JSON (report/typst_render.py); every string a person typed
stays a string. Refusals are exceptions with a Dutch reason and no file is written.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from store.folder import REPORT_DIR, DataFolder, year_rel
from store.git import GitError, GitState, git_state
from store.model import YearNotes
from store.save import save_year_notes
from store.toml_io import write_atomically

from . import document_data
from .blocking import blocking_refusal
from .dutch import long_date, os_error


class Refused(Exception):
    """The PDF is not made; str() is the Dutch reason for the person."""


# --- refusals ------------------------------------------------------------------------------


def _refuse_errors(folder: DataFolder, label: int, what: str) -> None:
    reason = blocking_refusal(folder, label, what)
    if reason:
        raise Refused(reason)


def _check_year(folder: DataFolder, label: int, today: date) -> None:
    calendar = folder.calendar
    current = calendar.current_label(today)
    if not calendar.first_label <= label <= current:
        raise Refused(
            f"onbekend meetjaar {label}: de meetjaren lopen van {calendar.first_label} tot en met {current}"
        )


def report_refusals(folder: DataFolder, label: int, today: date, *, concept: bool) -> list[str]:
    """Why a final report cannot be made (empty: it can). Errors in the data come first."""
    reasons = []
    year = folder.calendar.year(label)
    notes = folder.years.get(label)
    if not concept:
        if today <= year.end:
            reasons.append(
                f"meetjaar {label} loopt nog tot en met {long_date(year.end)}; "
                "alleen een concept (--concept) kan nu"
            )
        if not folder.completed_periods(label):
            reasons.append(
                f"meetjaar {label} heeft geen afgeronde jobcoachperiode: stuur een melding (`ktv melding`)"
            )
        missing = [
            name
            for name, value in (
                ("analyse", notes and notes.analysis),
                ("conclusies", notes and notes.conclusions),
            )
            if not value
        ]
        if missing:
            reasons.append(
                f"{' en '.join(missing)} ontbreken in {year_rel(label)}; "
                "vul ze in (of maak een concept met --concept)"
            )
    return reasons


def resolve_output(folder: DataFolder, output: Path | None, default_name: str) -> Path:
    """Where the PDF goes: the user's -o exactly, or rapporten/; never over a data file."""
    if output is None:
        return folder.root / REPORT_DIR / default_name
    path = Path(output).expanduser()
    if path.suffix.lower() != ".pdf":
        raise Refused(f"-o {output}: de bestandsnaam moet op .pdf eindigen")
    if path.exists() or path.is_symlink():
        if path.is_dir():
            raise Refused(f"-o {output} is een map; geef een bestandsnaam die op .pdf eindigt")
        target = path.resolve()
        if target.suffix.lower() != ".pdf" or not target.is_file() or not _is_pdf(target):
            raise Refused(f"-o {output} wijst naar een bestand dat geen PDF is; niet overschreven")
    if not path.parent.is_dir():
        raise Refused(f"-o {output}: map {path.parent} bestaat niet")
    return path


def _is_pdf(path: Path) -> bool:
    """An existing file may only be replaced when it is a PDF itself (an empty file counts too)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(5)
    except OSError:
        return False
    return head in (b"", b"%PDF-")


def _write_pdf(path: Path, data: bytes) -> None:
    """Temporary file next to it, then rename: never a half-written PDF."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data)
    except OSError as exc:
        raise Refused(f"kan de PDF niet schrijven naar {path}: {os_error(exc)}") from exc


# --- git and traceability -------------------------------------------------------------------


def data_git_state(folder: DataFolder) -> GitState:
    try:
        return git_state(folder.root)
    except GitError:
        return GitState(is_repo=False)


def data_changes(state: GitState) -> list[str]:
    """Uncommitted data files; generated PDFs under rapporten/ do not count."""
    return [path for path in state.changed if not path.startswith(REPORT_DIR + "/")]


def _refuse_second_submission(folder: DataFolder, label: int) -> None:
    """A recorded submission is evidence for UWV: --ingediend never overwrites it."""
    notes = folder.years.get(label)
    if notes is None:
        return
    earlier = notes.submitted_on or notes.notice_on
    if earlier is not None:
        kind = "de rapportage" if notes.submitted_on else "de melding"
        verdict = f" (uitslag: {notes.verdict})" if notes.verdict else ""
        raise Refused(
            f"--ingediend geweigerd: voor meetjaar {label} is {kind} al ingediend op "
            f"{long_date(earlier)}{verdict}. Dient u opnieuw in, pas dan ingediend_op in "
            f"{year_rel(label)} met de hand aan."
        )


def _refuse_dirty_submission(state: GitState, flag: str) -> None:
    changes = data_changes(state)
    if changes:
        listed = ", ".join(changes[:5]) + (" …" if len(changes) > 5 else "")
        raise Refused(
            f"{flag} geweigerd: de gegevensmap heeft niet-vastgelegde wijzigingen ({listed}). "
            "Leg ze eerst vast (git commit), zodat de vastgelegde commit precies de gegevens "
            "achter de PDF is."
        )


# --- the JSON for the templates ---------------------------------------------------------------


def report_data(folder: DataFolder, label: int, today: date, *, concept: bool, state: GitState) -> dict:
    return document_data.report_data(
        folder, label, today, concept=concept, state=state, changed=data_changes(state)
    )


def notice_data(folder: DataFolder, label: int, today: date, *, state: GitState | None = None) -> dict:
    return document_data.notice_data(folder, label, today)


def _render(template: str, data: dict, today: date) -> bytes:
    from .typst_render import RenderError, render_pdf

    try:
        return render_pdf(template, data, datetime(today.year, today.month, today.day))
    except RenderError as exc:
        raise Refused(str(exc)) from exc


# --- the two documents --------------------------------------------------------------------------


def _report_name(folder: DataFolder, label: int, concept: bool) -> str:
    """rapporten/klanttevredenheid-J.pdf (SPEC §5); a concept for a meetjaar whose report was
    already sent gets its own name, so the PDF that went to UWV is never overwritten."""
    notes = folder.years.get(label)
    if concept and notes is not None and notes.submitted_on is not None:
        return f"klanttevredenheid-{label}-concept.pdf"
    return f"klanttevredenheid-{label}.pdf"


def make_report(
    folder: DataFolder,
    label: int,
    today: date,
    output: Path | None = None,
    *,
    concept: bool = False,
    submitted: bool = False,
) -> Path:
    """Write the report PDF; with `submitted`, record ingediend_op and ingediend_commit after it."""
    _refuse_errors(folder, label, "rapportage")
    _check_year(folder, label, today)
    if submitted and concept:
        raise Refused("--ingediend kan alleen bij een definitieve rapportage, niet bij een concept")
    reasons = report_refusals(folder, label, today, concept=concept)
    if reasons:
        raise Refused("rapportage geweigerd:\n  " + "\n  ".join(reasons))
    state = data_git_state(folder)
    if submitted:
        _refuse_second_submission(folder, label)
        _refuse_dirty_submission(state, "--ingediend")
    path = resolve_output(folder, output, _report_name(folder, label, concept))
    pdf = _render("rapportage", report_data(folder, label, today, concept=concept, state=state), today)
    _write_pdf(path, pdf)
    if submitted:
        _record_submission(folder, label, today, state, notice=False)
    return path


def make_notice(
    folder: DataFolder,
    label: int,
    today: date,
    output: Path | None = None,
    *,
    submitted: bool = False,
) -> Path:
    """Write the notice that no jobcoachperiode was completed in a meetjaar that has ended."""
    _refuse_errors(folder, label, "melding")
    _check_year(folder, label, today)
    year = folder.calendar.year(label)
    completed = folder.completed_periods(label)
    if completed:
        raise Refused(
            f"melding geweigerd: meetjaar {label} heeft {len(completed)} afgeronde jobcoachperiode(n); "
            "maak de rapportage (`ktv report`)"
        )
    if today <= year.end:
        raise Refused(
            f"melding geweigerd: meetjaar {label} loopt nog tot en met {long_date(year.end)}; "
            "een melding kan pas na afloop"
        )
    state = data_git_state(folder)
    if submitted:
        _refuse_second_submission(folder, label)
        _refuse_dirty_submission(state, "--ingediend")
    path = resolve_output(folder, output, f"melding-{label}.pdf")
    _write_pdf(path, _render("melding", notice_data(folder, label, today, state=state), today))
    if submitted:
        _record_submission(folder, label, today, state, notice=True)
    return path


def _record_submission(folder: DataFolder, label: int, today: date, state: GitState, *, notice: bool) -> None:
    notes = folder.years.get(label) or YearNotes(year=label)
    changes = {"notice_on": today} if notice else {"submitted_on": today}
    changes["submitted_commit"] = state.head if state.is_repo else None
    save_year_notes(folder.root, replace(notes, **changes), folder.digests.get(year_rel(label)))
