"""File and folder names of a data folder: which are read, which are named as strange, and which
are an error in themselves (not UTF-8, personal data in a name, a link out of the folder)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from .layout import PERIOD_DIR, QUESTIONNAIRE_DIR, YEAR_DIR
from .paths import inside, is_symlink_loop, is_utf8_name, os_error, shown
from .privacy import find_personal_data_in_name
from .problems import Problem, error, warning

_OWN_PERIOD_NAME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}-[a-z0-9]{5}\.toml")


def name_problem(rel_dir: str, name: str, *, data_dir: bool) -> Problem | None:
    """SPEC §2 for a file or folder name: not UTF-8, or a BSN, e-mail address or phone number in
    it, is an error under perioden/, meetjaren/ and vragenlijsten/ and a warning elsewhere."""
    if _OWN_PERIOD_NAME.fullmatch(name):
        return None  # ktv's own ids (ASCII, the begin date and five letters): nothing to find
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


def scan_data_dir(
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


def scan_other_names(root: Path, problems: list[Problem]) -> None:
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


def linked_out(root: Path, rel_dir: str, problems: list[Problem]) -> None:
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


def invalid_name(rel: str, name: str) -> Problem:
    return error(
        rel,
        None,
        f"ongeldige bestandsnaam '{name}': een id bestaat uit a-z, 0-9 en '-' "
        "(hoogstens 64 tekens, begint met een letter of cijfer)",
        code="ongeldige-naam",
    )
