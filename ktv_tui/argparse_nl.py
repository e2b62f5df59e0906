"""argparse in Dutch: its fixed messages translated, errors as `ktv: …` with exit 2."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

_DUTCH = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "onbekende keuze: %(value)r (kies uit %(choices)s)",
    "expected one argument": "verwacht één waarde",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "dubbelzinnige optie: %(option)s kan zijn %(matches)s",
    "not allowed with argument %s": "niet samen met argument %s",
    "expected at most one argument": "verwacht hoogstens één waarde",
    "expected at least one argument": "verwacht minstens één waarde",
    "one of the arguments %s is required": "een van de argumenten %s is nodig",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "subcommands": "opdrachten",
}


def _translate(message: str) -> str:
    return _DUTCH.get(message, message)


argparse._ = _translate  # type: ignore[attr-defined]  # argparse looks `_` up at call time


class DutchParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        from store.visible import visible

        self.print_usage(sys.stderr)
        message = visible(message, one_line=True)  # a typed argument can hold ESC (issue 19)
        self.exit(2, f"ktv: fout: {message}\nZie `ktv --help` voor alle opdrachten.\n")
