"""Typst for the forms and the steekproef: like typst_render, but with files beside the template.

A steekproef places scans (PDF pages, PNG, JPEG) as pages; Typst reads files only below its
root, so the templates and the scans are copied into a private temporary folder that is the
root. The data still goes in as JSON through ``sys.inputs`` and is only ever placed as text.
"""

from __future__ import annotations

import datetime
import json
import shutil
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

import typst

from .printable import printable
from .typst_render import _LOCK, RenderError, _document_date, compile_source

TEMPLATES = ("formulier", "steekproef")


def _copy_templates(root: Path) -> None:
    folder = resources.files("report").joinpath("templates")
    with resources.as_file(folder) as source:
        for typ in Path(source).glob("*.typ"):
            shutil.copyfile(typ, root / typ.name)


def render_with_files(
    template: str, data: dict[str, Any], made_at: datetime.date, files: dict[str, bytes] | None = None
) -> bytes:
    """Compile report/templates/<template>.typ with ``data``; ``files`` (name → bytes) are put
    beside it under ``bijlagen/`` so the template can place them by name."""
    if template not in TEMPLATES:
        raise RenderError(f"Onbekend sjabloon {template!r}: kies uit {', '.join(TEMPLATES)}.")
    payload = printable(data)  # as the report: a stand-in for what no font draws, long words wrap
    payload["document"] = {"datum": _document_date(made_at)}
    try:
        encoded = json.dumps(payload, ensure_ascii=False, sort_keys=True, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise RenderError(f"De gegevens zijn niet als JSON te schrijven: {exc}") from exc
    with tempfile.TemporaryDirectory(prefix="ktv-typst-") as temp:
        root = Path(temp)
        _copy_templates(root)
        (root / "bijlagen").mkdir()
        for name, content in (files or {}).items():
            (root / "bijlagen" / name).write_bytes(content)
        pdf, _warnings = compile_source(root / f"{template}.typ", root, encoded, made_at, "De PDF")
    return pdf


_PROBE = '#image("scan.pdf", page: int(sys.inputs.page))\n'


def pdf_page_count(content: bytes) -> int:
    """How many pages a scanned PDF has, asked of Typst itself (no PDF library needed): the
    highest page it can place, found by doubling and halving. 0 when Typst cannot read it."""
    with tempfile.TemporaryDirectory(prefix="ktv-pdf-") as temp:
        root = Path(temp)
        (root / "scan.pdf").write_bytes(content)
        (root / "probe.typ").write_text(_PROBE, encoding="utf-8")

        def has(page: int) -> bool:
            try:
                with _LOCK:
                    typst.Compiler(
                        root / "probe.typ",
                        root=root,
                        ignore_system_fonts=True,
                        sys_inputs={"page": str(page)},
                    ).compile(format="svg")
                return True
            except (typst.TypstError, RuntimeError, ValueError):
                return False

        if not has(1):
            return 0
        low, high = 1, 2
        while has(high):
            low, high = high, high * 2
            if high > 4096:
                return low
        while high - low > 1:
            middle = (low + high) // 2
            if has(middle):
                low = middle
            else:
                high = middle
        return low
