"""`ktv report` and `ktv melding`: the PDFs, with the refusals of SPEC §2, §5 and §6."""

from __future__ import annotations

from pathlib import Path

from store.paths import shown

from ..output import console
from . import EXIT_OK, Context, UsageError
from .data import choose_year, other_errors_note, require_organisation


def _year_for_pdf(ctx: Context, folder) -> int:
    require_organisation(folder)
    return choose_year(ctx, folder)


def run_reprint(ctx: Context, folder, label: int, *, notice: bool) -> int:
    """`--zoals-ingediend`: the submitted document again, from its recorded commit and date."""
    from report.pdf import Refused, reprint_document

    args = ctx.args
    flags = [
        name
        for name, on in (("--concept", getattr(args, "concept", False)), ("--ingediend", args.ingediend))
        if on
    ]
    if flags:
        raise UsageError(f"--zoals-ingediend gaat niet samen met {' en '.join(flags)}")
    try:
        path = reprint_document(folder, label, Path(args.output) if args.output else None, notice=notice)
    except Refused as exc:
        raise UsageError(str(exc)) from exc
    kind = "melding" if notice else "rapportage"
    if getattr(args, "json", False):
        _print_pdf_json(path, label, kind, ctx, False)
        return EXIT_OK
    sent = folder.years[label]
    sent_on = sent.notice_on if notice else sent.submitted_on
    console().print(
        f"De {kind} van meetjaar {label} zoals ingediend op {sent_on.isoformat()} "
        f"(gegevensversie {sent.submitted_commit[:12]}) opnieuw gemaakt: {shown(path)}"
    )
    return EXIT_OK


def run_report(ctx: Context) -> int:
    from report.pdf import Refused, make_report

    folder = ctx.load()
    label = _year_for_pdf(ctx, folder)
    args = ctx.args
    if getattr(args, "zoals_ingediend", False):
        return run_reprint(ctx, folder, label, notice=False)
    try:
        path = make_report(
            folder,
            label,
            ctx.today,
            Path(args.output) if args.output else None,
            concept=args.concept,
            submitted=args.ingediend,
        )
    except Refused as exc:
        raise UsageError(str(exc)) from exc
    if getattr(args, "json", False):
        _print_pdf_json(path, label, "concept" if args.concept else "rapportage", ctx, args.ingediend)
        return EXIT_OK
    out = console()
    kind = "Concept-rapportage" if args.concept else "Rapportage"
    out.print(f"{kind} klanttevredenheid meetjaar {label} gemaakt: {shown(path)}")
    if args.ingediend:
        out.print(f"ingediend_op = {ctx.today.isoformat()} vastgelegd in meetjaren/{label}.toml")
    elif not args.concept and not (folder.years.get(label) and folder.years[label].submitted_on):
        out.print(
            "Verstuurd naar UWV? Leg het vast met `ktv report --ingediend` (na git commit), "
            f"of vul ingediend_op in meetjaren/{label}.toml in."
        )
    note = other_errors_note(folder, label)
    if note:
        out.print(note)
    return EXIT_OK


def run_notice(ctx: Context) -> int:
    from report.pdf import Refused, make_notice

    folder = ctx.load()
    label = _year_for_pdf(ctx, folder)
    args = ctx.args
    if getattr(args, "zoals_ingediend", False):
        return run_reprint(ctx, folder, label, notice=True)
    try:
        path = make_notice(
            folder, label, ctx.today, Path(args.output) if args.output else None, submitted=args.ingediend
        )
    except Refused as exc:
        raise UsageError(str(exc)) from exc
    if getattr(args, "json", False):
        _print_pdf_json(path, label, "melding", ctx, args.ingediend)
        return EXIT_OK
    out = console()
    out.print(f"Melding meetjaar {label} gemaakt: {shown(path)}")
    if args.ingediend:
        out.print(f"melding_op = {ctx.today.isoformat()} vastgelegd in meetjaren/{label}.toml")
    return EXIT_OK


def _print_pdf_json(path: Path, label: int, kind: str, ctx: Context, submitted: bool) -> None:
    """`report --json` / `melding --json` (SPEC §5): where the PDF is, for programs."""
    from ..output import print_json

    print_json(
        {
            "pdf": shown(path),
            "jaar": label,
            "soort": kind,
            "ingediend_op": ctx.today.isoformat() if submitted else None,
        }
    )
