"""The installed `ktv` as one whole process, as a person runs it: the one runner the test
folders share (their own helpers only choose its options).

Never a traceback and never colour (NO_COLOR=1, no terminal, no input); KTV_DATA of the
machine is not passed on. A git identity only when a test asks for one (`identity=True`): the
root conftest.py has isolated git's global configuration, so ktv sees none otherwise.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.gitutil import IDENTITY

KTV = shutil.which("ktv")


def run_ktv(
    *args: str | os.PathLike,
    cwd: Path | None,
    rc: int | None = None,
    env: dict[str, str] | None = None,
    identity: bool = False,
    timeout: float = 120,
) -> subprocess.CompletedProcess:
    """`ktv ARGS` in `cwd`; asserts no traceback nor colour, and the exit code when `rc`."""
    assert KTV, "the ktv command is not installed (pip install -e .)"
    full_env = {k: v for k, v in os.environ.items() if k != "KTV_DATA"}
    full_env["NO_COLOR"] = "1"
    if identity:
        full_env.update(IDENTITY)
    full_env.update(env or {})
    result = subprocess.run(
        [KTV, *map(os.fspath, args)],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream, result.stderr
        assert "\x1b[" not in stream, stream
    if rc is not None:
        assert result.returncode == rc, (result.returncode, result.stdout, result.stderr)
    return result
