"""Team work on the command line (SPEC §9, §5): `clone`, `sync`, `historie`, the merge driver."""

from __future__ import annotations

import sys
from pathlib import Path

from rich.text import Text

from report.dutch import short_datetime

from ..output import console, print_json
from . import EXIT_DATA_ERRORS, EXIT_OK, Context, UsageError


def run_clone(ctx: Context) -> int:
    from store.team import CloneFailed, clone_into

    out = console()
    try:
        target = Path(ctx.args.dir).expanduser()
        source = ctx.args.source
        if source.startswith("~"):  # a local path as a shell would expand it
            source = str(Path(source).expanduser())
        data = clone_into(source, target, getattr(ctx.args, "sub", None), interactive=sys.stdin.isatty())
    except CloneFailed as exc:
        raise UsageError(str(exc)) from exc
    except RuntimeError as exc:  # pathlib: a ~user that does not exist
        raise UsageError("kan '~' in het pad niet uitbreiden: onbekende gebruiker of thuismap") from exc
    out.print(Text(f"Gekloond naar {target}; samenvoegen per veld is ingesteld."))
    if data is None:
        out.print(
            Text(
                "Let op: deze repository bevat (nog) geen ktv.toml. Maak er een gegevensmap van met "
                "`ktv init`, of kloon de juiste repository."
            )
        )
    else:
        if data != target:
            out.print(Text(f"De gegevensmap is de submap {data.relative_to(target).as_posix()}."))
        out.print(Text(f"Open de map met: ktv --data {data}   Synchroniseer met: ktv --data {data} sync"))
    return EXIT_OK


def run_sync(ctx: Context) -> int:
    from store.sync import SyncRefused, sync

    root = ctx.data_dir
    as_json = ctx.args.json
    out = console()

    def progress(line: str) -> None:
        if not as_json:
            out.print(Text(line))

    try:
        result = sync(
            root,
            ctx.args.message,
            progress=progress,
            interactive=sys.stdin.isatty() and not as_json,
            pick=getattr(ctx.args, "pick", None),
        )
    except SyncRefused as exc:
        if as_json:  # a program gets the same keys, with the reason in "fout"
            print_json(
                {"vastgelegd": None, "opgehaald": 0, "samengevoegd": False, "verstuurd": False}
                | {"conflicten": [], "fout": str(exc), "gekozen": [], "niet_gedeeld": []}
                | {"ingediend_gewijzigd": []}
            )
        raise UsageError(str(exc)) from exc
    if as_json:
        print_json(result.as_json())
    return EXIT_OK if result.ok else EXIT_DATA_ERRORS


def run_history(ctx: Context) -> int:
    from store.history import NoHistory, history_is_cut, period_history
    from store.parse import PERIOD_ID

    period_id = ctx.args.id.removeprefix("perioden/").removesuffix(".toml")  # the file name also works
    if not PERIOD_ID.fullmatch(period_id):
        raise UsageError(
            f"'{ctx.args.id}' is geen periode-id (kleine letters, cijfers en -, bijv. 2016-06-01-abcde)"
        )
    root = ctx.data_dir
    try:
        entries = period_history(root, period_id, uncommitted=True)
    except NoHistory as exc:
        raise UsageError(str(exc)) from exc
    cut = history_is_cut(root)
    if not entries:
        hint = " (deze kloon is ondiep: oudere geschiedenis ontbreekt)" if cut else ""
        raise UsageError(f"geen periode '{period_id}' gevonden, ook niet in de geschiedenis{hint}")
    if ctx.args.json:
        print_json(
            {
                "id": period_id,
                "bestand": f"perioden/{period_id}.toml",
                "afgekapt": cut,
                "versies": [e.as_json() for e in entries],
            }
        )
        return EXIT_OK
    out = console()
    out.print(Text(f"Geschiedenis van periode {period_id} (nieuwste eerst)"))
    if cut:
        out.print(
            Text(
                "Let op: deze map is een ondiepe kloon (shallow clone); de geschiedenis is afgekapt "
                "en dus onvolledig. Haal alles op met: git fetch --unshallow",
                style="yellow",
            )
        )
    for entry in entries:
        out.print()
        if entry.commit is None:
            out.print(Text(f"Niet vastgelegd: {entry.kind}", style="yellow"))
        else:
            when = short_datetime(entry.date) if entry.date else ""
            out.print(
                Text(f"{when}  {entry.author} <{entry.email}>  versie {entry.commit[:12]}", style="bold")
            )
            for line in entry.message.splitlines() or [""]:
                out.print(Text(f"  {line}"))
            if entry.kind != "gewijzigd":
                out.print(Text(f"  (periode {entry.kind})"))
        for change in entry.changes:
            from ..history_values import shown_value  # Dutch dates and numbers, as in the app

            out.print(Text(f"  {change.field}: {shown_value(change.old)} → {shown_value(change.new)}"))
        if entry.note:
            out.print(Text(f"  {entry.note}", style="yellow"))
    return EXIT_OK
