"""git's merge driver `ktv merge-file %O %A %B %P` (SPEC §9): light on imports, since git
starts it once for every period that changed on both sides."""

from __future__ import annotations

import sys
from pathlib import Path

from . import EXIT_DATA_ERRORS, EXIT_OK, EXIT_USAGE, Context


def run_merge_file(ctx: Context) -> int:
    """git's merge driver: `ktv merge-file %O %A %B %P`; the result goes into %A.

    Exit 0 when merged field by field; 1 on a conflict, with git's usual conflict markers in %A
    (what someone merging with plain git expects, and what `ktv check` reports).
    """
    import subprocess

    from store.merge import conflict_lines, merge_file

    args = ctx.args
    paths = [Path(args.base), Path(args.ours), Path(args.theirs)]
    try:
        base, ours, theirs = (p.read_bytes().decode("utf-8") for p in paths)
        outcome = merge_file(args.path, base or None, ours, theirs)
    except (OSError, UnicodeDecodeError, RecursionError, ValueError):
        outcome = None
    if outcome is not None and outcome.clean and outcome.text is not None:
        paths[1].write_bytes(outcome.text.encode("utf-8"))
        return EXIT_OK
    if outcome is not None:
        from store.visible import visible

        for line in conflict_lines(args.path, outcome.conflicts):
            sys.stderr.write(f"ktv: conflict: {visible(line, one_line=True)}\n")
    marked = subprocess.run(
        [
            "git",
            "merge-file",
            "-L",
            "ons",
            "-L",
            "basis",
            "-L",
            "hun",
            str(paths[1]),
            str(paths[0]),
            str(paths[2]),
        ],
        capture_output=True,
        check=False,
    )
    if marked.returncode < 0 or marked.returncode > 127:  # git merge-file itself failed
        return EXIT_USAGE
    return EXIT_DATA_ERRORS
