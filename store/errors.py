"""The one family of ktv's own exceptions.

Every exception the store, the report or the command line raises on purpose derives from
`KtvError`: its text is a Dutch message meant for a person, so a caller that does not know the
particular kind can still show it and stop (the command line does, with exit 2). Anything
else that escapes is a bug and keeps its traceback.
"""

from __future__ import annotations


class KtvError(Exception):
    """A refusal or failure with a Dutch message for the user."""
