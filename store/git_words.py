"""git's English, explained in Dutch (issue 19 item 9).

git's own lines stay in a message (a helpdesk can search them), but a person also reads which
case it is: the shared repository cannot be reached, access is refused, another sync holds a
lock, or an operation (a rebase, a merge) is still half done in the folder.
"""

from __future__ import annotations

_LOCK = (
    "een ander git-proces (een andere sync of git zelf) is bezig in deze map of in de gedeelde "
    "repository; wacht even en probeer het opnieuw (blijft het, kijk dan of er een "
    "achtergebleven .lock-bestand in .git staat)"
)
_UNREACHABLE = (
    "de gedeelde repository is niet bereikbaar (geen verbinding, verkeerd adres, of de server "
    "of gedeelde map is weg); probeer het later opnieuw of controleer het adres met: git remote -v"
)
_NO_ACCESS = (
    "geen toegang tot de gedeelde repository: uw sleutel, wachtwoord of rechten worden "
    "geweigerd (vraag de beheerder om toegang, of controleer uw SSH-sleutel)"
)
_CASES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("index.lock", "cannot lock ref", "Unable to create", "unable to lock", "is locked"), _LOCK),
    (("No space left on device",), "de schijf is vol"),
    (
        (
            "Could not resolve host",
            "Connection refused",
            "Connection timed out",
            "Operation timed out",
            "Network is unreachable",
            "No route to host",
            "Name or service not known",
            "does not appear to be a git repository",
            "Connection closed",
            "unable to access",
        ),
        _UNREACHABLE,
    ),
    (
        (
            "Permission denied",
            "Authentication failed",
            "could not read Username",
            "could not read Password",
            "Access denied",
            "access denied",
            "insufficient permission",
            "Host key verification failed",
            "returned error: 403",
        ),
        _NO_ACCESS,
    ),
    (
        ("correct access rights", "Could not read from remote repository", "not found", "does not exist"),
        "de gedeelde repository is niet bereikbaar of u heeft er geen toegang toe (verkeerd adres, "
        "geen verbinding of geen rechten); controleer het adres met: git remote -v",
    ),
)


def explain(git_text: str) -> str | None:
    """The Dutch explanation of git's error text, or None when it is no known case."""
    for signs, dutch in _CASES:
        if any(sign in git_text for sign in signs):
            return dutch
    return None


def with_explanation(git_text: str, full: str | None = None) -> str:
    """Which case it is, in Dutch, followed by git's own words; `full` is all of git's
    output when `git_text` is only its last lines (the cause is often on an earlier line)."""
    dutch = explain(full or git_text)
    return f"{dutch} (git: {git_text})" if dutch else git_text
