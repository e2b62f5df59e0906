"""`python -m ktv_tui.cli`: the same as the `ktv` command (the merge driver that `ktv init`,
`demo` and `clone` write into .git/config runs it this way)."""

from . import entry

entry()
