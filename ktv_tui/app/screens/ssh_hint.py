"""The `scp` line that fetches a file made on this machine, for someone working over SSH."""

from __future__ import annotations

from pathlib import Path

from store.paths import shown as shown_path


def scp_line(path: Path) -> str | None:
    """Over SSH (`SSH_CONNECTION` set): the `scp` command that fetches `path` to the user's machine."""
    import getpass
    import os
    import shlex

    connection = os.environ.get("SSH_CONNECTION", "").split()
    if len(connection) < 3:
        return None
    host = connection[2]
    if ":" in host:
        host = f"[{host}]"
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = ""
    where = f"{user}@{host}" if user else host
    return f"scp {where}:{shlex.quote(shown_path(path))} ."
