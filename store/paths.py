"""Paths and names as a person types and sees them: `~` expansion, undecodable names shown
with a replacement character, and the operating system's complaints in Dutch."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from .errors import KtvError


class BadPath(KtvError):
    """A path a person typed that cannot be used as it is; the message is Dutch."""


def expand_user(text: str | os.PathLike) -> Path:
    """`~` and `~user` expanded as a shell would; one that cannot be expanded is a BadPath.

    (pathlib's expanduser raises RuntimeError for an unknown user; os.path's leaves it as is.)
    """
    raw = os.fspath(text)
    if not raw.startswith("~"):
        return Path(raw)
    expanded = os.path.expanduser(raw)
    if expanded.startswith("~"):
        user = raw[1:].split("/", 1)[0]
        who = f"gebruiker '{shown(user)}' bestaat niet" if user else "de thuismap is onbekend"
        raise BadPath(f"'{shown(raw)}' kan niet worden uitgevouwen: {who}")
    return Path(expanded)


def is_utf8_name(name: str) -> bool:
    """False for a file name that was not valid UTF-8 on disk (Python keeps it with surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown(name: str | os.PathLike) -> str:
    """A file name or path fit to print: undecodable bytes become U+FFFD and control
    characters visible (`<U+001B>`, `store.visible`), so a name can neither crash the output
    nor steer the terminal."""
    from .visible import visible

    text = os.fspath(name)
    if isinstance(text, bytes):
        return visible(text.decode("utf-8", errors="replace"), one_line=True)
    if not is_utf8_name(text):
        text = text.encode("utf-8", errors="surrogateescape").decode("utf-8", errors="replace")
    return visible(text, one_line=True)


def inside(root: Path, path: Path) -> bool:
    """Does `path` (symlinks followed) stay inside `root`? A symlink loop counts as outside."""
    try:
        return path.resolve(strict=False).is_relative_to(root.resolve(strict=False))
    except (OSError, RuntimeError):
        return False


def is_symlink_loop(path: Path) -> bool:
    try:
        os.stat(path)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


_OS_ERRORS = {
    "EEXIST": "er staat al een bestand met die naam",
    "ENOTDIR": "een deel van het pad is een bestand, geen map",
    "EISDIR": "dat is een map",
    "EACCES": "geen rechten",
    "EPERM": "geen rechten",
    "ENOSPC": "de schijf is vol",
    "EDQUOT": "de schijfruimte (quota) is op",
    "EROFS": "alleen-lezen bestandssysteem",
    "ENOENT": "bestaat niet",
    "ELOOP": "symbolische koppeling in een kring",
    "ENAMETOOLONG": "de naam is te lang",
    "EMFILE": "te veel open bestanden",
    "ENFILE": "te veel open bestanden",
    "EBUSY": "het bestand is in gebruik",
    "ETXTBSY": "het bestand is in gebruik",
    "EIO": "lees- of schrijffout van de schijf",
    "EXDEV": "kan niet over bestandssystemen heen verplaatsen",
    "ENOTEMPTY": "de map is niet leeg",
    "EINVAL": "ongeldige naam of bewerking",
    "EAGAIN": "tijdelijk niet beschikbaar; probeer het opnieuw",
    "EWOULDBLOCK": "tijdelijk niet beschikbaar; probeer het opnieuw",
    "ENXIO": "geen gewoon bestand (een apparaat of pijp zonder lezer)",
    "ENODEV": "geen gewoon bestand (een apparaat)",
    "ESTALE": "verlopen netwerkbestand; open de map opnieuw",
    "ETIMEDOUT": "de verbinding duurde te lang",
    "ENOMEM": "te weinig geheugen",
}


def os_error(exc: OSError) -> str:
    """The operating system's complaint in Dutch: the one place errno becomes words a user sees.

    No English `strerror` ever reaches a user (Python 3.13 reports some cases, such as a
    symlink loop, through a different path than 3.11 did): an unknown errno is named by code.
    """
    name = errno.errorcode.get(exc.errno or 0, "")
    if name in _OS_ERRORS:
        return _OS_ERRORS[name]
    return f"systeemfout {name}" if name else "onbekende systeemfout"


def with_file_name(exc: BaseException, path: Path | str) -> None:
    """Give an OSError without a file name (a write that fails on a full disk: ENOSPC names no
    file) the name of the file being written, so the message says which file ("de schijf is
    vol" for perioden/x.toml), and never the temporary file's name."""
    if isinstance(exc, OSError) and (exc.filename is None or str(exc.filename).endswith(".ktv-tmp")):
        exc.filename = os.fspath(path)
