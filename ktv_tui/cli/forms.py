"""`ktv formulier`, `ktv formulieren`, `ktv bijlage` and `ktv steekproef` (SPEC §11)."""

from __future__ import annotations

import sys
from pathlib import Path

from store.paths import shown

from . import EXIT_OK, Context, UsageError


def _require_organisation(folder) -> None:
    from .data import require_organisation

    require_organisation(folder)


def run_form(ctx: Context) -> int:
    from report.forms import make_period_forms
    from report.pdf import Refused
    from report.typst_render import RenderError

    from ..output import console

    folder = ctx.load()
    _require_organisation(folder)
    args = ctx.args
    try:
        paths = make_period_forms(folder, args.id, args.kant, args.output, ctx.today)
    except (Refused, RenderError) as exc:
        raise UsageError(str(exc)) from exc
    out = console()
    for path in paths:
        out.print(f"Formulier gemaakt: {shown(path)}")
    return EXIT_OK


def run_forms(ctx: Context) -> int:
    from report.forms import make_year_forms
    from report.pdf import Refused
    from report.typst_render import RenderError

    from ..output import console
    from .data import choose_year

    folder = ctx.load()
    _require_organisation(folder)
    label = choose_year(ctx, folder)
    args = ctx.args
    try:
        path, count = make_year_forms(folder, label, args.output, ctx.today, only_open=args.open)
    except (Refused, RenderError) as exc:
        raise UsageError(str(exc)) from exc
    out = console()
    if path is None:
        what = "ontbrekende formulieren" if args.open else "afgeronde perioden"
        out.print(f"Meetjaar {label} heeft geen {what}: geen PDF gemaakt.")
        return EXIT_OK
    word = "formulier" if count == 1 else "formulieren"
    out.print(f"{count} {word} van meetjaar {label} in één PDF: {shown(path)}")
    return EXIT_OK


def _ask_replace(message: str) -> bool:
    """Only a person at a terminal is asked; a script gets the refusal and --vervang."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return False
    try:
        answer = input(f"{message}\nVervangen? [j/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("j", "ja")


def run_attach(ctx: Context) -> int:
    from store.evidence import EvidenceRefused, ScanExists
    from store.evidence_attach import attach_scan
    from store.paths import BadPath, expand_user
    from store.toml_io import ChangedOnDisk

    from ..output import console

    folder = ctx.load()
    _require_organisation(folder)
    args = ctx.args
    try:
        scan = expand_user(args.scan)
    except BadPath as exc:
        raise UsageError(f"SCAN: {exc}") from exc
    try:
        try:
            done = attach_scan(folder, args.id, args.kant, Path(scan), replace_existing=args.vervang)
        except ScanExists as exc:
            if not _ask_replace(str(exc)):
                raise
            done = attach_scan(folder, args.id, args.kant, Path(scan), replace_existing=True)
    except (EvidenceRefused, ChangedOnDisk) as exc:
        raise UsageError(str(exc)) from exc
    out = console()
    verb = "vervangen" if done.replaced else "bewaard"
    out.print(f"Scan van formulier {args.kant} {verb}: {done.rel} (vastgelegd in perioden/{args.id}.toml)")
    from store.evidence import shared_evidence

    if not shared_evidence(folder.root, folder.organisation):
        out.print(
            "De scan blijft op deze computer (persoonsgegevens); `ktv sync` deelt hem alleen met [bewijs] delen = true."
        )
    if done.new_form:
        out.print(
            f"Formulier {args.kant} stond nog niet als ontvangen; vul ontvangen, cijfer en antwoorden in."
        )
    return EXIT_OK


def _sample_year(ctx: Context, folder) -> int:
    from .data import choose_year

    if getattr(ctx.args, "jaar", None) is None:
        raise UsageError("geef het meetjaar van de ingediende rapportage: --jaar JAAR")
    return choose_year(ctx, folder)


def run_sample(ctx: Context) -> int:
    from report.pdf import Refused
    from report.steekproef import make_sample, sample_key
    from report.typst_render import RenderError

    from ..output import console

    folder = ctx.load()
    _require_organisation(folder)
    label = _sample_year(ctx, folder)
    args = ctx.args
    out = console()
    try:
        if args.sleutel:
            rows = sample_key(folder, label, args.labels, ctx.today)
            out.print(f"Sleutel steekproef meetjaar {label} (intern: nooit naar UWV)")
            for name, period_id, code, end in rows:
                out.print(f"{name:<14} {period_id:<24} {code:<12} einde {end}")
            return EXIT_OK
        path, notes = make_sample(folder, label, args.labels, args.output, ctx.today)
    except (Refused, RenderError) as exc:
        raise UsageError(str(exc)) from exc
    out.print(f"Steekproef meetjaar {label} gemaakt: {shown(path)}")
    out.print("Vertrouwelijk: de PDF bevat persoonsgegevens; stuur hem alleen beveiligd naar UWV.")
    for note in notes:
        out.print(f"Let op: {note}")
    return EXIT_OK
