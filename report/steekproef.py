"""`ktv steekproef`: the forms behind neutral labels of a submitted report (SPEC §11).

UWV's accounthouder may ask to see the form behind "Werknemer C". The labels are given by first
appearance in the submitted report, so they are recomputed from the data of the recorded
`ingediend_commit` (its files read with git into a temporary folder), the same way the report
makes them (report/pseudonyms.py over the meetjaar's periods in report order). Only the asked
periods reach the PDF; it is marked confidential on every page, since a scan carries names.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from store.evidence import EVIDENCE_DIR, attachment_rel, scan_kind
from store.folder import REPORT_DIR, DataFolder, load_folder
from store.git import GitError, commit_exists, run_git_bytes, show_file
from store.model import SIDES, Period

from .dutch import MONTHS, long_date
from .forms_render import pdf_page_count, render_with_files
from .numbers import format_grade, year_stats
from .pdf import Refused, resolve_output
from .pseudonyms import employee_labels, employer_labels

CONFIDENTIAL = "Vertrouwelijk – bevat persoonsgegevens"
SAMPLE_DIR = f"{REPORT_DIR}/steekproef"
_SNAPSHOT_DIRS = ("vragenlijsten/", "perioden/", "meetjaren/", f"{EVIDENCE_DIR}/")


@dataclass(frozen=True)
class Entry:
    """One label of the report and the periods (forms of one side) behind it."""

    label: str
    side: str
    periods: tuple[Period, ...]


def _snapshot(folder: DataFolder, commit: str, target: Path) -> None:
    """The data files of `commit` (the data folder's part of it) written under `target`."""
    listing = run_git_bytes(folder.root, "ls-tree", "-r", "-z", "--name-only", commit, "--", ".")
    for raw in listing.split(b"\0"):
        rel = raw.decode("utf-8", errors="surrogateescape")
        if not rel or not (rel == "ktv.toml" or rel.startswith(_SNAPSHOT_DIRS)) or ".." in rel.split("/"):
            continue
        content = show_file(folder.root, commit, rel)
        if content is None:
            continue
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def submitted_folder(folder: DataFolder, label: int, today: date, temp: Path) -> DataFolder:
    """The data folder as it was submitted for meetjaar `label` (refused without a submission)."""
    notes = folder.years.get(label)
    commit = notes.submitted_commit if notes else None
    if not commit and notes is not None and notes.submitted_on is not None:
        return folder  # ingediend_op filled in by hand (or no git): today's data is all there is
    if not commit:
        raise Refused(
            f"meetjaar {label} heeft geen vastgelegde indiening (ingediend_commit in meetjaren/{label}.toml): "
            "een steekproef hoort bij de rapportage zoals die naar UWV ging "
            "(leg de indiening vast met `ktv report --ingediend`)"
        )
    try:
        if not commit_exists(folder.root, commit):
            raise Refused(
                f"de ingediende gegevensversie {commit[:12]} van meetjaar {label} bestaat niet in deze map"
            )
        _snapshot(folder, commit, temp)
    except GitError as exc:
        raise Refused(f"de ingediende gegevens konden niet gelezen worden: {exc}") from exc
    old = load_folder(temp, today, with_git=False)
    if old.organisation is None or old.calendar is None:
        raise Refused(
            f"in de ingediende gegevensversie {commit[:12]} is ktv.toml onleesbaar of heeft fouten; "
            "daaruit zijn de labels niet te bepalen"
        )
    return old


def label_entries(old: DataFolder, label: int) -> dict[str, Entry]:
    """Every label of the submitted report → its periods, exactly as report/document_data makes them."""
    stats = year_stats(old, label)
    employees = employee_labels(p.employee for p in stats.periods)
    employers = employer_labels(p.employer for p in stats.periods)
    found: dict[str, list[Period]] = {}
    sides: dict[str, str] = {}
    for period in stats.periods:
        for side, name in (
            ("werknemer", employees[period.employee]),
            ("werkgever", employers[period.employer]),
        ):
            found.setdefault(name, []).append(period)
            sides[name] = side
    return {name: Entry(name, sides[name], tuple(periods)) for name, periods in found.items()}


_WORD = re.compile(r"[A-Za-z]+|\d+")


def parse_labels(words: list[str]) -> list[str]:
    """`Werknemer C`, `"Werkgever 4"`, `werknemer c` or just `C` / `4` → canonical labels."""
    tokens = [t for word in words for t in _WORD.findall(word)]
    labels: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        side = token.lower() if token.lower() in SIDES else None
        if side is not None:
            if index + 1 >= len(tokens):
                raise Refused(
                    f'\'{token}\' zonder letter of nummer: schrijf bijv. "Werknemer C" of "Werkgever 4"'
                )
            token = tokens[index + 1]
            index += 1
        elif token.isdigit():
            side = "werkgever"
        else:
            side = "werknemer"
        value = token.upper() if side == "werknemer" else token.lstrip("0") or "0"
        if (side == "werknemer") != value.isalpha():
            raise Refused(
                f"'{side} {token}' is geen label: werknemers hebben een letter, werkgevers een nummer"
            )
        name = f"{side.capitalize()} {value}"
        if name not in labels:
            labels.append(name)
        index += 1
    return labels


def choose_entries(entries: dict[str, Entry], labels: list[str], label: int) -> list[Entry]:
    unknown = [name for name in labels if name not in entries]
    if unknown:
        known = ", ".join(entries) or "geen"
        raise Refused(
            f"{', '.join(unknown)} kom{'t' if len(unknown) == 1 else 'en'} niet voor in de ingediende "
            f"rapportage van meetjaar {label} (labels: {known})"
        )
    return [entries[name] for name in labels]


def key_rows(entries: dict[str, Entry]) -> list[tuple[str, str, str, str]]:
    """`--sleutel`: (label, period id, code, einde) per period, in report order."""
    rows = []
    for entry in entries.values():
        for period in entry.periods:
            code = period.employee if entry.side == "werknemer" else period.employer
            rows.append((entry.label, period.id, code, period.end.isoformat()))
    return rows


def _scan_bytes(
    folder: DataFolder, old: DataFolder, period: Period, side: str
) -> tuple[str | None, bytes | None]:
    """The recorded scan of one form: the name from the submitted data (else from today's, a
    scan attached after submission), the bytes as submitted when git has them, else the local
    file (scans stay local without `[bewijs] delen`)."""
    form = period.forms.get(side)
    name = form.attachment if form else None
    if name is None:
        current = folder.periods.get(period.id)
        current_form = current.forms.get(side) if current else None
        name = current_form.attachment if current_form else None
    if name is None:
        return None, None
    rel = attachment_rel(period.id, name)
    for root in (old.root, folder.root):
        try:
            data = (root / rel).read_bytes()
        except OSError:
            continue
        if scan_kind(data[:16]) == ("jpg" if name.endswith(".jpeg") else name.rsplit(".", 1)[1]):
            return name, data
    return name, None


def _answers(old: DataFolder, period: Period, side: str) -> list[dict]:
    form = period.forms.get(side)
    questionnaire = old.questionnaires.get(side)
    answers = form.answers if form else {}
    rows = []
    questions = questionnaire.questions if questionnaire else ()
    for question in questions:
        if question.obsolete and question.id not in answers:
            continue
        rows.append({"vraag": question.text, "antwoord": answers.get(question.id)})
    return rows


def _month(day: date | None) -> str:
    return "" if day is None else f"{MONTHS[day.month - 1]} {day.year}"


def sample_data(
    folder: DataFolder, old: DataFolder, label: int, entries: list[Entry], commit: str | None
) -> tuple[dict, dict[str, bytes], list[str]]:
    """The JSON for steekproef.typ, the scan files it places, and notes for the person."""
    files: dict[str, bytes] = {}
    notes: list[str] = []
    items = []
    for entry in entries:
        for period in entry.periods:
            form = period.forms.get(entry.side)
            name, data = _scan_bytes(folder, old, period, entry.side)
            scan = None
            if data is not None:
                stored = f"{len(files)}-{name}"
                files[stored] = data
                kind = scan_kind(data[:16])
                pages = pdf_page_count(data) if kind == "pdf" else 1
                if pages == 0:
                    notes.append(f"de scan {attachment_rel(period.id, name)} kon niet gelezen worden")
                else:
                    scan = {"bestand": f"bijlagen/{stored}", "soort": kind, "paginas": pages}
            elif name is not None:
                notes.append(f"de scan {attachment_rel(period.id, name)} ontbreekt")
            items.append(
                {
                    "label": entry.label,
                    "kant": entry.side,
                    "code": period.employee if entry.side == "werknemer" else period.employer,
                    "periode": f"{_month(period.begin)} t/m {_month(period.end)}",
                    "einde": long_date(period.end),
                    "ontvangen": form is not None,
                    "ontvangen_op": long_date(form.received) if form and form.received else None,
                    "cijfer": format_grade(form.grade) if form else None,
                    "antwoorden": _answers(old, period, entry.side),
                    "reden": period.missing_reasons.get(entry.side),
                    "scan": scan,
                    "scan_naam": name,
                }
            )
    data = {
        "organisatie": old.organisation.name if old.organisation else "",
        "jaar": label,
        "vertrouwelijk": CONFIDENTIAL,
        "gegevensversie": commit[:12] if commit else None,
        "ingediend_op": long_date(old.years[label].submitted_on)
        if label in old.years and old.years[label].submitted_on
        else None,
        "labels": [e.label for e in entries],
        "items": items,
    }
    return data, files, notes


def make_sample(
    folder: DataFolder, label: int, words: list[str], output: Path | str | None, today: date
) -> tuple[Path, list[str]]:
    """`ktv steekproef --jaar J LABEL… [-o PDF]`: the PDF and notes (scans missing)."""
    labels = parse_labels(words)
    if not labels:
        raise Refused(
            'geef een of meer labels uit de rapportage, bijv. "Werknemer C" "Werkgever 4" (of --sleutel)'
        )
    with tempfile.TemporaryDirectory(prefix="ktv-steekproef-") as temp:
        old = submitted_folder(folder, label, today, Path(temp))
        entries = choose_entries(label_entries(old, label), labels, label)
        commit = folder.years[label].submitted_commit
        data, files, notes = sample_data(folder, old, label, entries, commit)
        if not commit:
            notes.insert(
                0,
                f"in meetjaren/{label}.toml staat geen ingediend_commit: de labels zijn berekend uit de "
                "huidige gegevens en kloppen alleen als er sinds de indiening niets is veranderd",
            )
    slug = "-".join(name.split()[1].lower() for name in labels)[:60]
    path = resolve_output(folder, output, f"steekproef/steekproef-{label}-{slug}.pdf")
    pdf = render_with_files("steekproef", data, today, files)
    from store.toml_io import write_atomically

    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, pdf)
    return path, notes


def sample_key(
    folder: DataFolder, label: int, words: list[str], today: date
) -> list[tuple[str, str, str, str]]:
    """`ktv steekproef --jaar J --sleutel [LABEL…]`: the internal label ↔ period table."""
    with tempfile.TemporaryDirectory(prefix="ktv-steekproef-") as temp:
        old = submitted_folder(folder, label, today, Path(temp))
        entries = label_entries(old, label)
        labels = parse_labels(words)
        if labels:
            entries = {e.label: e for e in choose_entries(entries, labels, label)}
        return key_rows(entries)
