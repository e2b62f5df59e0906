"""The dependency direction ktv_tui → report → store, checked by importing in a fresh process."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def loaded_modules(code: str) -> set[str]:
    script = f"{code}\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def top_level(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


STORE_MODULES = [p.stem for p in (ROOT / "store").glob("*.py") if p.stem != "__init__"]
REPORT_MODULES = [p.stem for p in (ROOT / "report").glob("*.py") if p.stem != "__init__"]


@pytest.mark.parametrize("module", STORE_MODULES)
def test_store_knows_nothing_of_report_textual_or_typst(module: str) -> None:
    loaded = top_level(loaded_modules(f"import store.{module}"))
    assert not loaded & {"report", "ktv_tui", "textual", "typst", "rich"}


@pytest.mark.parametrize("module", REPORT_MODULES)
def test_report_knows_nothing_of_the_app(module: str) -> None:
    loaded = top_level(loaded_modules(f"import report.{module}"))
    assert not loaded & {"ktv_tui", "textual"}


def test_command_line_commands_do_not_import_textual_or_typst() -> None:
    """Start-up time of `ktv check` counts: the app and the compiler load only when needed."""
    loaded = top_level(
        loaded_modules("import ktv_tui.cli, ktv_tui.cli.data, ktv_tui.cli.files, ktv_tui.cli.pdf")
    )
    assert "textual" not in loaded
    assert "typst" not in loaded


APP_PACKAGES = ("textual", "ktv_tui.app.app", "ktv_tui.app.screens", "ktv_tui.app.widgets")


def modules_after_cli(*args: str) -> set[str]:
    """The modules a real `ktv ARGS` process has loaded when it exits (entry point as installed)."""
    script = (
        "import atexit, json, os, sys\n"
        "def dump():\n"
        "    sys.__stderr__.write('MODULES' + json.dumps(sorted(sys.modules)))\n"
        "    sys.__stderr__.flush()\n"
        "atexit.register(dump)\n"
        "_exit = os._exit\n"  # check and deadlines end through os._exit (cli.QUICK_EXIT)
        "os._exit = lambda code: (dump(), _exit(code))\n"
        f"sys.argv = ['ktv', *{list(args)!r}]\n"
        "from ktv_tui.cli import entry\n"
        "entry()\n"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert "Traceback" not in out.stderr, out.stderr
    return set(json.loads(out.stderr.rsplit("MODULES", 1)[1]))


def _app_modules(modules: set[str]) -> set[str]:
    return {m for m in modules if any(m == p or m.startswith(p + ".") for p in APP_PACKAGES)}


def test_cli_start_up_does_not_import_the_app(tmp_path: Path) -> None:
    """`ktv --help` and `ktv check` never pay for Textual or the app's screens (start-up time)."""
    from datetime import date

    from store.create import create_data_folder

    create_data_folder(tmp_path / "map", "Org", date(2013, 5, 12), git=False)
    help_modules = modules_after_cli("--help")
    check_modules = modules_after_cli("--data", str(tmp_path / "map"), "check", "--today", "2017-06-01")
    assert "ktv_tui.cli" in help_modules and "store.folder" in check_modules  # the probe works
    assert _app_modules(help_modules) == set()
    assert _app_modules(check_modules) == set()
    assert "typst" not in top_level(check_modules)


# --- no import cycle (issue 18 item 2) ----------------------------------------------------------

PACKAGES = ("store", "report", "ktv_tui")

KNOWN_BACK_EDGES: set[tuple[str, str]] = (
    set()
)  # none left: period_editor takes ReleaseKeys from app/messages.py
"""Imports that close a cycle and belong to another branch of issue 18 (the app engineer:
period_editor imports `ReleaseKeys` from app.py, and app imports every screen); the lead
empties this set after the merge. Any other cycle fails."""


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, package: str, modules: set[str]):
    """Every module of ours imported anywhere in `tree` — also inside functions (a hidden cycle
    is still a cycle) — but not under `if TYPE_CHECKING:` (never run)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            yield from (m for child in node.orelse for m in _imports(child, package, modules))
            continue
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names if a.name in modules)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            target = ".".join([*base, *([node.module] if node.module else [])])
            if target in modules:
                yield target
            yield from (f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in modules)
        yield from _imports(node, package, modules)


def import_graph() -> dict[str, set[str]]:
    files = {_module_name(p): p for package in PACKAGES for p in (ROOT / package).rglob("*.py")}
    modules = set(files)
    graph = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        graph[name] = set(_imports(ast.parse(path.read_text("utf-8")), package, modules)) - {name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(frozenset(component))
    return found


def test_no_import_cycle_among_store_report_and_app_modules() -> None:
    graph = import_graph()
    for module, imported in KNOWN_BACK_EDGES:
        graph[module].discard(imported)
    assert [sorted(c) for c in cycles(graph)] == []


def test_the_cycle_finder_finds_a_hidden_cycle() -> None:
    """A function-level import closing a loop (store/folder ↔ store/validate, issue 18) counts."""
    tree_a = ast.parse("from .b import x\n")
    tree_b = ast.parse("def f():\n    from .a import y\n")
    modules = {"p.a", "p.b"}
    graph = {"p.a": set(_imports(tree_a, "p", modules)), "p.b": set(_imports(tree_b, "p", modules))}
    assert cycles(graph) == [frozenset(modules)]
    typing_only = ast.parse("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import y\n")
    assert set(_imports(typing_only, "p", modules)) == set()
