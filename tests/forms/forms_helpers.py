"""Helpers for tests/forms: the seed's five periods of meetjaar 2017 in a git data folder, `ktv`
as a process, scans made by hand. (A unique module name: `conftest` is taken by other folders.)"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests import ktvrun
from tests.gitutil import git_out

PERIODS = [
    # id, werknemer, werkgever, einde, cijfer wn, cijfer wg, begeleiding
    ("2016-02-12-aaaaa", "WN-001", "WG-001", "2016-07-11", "7.0", "7.5", "ja"),
    ("2016-03-18-bbbbb", "WN-001", "WG-002", "2016-09-04", "7.5", "7.0", "ja"),
    ("2016-04-22-ccccc", "WN-002", "WG-001", "2016-10-29", "5.5", "7.0", "niet helemaal"),
    ("2016-05-27-ddddd", "WN-002", "WG-001", "2016-12-23", "8.0", "8.0", "ja"),
    ("2016-07-01-eeeee", "WN-003", "WG-001", "2017-03-31", "8.0", "6.0", "nee"),
]
"""Labels in the report: WN-001 = Werknemer A, WN-002 = B, WN-003 = C; WG-001 = Werkgever 1, WG-002 = 2."""


def period_text(row, *, werkgever_form: bool = True) -> str:
    pid, wn, wg, end, grade_wn, grade_wg, begeleiding = row
    text = (
        f'schema = 1\nwerknemer = "{wn}"\nwerkgever = "{wg}"\nbegin = {pid[:10]}\neinde = {end}\n\n'
        f"[beoordeling.werknemer]\nontvangen = {end}\ncijfer = {grade_wn}\n\n"
        f'[beoordeling.werknemer.antwoorden]\nbegeleiding = "{begeleiding}"\n'
    )
    if werkgever_form:
        text += (
            f"\n[beoordeling.werkgever]\nontvangen = {end}\ncijfer = {grade_wg}\n\n"
            '[beoordeling.werkgever.antwoorden]\ncontact_werknemer = "goed"\n'
        )
    return text


def run_ktv(*args: str, cwd: Path, rc: int | None = 0) -> subprocess.CompletedProcess:
    """`ktv` as the user runs it (tests/ktvrun.py): no identity, no colour, no traceback."""
    return ktvrun.run_ktv(*args, cwd=cwd, rc=rc)


def git(root: Path, *args: str) -> str:
    return git_out(root, *args)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """`ktv init` (with git) and the five periods, committed; meetjaar 2017 not yet submitted."""
    root = tmp_path / "data"
    run_ktv(
        "init",
        str(root),
        "--naam",
        "Jobcoach Voorbeeld B.V.",
        "--erkenningsdatum",
        "2013-05-12",
        "--vanaf",
        "2017",
        "--today",
        "2017-06-01",
        cwd=tmp_path,
    )
    for index, row in enumerate(PERIODS):
        (root / "perioden" / f"{row[0]}.toml").write_text(
            period_text(row, werkgever_form=index != 1), encoding="utf-8"
        )
    git(root, "add", "-A")
    git(root, "commit", "-qm", "perioden")
    return root


def submit(root: Path) -> str:
    """Record the submission of meetjaar 2017 at the current commit, as `report --ingediend` does."""
    head = git(root, "rev-parse", "HEAD").strip()
    (root / "meetjaren" / "2017.toml").write_text(
        f'schema = 1\ningediend_op = 2017-06-01\ningediend_commit = "{head}"\n', encoding="utf-8"
    )
    git(root, "add", "-A")
    git(root, "commit", "-qm", "ingediend")
    return head


def scan_pdf(text: str, pages: int = 1) -> bytes:
    """A 'scanned' PDF with `text` on every page, made by Typst (no other tool needed)."""
    import typst

    body = "\n#pagebreak()\n".join(f"{text} blad {n}" for n in range(1, pages + 1))
    import tempfile

    with tempfile.TemporaryDirectory() as temp:
        source = Path(temp) / "scan.typ"
        source.write_text('#set page(paper: "a5")\n' + body + "\n", encoding="utf-8")
        return typst.compile(str(source), format="pdf")


def png_bytes(width: int = 40, height: int = 20) -> bytes:
    """A small red PNG, written by hand (zlib + CRC), standing in for a photographed form."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
