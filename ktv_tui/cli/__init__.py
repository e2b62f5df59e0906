"""The `ktv` command line (SPEC §5): parsing, finding the data folder, dispatching."""

from __future__ import annotations

import argparse
import errno
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from store.errors import KtvError
from store.visible import visible

from ..argparse_nl import DutchParser
from .parsers.values import parse_date, parse_days, parse_year

__all__ = ["parse_date", "parse_days", "parse_year"]  # re-exported: they lived here

EXIT_OK, EXIT_DATA_ERRORS, EXIT_USAGE = 0, 1, 2


class UsageError(KtvError):
    """Bad usage or a refusal: the Dutch message is printed and ktv exits with 2."""


@dataclass
class Context:
    """What every command needs: the options and how to find the data folder."""

    args: argparse.Namespace

    @property
    def today(self) -> date:
        return getattr(self.args, "today", None) or date.today()

    @property
    def data_dir(self) -> Path:
        from store.folder import FolderNotFound, find_data_dir
        from store.git_safety import UnsafeFolder, check_folder

        try:
            root = find_data_dir(getattr(self.args, "data", None), dict(os.environ), Path.cwd())
        except FolderNotFound as exc:
            raise UsageError(str(exc)) from exc
        try:
            check_folder(root)  # before any git command runs in it (SPEC: the edges, Safety)
        except UnsafeFolder as exc:
            raise UsageError(str(exc)) from exc
        return root

    def load(self):
        from store.folder import load_folder

        # One command in one process without threads: a large folder may use the second core.
        return load_folder(self.data_dir, self.today, parallel=True)


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--data",
        metavar="MAP",
        default=default,
        help="de gegevensmap (anders $KTV_DATA of de map met ktv.toml)",
    )
    parser.add_argument(
        "--today",
        metavar="DATUM",
        type=parse_date,
        default=default,
        help="doe alsof het vandaag DATUM is (JJJJ-MM-DD)",
    )


def build_parser() -> argparse.ArgumentParser:
    # Not at module level: these names would shadow the runners ktv_tui.cli.data, .files, ….
    from .parsers import data, fast, files, forms, merge, pdf, sheets, team

    parser = DutchParser(
        prog="ktv",
        description="ktv: klanttevredenheid jobcoaching voor UWV. Zonder opdracht opent de app.",
    )
    _global_options(parser, suppress=False)
    parser.add_argument("--version", action="version", version=f"ktv {_version()}", help="toon de versie")
    sub = parser.add_subparsers(dest="command", metavar="OPDRACHT", parser_class=DutchParser)

    def command(name: str, help: str, *, hidden: bool = False) -> argparse.ArgumentParser:
        if hidden:  # not in `ktv --help`, no global options (git runs it)
            return sub.add_parser(name, description=help)
        p = sub.add_parser(name, help=help, description=help)
        _global_options(p, suppress=True)
        return p

    # One function per command family (ktv_tui/cli/parsers/), in the order of `ktv --help`.
    files.add_commands(command)  # app, init, demo
    fast.add_commands(command)  # check, deadlines
    data.add_commands(command)  # stats
    pdf.add_commands(command)  # report, melding
    sheets.add_commands(command)  # ontbrekend, export, import
    files.add_fmt(command)  # fmt
    team.add_commands(command)  # clone, sync, historie
    forms.add_commands(command)  # formulier, formulieren, bijlage, steekproef (SPEC §11)
    merge.add_commands(command)  # merge-file (git's merge driver; hidden)
    return parser


def _version() -> str:
    from .. import __version__

    return __version__


HANDLERS = {
    "init": ("files", "run_init"),
    "demo": ("files", "run_demo"),
    "fmt": ("files", "run_fmt"),
    "check": ("fast", "run_check"),  # plain lines, no Rich: start-up time (issue 23)
    "deadlines": ("fast", "run_deadlines"),
    "stats": ("data", "run_stats"),
    "report": ("pdf", "run_report"),
    "melding": ("pdf", "run_notice"),
    "app": ("files", "run_app"),
    "ontbrekend": ("sheets", "run_missing"),
    "export": ("sheets", "run_export"),
    "import": ("sheets", "run_import"),
    "clone": ("team", "run_clone"),
    "sync": ("team", "run_sync"),
    "historie": ("team", "run_history"),
    "merge-file": ("merge", "run_merge_file"),
    "formulier": ("forms", "run_form"),  # SPEC §11: forms out, evidence in
    "formulieren": ("forms", "run_forms"),
    "bijlage": ("forms", "run_attach"),
    "steekproef": ("forms", "run_sample"),
}


def _handler(command: str) -> Callable[[Context], int]:
    """Import only the module of the command at hand: start-up time counts."""
    import importlib

    module, function = HANDLERS[command]
    return getattr(importlib.import_module(f"ktv_tui.cli.{module}"), function)


def _tolerant_streams() -> None:
    """A name that is not UTF-8 (kept with surrogates) prints as a replacement character
    instead of stopping the program halfway through its output."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):
                pass


def main(argv: list[str] | None = None) -> int:
    _tolerant_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    context = Context(args)
    command = args.command or "app"
    global _command_run
    _command_run = command
    from store.privacy import reference_day

    try:
        with _writer_lock(context, command), reference_day(getattr(args, "today", None)):
            return _handler(command)(context)  # a date of birth is judged against --today
    except UsageError as exc:
        sys.stderr.write(f"ktv: {visible(str(exc))}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return _closed_stdout()
    except OSError as exc:  # a folder that is a file, a full disk: a Dutch line, never a traceback
        from report.dutch import os_error
        from store.paths import shown

        if isinstance(exc, KtvError):  # the folder's lock is held by another writer
            sys.stderr.write(f"ktv: {visible(str(exc))}\n")
            return EXIT_USAGE
        where = f" ({shown(exc.filename)})" if exc.filename else ""
        if exc.errno == errno.EPIPE:
            return _closed_stdout()
        sys.stderr.write(f"ktv: bestandsfout{where}: {os_error(exc)}\n")
        return EXIT_USAGE
    except Exception as exc:
        # The store's own refusals, should one escape a command (each command catches them).
        message = _store_refusal(exc)
        if message is None:
            raise
        sys.stderr.write(f"ktv: {visible(message)}\n")
        return EXIT_USAGE


def _writes(command: str, args: argparse.Namespace) -> bool:
    """Does this command write in the data folder (and so take its lock)?"""
    if command in ("sync", "init"):
        return True
    if command == "fmt":
        return not getattr(args, "check", False)
    if command == "import":
        return bool(getattr(args, "toepassen", False))
    if command in ("report", "melding"):
        return bool(getattr(args, "ingediend", False))
    return False


def _writer_lock(context: Context, command: str):
    """One writer at a time per data folder (store/lock.py): a second waits ≈2 s, then is
    refused naming the other process. Readers (check, stats, report --concept) never wait."""
    import contextlib

    if not _writes(command, context.args):
        return contextlib.nullcontext()
    from store.lock import folder_lock
    from store.paths import expand_user

    root = expand_user(context.args.dir) if command == "init" else context.data_dir
    words = [command] + [a for a in ("--toepassen", "--ingediend") if getattr(context.args, a[2:], False)]
    return folder_lock(root, "ktv " + " ".join(words))


def _closed_stdout() -> int:
    """The reader went away (`ktv stats | head -1`): end quietly with 0, as `git log | head`
    does. stdout is pointed at /dev/null so Python's flush at exit cannot complain again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    return EXIT_OK


def _store_refusal(exc: Exception) -> str | None:
    """The Dutch message of an exception ktv raises on purpose (`KtvError`), else None (a bug)."""
    return str(exc) if isinstance(exc, KtvError) else None


_command_run: str | None = None

QUICK_EXIT = frozenset({"check", "deadlines"})
"""Read-only commands run often (cron, a login message, after each edit) that end without
tearing the interpreter down: freeing a loaded folder object by object costs 20 ms at 10 000
periods (bench.startup) and writes nothing. They open no file for writing and leave no
temporary file, so once the output is flushed nothing is left to do."""


def entry() -> None:
    code = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        code = _closed_stdout()
    except (OSError, ValueError):
        pass
    if _command_run in QUICK_EXIT:
        try:
            sys.stderr.flush()
        except (OSError, ValueError):
            pass
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    entry()
