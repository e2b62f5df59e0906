"""Helpers for the spreadsheet tests (issue 20): `ktv` as a whole process, period files, and
LibreOffice headless for the round trips (skipped with a reason where it is absent)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests import ktvrun

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
TODAY = "2026-11-30"

needs_soffice = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is niet geïnstalleerd: apt-get install libreoffice-calc-nogui",
)


def run(*args: str, cwd: Path, rc: int | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """`ktv` as a person runs it (tests/ktvrun.py), 200 columns wide."""
    return ktvrun.run_ktv(*args, cwd=cwd, rc=rc, env={"COLUMNS": "200", **(env or {})})


PERIOD = (
    'schema = 1\nwerknemer = "{wn}"\nwerkgever = "{wg}"\njobcoach = "IJ"\nbegin = {begin}\n{end}'
    "\n[beoordeling.werknemer]\nontvangen = 2026-07-10\ncijfer = {grade}\n"
)


def period_text(wn: str, wg: str, begin: str, end: str | None = "2026-07-01", grade: str = "7.0") -> str:
    return PERIOD.format(wn=wn, wg=wg, begin=begin, end=f"einde = {end}\n" if end else "", grade=grade)


DUTCH_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">
<value>nl-NL</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse">
<value>nl-NL</value></prop></item>
</oor:items>
"""
"""A LibreOffice profile set to Dutch (nl-NL), as Calc runs at a Dutch jobcoach organisation."""


def soffice_convert(source: Path, target_dir: Path, to: str, infilter: str | None = None) -> Path:
    """LibreOffice headless with its own profile; returns the converted file."""
    target_dir.mkdir(parents=True, exist_ok=True)
    profile = target_dir / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(DUTCH_PROFILE, encoding="utf-8")
    args = [SOFFICE, "--headless", f"-env:UserInstallation=file://{profile}"]
    if infilter:
        args.append(f"--infilter={infilter}")
    args += ["--convert-to", to, "--outdir", str(target_dir), str(source)]
    subprocess.run(args, capture_output=True, timeout=180, check=False)
    out = target_dir / f"{source.stem}.{to.split(':')[0]}"
    assert out.is_file(), f"LibreOffice made no {out.name}"
    return out
