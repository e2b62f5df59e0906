"""Problems are decided on by code and key path, never by their Dutch message (issue 11).

Rewording a message must not silently change what `fmt`, the editor or any other consumer does,
so only the places that *show* a problem may read `.message`; and every code in use is listed in
`store.problems.CODES` and in the README.
"""

from __future__ import annotations

import re
from pathlib import Path

from store.problems import CODES

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("store", "report", "ktv_tui")

SHOWN_BY = {
    "store/problems.py": "format_problem and sorting",
    "store/create.py": "the refusal text of `ktv init`",
    "store/cache.py": "stores problems as they are",
    "store/parallel.py": "passes problems between processes as they are",
    "ktv_tui/cli_data.py": "`check --json` bericht",
    "store/sheet.py": "shows a row's problems in the spreadsheet's column names (`ktv import`)",
    "ktv_tui/screens/period_editor.py": "shows a field's problems under the field",
    "ktv_tui/screens/measurement_year.py": "shows the first error in a notification",
}
"""Files that may read `problem.message`: each only to show or carry it, never to decide."""

MESSAGE_USE = re.compile(r"\b(p|x|problem|\w*problems?|\w*errors?|\w*warnings?)\.message\b")
"""A problem's message: `p.message`, `problem.message`, `first_error.message`; a commit's or an
argument's `.message` (`entry.message`, `args.message`) is no problem's."""
DECIDING = re.compile(
    r"""\.message\s*(==|!=|\.(startswith|endswith|split|find|index|count|lower|upper|strip))
      | \bin\s+\w+(\.\w+)*\.message\b
      | re\.\w+\([^)]*\.message""",
    re.VERBOSE,
)


def _python_files():
    for package in PACKAGES:
        yield from sorted((ROOT / package).rglob("*.py"))


def test_no_consumer_decides_on_a_message():
    offenders = []
    for path in _python_files():
        rel = path.relative_to(ROOT).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not MESSAGE_USE.search(line):
                continue
            if DECIDING.search(line):
                offenders.append(f"{rel}:{number}: decides on a message: {line.strip()}")
            elif rel not in SHOWN_BY:
                offenders.append(f"{rel}:{number}: reads .message outside the formatters: {line.strip()}")
    assert offenders == [], "\n".join(offenders)


def test_the_guard_catches_the_old_consumers():
    """The patterns above recognise exactly what issue 11 found in the code."""
    for line in (
        'unknown = {p.file for p in folder.warnings if "onbekende sleutel" in p.message}',
        'if key == GENERAL and problem.message.startswith("formulier "):',
        "side = problem.message.split()[1]",
    ):
        assert DECIDING.search(line), line


CODE_ARGUMENT = re.compile(
    r"""\bcode\s*=\s*["']([a-z0-9-]+)["']|_problem_at\([^)]*["']([a-z0-9-]+)["']\s*,?\s*\)"""
)


def test_every_code_in_use_is_listed_and_kebab_case():
    used = set()
    for path in _python_files():
        text = path.read_text(encoding="utf-8")
        for match in CODE_ARGUMENT.finditer(text):
            used.add(match.group(1) or match.group(2))
    assert used, "no problem codes found: the pattern is out of date"
    assert used - set(CODES) == set()
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code) for code in CODES)


def test_every_code_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [code for code in CODES if f"`{code}`" not in readme]
    assert missing == []
