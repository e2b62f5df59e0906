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

EXIT_OK, EXIT_DATA_ERRORS, EXIT_USAGE = 0, 1, 2


class UsageError(KtvError):
    """Bad usage or a refusal: the Dutch message is printed and ktv exits with 2."""


def parse_date(text: str) -> date:
    from store.calendar import LAST_YEAR

    try:
        day = date.fromisoformat(text) if len(text) == 10 else _bad_date(text)
    except ValueError:
        return _bad_date(text)
    if day.year > LAST_YEAR:
        raise argparse.ArgumentTypeError(
            f"'{text}' ligt te ver in de toekomst (uiterlijk het jaar {LAST_YEAR})"
        )
    return day


def _bad_date(text: str) -> date:
    raise argparse.ArgumentTypeError(f"'{text}' is geen geldige datum (schrijf JJJJ-MM-DD, bijv. 2017-05-12)")


def parse_year(text: str) -> int:
    if not (len(text) == 4 and all("0" <= char <= "9" for char in text)):  # not '²⁰¹⁷' or '٢٠١٧'
        raise argparse.ArgumentTypeError(f"'{text}' is geen meetjaar (schrijf een jaartal, bijv. 2017)")
    return int(text)


def parse_days(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or len(text) > 5:
        raise argparse.ArgumentTypeError(f"'{text}' is geen aantal dagen (schrijf een getal, bijv. 30)")
    return int(text)


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

        return load_folder(self.data_dir, self.today)


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
    parser = DutchParser(
        prog="ktv",
        description="ktv: klanttevredenheid jobcoaching voor UWV. Zonder opdracht opent de app.",
    )
    _global_options(parser, suppress=False)
    parser.add_argument("--version", action="version", version=f"ktv {_version()}", help="toon de versie")
    sub = parser.add_subparsers(dest="command", metavar="OPDRACHT", parser_class=DutchParser)

    def command(name: str, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        _global_options(p, suppress=True)
        return p

    p = command("app", "open de app (hetzelfde als `ktv` zonder opdracht)")
    p = command("init", "maak een nieuwe gegevensmap")
    p.add_argument("dir", metavar="MAP")
    p.add_argument("--naam", required=True, help="naam van de jobcoachorganisatie")
    p.add_argument(
        "--erkenningsdatum",
        required=True,
        type=parse_date,
        metavar="DATUM",
        help="datum van de erkenning door UWV",
    )
    p.add_argument("--accounthouder", help="naam van de accounthouder bij UWV")
    p.add_argument("--kenmerk", help="kenmerk van UWV voor deze erkenning (op de melding)")
    p.add_argument("--ondertekenaar", metavar="NAAM", help="wie de rapportage en de melding ondertekent")
    p.add_argument("--functie", help="functie van de ondertekenaar")
    for option, what in (
        ("adres", "straat en huisnummer"),
        ("postcode", "postcode"),
        ("plaats", "vestigingsplaats (ook de plaats bij de ondertekening)"),
        ("telefoon", "algemeen telefoonnummer"),
        ("email", "algemeen e-mailadres"),
        ("website", "website"),
    ):
        p.add_argument(f"--{option}", help=f"contactgegevens van de organisatie: {what}")
    p.add_argument("--no-git", action="store_true", help="geen git-repository aanmaken")
    p.add_argument(
        "--vanaf",
        type=parse_year,
        metavar="JAAR",
        help="eerste meetjaar dat ktv bijhoudt (eerdere meetjaren bestaan niet voor ktv)",
    )

    p = command("demo", "maak een demomap met voorbeeldgegevens en open de app")
    p.add_argument("dir", metavar="MAP", nargs="?", default="ktv-demo")
    p.add_argument("--no-tui", action="store_true", help="alleen de map maken, de app niet openen")

    p = command("check", "controleer alle bestanden; exit 1 bij fouten")
    p.add_argument(
        "--json", action="store_true", help="uitvoer als JSON (met een vaste code per soort probleem)"
    )

    p = command("deadlines", "alle meetjaren met status, actie en deadline")
    p.add_argument("--json", action="store_true", help="uitvoer als JSON")
    p.add_argument(
        "--binnen",
        type=parse_days,
        metavar="N",
        help="alleen wat binnen N dagen moet worden ingediend of te laat is; exit 1 als er iets is",
    )

    p = command("stats", "de cijfers van een meetjaar")
    p.add_argument("--jaar", type=parse_year, metavar="JAAR")
    p.add_argument("--json", action="store_true", help="uitvoer als JSON")
    p.add_argument(
        "--per-jobcoach", action="store_true", help="ook de cijfers per jobcoach (intern: niet voor UWV)"
    )

    p = command("report", "de jaarlijkse rapportage klanttevredenheid als PDF")
    p.add_argument("--jaar", type=parse_year, metavar="JAAR")
    p.add_argument(
        "-o",
        "--output",
        metavar="PDF",
        help="waar de PDF komt (standaard rapporten/klanttevredenheid-JAAR.pdf)",
    )
    p.add_argument(
        "--concept",
        action="store_true",
        help="maak een concept (ook zonder analyse of voor een lopend meetjaar)",
    )
    p.add_argument(
        "--ingediend", action="store_true", help="leg ingediend_op = vandaag en de git-commit vast"
    )
    p.add_argument(
        "--zoals-ingediend",
        action="store_true",
        help="maak de ingediende rapportage opnieuw, precies zoals ze is verstuurd",
    )
    p.add_argument("--json", action="store_true", help='uitvoer als JSON ({"pdf": pad, …})')

    p = command("melding", "de melding 'geen afgeronde jobcoachperiode' als PDF")
    p.add_argument("--jaar", type=parse_year, metavar="JAAR")
    p.add_argument(
        "-o", "--output", metavar="PDF", help="waar de PDF komt (standaard rapporten/melding-JAAR.pdf)"
    )
    p.add_argument("--ingediend", action="store_true", help="leg melding_op = vandaag en de git-commit vast")
    p.add_argument(
        "--zoals-ingediend",
        action="store_true",
        help="maak de ingediende melding opnieuw, precies zoals verstuurd",
    )
    p.add_argument("--json", action="store_true", help='uitvoer als JSON ({"pdf": pad, …})')

    p = command("ontbrekend", "ontbrekende formulieren van afgeronde perioden, oudste eerst")
    p.add_argument("--json", action="store_true", help="uitvoer als JSON")

    p = command("export", "alle perioden (of die van een meetjaar) als CSV of Excel-werkmap")
    p.add_argument("--jaar", type=parse_year, metavar="JAAR", help="alleen de perioden van dit meetjaar")
    p.add_argument(
        "-o",
        "--output",
        metavar="BESTAND",
        help=".csv of .xlsx (standaard perioden.csv of perioden-JAAR.csv in de huidige map)",
    )
    p.add_argument("--overschrijven", action="store_true", help="vervang een bestaand bestand")

    p = command("import", "perioden inlezen uit CSV of Excel-werkmap (eerst alleen tonen)")
    p.add_argument("bestand", metavar="BESTAND", help=".csv, .xlsx of .ods")
    p.add_argument("--toepassen", action="store_true", help="schrijf de goede rijen echt weg")
    p.add_argument(
        "--ook-ingediend", action="store_true", help="sta wijzigingen in een ingediend meetjaar toe"
    )
    p.add_argument("--json", action="store_true", help="uitvoer als JSON")

    p = command("fmt", "herschrijf geldige bestanden in de vaste vorm")
    p.add_argument(
        "--check", action="store_true", help="alleen tonen welke bestanden niet in de vaste vorm staan"
    )

    p = command("clone", "kloon een gedeelde gegevensmap en stel samenvoegen per veld in")
    p.add_argument("source", metavar="BRON", help="adres of pad van de gedeelde repository")
    p.add_argument("dir", metavar="MAP", help="nieuwe map voor de kloon")
    p.add_argument("--map", dest="sub", metavar="SUB", help="de gegevensmap is deze submap van de repository")

    p = command("sync", "leg wijzigingen vast, haal op, voeg samen per veld en verstuur")
    p.add_argument("-m", "--message", metavar="TEKST", help="bericht bij de vastlegging")
    p.add_argument("--json", action="store_true", help="uitvoer als JSON")
    pick = p.add_mutually_exclusive_group()
    pick.add_argument(
        "--mijn",
        dest="pick",
        action="store_const",
        const="ours",
        help="los de getoonde conflicten op met uw waarden",
    )
    pick.add_argument(
        "--hun",
        dest="pick",
        action="store_const",
        const="theirs",
        help="los de getoonde conflicten op met die van de ander",
    )
    pick.add_argument(
        "--beide", dest="pick", action="store_const", const="both", help="bij teksten: beide (de uwe eerst)"
    )

    p = command("historie", "de geschiedenis van één periode: wie veranderde welk veld, wanneer")
    p.add_argument("id", metavar="ID", help="het id van de periode (de bestandsnaam zonder .toml)")
    p.add_argument("--json", action="store_true", help="uitvoer als JSON")

    # SPEC §11: forms out, evidence in (ktv_tui/cli/forms.py runs them)
    p = command("formulier", "het beoordelingsformulier van een periode als PDF, om af te drukken")
    p.add_argument("id", metavar="ID", help="het id van de periode (de bestandsnaam zonder .toml)")
    p.add_argument("--kant", choices=("werknemer", "werkgever"), help="alleen dit formulier (anders beide)")
    p.add_argument(
        "-o", "--output", metavar="PDF", help="waar de PDF komt (standaard rapporten/formulieren/ID-KANT.pdf)"
    )

    p = command("formulieren", "alle (of de ontbrekende) formulieren van een meetjaar in één PDF")
    p.add_argument("--jaar", type=parse_year, metavar="JAAR")
    p.add_argument("--open", action="store_true", help="alleen de formulieren die nog niet terug zijn")
    p.add_argument(
        "-o", "--output", metavar="PDF", help="waar de PDF komt (standaard rapporten/formulieren/)"
    )

    p = command("bijlage", "bewaar de scan van een teruggekomen formulier bij de periode")
    p.add_argument("id", metavar="ID", help="het id van de periode")
    p.add_argument("kant", metavar="KANT", choices=("werknemer", "werkgever"), help="werknemer of werkgever")
    p.add_argument("scan", metavar="SCAN", help="de scan of foto: PDF, PNG of JPEG")
    p.add_argument("--vervang", action="store_true", help="vervang een scan die er al is")

    p = command("steekproef", "de formulieren achter labels van de ingediende rapportage (vertrouwelijk)")
    p.add_argument("labels", metavar="LABEL", nargs="*", help='bijv. "Werknemer C" "Werkgever 4"')
    p.add_argument("--jaar", type=parse_year, metavar="JAAR")
    p.add_argument("-o", "--output", metavar="PDF", help="waar de PDF komt (standaard rapporten/)")
    p.add_argument("--sleutel", action="store_true", help="toon welke periode achter elk label zit (intern)")

    p = sub.add_parser("merge-file", description="git-samenvoeger voor perioden en meetjaren (intern)")
    for name in ("base", "ours", "theirs", "path"):
        p.add_argument(name)
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


def entry() -> None:
    code = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        code = _closed_stdout()
    except (OSError, ValueError):
        pass
    sys.exit(code)


if __name__ == "__main__":
    entry()
