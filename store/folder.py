"""Load a whole data folder into the model, collecting problems; find the folder; new ids."""

from __future__ import annotations

import contextlib
import gc
import os
import re
import secrets
import string
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from .calendar import LAST_YEAR, Calendar
from .errors import KtvError
from .fields import FileContext
from .model import SIDES, Organisation, Period, Questionnaire, YearNotes
from .parse import PERIOD_ID, parse_organisation, parse_period, parse_questionnaire, parse_year_notes
from .paths import inside, is_symlink_loop, is_utf8_name, os_error, shown
from .privacy import find_personal_data_in_name
from .problems import Problem, error, sort_problems, warning
from .toml_io import ReadRefused, SafeReader, decode, digest

ORGANISATION_FILE = "ktv.toml"
QUESTIONNAIRE_DIR = "vragenlijsten"
PERIOD_DIR = "perioden"
YEAR_DIR = "meetjaren"
REPORT_DIR = "rapporten"

UNTELLABLE = "?"
"""Marker for a period file whose meetjaar cannot be told (unreadable, no valid dates)."""


def questionnaire_rel(side: str) -> str:
    return f"{QUESTIONNAIRE_DIR}/{side}.toml"


def period_rel(period_id: str) -> str:
    return f"{PERIOD_DIR}/{period_id}.toml"


def year_rel(label: int) -> str:
    return f"{YEAR_DIR}/{label}.toml"


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
        return Calendar(recognition, first_year)

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
        errors = self.errors
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


def name_problem(rel_dir: str, name: str, *, data_dir: bool) -> Problem | None:
    """SPEC §2 for a file or folder name: not UTF-8, or a BSN, e-mail address or phone number in
    it, is an error under perioden/, meetjaren/ and vragenlijsten/ and a warning elsewhere."""
    printed = shown(name)
    rel = f"{rel_dir}/{printed}" if rel_dir else printed
    if not is_utf8_name(name):
        make = error if data_dir else warning
        return make(
            rel,
            None,
            f"naam '{printed}' is geen UTF-8 (andere tekenset); geef het bestand een nieuwe naam",
            code="ongeldige-naam",
        )
    hits = find_personal_data_in_name(name)
    if hits:
        # Under the data folders a name is an id that reaches the numbers: an error. Elsewhere
        # (a PDF someone named under rapporten/) nothing is read, so it is a warning.
        make = error if data_dir else warning
        return make(
            rel,
            None,
            f"bestandsnaam bevat persoonsgegevens: {hits[0].description}; "
            "gebruik alleen pseudoniemen (geef het bestand een nieuwe naam)",
            code="persoonsgegevens",
        )
    return None


def _scan(
    folder: Path, rel_dir: str, problems: list[Problem], rejected: list[str] | None = None
) -> Iterator[os.DirEntry[str]]:
    """The data files of one subfolder; anything else in it is named, never silently skipped.

    A name that looks meant as a data file (`P5.TOML`) is yielded so it gets its bad-name
    error; stray files (`x.txt`, a merge's `.orig`, an editor's `~`) and subfolders get a
    warning, since they are not read; hidden files (`.gitkeep`, a save's temp file) are ours.
    A name that is not UTF-8 or holds personal data is an error and not read; its shown name
    goes to `rejected`.
    """
    try:
        with os.scandir(folder) as entries:
            found = sorted(entries, key=lambda e: e.name)
    except FileNotFoundError:
        return
    except NotADirectoryError:
        problems.append(
            error(
                rel_dir,
                None,
                f"'{rel_dir}' is een bestand, geen map; niets daarin gelezen",
                code="onleesbaar-bestand",
            )
        )
        return
    except OSError as exc:
        problems.append(
            error(
                rel_dir,
                None,
                f"map kan niet gelezen worden ({os_error(exc)})",
                code="onleesbaar-bestand",
            )
        )
        return
    for entry in found:
        name = entry.name
        if name.startswith("."):
            continue
        bad = name_problem(rel_dir, name, data_dir=True)
        if bad is not None:
            problems.append(bad)
            if rejected is not None:
                rejected.append(shown(name))
            continue
        if name.endswith(".toml") or name.lower().endswith(".toml"):
            yield entry
        else:
            what = "een map" if entry.is_dir(follow_symlinks=False) else "geen .toml-bestand"
            problems.append(
                warning(
                    f"{rel_dir}/{shown(name)}",
                    None,
                    f"{what} in {rel_dir}/; wordt niet gelezen",
                    code="vreemd-bestand",
                )
            )


OTHER_NAMES_MAX = 5000
"""How many names outside the data subfolders are looked at: a huge rapporten/ or a stray
backup tree must not slow every load."""


def _scan_other_names(root: Path, problems: list[Problem]) -> None:
    """Names elsewhere in the folder (vragenlijsten/, rapporten/, the top): not UTF-8 is an
    error under vragenlijsten/ and a warning elsewhere, personal data an error; nothing here
    is read, and no name stops the load. perioden/ and meetjaren/ have their own scan."""
    seen = 0
    for here, dirs, files in os.walk(root):
        rel_here = os.path.relpath(here, root)
        rel_here = "" if rel_here == "." else shown(rel_here).replace(os.sep, "/")
        if not rel_here:
            dirs[:] = [d for d in dirs if d not in (PERIOD_DIR, YEAR_DIR)]
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        data_dir = rel_here == QUESTIONNAIRE_DIR or rel_here.startswith(QUESTIONNAIRE_DIR + "/")
        for name in sorted([*dirs, *files]):
            if name.startswith("."):
                continue
            seen += 1
            if seen > OTHER_NAMES_MAX:
                return
            bad = name_problem(rel_here, name, data_dir=data_dir)
            if bad is not None:
                problems.append(bad)
                if name in dirs:
                    dirs.remove(name)


DATA_DIRS = (QUESTIONNAIRE_DIR, PERIOD_DIR, YEAR_DIR)


def _linked_out(root: Path, rel_dir: str, problems: list[Problem]) -> None:
    """A data or report folder that is a symlink leading out of the data folder (or in a loop):
    an error, and nothing is read from or written into it (SPEC §8)."""
    path = root / rel_dir
    if not path.is_symlink() or (inside(root, path) and not is_symlink_loop(path)):
        return
    problems.append(
        error(
            rel_dir,
            None,
            f"'{rel_dir}' is een symbolische koppeling naar buiten de gegevensmap (of in een kring); "
            "niets daarin gelezen of geschreven. Maak er een gewone map van.",
            code="onleesbaar-bestand",
        )
    )


def _read(
    reader: SafeReader, root: Path, rel: str, problems: list[Problem], digests: dict[str, str]
) -> str | None:
    try:
        data = reader.read(f"{root}/{rel}")
    except ReadRefused as exc:
        problems.append(error(rel, None, str(exc), code="onleesbaar-bestand"))
        return None
    digests[rel] = digest(data)
    try:
        return decode(data)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(
            error(rel, line, "geen geldige UTF-8-tekst (sla het bestand op als UTF-8)", code="geen-utf8")
        )
        return None


def parse_bytes(rel: str, data: bytes) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Bytes from anywhere (a file from the git history) through the same tolerant path as a
    file read from disk: not UTF-8, bad TOML, deep nesting, a huge number are problems."""
    from .parse import decode_toml
    from .toml_io import MAX_FILE_BYTES

    if len(data) > MAX_FILE_BYTES:
        return None, [
            error(
                rel,
                None,
                f"bestand is te groot ({len(data)} bytes, hoogstens 1 MB); niet gelezen",
                code="onleesbaar-bestand",
            )
        ]
    try:
        text = decode(data)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [
            error(rel, line, "geen geldige UTF-8-tekst (sla het bestand op als UTF-8)", code="geen-utf8")
        ]
    ctx = FileContext(rel, text)
    return decode_toml(ctx), list(ctx.problems)


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


def load_folder(root: Path, today: date, *, with_git: bool = True) -> DataFolder:
    """Read every file of the folder; a broken file is a problem, never an exception."""
    from .privacy import reference_day

    with reference_day(today), _no_cyclic_gc():  # a date of birth is judged against --today
        return _load_folder(root, today, with_git=with_git)


def _load_folder(root: Path, today: date, *, with_git: bool) -> DataFolder:
    from .validate import validate_folder

    root = Path(root)
    folder = DataFolder(root=root, today=today)
    reader = SafeReader(root)
    problems: list[Problem] = []

    if not (root / ORGANISATION_FILE).exists():
        problems.append(
            error(
                ORGANISATION_FILE,
                None,
                "ktv.toml ontbreekt: dit is geen ktv-gegevensmap",
                code="ontbrekend-bestand",
            )
        )
    else:
        text = _read(reader, root, ORGANISATION_FILE, problems, folder.digests)
        if text is not None:
            ctx = FileContext(ORGANISATION_FILE, text)
            folder.organisation = parse_organisation(ctx)
            problems += ctx.problems
            if folder.organisation is None:
                folder.recognition_fallback, folder.name_fallback = _readable_basics(text)
                folder.first_year_fallback = _readable_first_year(text)

    for side in SIDES:
        rel = questionnaire_rel(side)
        if not (root / rel).exists() and not (root / rel).is_symlink():
            problems.append(
                error(
                    rel,
                    None,
                    f"vragenlijst {side} ontbreekt (maak hem met `ktv init`)",
                    code="ontbrekend-bestand",
                )
            )
            continue
        text = _read(reader, root, rel, problems, folder.digests)
        if text is None:
            continue
        ctx = FileContext(rel, text)
        questionnaire = parse_questionnaire(ctx, side)
        problems += ctx.problems
        if questionnaire is not None:
            folder.questionnaires[side] = questionnaire

    calendar = folder.calendar
    for rel_dir in (*DATA_DIRS, REPORT_DIR):  # its files are each refused by the SafeReader too
        _linked_out(root, rel_dir, problems)
    for entry in _scan(root / YEAR_DIR, YEAR_DIR, problems):
        rel = f"{YEAR_DIR}/{shown(entry.name)}"
        label = year_of_name(entry.name)
        if label is None:
            problems.append(
                error(
                    rel,
                    None,
                    f"bestandsnaam '{entry.name}' is geen meetjaar (vier cijfers 0-9, bijv. 2017.toml)",
                    code="ongeldige-naam",
                )
            )
            continue
        if calendar is not None and calendar.natural_first_label <= label < calendar.first_label:
            _syntax_only(reader, root, rel, problems, folder.digests)
            continue
        if calendar is not None and label < calendar.first_label:
            problems.append(
                error(
                    rel,
                    None,
                    f"meetjaar {label} ligt voor het eerste meetjaar ({calendar.first_label})",
                    code="meetjaar-buiten-bereik",
                )
            )
            continue
        if label > LAST_YEAR:
            problems.append(
                error(
                    rel, None, f"meetjaar {label} ligt te ver in de toekomst", code="meetjaar-buiten-bereik"
                )
            )
            continue
        text = _read(reader, root, rel, problems, folder.digests)
        if text is None:
            continue
        ctx = FileContext(rel, text)
        notes = parse_year_notes(ctx, label)
        problems += ctx.problems
        if notes is not None:
            folder.years[label] = notes

    _load_periods(root, folder, problems, calendar, reader)
    _scan_other_names(root, problems)
    folder.problems = problems
    error_files = frozenset(p.file for p in problems if p.is_error)
    folder.problems = sort_problems(
        problems + validate_folder(folder, with_git=with_git, error_files=error_files)
    )
    return folder


def _syntax_only(
    reader: SafeReader, root: Path, rel: str, problems: list[Problem], digests: dict[str, str]
) -> None:
    """A file of a meetjaar before `eerste_meetjaar`: checked for TOML syntax only (SPEC §3)."""
    from .parse import decode_toml

    text = _read(reader, root, rel, problems, digests)
    if text is not None:
        ctx = FileContext(rel, text)
        decode_toml(ctx)
        problems += ctx.problems


def _invalid_name(rel: str, name: str) -> Problem:
    return error(
        rel,
        None,
        f"ongeldige bestandsnaam '{name}': een id bestaat uit a-z, 0-9 en '-' "
        "(hoogstens 64 tekens, begint met een letter of cijfer)",
        code="ongeldige-naam",
    )


YEAR_FILE = re.compile(r"([0-9]{4})\.toml")
"""Only four ASCII digits name a meetjaar: `²⁰¹⁷.toml` or `٢٠١٧.toml` is no 2017 (str.isdigit()
and int() would take them for one)."""


def year_of_name(name: str) -> int | None:
    """The meetjaar a file name under meetjaren/ stands for, or None."""
    match = YEAR_FILE.fullmatch(name)
    return int(match.group(1)) if match else None


def _is_date(value: Any) -> bool:
    return isinstance(value, date) and not isinstance(value, datetime)


def _load_periods(
    root: Path, folder: DataFolder, problems: list[Problem], calendar: Calendar | None, reader: SafeReader
) -> None:
    rejected: list[str] = []
    for entry in _scan(root / PERIOD_DIR, PERIOD_DIR, problems, rejected):
        name = entry.name
        rel = f"{PERIOD_DIR}/{name}"
        period_id = name[: -len(".toml")]
        folder.period_labels[period_id] = UNTELLABLE
        if not PERIOD_ID.fullmatch(period_id):
            problems.append(_invalid_name(rel, name))
            continue
        text = _read(reader, root, rel, problems, folder.digests)
        if text is None:
            continue
        ctx = FileContext(rel, text)
        period, raw = parse_period(ctx, period_id)
        end = raw.get("einde")
        if calendar is not None and _is_date(end) and calendar.before_first_year(end):
            # Ended in a meetjaar before `eerste_meetjaar`: the TOML was read (it has a valid
            # einde), and beyond that syntax the period does not exist for ktv (SPEC §3): it is
            # in no list, not even the app's table of periods.
            del folder.period_labels[period_id]
            continue
        problems += ctx.problems
        if period is not None:
            folder.periods[period_id] = period
        folder.period_labels[period_id] = _label_of(raw, calendar)
    for name in rejected:
        if name.lower().endswith(".toml"):
            # A period file that is not read: its meetjaar cannot be told, so it blocks them all.
            folder.period_labels[name[: -len(".toml")]] = UNTELLABLE


def _label_of(raw: dict[str, Any], calendar: Calendar | None) -> int | None | str:
    """The meetjaar of a period file from its raw dates, even when the file has other errors."""
    if calendar is None:
        return UNTELLABLE
    if raw.get("has_einde", True):
        end = raw.get("einde")
        return calendar.label_of(end) if _is_date(end) else UNTELLABLE
    return None if _is_date(raw.get("begin")) else UNTELLABLE


# --- finding the folder ----------------------------------------------------------------------


class FolderNotFound(KtvError):
    """No data folder: the message is Dutch and suggests `ktv init` or `ktv demo`."""


def find_data_dir(explicit: str | None, env: dict[str, str], cwd: Path) -> Path:
    """--data, else $KTV_DATA (empty counts as unset), else the nearest folder upward with ktv.toml."""
    chosen = explicit or env.get("KTV_DATA") or None
    if chosen:
        from .paths import BadPath, expand_user

        try:
            path = expand_user(chosen)
        except BadPath as exc:
            raise FolderNotFound(f"gegevensmap: {exc}") from exc
        name = shown(chosen)
        if is_symlink_loop(path):
            raise FolderNotFound(f"gegevensmap '{name}' is een symbolische koppeling in een kring")
        if path.exists() and not path.is_dir():
            raise FolderNotFound(f"'{name}' is een bestand, geen map; geef de gegevensmap met --data")
        if not path.is_dir():
            raise FolderNotFound(f"gegevensmap '{name}' bestaat niet")
        if not (path / ORGANISATION_FILE).is_file():
            raise FolderNotFound(
                f"'{name}' is geen ktv-gegevensmap (er staat geen ktv.toml in); "
                "maak er een met `ktv init` of probeer `ktv demo`"
            )
        return path
    for folder in (cwd, *cwd.parents):
        if (folder / ORGANISATION_FILE).is_file():
            return folder
    raise FolderNotFound(
        "geen ktv-gegevensmap gevonden (geen ktv.toml in deze map of erboven); "
        "maak er een met `ktv init MAP --naam … --erkenningsdatum …`, probeer `ktv demo`, "
        "of geef de map met --data"
    )


# --- ids ---------------------------------------------------------------------------------------

_ID_ALPHABET = string.ascii_lowercase + string.digits


def new_period_id(begin: date, exists) -> str:
    """The begin date plus random characters: no shared counter, so two clones never collide."""
    while True:
        candidate = f"{begin.isoformat()}-{''.join(secrets.choice(_ID_ALPHABET) for _ in range(5))}"
        if not exists(candidate):
            return candidate
