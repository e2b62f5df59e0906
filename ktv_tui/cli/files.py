"""`ktv init`, `ktv demo`, `ktv fmt` and opening the app."""

from __future__ import annotations

import sys
from pathlib import Path

from rich.text import Text

from store.create import FolderNotEmpty, InvalidOrganisation, create_data_folder
from store.fmt import format_folder
from store.git import GitError
from store.paths import os_error, shown

from ..output import console
from . import EXIT_DATA_ERRORS, EXIT_OK, Context, UsageError


def _typed_path(text: str) -> Path:
    """A folder a person typed: `~` and `~user` expanded as a shell would."""
    from store.paths import BadPath, expand_user

    try:
        return expand_user(text)
    except BadPath as exc:
        raise UsageError(str(exc)) from exc


def run_init(ctx: Context) -> int:
    args = ctx.args
    root = _typed_path(args.dir)
    name = args.naam.strip()
    if not name:
        raise UsageError("--naam mag niet leeg zijn")
    first_year = _first_year(args.vanaf, args.erkenningsdatum, ctx.today)
    if first_year is None:
        from store.create import current_first_year

        first_year = current_first_year(args.erkenningsdatum, ctx.today)  # SPEC §7 edges
    from store.git_safety import UnsafeFolder

    try:
        outer = create_data_folder(
            root,
            name,
            args.erkenningsdatum,
            account_manager=args.accounthouder,
            git=not args.no_git,
            first_year=first_year,
            details=_init_details(args),
        )
    except FolderNotEmpty as exc:
        raise UsageError(str(exc)) from exc
    except InvalidOrganisation as exc:
        raise UsageError(
            "ktv init weigert, want `ktv check` zou dit een fout noemen: " + str(exc) + "; niets gemaakt"
        ) from exc
    except UnsafeFolder as exc:
        raise UsageError(f"{exc}\nniets gemaakt") from exc
    except GitError as exc:
        raise UsageError(f"map gemaakt, maar git init mislukte: {exc}") from exc
    except OSError as exc:
        raise UsageError(f"kan map '{shown(root)}' niet maken: {os_error(exc)}") from exc
    console().print(
        f"Gegevensmap gemaakt in {shown(root)}. Open hem met: ktv --data {shown(root)}"
        + (
            ""
            if args.no_git
            else f" (in de bestaande git-repository {shown(outer)})"
            if outer is not None
            else " (git-repository aangemaakt)"
        )
    )
    if args.vanaf is None:
        from store.create import earlier_years_hint

        console().print(Text(earlier_years_hint(root, args.erkenningsdatum, first_year)))
    return EXIT_OK


def _first_year(label: int | None, recognition, today) -> int | None:
    """`--vanaf J`: a meetjaar of this erkenning, at most the one after the current meetjaar."""
    if label is None:
        return None
    from store.calendar import Calendar

    calendar = Calendar(recognition)
    first, current = calendar.first_label, calendar.current_label(today)
    if label < first:
        raise UsageError(
            f"--vanaf {label} ligt voor het eerste meetjaar van deze erkenning ({first}); "
            f"kies een jaar van {first} tot en met {current + 1}"
        )
    if label > current + 1:
        raise UsageError(
            f"--vanaf {label} ligt te ver in de toekomst: het huidige meetjaar is {current}; "
            f"kies een jaar van {first} tot en met {current + 1}"
        )
    return label


def _init_details(args) -> dict:
    """The optional ktv.toml keys given to `ktv init`: kenmerk, [ondertekening], [contact]."""
    from store.model import CONTACT_KEYS

    def given(value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    contact = {key: given(getattr(args, key, None)) for key in CONTACT_KEYS}
    return {
        "reference": given(args.kenmerk),
        "signatory": given(args.ondertekenaar),
        "signatory_function": given(args.functie),
        "contact": {key: value for key, value in contact.items() if value},
    }


def run_demo(ctx: Context) -> int:
    from ..demo import make_demo

    root = _typed_path(ctx.args.dir)
    if (root / "ktv.toml").is_file():
        # SPEC §5: a second `ktv demo DIR` opens the folder it made (or any ktv folder) as it is.
        console().print(
            f"{shown(root)} is al een ktv-gegevensmap; die wordt geopend (er wordt niets overschreven)."
        )
    else:
        try:
            make_demo(root, ctx.today)
        except FolderNotEmpty as exc:
            raise UsageError(str(exc)) from exc
        except OSError as exc:
            raise UsageError(f"kan demomap '{shown(root)}' niet maken: {os_error(exc)}") from exc
        console().print(f"Demomap gemaakt in {shown(root)}.")
    ctx.args.data = str(root)
    if ctx.args.no_tui:
        from .overview import print_overview

        print_overview(ctx)
        console().print(f"Open de app met: ktv --data {shown(root)}")
        return EXIT_OK
    return run_app(ctx)


def run_app(ctx: Context) -> int:
    data_dir = ctx.data_dir
    if not sys.stdout.isatty() or not sys.stdin.isatty():
        from .overview import print_overview

        print_overview(ctx)
        console(stderr=True).print("(geen terminal: de app opent alleen in een terminal)")
        return EXIT_OK
    from ..app.preview import start_preview

    today = ctx.today
    preview = start_preview(data_dir, today)  # on the second CPU, while Textual is imported
    try:
        from ..app.app import KtvApp

        KtvApp(data_dir, today=today, preview=preview).run()
    finally:
        if preview is not None:
            preview.close()
    return EXIT_OK


def run_fmt(ctx: Context) -> int:
    folder = ctx.load()
    check_only = ctx.args.check
    result = format_folder(folder, write=not check_only)
    out = console()
    for rel in result.not_canonical:
        out.print(f"niet in vaste vorm: {rel}" if check_only else f"herschreven: {rel}")
    for rel in result.skipped_errors:
        out.print(Text(f"overgeslagen (fouten, zie `ktv check`): {rel}", style="red"))
    for rel in result.skipped_unknown_keys:
        out.print(Text(f"overgeslagen (onbekende sleutels, zie `ktv check`): {rel}", style="yellow"))
    for rel in result.changed_meanwhile:
        out.print(Text(f"overgeslagen (intussen gewijzigd op schijf): {rel}", style="yellow"))
    n = len(result.not_canonical)
    if check_only:
        n += len(result.skipped_unknown_keys)
        out.print(
            f"{n} bestand(en) niet in vaste vorm." if n else "Alle geldige bestanden staan in vaste vorm."
        )
        return EXIT_DATA_ERRORS if n or result.skipped_errors else EXIT_OK
    out.print(
        f"{len(result.rewritten)} bestand(en) herschreven."
        if n
        else "Alle geldige bestanden stonden al in vaste vorm."
    )
    return EXIT_DATA_ERRORS if result.skipped_errors else EXIT_OK
