"""The checks of SPEC §2 that need more than one file, each a small function returning problems.

Each check is a pure function of the loaded data (`DataFolder`: models, labels, texts, today):
no git and no disk, so the editor, the importer and `ktv check` can run the same functions on
any folder they built. The checks that ask git live in `validate_git.py`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

from .characters import same_code
from .check_contradictions import check_received_and_missing
from .circumstances import check_circumstances
from .evidence import check_evidence
from .fields import closest, did_you_mean
from .glyphs import check_glyphs
from .line_finder import LineFinder, line_finder
from .model import SIDES, Period
from .problems import Problem, error, warning


def validate_folder(
    folder, *, with_git: bool = True, error_files: frozenset[str] = frozenset()
) -> list[Problem]:
    """All cross-file checks, in one list (the loader adds them to the per-file problems).

    `error_files` are the files that already have an error of their own: follow-up warnings
    about them (a form "missing" because its table name is misspelt) would only distract.
    """
    problems: list[Problem] = []
    problems += check_codes(folder)
    problems += check_answers(folder)
    problems += check_period_dates(folder)
    problems += check_duplicates(folder)
    problems += check_year_submissions(folder)
    problems += check_missing_reasons(folder, error_files)
    problems += check_received_and_missing(folder)
    problems += check_copied_texts(folder)
    problems += check_circumstances(folder) + check_glyphs(folder)
    problems += check_evidence(folder, line_finder(folder))
    if with_git:
        from .validate_git import git_checks  # the git-dependent checks live apart

        problems += git_checks(folder)
    return problems


def _rel(period: Period) -> str:
    return f"perioden/{period.id}.toml"


DEFAULT_CODE_RULE = "een code bevat minstens één cijfer en geen spaties"
_DIGIT = re.compile("[0-9]")
_SPACE = re.compile(r"\s")


def code_problem(code: str, pattern: str | None) -> str | None:
    """Why a werknemer or werkgever code is no pseudonym (SPEC §2 `[codes]`), or None.

    Without `[codes] patroon` a code holds at least one digit and no white space, so a name
    ("Jan Jansen", "jansen") is refused; with it, the code must match the pattern. The code is
    compared after NFKC, as everywhere.
    """
    normal = code if code.isascii() else same_code(code)
    if pattern is None:
        if _DIGIT.search(normal) is None or _SPACE.search(code) is not None:
            return f"'{code}' lijkt geen pseudoniem: {DEFAULT_CODE_RULE} (een naam hoort hier niet)"
        return None
    try:
        matches = re.search(pattern, normal) is not None
    except (re.error, RecursionError):
        return None  # parse_organisation already reports a pattern that does not compile
    if not matches:
        return f"'{code}' past niet bij het patroon voor codes in ktv.toml ({pattern})"
    return None


def period_code_problems(period: Period, pattern: str | None, rel: str, lines=None) -> list[Problem]:
    """The code rule for one period's werknemer and werkgever (the editor calls this too)."""
    problems = []
    for key, value in (("werknemer", period.employee), ("werkgever", period.employer)):
        why = code_problem(value, pattern)
        if why is not None:
            line = lines(rel, key) if lines is not None else None
            problems.append(
                error(
                    rel,
                    line,
                    f"{key} {why}",
                    code="code-geen-pseudoniem",
                    path=(key,),
                    params={"sleutel": key, "code": value},
                )
            )
    return problems


def check_codes(folder) -> list[Problem]:
    """Every werknemer and werkgever code looks like a pseudonym (ktv.toml `[codes]`).

    While ktv.toml has errors the pattern is unknown; those errors block every meetjaar anyway,
    so codes are checked once it is fixed.
    """
    organisation = folder.organisation
    if organisation is None:
        return []
    pattern = organisation.code_pattern
    lines = line_finder(folder)
    problems: list[Problem] = []
    for period in folder.periods.values():
        problems += period_code_problems(period, pattern, _rel(period), lines)
    return problems


def duplicate_key(period: Period) -> tuple:
    """Two codes equal after NFKC are one code (`ＷＮ-014` is `WN-014`)."""
    return (same_code(period.employee), same_code(period.employer), period.begin)


def check_answers(folder) -> list[Problem]:
    """Every answer key is a question id of that side's questionnaire, every value on its scale."""
    problems: list[Problem] = []
    lines = line_finder(folder)
    known = {
        side: (questionnaire, [q.id for q in questionnaire.questions])
        for side, questionnaire in folder.questionnaires.items()
    }
    allowed = {side: (frozenset(ids), frozenset(q.scale)) for side, (q, ids) in known.items()}
    for period in folder.periods.values():
        for side in SIDES:
            form = period.forms.get(side)
            if form is None or side not in known or not form.answers:
                continue
            id_set, scale_set = allowed[side]
            if form.answers.keys() <= id_set and scale_set.issuperset(form.answers.values()):
                continue  # the usual form: every answer known and on the scale
            questionnaire, ids = known[side]
            for key, value in form.answers.items():
                at = ("beoordeling", side, "antwoorden", key)
                if key not in ids:
                    problems.append(
                        error(
                            _rel(period),
                            lines(_rel(period), *at),
                            f"'{key}' is geen vraag van de vragenlijst {side}{did_you_mean(key, ids)}",
                            code="onbekende-vraag",
                            path=at,
                            params={"vraag": key, "kant": side, "suggestie": closest(key, ids)},
                        )
                    )
                elif value not in questionnaire.scale:
                    options = ", ".join(f"'{v}'" for v in questionnaire.scale)
                    problems.append(
                        error(
                            _rel(period),
                            lines(_rel(period), *at),
                            f"antwoord '{value}' op vraag '{key}' ligt niet op de schaal ({options})",
                            code="antwoord-buiten-schaal",
                            path=at,
                            params={"vraag": key, "kant": side, "antwoord": value},
                        )
                    )
    return problems


def check_period_dates(folder) -> list[Problem]:
    """Forms of running periods, forms received before the end, end dates in the future."""
    problems: list[Problem] = []
    lines = line_finder(folder)
    today: date = folder.today
    for period in folder.periods.values():
        rel = _rel(period)
        if period.end is not None and period.end > today:
            problems.append(
                warning(
                    rel,
                    lines(rel, "einde"),
                    f"einde {period.end.isoformat()} ligt in de toekomst",
                    code="einde-in-toekomst",
                    path=("einde",),
                    params={"einde": period.end.isoformat()},
                )
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
                        code="formulier-zonder-einde",
                        path=("beoordeling", side),
                        params={"kant": side},
                    )
                )
            elif form.received is not None and form.received < period.end:
                problems.append(
                    warning(
                        rel,
                        lines(rel, "beoordeling", side, "ontvangen"),
                        f"formulier {side} ontvangen op {form.received.isoformat()}, "
                        f"voor het einde van de periode ({period.end.isoformat()})",
                        code="ontvangen-voor-einde",
                        path=("beoordeling", side, "ontvangen"),
                        params={
                            "kant": side,
                            "ontvangen": form.received.isoformat(),
                            "einde": period.end.isoformat(),
                        },
                    )
                )
    return problems


def check_duplicates(folder) -> list[Problem]:
    """Two periods with the same werknemer, werkgever and begin are probably one typed twice."""
    groups: dict[tuple, list[Period]] = defaultdict(list)
    for period in folder.periods.values():
        groups[duplicate_key(period)].append(period)
    problems = []
    for periods in groups.values():
        if len(periods) < 2:
            continue
        ids = sorted(p.id for p in periods)
        for period in sorted(periods, key=lambda p: p.id):
            others = [o for o in ids if o != period.id]
            problems.append(duplicate_warning(_rel(period), period, others))
    return problems


def duplicate_warning(rel: str, period: Period, others: list[str]) -> Problem:
    """The warning for a period typed twice (`check` and the editor give the same one)."""
    return warning(
        rel,
        None,
        f"zelfde werknemer {period.employee}, werkgever {period.employer} en begin "
        f"{period.begin.isoformat()} als {', '.join(others)}: dubbel ingevoerd?",
        code="dubbele-periode",
        params={"andere": list(others)},
    )


def check_year_submissions(folder) -> list[Problem]:
    """Submission dates after the meetjaar ended and not after today; report vs notice."""
    calendar = folder.calendar
    if calendar is None:
        return []
    problems = []
    lines = line_finder(folder)
    completed: dict[int, int] = defaultdict(int)
    for label in folder.period_labels.values():
        if isinstance(label, int):
            completed[label] += 1
    for label, notes in folder.years.items():
        rel = f"meetjaren/{label}.toml"
        problems += _submission_dates(folder, label, notes, lines)
        if notes.notice_on is not None and completed[label] > 0:
            problems.append(
                warning(
                    rel,
                    lines(rel, "melding_op"),
                    f"melding_op gezet, maar meetjaar {label} heeft {completed[label]} afgeronde "
                    "periode(n): dan hoort er een rapportage bij, geen melding",
                    code="melding-bij-perioden",
                    path=("melding_op",),
                    params={"meetjaar": label, "perioden": completed[label]},
                )
            )
        if notes.submitted_on is not None and completed[label] == 0:
            problems.append(
                warning(
                    rel,
                    lines(rel, "ingediend_op"),
                    f"ingediend_op gezet, maar meetjaar {label} heeft geen afgeronde periode: "
                    "dan hoort er een melding bij",
                    code="rapportage-zonder-perioden",
                    path=("ingediend_op",),
                    params={"meetjaar": label},
                )
            )
    return problems


def _submission_dates(folder, label: int, notes, lines: LineFinder) -> list[Problem]:
    """`ingediend_op` and `melding_op` after the meetjaar's end and not after today."""
    rel = f"meetjaren/{label}.toml"
    year = folder.calendar.year(label)
    problems = []
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
                    code="indiendatum",
                    path=(key,),
                    params={"sleutel": key, "datum": value.isoformat(), "reden": "voor-einde"},
                )
            )
        if value > folder.today:
            problems.append(
                warning(
                    rel,
                    lines(rel, key),
                    f"{key} {value.isoformat()} ligt na vandaag",
                    code="indiendatum",
                    path=(key,),
                    params={"sleutel": key, "datum": value.isoformat(), "reden": "na-vandaag"},
                )
            )
    return problems


def check_missing_reasons(folder, error_files: frozenset[str] = frozenset()) -> list[Problem]:
    """A completed period of an ended meetjaar with a missing form and no `ontbreekt` reason
    (not for a file with errors: its forms may just be misspelt)."""
    calendar = folder.calendar
    if calendar is None:
        return []
    problems = []
    lines = line_finder(folder)
    for pid, label in folder.period_labels.items():
        if not isinstance(label, int) or label < calendar.first_label:
            continue
        if calendar.year(label).end >= folder.today:
            continue
        period = folder.periods.get(pid)
        if period is None:
            continue
        rel = _rel(period)
        if rel in error_files:
            continue
        for side in SIDES:
            if side in period.forms or period.missing_reasons.get(side):
                continue
            problems.append(
                warning(
                    rel,
                    lines(rel, "einde"),
                    f"formulier {side} ontbreekt en er staat geen reden bij "
                    f"(meetjaar {label} is voorbij): vul [ontbreekt] {side} in",
                    code="ontbreekt-zonder-reden",
                    path=("ontbreekt", side),
                    params={"kant": side, "meetjaar": label},
                )
            )
    return problems


_COPY_KEYS = (("analysis", "analyse"), ("conclusions", "conclusies"), ("actions", "acties"))


def _squeeze(text: str) -> str:
    return "".join(text.split())


def check_copied_texts(folder) -> list[Problem]:
    """A meetjaar text equal, apart from white space, to the same text of the previous meetjaar."""
    problems = []
    lines = line_finder(folder)
    for label, notes in folder.years.items():
        previous = folder.years.get(label - 1)
        if previous is None:
            continue
        rel = f"meetjaren/{label}.toml"
        for attr, key in _COPY_KEYS:
            text, before = getattr(notes, attr), getattr(previous, attr)
            if not text or not before or not _squeeze(text) or _squeeze(text) != _squeeze(before):
                continue
            problems.append(
                warning(
                    rel,
                    lines(rel, key),
                    f"{key} is gelijk aan die van meetjaar {label - 1}: overgenomen zonder naar de "
                    "cijfers van dit meetjaar te kijken?",
                    code="tekst-gelijk-aan-vorig-jaar",
                    path=(key,),
                    params={"sleutel": key, "vorig_meetjaar": label - 1},
                )
            )
    return problems
