"""Reading files safely, parsing their TOML, finding a key's line, and the atomic,
changed-on-disk-aware save."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import stat
import time
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import toml_rs

from .errors import KtvError
from .hashes import blake2b

MAX_FILE_BYTES = 1_000_000
"""A data file is a few hundred bytes; anything over 1 MB is refused rather than parsed."""

TEMP_SUFFIX = ".ktv-tmp"
STALE_TEMP_SECONDS = 600


class ReadRefused(KtvError):
    """A file that is not read at all; the message is Dutch and names no path (the caller does)."""


class ChangedOnDisk(KtvError):
    """The file on disk is not the version that was read: saving would overwrite someone's work."""

    def __init__(self, rel: str) -> None:
        super().__init__(
            f"{rel} is op schijf gewijzigd sinds het werd ingelezen (een andere terminal, "
            "een editor of git); niet overschreven"
        )
        self.rel = rel


def digest(data: bytes) -> str:
    return blake2b(data, digest_size=16).hexdigest()


class SafeReader:
    """Reads data files of one folder, refusing what is not a plain file inside it or too large.

    The folder and each directory are resolved once per load; a file is opened with
    O_NOFOLLOW, so only an actual symlink pays for resolving its target. O_NONBLOCK keeps
    a FIFO named `x.toml` from hanging the loader.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._root_resolved: Path | None = None
        self._inside: dict[str, bool] = {}

    def _resolved_root(self) -> Path:
        if self._root_resolved is None:
            self._root_resolved = self.root.resolve()
        return self._root_resolved

    def _directory_inside(self, directory: str) -> bool:
        inside = self._inside.get(directory)
        if inside is None:
            # A linked folder (perioden -> /elders) leads outside just as a linked file does.
            inside = Path(directory).resolve().is_relative_to(self._resolved_root())
            self._inside[directory] = inside
        return inside

    def read(self, path: Path | str) -> bytes:
        """`path` may be a plain string: pathlib's objects cost more than the read (bench)."""
        try:
            if not self._directory_inside(os.path.dirname(path)):
                raise ReadRefused("symbolische koppeling naar buiten de gegevensmap; niet gelezen")
            try:
                fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
            except OSError as exc:
                if exc.errno != errno.ELOOP:
                    raise
                return self._read_link(path)
            try:
                return self._read_fd(fd)
            finally:
                os.close(fd)
        except PermissionError as exc:
            raise ReadRefused("geen leesrechten; niet gelezen") from exc
        except RuntimeError as exc:  # pathlib's resolve() on a symlink that points to itself
            raise ReadRefused("symbolische koppeling in een kring; niet gelezen") from exc
        except OSError as exc:
            from .paths import os_error

            if exc.errno == errno.ELOOP:  # Python 3.13 reports a loop here, not in resolve()
                raise ReadRefused("symbolische koppeling in een kring; niet gelezen") from exc
            raise ReadRefused(f"kan niet gelezen worden ({os_error(exc)})") from exc

    def _read_link(self, path: Path | str) -> bytes:
        if not Path(path).resolve().is_relative_to(self._resolved_root()):
            raise ReadRefused("symbolische koppeling naar buiten de gegevensmap; niet gelezen")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        try:
            return self._read_fd(fd)
        finally:
            os.close(fd)

    @staticmethod
    def _read_fd(fd: int) -> bytes:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ReadRefused("geen gewoon bestand (een map of apparaat); niet gelezen")
        if info.st_size > MAX_FILE_BYTES:
            raise ReadRefused(f"bestand is te groot ({info.st_size} bytes, hoogstens 1 MB); niet gelezen")
        # The first read asks for the size fstat gave (+1, to see a file that grew), so a
        # small file costs no 64 KB buffer; only a file that grew is read on to its end.
        size = info.st_size + 1
        first = os.read(fd, size)
        if len(first) < size:
            return first  # a short read of a regular file is its end: no second system call
        chunks = [first]
        size = 65536
        while True:
            chunk = os.read(fd, size)
            if not chunk:
                break
            chunks.append(chunk)
            if sum(map(len, chunks)) > MAX_FILE_BYTES:
                raise ReadRefused("bestand is te groot (hoogstens 1 MB); niet gelezen")
        return b"".join(chunks)


def decode(data: bytes) -> str:
    """UTF-8 text with a leading BOM dropped; raises UnicodeDecodeError for invalid UTF-8."""
    text = data.decode("utf-8")
    return text[1:] if text.startswith("\ufeff") else text


# --- parsing ---------------------------------------------------------------------------------

_TIME_WITHOUT_SECONDS = re.compile(r"(?<![0-9:])[0-9]{2}:[0-9]{2}(?!:)")
_LONG_NUMBER = re.compile(r"[0-9_]{4000}")
MAX_FAST_BRACKETS = 16


def _for_tomllib_only(text: str) -> bool:
    """Texts that tomllib alone decides; a period file is none of these, so it is parsed once.

    - TOML 1.1 is more lenient than 1.0 in inline tables (newlines, a trailing comma), escapes
      (`\\e`, `\\xHH`) and times without seconds (`07:32`). toml-rs is asked for TOML 1.0;
      this scan makes sure of it without trusting that: `{`, a backslash, or a time.
    - toml-rs parses nested arrays recursively on the C stack, a few KB per level: deep
      enough, it crashes the process where tomllib raises RecursionError. A period file has
      four `[`, each a table header.
    - tomllib refuses a number of over 4 300 digits (Python's int limit), toml-rs does not.
    Plain `in` and `count` first: a regular expression over every file would cost more than
    the Rust parse itself (bench).
    """
    return (
        "{" in text
        or "\\" in text
        or text.count("[") > MAX_FAST_BRACKETS
        or (":" in text and _TIME_WITHOUT_SECONDS.search(text) is not None)
        or (len(text) > 4000 and _LONG_NUMBER.search(text) is not None)
    )


def load_toml(text: str) -> dict[str, Any]:
    """Exactly what `tomllib.loads(text, parse_float=Decimal)` gives or raises, mostly faster.

    tomllib (TOML 1.0, Python's own) is the reference: the data folder must stay readable by
    any TOML 1.0 tool, and every error keeps tomllib's message and line. The Rust parser
    (toml-rs, asked for TOML 1.0) takes a text only when it accepts it and the text has none
    of the constructs `_for_tomllib_only` names; every other text, and every error, comes
    from tomllib. About 20 times faster per file than tomllib (bench);
    tests/store/test_toml_reader.py proves the results equal on generated files and that
    TOML 1.1 stays an error.
    """
    if not _for_tomllib_only(text):
        try:
            return toml_rs.loads(text, parse_float=Decimal, toml_version="1.0.0")
        except Exception:  # tomllib decides and words the error
            pass
    return tomllib.loads(text, parse_float=Decimal)


# --- finding lines -------------------------------------------------------------------------

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(
    r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*="""
)
_PART = re.compile(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""")


def _split_key(dotted: str) -> tuple[str, ...]:
    return tuple(part.strip("\"'") for part in _PART.findall(dotted))


def physical_lines(text: str) -> list[str]:
    """The lines of a TOML text as TOML counts them: only LF (or CRLF) ends a line. `str.
    splitlines` also splits at U+2028, U+2029, U+0085, VT and FF, which may stand inside a
    string, and then every later line number is off."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def key_lines(text: str) -> dict[tuple[str | int, ...], int]:
    """Map each key path to its 1-based line: tomllib keeps no positions for valid TOML.

    Arrays of tables get their index in the path (`("vraag", 2, "id")`). Lines inside
    multi-line strings are skipped so text that looks like `key = ...` is not mistaken.
    """
    lines: dict[tuple[str | int, ...], int] = {}
    table: tuple[str | int, ...] = ()
    array_counts: dict[tuple[str, ...], int] = {}
    in_string: str | None = None
    for number, line in enumerate(physical_lines(text), start=1):
        if in_string:
            if line.count(in_string) % 2 == 1:
                in_string = None
            continue
        header = _HEADER.match(line)
        if header and "=" not in line.split("]")[0]:
            path = _split_key(header.group(2))
            if header.group(1) == "[[":
                index = array_counts.get(path, 0)
                array_counts[path] = index + 1
                table = (*path, index)
            else:
                table = path
            lines.setdefault(table, number)
            continue
        key = _KEY.match(line)
        if key:
            full = (*table, *_split_key(key.group(1)))
            lines.setdefault(full, number)
            # Only a value that opens with a triple quote starts a multi-line string; a `'''`
            # inside a one-line string ("'''") does not.
            value = line[key.end() :].lstrip()
            for quote in ('"""', "'''"):
                if value.startswith(quote) and value[3:].count(quote) % 2 == 0:
                    in_string = quote
                    break
    return lines


def line_of(lines: dict[tuple[str | int, ...], int], path: tuple[str | int, ...]) -> int | None:
    """The line of a key, or of the nearest enclosing table that has one."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return None


CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(\s|$)", re.MULTILINE)


def conflict_marker_lines(text: str) -> list[int]:
    """Lines where git left a merge conflict marker: only outside TOML strings (SPEC §2).

    A line `=======` inside a multi-line analyse is text a person wrote, not a conflict.
    """
    if not ("<<<<<<<" in text or "=======" in text or ">>>>>>>" in text or "|||||||" in text):
        return []  # plain `in` is 20 times faster than the regular expression (bench)
    if not CONFLICT_MARKER.search(text):
        return []
    return scan_toml(text).conflict_lines


def toml_comments(text: str) -> list[tuple[int, str]]:
    """The comments of a TOML text as (line, text after `#`); a `#` in a string is no comment."""
    if "#" not in text:
        return []
    return scan_toml(text).comments


@dataclass(frozen=True)
class TomlScan:
    """What lies outside the strings of a TOML text."""

    conflict_lines: list[int]
    """1-based lines that start with a git conflict marker."""
    comments: list[tuple[int, str]]
    """(line, text after the `#`) of every comment."""


_QUOTES = ('"""', "'''")


def scan_toml(text: str) -> TomlScan:
    """A small lexer that knows TOML's four kinds of strings, so that conflict markers and
    comments are found only outside them. Works on broken TOML too (a file with conflict
    markers is no valid TOML): an unclosed one-line string ends with its line."""
    conflicts: list[int] = []
    comments: list[tuple[int, str]] = []
    open_quote: str | None = None  # the delimiter while inside a multi-line string
    for number, line in enumerate(text.split("\n"), start=1):
        pos = 0
        if open_quote is not None:
            end = _close_multiline(line, 0, open_quote)
            if end is None:
                continue
            open_quote, pos = None, end
        elif CONFLICT_MARKER.match(line):
            conflicts.append(number)
            continue
        while pos < len(line):
            char = line[pos]
            if char == "#":
                comments.append((number, line[pos + 1 :].rstrip("\r")))
                break
            if char == '"' or char == "'":
                if line.startswith(char * 3, pos):
                    end = _close_multiline(line, pos + 3, char * 3)
                    if end is None:
                        open_quote = char * 3
                        break
                    pos = end
                else:
                    pos = _close_single(line, pos + 1, char)
                continue
            pos += 1
    return TomlScan(conflicts, comments)


def _close_single(line: str, pos: int, quote: str) -> int:
    """Position after a one-line string's closing quote (in a basic string `\\"` is no close)."""
    while pos < len(line):
        char = line[pos]
        if char == "\\" and quote == '"':
            pos += 2
            continue
        if char == quote:
            return pos + 1
        pos += 1
    return pos


def _close_multiline(line: str, pos: int, quote: str) -> int | None:
    """Position after a multi-line string's closing quotes on this line, or None when it goes
    on. Up to two quote characters right before the close belong to the text (five quotes in a row)."""
    while pos < len(line):
        char = line[pos]
        if char == "\\" and quote == '"""':
            pos += 2
            continue
        if line.startswith(quote, pos):
            end = pos + 3
            extra = 0
            while extra < 2 and line.startswith(quote[0], end):
                end += 1
                extra += 1
            return end
        pos += 1
    return None


# --- saving ----------------------------------------------------------------------------------


@contextlib.contextmanager
def _folder_lock(folder: Path):
    """Serialise check-then-rename among ktv processes saving into the same folder."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield fd
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _current_digest(path: Path) -> str | None:
    try:
        return digest(path.read_bytes())
    except FileNotFoundError:
        return None


@dataclass(frozen=True)
class Saved:
    """What a save wrote: the new content's digest becomes the next save's expectation."""

    path: Path
    digest: str


def atomic_save(path: Path, data: bytes, expected: str | None, *, rel: str | None = None) -> Saved:
    """Write `data` to `path` so a crash leaves either the old or the new file, never half.

    `expected` is the digest of the content this write replaces (None: the file must not
    exist yet). A file changed on disk since it was read raises ChangedOnDisk and is left as
    it is. Temporary file in the same folder, flush + fsync, rename over, fsync the folder.
    """
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    name = rel or path.name
    with _folder_lock(folder) as folder_fd:
        if _current_digest(path) != expected:
            raise ChangedOnDisk(name)
        write_atomically(path, data)
        os.fsync(folder_fd)
    return Saved(path, digest(data))


def write_atomically(path: Path, data: bytes) -> None:
    """Temporary file in the same folder, flush + fsync, rename over: old or new, never half."""
    temp = path.parent / f".{path.name}.{os.urandom(4).hex()}{TEMP_SUFFIX}"
    try:
        with open(temp, "xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        from .paths import with_file_name

        with_file_name(exc, path)  # ENOSPC names no file: name the one being saved
        raise


def atomic_delete(path: Path, expected: str, *, rel: str | None = None) -> None:
    """Remove a file only when it is still the version that was read."""
    with _folder_lock(path.parent) as folder_fd:
        if _current_digest(path) != expected:
            raise ChangedOnDisk(rel or path.name)
        path.unlink()
        os.fsync(folder_fd)


def clean_stale_temp_files(folder: Path, max_age: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Remove temporary files a killed save left behind (old enough that no save still owns them)."""
    removed = []
    now = time.time()
    with contextlib.suppress(FileNotFoundError):
        for temp in folder.glob(f".*{TEMP_SUFFIX}"):
            with contextlib.suppress(OSError):
                if now - temp.lstat().st_mtime >= max_age:
                    temp.unlink()
                    removed.append(temp)
    return removed


def create_new_files(folder: Path, files: list[tuple[str, bytes]]) -> None:
    """Many new files at once (an import): all written to temporary files, one sync for all of
    them instead of one fsync each (5 000 fsyncs take seconds), then each renamed into place;
    refused (nothing renamed) when a file of one of the names exists. Old or new, never half."""
    folder.mkdir(parents=True, exist_ok=True)
    temps: list[tuple[Path, Path]] = []
    try:
        for name, data in files:
            temp = folder / f".{name}.{os.urandom(4).hex()}{TEMP_SUFFIX}"
            temps.append((temp, folder / name))  # before writing: a full disk leaves no temp behind
            try:
                with open(temp, "xb") as handle:
                    handle.write(data)
            except OSError as exc:
                from .paths import with_file_name

                with_file_name(exc, folder / name)
                raise
        os.sync()
        with _folder_lock(folder) as folder_fd:
            # Under the lock every ktv save takes, no name can appear between this check and
            # the renames; a rename is one metadata operation (link + unlink would be two).
            existing = set(os.listdir(folder))
            clash = next((target.name for _, target in temps if target.name in existing), None)
            if clash:
                raise ChangedOnDisk(clash)
            for temp, target in temps:
                os.rename(temp, target)
            os.fsync(folder_fd)
    finally:
        for temp, _target in temps:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
