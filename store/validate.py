"""The checks of SPEC §2 that need more than one file, each a small function returning problems."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from .fields import did_you_mean
from .model import SIDES, Period
from .paths import shown
from .problems import Problem, error, warning
from .toml_io import key_lines, line_of


def validate_folder(folder, *, with_git: bool = True) -> list[Problem]:
    """All cross-file checks, in one list (the loader adds them to the per-file problems)."""
    problems: list[Problem] = []
    problems += check_answers(folder)
    problems += check_period_dates(folder)
    problems += check_duplicates(folder)
    problems += check_year_submissions(folder)
    if with_git:
        problems += check_submitted_commits(folder)
    return problems


class _Lines:
    """Line lookup for files that turn out to need one (cheap for clean folders)."""

    def __init__(self, root) -> None:
        self.root = root
        self.cache: dict[str, dict] = {}

    def __call__(self, rel: str, *path: str) -> int | None:
        if rel not in self.cache:
            try:
                self.cache[rel] = key_lines((self.root / rel).read_text("utf-8"))
            except (OSError, UnicodeDecodeError):
                self.cache[rel] = {}
        return line_of(self.cache[rel], tuple(path))


def _rel(period: Period) -> str:
    return f"perioden/{period.id}.toml"


def check_answers(folder) -> list[Problem]:
    """Every answer key is a question id of that side's questionnaire, every value on its scale."""
    problems: list[Problem] = []
    lines = _Lines(folder.root)
    for period in folder.periods.values():
        for side in SIDES:
            form = period.forms.get(side)
            questionnaire = folder.questionnaires.get(side)
            if form is None or questionnaire is None or not form.answers:
                continue
            ids = [q.id for q in questionnaire.questions]
            for key, value in form.answers.items():
                at = ("beoordeling", side, "antwoorden", key)
                if key not in ids:
                    problems.append(
                        error(
                            _rel(period),
                            lines(_rel(period), *at),
                            f"'{key}' is geen vraag van de vragenlijst {side}{did_you_mean(key, ids)}",
                        )
                    )
                elif value not in questionnaire.scale:
                    options = ", ".join(f"'{v}'" for v in questionnaire.scale)
                    problems.append(
                        error(
                            _rel(period),
                            lines(_rel(period), *at),
                            f"antwoord '{value}' op vraag '{key}' ligt niet op de schaal ({options})",
                        )
                    )
    return problems


def check_period_dates(folder) -> list[Problem]:
    """Forms of running periods, forms received before the end, end dates in the future."""
    problems: list[Problem] = []
    lines = _Lines(folder.root)
    today: date = folder.today
    for period in folder.periods.values():
        rel = _rel(period)
        if period.end is not None and period.end > today:
            problems.append(
                warning(rel, lines(rel, "einde"), f"einde {period.end.isoformat()} ligt in de toekomst")
            )
        for side in SIDES:
            form = period.forms.get(side)
            if form is None:
                continue
            if period.end is None:
                problems.append(
                    warning(
                        rel,
                        lines(rel, "beoordeling", side),
                        f"formulier {side} ontvangen voor een periode zonder einde (nog niet afgerond)",
                    )
                )
            elif form.received is not None and form.received < period.end:
                problems.append(
                    warning(
                        rel,
                        lines(rel, "beoordeling", side, "ontvangen"),
                        f"formulier {side} ontvangen op {form.received.isoformat()}, "
                        f"voor het einde van de periode ({period.end.isoformat()})",
                    )
                )
    return problems


def check_duplicates(folder) -> list[Problem]:
    """Two periods with the same werknemer, werkgever and begin are probably one typed twice."""
    groups: dict[tuple, list[Period]] = defaultdict(list)
    for period in folder.periods.values():
        groups[(period.employee, period.employer, period.begin)].append(period)
    problems = []
    for (employee, employer, begin), periods in groups.items():
        if len(periods) < 2:
            continue
        ids = sorted(p.id for p in periods)
        for pid in ids:
            others = ", ".join(o for o in ids if o != pid)
            problems.append(
                warning(
                    f"perioden/{pid}.toml",
                    None,
                    f"zelfde werknemer {employee}, werkgever {employer} en begin "
                    f"{begin.isoformat()} als {others}: dubbel ingevoerd?",
                )
            )
    return problems


def check_year_submissions(folder) -> list[Problem]:
    """Submission dates after the meetjaar ended and not after today; report vs notice."""
    calendar = folder.calendar
    if calendar is None:
        return []
    problems = []
    lines = _Lines(folder.root)
    completed: dict[int, int] = defaultdict(int)
    for label in folder.period_labels.values():
        if isinstance(label, int):
            completed[label] += 1
    for label, notes in folder.years.items():
        rel = f"meetjaren/{label}.toml"
        year = calendar.year(label)
        for key, value in (("ingediend_op", notes.submitted_on), ("melding_op", notes.notice_on)):
            if value is None:
                continue
            if value <= year.end:
                problems.append(
                    warning(
                        rel,
                        lines(rel, key),
                        f"{key} {value.isoformat()} ligt voor het einde van meetjaar {label} "
                        f"({year.end.isoformat()})",
                    )
                )
            if value > folder.today:
                problems.append(warning(rel, lines(rel, key), f"{key} {value.isoformat()} ligt na vandaag"))
        if notes.notice_on is not None and completed[label] > 0:
            problems.append(
                warning(
                    rel,
                    lines(rel, "melding_op"),
                    f"melding_op gezet, maar meetjaar {label} heeft {completed[label]} afgeronde "
                    "periode(n): dan hoort er een rapportage bij, geen melding",
                )
            )
        if notes.submitted_on is not None and completed[label] == 0:
            problems.append(
                warning(
                    rel,
                    lines(rel, "ingediend_op"),
                    f"ingediend_op gezet, maar meetjaar {label} heeft geen afgeronde periode: "
                    "dan hoort er een melding bij",
                )
            )
    return problems


def check_submitted_commits(folder) -> list[Problem]:
    """A period of a submitted meetjaar that changed since the submitted commit."""
    from .git import GitError, changed_since, commit_exists

    calendar = folder.calendar
    submitted = {label: n.submitted_commit for label, n in folder.years.items() if n.submitted_commit}
    if calendar is None or not submitted:
        return []
    problems = []
    for label, commit in sorted(submitted.items()):
        rel_year = f"meetjaren/{label}.toml"
        try:
            if not commit_exists(folder.root, commit):
                problems.append(
                    warning(rel_year, None, f"ingediend_commit {commit[:12]} bestaat niet in deze git-map")
                )
                continue
            changes = changed_since(folder.root, commit)
        except GitError:
            continue
        for path, status in sorted(changes.items()):
            pid = path.removeprefix("perioden/").removesuffix(".toml")
            now_in_year = folder.period_labels.get(pid) == label
            was_in_year = status in ("M", "D") and _was_in_year(folder, commit, path, label)
            if now_in_year or was_in_year:
                what = "verwijderd" if status == "D" else "gewijzigd" if status == "M" else "toegevoegd"
                target = rel_year if status == "D" else shown(path)  # git gives a name as bytes
                problems.append(
                    warning(
                        target,
                        None,
                        (f"{shown(path)} is " if status == "D" else "")
                        + f"{what} sinds de indiening van meetjaar {label} "
                        f"(commit {commit[:12]}): de ingediende cijfers kloppen niet meer met de gegevens",
                    )
                )
    return problems


def _was_in_year(folder, commit: str, path: str, label: int) -> bool:
    from .folder import parse_bytes
    from .git import show_file

    data = show_file(folder.root, commit, path)
    if data is None:
        return False
    raw, _problems = parse_bytes(path, data)  # the old version's own problems are history
    end = raw.get("einde") if raw else None
    return isinstance(end, date) and folder.calendar.label_of(end) == label
