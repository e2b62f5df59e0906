"""Turn report data into PDF bytes with the Typst compiler bundled in the `typst` wheel.

The data goes into the template as JSON through ``sys.inputs`` (key ``data``); the template reads
it with ``json(bytes(sys.inputs.data))`` and only places the values as text. Nothing a user typed
is ever written into Typst source or evaluated, so ``#read(...)`` in an analysis is just text.

Only Typst's bundled fonts are used (no system fonts) and the document date and PDF timestamp come
from ``made_at``, so the same data and the same ``made_at`` give byte-identical PDFs on every
machine.
"""

from __future__ import annotations

import datetime
import json
import re
import threading
from importlib import resources
from pathlib import Path
from typing import Any

import typst

from store.errors import KtvError

#: Templates in report/templates/ that can be rendered (file name without ``.typ``).
TEMPLATES = ("rapportage", "melding")

_LOCK = threading.Lock()


class RenderError(KtvError):
    """Dutch message of a failure to make a PDF (wraps typst.TypstError and bad input)."""


def _document_date(made_at: datetime.date) -> dict[str, int]:
    return {"jaar": made_at.year, "maand": made_at.month, "dag": made_at.day}


def _timestamp(made_at: datetime.date) -> int:
    """UNIX seconds for the PDF's creation date; a naive datetime or a date counts as UTC."""
    if not isinstance(made_at, datetime.datetime):
        made_at = datetime.datetime(made_at.year, made_at.month, made_at.day)
    if made_at.tzinfo is None:
        made_at = made_at.replace(tzinfo=datetime.UTC)
    return int(made_at.timestamp())


_LOCATION = re.compile(r"┌─ (?:.*[/\\])?([^/\\]+\.typ):(\d+):(\d+)")


def _typst_message(error: BaseException) -> str:
    if isinstance(error, OSError) and error.errno is not None:
        from .dutch import os_error

        return os_error(error)
    message = getattr(error, "message", None) or str(error) or type(error).__name__
    hints = getattr(error, "hints", None) or []
    text = message.strip()
    found = _LOCATION.search(getattr(error, "diagnostic", None) or "")
    if found:
        text += f" [{found.group(1)} regel {found.group(2)}]"
    if hints:
        text += " (" + "; ".join(h.strip() for h in hints) + ")"
    return text


def compile_with_warnings(
    template: str, data: dict[str, Any], made_at: datetime.datetime
) -> tuple[bytes, list[str]]:
    """Like :func:`render_pdf`, but also return Typst's warnings (as text) for tests and debugging."""
    if template not in TEMPLATES:
        raise RenderError(f"Onbekend sjabloon {template!r}: kies uit {', '.join(TEMPLATES)}.")
    if not isinstance(data, dict):
        raise RenderError("De gegevens voor het rapport moeten een woordenboek (JSON-object) zijn.")
    if not isinstance(made_at, datetime.date):
        raise RenderError("De datum van het rapport ontbreekt of is geen datum.")
    payload = dict(data)
    payload["document"] = {"datum": _document_date(made_at)}
    try:
        encoded = json.dumps(payload, ensure_ascii=False, sort_keys=True, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise RenderError(f"De gegevens voor het rapport zijn niet als JSON te schrijven: {error}") from error

    folder = resources.files("report").joinpath("templates")
    try:
        with resources.as_file(folder) as root:
            source = root / f"{template}.typ"
            if not source.is_file():
                raise RenderError(f"Het sjabloon {template}.typ ontbreekt in de installatie van ktv.")
            return compile_source(source, root, encoded, made_at, "Het rapport")
    except RenderError:
        raise
    except OSError as error:  # the installed templates cannot be reached
        raise RenderError(
            f"Het rapport kon niet worden gemaakt ({template}.typ): {_typst_message(error)}"
        ) from error


def compile_source(
    source: Path, root: Path, encoded: str, made_at: datetime.datetime, what: str
) -> tuple[bytes, list[str]]:
    """Compile one Typst file under `root` with the JSON `encoded` as `sys.inputs.data`: the PDF
    and Typst's warnings. Every failure is a RenderError that starts with `what` ("Het
    rapport", "De PDF") and names the template."""
    name = source.name
    try:
        with _LOCK:
            compiler = typst.Compiler(
                source,
                root=root,
                ignore_system_fonts=True,
                sys_inputs={"data": encoded},
            )
            pdf, warnings = compiler.compile_with_warnings(format="pdf", timestamp=_timestamp(made_at))
    except typst.TypstError as error:
        raise RenderError(f"{what} kon niet worden opgemaakt ({name}): {_typst_message(error)}") from error
    except (RuntimeError, ValueError, TypeError, OSError) as error:
        raise RenderError(f"{what} kon niet worden gemaakt ({name}): {_typst_message(error)}") from error
    if not isinstance(pdf, bytes):
        raise RenderError(f"Typst gaf geen PDF terug voor {name}.")
    return pdf, [_typst_message(w) for w in warnings]


def render_pdf(template: str, data: dict[str, Any], made_at: datetime.datetime) -> bytes:
    """Compile report/templates/<template>.typ with ``data`` and return the PDF bytes.

    ``template`` is one of :data:`TEMPLATES` (``"rapportage"`` or ``"melding"``); any other name
    raises :class:`RenderError`, as does data that is not JSON-serialisable or that the template
    cannot lay out (a missing key, a wrong type). ``data`` follows the JSON contract documented at
    the top of the template; ``render_pdf`` adds ``"document": {"datum": {"jaar", "maand", "dag"}}``
    from ``made_at`` (the PDF's document date), so callers need not. ``made_at`` also fixes the PDF
    timestamp (a naive datetime or a plain date counts as UTC): the same data and ``made_at`` give
    identical bytes.
    """
    pdf, _warnings = compile_with_warnings(template, data, made_at)
    return pdf
