"""Load a whole data folder into the model, collecting problems; find the folder; new ids."""

from __future__ import annotations

import contextlib
import gc
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from .calendar import LAST_YEAR, Calendar, calendar_of
from .evidence import SCAN_CODES
from .fields import FileContext
from .folder_names import (
    OTHER_NAMES_MAX,
    invalid_name,
    linked_out,
    name_problem,
    scan_data_dir,
    scan_other_names,
)
from .layout import (
    DATA_DIRS,
    ORGANISATION_FILE,
    PERIOD_DIR,
    QUESTIONNAIRE_DIR,
    REPORT_DIR,
    YEAR_DIR,
    YEAR_FILE,
    period_rel,
    questionnaire_rel,
    year_of_name,
    year_rel,
)
from .locate import FolderNotFound, find_data_dir, new_period_id
from .model import SIDES, Organisation, Period, Questionnaire, YearNotes
from .parse import PERIOD_ID, parse_organisation, parse_period, parse_questionnaire, parse_year_notes
from .paths import shown
from .problems import Problem, error, sort_problems
from .toml_decode import decode_toml, parse_bytes
from .toml_io import ReadRefused, SafeReader, decode, digest
from .validate import validate_folder
from .validate_git import git_checks

__all__ = [  # the folder's names, re-exported: callers import them from here
    "DATA_DIRS",
    "ORGANISATION_FILE",
    "OTHER_NAMES_MAX",
    "PERIOD_DIR",
    "QUESTIONNAIRE_DIR",
    "REPORT_DIR",
    "YEAR_DIR",
    "YEAR_FILE",
    "DataFolder",
    "FolderNotFound",
    "find_data_dir",
    "load_folder",
    "load_text",
    "name_problem",
    "new_period_id",
    "parse_bytes",
    "period_rel",
    "questionnaire_rel",
    "year_of_name",
    "year_rel",
]


UNTELLABLE = "?"
"""Marker for a period file whose meetjaar cannot be told (unreadable, no valid dates)."""


@dataclass
class DataFolder:
    """Everything read from one data folder; models only for files that could be read."""

    root: Path
    today: date
    organisation: Organisation | None = None
    questionnaires: dict[str, Questionnaire] = field(default_factory=dict)
    periods: dict[str, Period] = field(default_factory=dict)
    """Every period whose required fields could be read, also those with other errors."""
    years: dict[int, YearNotes] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)
    """Digest of each file's bytes as read: a save refuses when the disk no longer matches."""
    texts: dict[str, str] = field(default_factory=dict, repr=False)
    """Each data file's text as read: the checks find a key's line in it, never on disk, so
    they are pure functions of what was loaded (store/validate.py)."""
    period_labels: dict[str, int | None | str] = field(default_factory=dict)
    """Per period file: its meetjaar, None (not completed / before the first), or UNTELLABLE."""
    problems: list[Problem] = field(default_factory=list)

    recognition_fallback: date | None = None
    """The erkenningsdatum of a ktv.toml with other errors: `deadlines` still answers with it."""
    name_fallback: str | None = None
    first_year_fallback: int | None = None
    """`eerste_meetjaar` of a ktv.toml with other errors, so `deadlines` lists the same meetjaren."""

    @property
    def recognition_date(self) -> date | None:
        return self.organisation.recognition_date if self.organisation else self.recognition_fallback

    @property
    def name(self) -> str | None:
        return self.organisation.name if self.organisation else self.name_fallback

    @property
    def calendar(self) -> Calendar | None:
        recognition = self.recognition_date
        if not recognition:
            return None
        first_year = self.organisation.first_year if self.organisation else self.first_year_fallback
        return calendar_of(recognition, first_year)

    @property
    def error_files(self) -> set[str]:
        return {p.file for p in self.problems if p.is_error}

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def problems_of(self, rel: str) -> list[Problem]:
        return [p for p in self.problems if p.file == rel]

    @cached_property
    def _ids_by_label(self) -> dict[int | None | str, list[str]]:
        """Period ids per meetjaar, built once: a report asks for every earlier meetjaar."""
        index: dict[int | None | str, list[str]] = {}
        for pid, label in self.period_labels.items():
            index.setdefault(label, []).append(pid)
        return index

    def completed_periods(self, label: int) -> list[Period]:
        """The periods of one meetjaar, ordered by einde, then id (SPEC §4)."""
        chosen = [self.periods[pid] for pid in self._ids_by_label.get(label, ()) if pid in self.periods]
        return sorted(chosen, key=lambda p: (p.end, p.id))

    def blocking_problems(self, label: int) -> list[Problem]:
        """Errors that could change meetjaar `label`'s numbers (SPEC §2): stats/report refuse."""
        errors = [p for p in self.errors if p.code not in SCAN_CODES]  # a scan never changes a number
        if not errors:
            return []
        error_files = {p.file for p in errors}
        calendar = self.calendar
        year_end = calendar.year(label).end if calendar is not None else None
        blocking_periods = set()
        for pid, lab in self.period_labels.items():
            rel = period_rel(pid)
            if lab == label or lab == UNTELLABLE:
                blocking_periods.add(rel)
            elif lab is None and rel in error_files:
                # An error and no readable einde (a misspelt `eind`): it may belong to any
                # meetjaar that ends after its begin (SPEC §2).
                period = self.periods.get(pid)
                if period is None or year_end is None or year_end > period.begin:
                    blocking_periods.add(rel)
        result = []
        for problem in errors:
            rel = problem.file
            if (
                rel in (ORGANISATION_FILE, PERIOD_DIR, YEAR_DIR)
                or rel.startswith(QUESTIONNAIRE_DIR + "/")
                or rel == year_rel(label)
                or rel in blocking_periods
            ):
                result.append(problem)
        return result


def _readable_basics(text: str) -> tuple[date | None, str | None]:
    """Erkenningsdatum and naam from a ktv.toml that has errors elsewhere (a bad norm, a typo)."""
    import tomllib

    try:
        raw = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError, RecursionError):
        return None, None
    recognition = raw.get("erkenningsdatum")
    name = raw.get("naam")
    usable = _is_date(recognition) and recognition.year <= LAST_YEAR
    return (recognition if usable else None), (name if isinstance(name, str) else None)


def _readable_first_year(text: str) -> int | None:
    """`eerste_meetjaar` from a ktv.toml that has errors elsewhere, when it is a plain year."""
    import tomllib

    try:
        value = tomllib.loads(text).get("eerste_meetjaar")
    except (tomllib.TOMLDecodeError, ValueError, RecursionError):
        return None
    return value if type(value) is int and 1900 <= value <= LAST_YEAR else None


def _read(
    reader: SafeReader,
    root: Path,
    rel: str,
    problems: list[Problem],
    digests: dict[str, str],
    texts: dict[str, str] | None = None,
) -> str | None:
    try:
        data = reader.read(f"{root}/{rel}")
    except ReadRefused as exc:
        problems.append(error(rel, None, str(exc), code="onleesbaar-bestand"))
        return None
    digests[rel] = digest(data)
    try:
        text = decode(data)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(
            error(rel, line, "geen geldige UTF-8-tekst (sla het bestand op als UTF-8)", code="geen-utf8")
        )
        return None
    if texts is not None:
        texts[rel] = text
    return text


def load_text(root: Path, rel: str) -> tuple[str | None, list[Problem], str | None]:
    """Read one file as load_folder would: its text, the refusal problems, its digest."""
    problems: list[Problem] = []
    digests: dict[str, str] = {}
    text = _read(SafeReader(root), root, rel, problems, digests)
    return text, problems, digests.get(rel)


@contextlib.contextmanager
def _no_cyclic_gc():
    """Loading creates ~10 objects per file and no cycles: the collector's passes over them
    cost a third of a warm load of 20 000 files (profile), so it pauses during the load."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_folder(root: Path, today: date, *, with_git: bool = True, parallel: bool = False) -> DataFolder:
    """Read every file of the folder; a broken file is a problem, never an exception.

    `parallel`: a large perioden/ may be read on two cores by a forked child (a command-line
    run; never in a process with threads, store/parallel_load.py)."""
    from .privacy import reference_day

    with reference_day(today), _no_cyclic_gc():  # a date of birth is judged against --today
        return _load_folder(root, today, with_git=with_git, parallel=parallel)


def _load_folder(root: Path, today: date, *, with_git: bool, parallel: bool = False) -> DataFolder:
    root = Path(root)
    folder = DataFolder(root=root, today=today)
    reader = SafeReader(root)
    problems: list[Problem] = []
    _load_organisation(folder, reader, problems)
    _load_questionnaires(folder, reader, problems)
    calendar = folder.calendar
    for rel_dir in (*DATA_DIRS, REPORT_DIR):  # its files are each refused by the SafeReader too
        linked_out(root, rel_dir, problems)
    for entry in scan_data_dir(root / YEAR_DIR, YEAR_DIR, problems):
        _load_year(folder, reader, problems, entry.name)
    _load_periods(root, folder, problems, calendar, reader, parallel)
    scan_other_names(root, problems)
    folder.problems = problems
    error_files = frozenset(p.file for p in problems if p.is_error)
    problems += validate_folder(folder, with_git=False, error_files=error_files)
    if with_git:
        problems += git_checks(folder)
    folder.problems = sort_problems(problems)
    return folder


def _load_organisation(folder: DataFolder, reader: SafeReader, problems: list[Problem]) -> None:
    root = folder.root
    if not (root / ORGANISATION_FILE).exists():
        message = "ktv.toml ontbreekt: dit is geen ktv-gegevensmap"
        problems.append(error(ORGANISATION_FILE, None, message, code="ontbrekend-bestand"))
        return
    text = _read(reader, root, ORGANISATION_FILE, problems, folder.digests, folder.texts)
    if text is None:
        return
    ctx = FileContext(ORGANISATION_FILE, text)
    folder.organisation = parse_organisation(ctx)
    problems += ctx.problems
    if folder.organisation is None:
        folder.recognition_fallback, folder.name_fallback = _readable_basics(text)
        folder.first_year_fallback = _readable_first_year(text)


def _load_questionnaires(folder: DataFolder, reader: SafeReader, problems: list[Problem]) -> None:
    root = folder.root
    for side in SIDES:
        rel = questionnaire_rel(side)
        if not (root / rel).exists() and not (root / rel).is_symlink():
            message = f"vragenlijst {side} ontbreekt (maak hem met `ktv init`)"
            problems.append(error(rel, None, message, code="ontbrekend-bestand", params={"kant": side}))
            continue
        text = _read(reader, root, rel, problems, folder.digests, folder.texts)
        if text is None:
            continue
        ctx = FileContext(rel, text)
        questionnaire = parse_questionnaire(ctx, side)
        problems += ctx.problems
        if questionnaire is not None:
            folder.questionnaires[side] = questionnaire


def _load_year(folder: DataFolder, reader: SafeReader, problems: list[Problem], name: str) -> None:
    """One file under meetjaren/: a name that is no year, a meetjaar out of range (before the
    first: only its syntax is checked when ktv.toml's eerste_meetjaar hides it), or its notes."""
    root, calendar = folder.root, folder.calendar
    rel = f"{YEAR_DIR}/{shown(name)}"
    label = year_of_name(name)
    if label is None:
        message = f"bestandsnaam '{name}' is geen meetjaar (vier cijfers 0-9, bijv. 2017.toml)"
        problems.append(error(rel, None, message, code="ongeldige-naam"))
        return
    if calendar is not None and calendar.natural_first_label <= label < calendar.first_label:
        _syntax_only(reader, root, rel, problems, folder.digests)
        return
    if calendar is not None and label < calendar.first_label:
        message = f"meetjaar {label} ligt voor het eerste meetjaar ({calendar.first_label})"
        problems.append(error(rel, None, message, code="meetjaar-buiten-bereik", params={"meetjaar": label}))
        return
    if label > LAST_YEAR:
        message = f"meetjaar {label} ligt te ver in de toekomst"
        problems.append(error(rel, None, message, code="meetjaar-buiten-bereik", params={"meetjaar": label}))
        return
    text = _read(reader, root, rel, problems, folder.digests, folder.texts)
    if text is None:
        return
    ctx = FileContext(rel, text)
    notes = parse_year_notes(ctx, label)
    problems += ctx.problems
    if notes is not None:
        folder.years[label] = notes


def _syntax_only(
    reader: SafeReader, root: Path, rel: str, problems: list[Problem], digests: dict[str, str]
) -> None:
    """A file of a meetjaar before `eerste_meetjaar`: checked for TOML syntax only (SPEC §3)."""
    text = _read(reader, root, rel, problems, digests)
    if text is not None:
        ctx = FileContext(rel, text)
        decode_toml(ctx)
        problems += ctx.problems


def _is_date(value: Any) -> bool:
    return isinstance(value, date) and not isinstance(value, datetime)


def _load_periods(
    root: Path,
    folder: DataFolder,
    problems: list[Problem],
    calendar: Calendar | None,
    reader: SafeReader,
    parallel: bool = False,
) -> None:
    from .parallel_load import read_all

    rejected: list[str] = []
    names = [entry.name for entry in scan_data_dir(root / PERIOD_DIR, PERIOD_DIR, problems, rejected)]
    records = read_all(names, lambda name: _read_period(reader, root, calendar, name), parallel=parallel)
    for name, found, period, label, dropped, file_digest, text in records:
        rel, period_id = f"{PERIOD_DIR}/{name}", name[: -len(".toml")]
        if file_digest is not None:
            folder.digests[rel] = file_digest
        if text is not None:
            folder.texts[rel] = text
        if dropped:
            continue
        problems += found
        if period is not None:
            folder.periods[period_id] = period
        folder.period_labels[period_id] = label
    for name in rejected:
        if name.lower().endswith(".toml"):
            # A period file that is not read: its meetjaar cannot be told, so it blocks them all.
            folder.period_labels[name[: -len(".toml")]] = UNTELLABLE


def _read_period(reader: SafeReader, root: Path, calendar: Calendar | None, name: str) -> tuple:
    """One period file: (name, problems, period or None, meetjaar label, dropped, file_digest, text),
    plain values only, so a second process can read half a folder (store/parallel_load.py)."""
    rel = f"{PERIOD_DIR}/{name}"
    period_id = name[: -len(".toml")]
    if not PERIOD_ID.fullmatch(period_id):
        return name, [invalid_name(rel, name)], None, UNTELLABLE, False, None, None
    problems: list[Problem] = []
    digests: dict[str, str] = {}
    texts: dict[str, str] = {}
    text = _read(reader, root, rel, problems, digests, texts)
    file_digest = digests.get(rel)
    if text is None:
        return name, problems, None, UNTELLABLE, False, file_digest, None
    ctx = FileContext(rel, text)
    period, raw = parse_period(ctx, period_id)
    end = raw.get("einde")
    if calendar is not None and _is_date(end) and calendar.before_first_year(end):
        # Ended in a meetjaar before `eerste_meetjaar`: the TOML was read (it has a valid
        # einde), and beyond that syntax the period does not exist for ktv (SPEC §3): it is
        # in no list, not even the app's table of periods.
        return name, [], None, None, True, file_digest, text
    return name, ctx.problems, period, _label_of(raw, calendar), False, file_digest, text


def _label_of(raw: dict[str, Any], calendar: Calendar | None) -> int | None | str:
    """The meetjaar of a period file from its raw dates, even when the file has other errors."""
    if calendar is None:
        return UNTELLABLE
    if raw.get("has_einde", True):
        end = raw.get("einde")
        return calendar.label_of(end) if _is_date(end) else UNTELLABLE
    return None if _is_date(raw.get("begin")) else UNTELLABLE


# --- finding the folder ----------------------------------------------------------------------


# --- ids ---------------------------------------------------------------------------------------
