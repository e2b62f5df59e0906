"""Creating a new data folder (`ktv init`): ktv.toml, the questionnaires, folders, git."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from .canonical import organisation_text
from .defaults import DEFAULT_QUESTIONNAIRES
from .errors import KtvError
from .fields import FileContext
from .folder import ORGANISATION_FILE, PERIOD_DIR, REPORT_DIR, YEAR_DIR
from .git import init_repo
from .model import Organisation
from .parse import parse_organisation
from .problems import Problem
from .save import save_organisation, save_questionnaire
from .team import set_up

GITIGNORE = """# ktv: tijdelijke bestanden van een onderbroken opslag
.*.ktv-tmp
# ktv: afgedrukte lege formulieren (opnieuw te maken met `ktv formulier`)
rapporten/formulieren/
# ktv: steekproeven bevatten scans met persoonsgegevens en worden nooit gedeeld
rapporten/steekproef/
# ktv: scans van formulieren zijn persoonsgegevens; `ktv sync` deelt ze alleen met
# [bewijs] delen = true in ktv.toml
bijlagen/
"""

README = """# Gegevensmap van ktv

Deze map bevat de klanttevredenheidsgegevens voor UWV, bijgehouden met `ktv`.

- `ktv.toml`: de organisatie en de erkenningsdatum
- `vragenlijsten/`: de vragen van de beoordelingsformulieren
- `perioden/`: één bestand per jobcoachperiode, met beide formulieren
- `meetjaren/`: per meetjaar de analyse, conclusies, acties en de indiening
- `rapporten/`: gemaakte PDF's

Open de map met `ktv` (in deze map) of `ktv --data <map>`.
"""


class FolderNotEmpty(KtvError):
    pass


class InvalidOrganisation(KtvError):
    """What `ktv init` was given is something `ktv check` would call an error (SPEC §5)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


def organisation_errors(organisation: Organisation) -> list[Problem]:
    """The errors `ktv check` would report in the ktv.toml written for `organisation`: the
    text that would be saved is read back with the same parser, so init, the editors and
    check share one validation."""
    ctx = FileContext(ORGANISATION_FILE, organisation_text(organisation))
    parse_organisation(ctx)
    return [problem for problem in ctx.problems if problem.is_error]


def create_data_folder(
    root: Path,
    name: str,
    recognition: date,
    *,
    account_manager: str | None = None,
    git: bool = True,
    first_year: int | None = None,
    details: dict | None = None,
    own_repository: bool = False,
) -> Path | None:
    """Make an empty, valid data folder; refuses a folder that already holds files. `details` are
    further Organisation fields (reference, contact, signatory, signatory_function).

    With `git`, a folder inside an existing repository becomes a sub-folder of it (SPEC §9: a
    data folder in a larger repository works; a nested repository would hide its files from the
    outer one): that repository is checked first (`check_folder`, before any file is made) and
    gets the merge driver. Returns that repository's top, or None when a new one was made.
    `own_repository`: always a repository of its own (the demo commits a made-up history)."""
    if root.exists() and not root.is_dir():
        raise FolderNotEmpty(f"'{root}' is een bestand, geen map; kies een nieuwe of lege map")
    if root.exists() and any(root.iterdir()):
        raise FolderNotEmpty(f"map '{root}' bestaat al en is niet leeg; kies een nieuwe of lege map")
    organisation = replace(
        Organisation(name, recognition, account_manager, first_year=first_year), **(details or {})
    )
    errors = organisation_errors(organisation)
    if errors:
        raise InvalidOrganisation(errors)
    outer = _enclosing_repository(root) if git and not own_repository else None
    root.mkdir(parents=True, exist_ok=True)
    save_organisation(root, organisation, None)
    for questionnaire in DEFAULT_QUESTIONNAIRES.values():
        save_questionnaire(root, questionnaire, None)
    for folder in (PERIOD_DIR, YEAR_DIR, REPORT_DIR):
        (root / folder).mkdir(exist_ok=True)
        (root / folder / ".gitkeep").touch()
    (root / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    (root / "LEESMIJ.md").write_text(README, encoding="utf-8")
    if git:
        if outer is None:
            init_repo(root)
        set_up(root)  # the field-by-field merge driver for team work (SPEC §9)
    return outer


def _enclosing_repository(root: Path) -> Path | None:
    """The top of the git repository the new folder would lie in, after refusing (UnsafeFolder)
    one whose own configuration names a program; None outside any repository."""
    from .git_safety import check_folder, toplevel

    probe = root
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if not probe.is_dir():
        return None
    top = toplevel(probe)
    if top is not None:
        check_folder(probe)
    return top


def current_first_year(recognition: date, today: date) -> int:
    """`eerste_meetjaar` of a new folder made without `--vanaf`: the current meetjaar. An old
    erkenning would otherwise list every meetjaar since 2017 as "melding te laat" (issue 23)."""
    from .calendar import Calendar

    return Calendar(recognition).current_label(today)


def earlier_years_hint(root: Path, recognition: date, first_year: int) -> str:
    """What `ktv init` says after choosing the current meetjaar: how to keep earlier ones too."""
    from .calendar import Calendar

    first = Calendar(recognition).first_label
    if first_year <= first:
        return f"Eerste meetjaar: {first_year}."
    return (
        f"Eerste meetjaar: {first_year} (het huidige); eerdere meetjaren bestaan niet voor ktv. "
        f"Wilt u ook eerdere meetjaren bijhouden (vanaf {first}), zet dan in {root / ORGANISATION_FILE} "
        f"eerste_meetjaar op dat jaar, of maak de map met ktv init … --vanaf JAAR."
    )
