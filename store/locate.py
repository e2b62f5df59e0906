"""Finding the data folder (--data, $KTV_DATA, upward from here) and making new period ids."""

from __future__ import annotations

import string
from datetime import date
from pathlib import Path
from random import SystemRandom

from .errors import KtvError
from .layout import ORGANISATION_FILE
from .paths import is_symlink_loop, shown


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


_RANDOM = SystemRandom()  # what `secrets` uses, without its import of hashlib/OpenSSL
_ID_ALPHABET = string.ascii_lowercase + string.digits


def new_period_id(begin: date, exists) -> str:
    """The begin date plus random characters: no shared counter, so two clones never collide."""
    while True:
        candidate = f"{begin.isoformat()}-{''.join(_RANDOM.choice(_ID_ALPHABET) for _ in range(5))}"
        if not exists(candidate):
            return candidate
