"""The yearly report and the notice as PDF: refusals, the JSON for the templates, writing.

The data reaches Typst only as JSON (report/typst_render.py); every string a person typed
stays a string. Refusals are exceptions with a Dutch reason and no file is written.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from store.errors import KtvError
from store.folder import REPORT_DIR, DataFolder, year_rel
from store.git import GitError, GitState, git_state
from store.model import YearNotes
from store.paths import BadPath, expand_user, is_symlink_loop, shown
from store.save import UnsafePath, safe_path, save_year_notes
from store.toml_io import ChangedOnDisk, write_atomically

from . import document_data
from .blocking import blocking_refusal
from .command_words import words
from .dutch import long_date, os_error


class Refused(KtvError):
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
                f"alleen een concept ({words().concept}) kan nu"
            )
        if not folder.completed_periods(label):
            reasons.append(
                f"meetjaar {label} heeft geen afgeronde jobcoachperiode: stuur een melding ({words().notice})"
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
                f"vul ze in (of maak een concept met {words().concept})"
            )
    return reasons


def resolve_output(folder: DataFolder, output: Path | str | None, default_name: str) -> Path:
    """Where the PDF goes: the user's -o exactly (`~` expanded), or rapporten/ inside the data
    folder (refused when rapporten/ leads out of it); never over a data file."""
    if output is None:
        rel = f"{REPORT_DIR}/{default_name}"
        try:
            return safe_path(folder.root, rel)
        except UnsafePath as exc:
            raise Refused(
                f"{REPORT_DIR}/ is een symbolische koppeling naar buiten de gegevensmap (of in een "
                f"kring); de PDF komt daar niet ({exc}). Maak er een gewone map van, of geef -o."
            ) from exc
    try:
        path = expand_user(output)
    except BadPath as exc:
        raise Refused(f"-o: {exc}") from exc
    name = shown(output)
    if path.suffix.lower() != ".pdf":
        raise Refused(f"-o {name}: de bestandsnaam moet op .pdf eindigen")
    if is_symlink_loop(path):
        raise Refused(f"-o {name} is een symbolische koppeling in een kring")
    if path.exists() or path.is_symlink():
        if path.is_dir():
            raise Refused(f"-o {name} is een map; geef een bestandsnaam die op .pdf eindigt")
        target = path.resolve()
        if target.suffix.lower() != ".pdf" or not target.is_file() or not _is_pdf(target):
            raise Refused(f"-o {name} wijst naar een bestand dat geen PDF is; niet overschreven")
    if not path.parent.is_dir():
        raise Refused(f"-o {name}: map {shown(path.parent)} bestaat niet")
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
        raise Refused(f"kan de PDF niet schrijven naar {shown(path)}: {os_error(exc)}") from exc


# --- git and traceability -------------------------------------------------------------------


def data_git_state(folder: DataFolder) -> GitState:
    try:
        return git_state(folder.root)
    except GitError:
        return GitState(is_repo=False)


def data_changes(state: GitState) -> list[str]:
    """Uncommitted data files; generated PDFs under rapporten/ do not count, nor files that
    are never shared (a name list, an export: store.sharing), which no commit would take."""
    from store.sharing import is_data_file

    return [path for path in state.changed if not path.startswith(REPORT_DIR + "/") and is_data_file(path)]


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
            f"{words().submit} geweigerd: voor meetjaar {label} is {kind} al ingediend op "
            f"{long_date(earlier)}{verdict}. Dient u opnieuw in, pas dan ingediend_op in "
            f"{year_rel(label)} met de hand aan."
        )


def _refuse_dirty_submission(state: GitState, flag: str) -> None:
    changes = data_changes(state)
    if changes:
        raise Refused(
            f"{flag} geweigerd: de gegevensmap heeft niet-vastgelegde wijzigingen ({_listed(changes)}). "
            f"Leg ze eerst vast ({words().commit}), zodat de vastgelegde commit precies de gegevens "
            "achter de PDF is."
        )


def _listed(paths: list[str]) -> str:
    return ", ".join(shown(p) for p in paths[:5]) + (" …" if len(paths) > 5 else "")


def _refuse_uncommitted_final(state: GitState, what: str, concept_hint: bool) -> None:
    """What goes to UWV is always a recorded state (SPEC §6 "Files"): in a git repository a
    final document needs every change outside rapporten/ committed (untracked files count)."""
    changes = data_changes(state)
    if changes:
        hint = f" of maak een concept ({words().concept})" if concept_hint else ""
        raise Refused(
            f"{what} geweigerd: de gegevensmap heeft niet-vastgelegde wijzigingen ({_listed(changes)}). "
            f"Een definitief document hoort bij vastgelegde gegevens: leg ze eerst vast ({words().commit})"
            f"{hint}."
        )


def _refuse_replacing_sent(folder: DataFolder, label: int, path: Path) -> None:
    """The final file of a recorded submission is what UWV has: it is never replaced, not by
    a later final run and not by a concept sent there with -o. Another file named with -o can
    be made (SPEC §6 "Files")."""
    notes = folder.years.get(label)
    if notes is None:
        return
    for sent_on, name, kind, key in (
        (notes.submitted_on, report_name(label, False), "rapportage", "ingediend_op"),
        (notes.notice_on, notice_name(label), "melding", "melding_op"),
    ):
        if sent_on is None or not _same_file(path, folder.root / REPORT_DIR / name):
            continue
        raise Refused(
            f"{kind} geweigerd: de {kind} van meetjaar {label} is op {long_date(sent_on)} ingediend "
            f"({key} in {year_rel(label)}); {REPORT_DIR}/{name} is het verstuurde document en "
            "wordt nooit vervangen. "
            + (
                f"{words().other_report_name}, of maak een concept ({words().concept})."
                if kind == "rapportage"
                else f"{words().other_notice_name}."
            )
        )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except (OSError, RuntimeError):
        return a.absolute() == b.absolute()


# --- the JSON for the templates ---------------------------------------------------------------


def report_data(
    folder: DataFolder, label: int, today: date, *, concept: bool, state: GitState, reprint: bool = False
) -> dict:
    return document_data.report_data(
        folder, label, today, concept=concept, state=state, changed=data_changes(state), reprint=reprint
    )


def notice_data(
    folder: DataFolder, label: int, today: date, *, state: GitState | None = None, reprint: bool = False
) -> dict:
    return document_data.notice_data(folder, label, today, reprint=reprint)


def _render(template: str, data: dict, today: date) -> bytes:
    from .printable import printable
    from .typst_render import RenderError, render_pdf

    try:
        return render_pdf(template, printable(data), datetime(today.year, today.month, today.day))
    except RenderError as exc:
        raise Refused(str(exc)) from exc


# --- the two documents --------------------------------------------------------------------------


def report_name(label: int, concept: bool) -> str:
    """SPEC §6 "Files": a concept always goes to its own file, so it never takes the place of
    a final report: rapporten/klanttevredenheid-J-concept.pdf, else klanttevredenheid-J.pdf."""
    return f"klanttevredenheid-{label}-concept.pdf" if concept else f"klanttevredenheid-{label}.pdf"


def notice_name(label: int) -> str:
    return f"melding-{label}.pdf"


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
        raise Refused(f"{words().submit} kan alleen bij een definitieve rapportage, niet bij een concept")
    reasons = report_refusals(folder, label, today, concept=concept)
    if reasons:
        raise Refused("rapportage geweigerd:\n  " + "\n  ".join(reasons))
    state = data_git_state(folder)
    if submitted:
        _refuse_second_submission(folder, label)
        _refuse_dirty_submission(state, words().submit)
        _refuse_unsafe_record(folder, label)
    path = resolve_output(folder, output, report_name(label, concept))
    _refuse_replacing_sent(folder, label, path)
    if not concept:
        _refuse_uncommitted_final(state, "rapportage", concept_hint=True)
    pdf = _render("rapportage", report_data(folder, label, today, concept=concept, state=state), today)
    _write_pdf(path, pdf)
    if submitted:
        _record_submission(folder, label, today, state, notice=False, pdf=path)
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
            f"maak de rapportage ({words().report})"
        )
    if today <= year.end:
        raise Refused(
            f"melding geweigerd: meetjaar {label} loopt nog tot en met {long_date(year.end)}; "
            "een melding kan pas na afloop"
        )
    state = data_git_state(folder)
    if submitted:
        _refuse_second_submission(folder, label)
        _refuse_dirty_submission(state, words().submit)
        _refuse_unsafe_record(folder, label)
    path = resolve_output(folder, output, notice_name(label))
    _refuse_replacing_sent(folder, label, path)
    _refuse_uncommitted_final(state, "melding", concept_hint=False)
    _write_pdf(path, _render("melding", notice_data(folder, label, today, state=state), today))
    if submitted:
        _record_submission(folder, label, today, state, notice=True, pdf=path)
    return path


def _refuse_unsafe_record(folder: DataFolder, label: int) -> None:
    """Before any PDF is made: the meetjaar file that records the submission can be written."""
    try:
        safe_path(folder.root, year_rel(label))
    except UnsafePath as exc:
        raise Refused(
            f"{words().submit} geweigerd: {exc}; de indiening kan daar niet worden vastgelegd"
        ) from exc


def _record_submission(
    folder: DataFolder, label: int, today: date, state: GitState, *, notice: bool, pdf: Path
) -> None:
    """Record the submission in the meetjaar file; all or nothing (atomic_save). When the file
    changed on disk while the PDF was made, nothing is recorded and the person is told so."""
    notes = folder.years.get(label) or YearNotes(year=label)
    changes = {"notice_on": today} if notice else {"submitted_on": today}
    changes["submitted_commit"] = state.head if state.is_repo else None
    rel = year_rel(label)
    try:
        save_year_notes(folder.root, replace(notes, **changes), folder.digests.get(rel))
    except ChangedOnDisk:
        reason = f"{rel} is gewijzigd terwijl de PDF werd gemaakt"
    except UnsafePath as exc:
        reason = str(exc)
    except OSError as exc:
        reason = f"{rel} kan niet worden geschreven ({os_error(exc)})"
    else:
        return
    raise Refused(
        f"de PDF staat in {shown(pdf)}, maar de indiening is NIET vastgelegd: {reason}. "
        f"Er is niets in {rel} veranderd. Bekijk de wijziging, leg haar vast ({words().commit}) en "
        f"maak het document opnieuw met {words().submit}."
    )


# --- reprints of a recorded submission (--zoals-ingediend) -------------------------------------


def reprint_name(label: int, notice: bool) -> str:
    return (
        f"melding-{label}-zoals-ingediend.pdf" if notice else f"klanttevredenheid-{label}-zoals-ingediend.pdf"
    )


def reprint_document(folder: DataFolder, label: int, output: Path | None = None, *, notice: bool) -> Path:
    """Rebuild the submitted report (or notice) of meetjaar `label` from its recorded commit and
    date: the same bytes as the file that was sent. Refused without a recorded submission."""
    from .reprint import ReprintRefused, rebuilt_folder, recorded_submission, submitted_state

    try:
        sent_on, commit = recorded_submission(folder, label, notice=notice)
    except ReprintRefused as exc:
        raise Refused(str(exc)) from exc
    path = resolve_output(folder, output, reprint_name(label, notice))
    _refuse_replacing_sent(folder, label, path)
    state = submitted_state(folder, commit)
    what = "melding" if notice else "rapportage"
    try:
        with rebuilt_folder(folder, commit, sent_on) as old:
            _refuse_errors(old, label, what)
            if notice:
                data = notice_data(old, label, sent_on, state=state, reprint=True)
            else:
                reasons = report_refusals(old, label, sent_on, concept=False)
                if reasons:
                    raise Refused("--zoals-ingediend geweigerd:\n  " + "\n  ".join(reasons))
                data = report_data(old, label, sent_on, concept=False, state=state, reprint=True)
    except ReprintRefused as exc:
        raise Refused(str(exc)) from exc
    _write_pdf(path, _render("melding" if notice else "rapportage", data, sent_on))
    return path
