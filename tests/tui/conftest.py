"""Shared fixtures for the app's tests: an isolated environment and a demo folder per test."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

TODAY = date(2026, 11, 26)
"""Fixed date, so the demo data and the snapshots are the same on every run."""


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path_factory):
    """No user git config, fixed commit dates (stable hashes), no blinking cursors."""
    from textual.widgets import Input, TextArea

    home = tmp_path_factory.mktemp("home")
    gitconfig = home / ".gitconfig"
    gitconfig.write_text(
        "[user]\n\tname = Test\n\temail = test@example.org\n[init]\n\tdefaultBranch = main\n"
    )
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(gitconfig))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for var in ("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"):
        monkeypatch.setenv(var, "2026-11-26T09:00:00+01:00")
    monkeypatch.delenv("KTV_DATA", raising=False)
    monkeypatch.setattr(Input, "cursor_blink", False)
    monkeypatch.setattr(TextArea, "cursor_blink", False)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    import os

    from ktv_tui.demo import make_demo

    home = tmp_path_factory.mktemp("demo-home")
    config = home / ".gitconfig"
    config.write_text("[user]\n\tname = Test\n\temail = test@example.org\n[init]\n\tdefaultBranch = main\n")
    saved = {k: os.environ.get(k) for k in ("GIT_CONFIG_GLOBAL", "GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE")}
    os.environ["GIT_CONFIG_GLOBAL"] = str(config)
    os.environ["GIT_AUTHOR_DATE"] = os.environ["GIT_COMMITTER_DATE"] = "2026-11-26T09:00:00+01:00"
    try:
        root = tmp_path_factory.mktemp("template") / "ktv-demo"
        make_demo(root, TODAY)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return root


@pytest.fixture
def demo(demo_template, tmp_path) -> Path:
    """A fresh copy of the demo folder (with its git history) named `ktv-demo`."""
    root = tmp_path / "ktv-demo"
    shutil.copytree(demo_template, root, symlinks=True)
    return root


def files_of(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*.toml"))
        if ".git" not in path.parts
    }


async def loaded(pilot) -> None:
    """Wait until the folder has loaded and the screen has caught up."""
    app = pilot.app
    for _ in range(1500):  # up to 30 s: a 10 000-period folder on a busy CI machine
        await pilot.pause(0.02)
        if app.folder is not None and not app.loading:
            break
    await app.workers.wait_for_complete()
    for _ in range(100):  # the loaded message itself, once the worker is done
        if app.folder is not None and not app.loading:
            break
        await pilot.pause(0.02)
    await pilot.pause()


def make_app(root: Path, poll: float = 0):
    from ktv_tui.app.app import KtvApp

    return KtvApp(root, today=TODAY, poll_interval=poll)


async def pdf_outcome(pilot, screen) -> str:
    """Wait until the meetjaar screen's PDF worker has made a PDF or been refused; its line."""
    for _ in range(300):
        await pilot.pause(0.05)
        shown = str(screen.query_one("#pdf-result").render())
        if "wordt" not in shown and ("PDF gemaakt" in shown or "Geweigerd" in shown):
            return shown
    return str(screen.query_one("#pdf-result").render())
