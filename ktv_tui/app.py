"""The ktv app: the first screen paints at once, the folder loads behind it and is polled for changes."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen

from .commands import KtvCommands

if TYPE_CHECKING:
    from store.folder import DataFolder
    from store.git import GitState

Fingerprint = frozenset[tuple[str, int, int]]

DATA_DIRS = ("vragenlijsten", "perioden", "meetjaren")


def data_fingerprint(root: Path) -> Fingerprint:
    """(name, mtime_ns, size) of every data file: cheap enough to compare every two seconds."""
    entries: list[tuple[str, int, int]] = []
    for sub in ("", *DATA_DIRS):
        try:
            with os.scandir(root / sub if sub else root) as it:
                for entry in it:
                    if not entry.name.endswith(".toml") or (not sub and entry.name != "ktv.toml"):
                        continue
                    try:
                        stat = entry.stat()
                    except OSError:
                        continue
                    entries.append(
                        (f"{sub}/{entry.name}" if sub else entry.name, stat.st_mtime_ns, stat.st_size)
                    )
        except OSError:
            continue
    return frozenset(entries)


def find_git_dir(root: Path) -> Path | None:
    for folder in (root, *root.resolve().parents):
        if (folder / ".git").is_dir():
            return folder / ".git"
    return None


def git_fingerprint(git_dir: Path | None) -> tuple:
    """What changes on a commit, an add or a branch switch made outside the app."""
    if git_dir is None:
        return ()
    result = []
    for name in ("index", "HEAD", "logs/HEAD"):
        try:
            stat = (git_dir / name).stat()
            result.append((name, stat.st_mtime_ns, stat.st_size))
        except OSError:
            result.append((name, 0, 0))
    return tuple(result)


@dataclass
class FolderLoaded(Message):
    """The load worker finished: the folder, its git state and the fingerprint it was read at."""

    folder: DataFolder
    git: GitState | None
    fingerprint: Fingerprint
    seconds: float


@dataclass
class LoadFailed(Message):
    error: str


@dataclass
class GitRefreshed(Message):
    git: GitState | None


class KtvApp(App):
    """Everything a jobcoach organisation does with its data folder, by keyboard."""

    CSS_PATH = "ktv.tcss"
    TITLE = "ktv"
    COMMANDS = App.COMMANDS | {KtvCommands}
    COMMAND_PALETTE_DISPLAY = "ctrl+p"

    BINDINGS = [
        Binding("ctrl+q", "quit", "Afsluiten", priority=True, show=False),
        Binding("ctrl+p", "command_palette", "Opdrachten", priority=True, show=False),
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("o", "goto('overzicht')", "Overzicht", show=False),
        Binding("p", "goto('perioden')", "Perioden", show=False),
        Binding("j", "goto('meetjaar')", "Meetjaar", show=False),
        Binding("g", "goto('git')", "Git", show=False),
        Binding("n", "new_period", "Nieuw", show=False),
        Binding("f5", "reload", "Herladen", show=False),
    ]

    status: reactive[str] = reactive("Gegevens laden…")
    loading: reactive[bool] = reactive(True)

    def __init__(
        self, data_dir: Path | str, today: date | None = None, *, poll_interval: float = 2.0
    ) -> None:
        super().__init__()
        self.data_dir = Path(data_dir)
        self.today = today or date.today()
        self.folder: DataFolder | None = None
        self.git: GitState | None = None
        self.data_version = 0
        self.poll_interval = poll_interval
        self._fingerprint: Fingerprint | None = None
        self._git_dir = find_git_dir(self.data_dir)
        self._git_fingerprint = git_fingerprint(self._git_dir)
        self._load_started = 0.0

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification is plain text: a path, a code or a message that holds `[/x]`
        is shown as written, never read as markup (SPEC §8). `markup` is accepted and ignored."""
        from .output import shown_text

        kwargs: dict[str, Any] = {"title": shown_text(title), "severity": severity, "markup": False}
        if timeout is not None:
            kwargs["timeout"] = timeout
        super().notify(shown_text(message), **kwargs)

    def action_command_palette(self) -> None:
        """Textual's palette with a Dutch prompt."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder="Zoek een opdracht…", id="--command-palette"))

    # --- starting and loading ------------------------------------------------------------

    def on_mount(self) -> None:
        from .screens.overview import OverviewScreen

        self.theme = "textual-dark"
        self.push_screen(OverviewScreen())
        # Start reading only once the first screen is on the terminal: the load holds the GIL.
        self.call_after_refresh(self.reload)
        if self.poll_interval:
            self.set_interval(self.poll_interval, self.poll)

    def reload(self) -> None:
        self.loading = True
        self._update_status()
        self._load_started = time.perf_counter()
        self.load_folder()

    @work(thread=True, exclusive=True, group="load")
    def load_folder(self) -> None:
        from store.folder import load_folder
        from store.git import GitError, git_state

        started = time.perf_counter()
        try:
            fingerprint = data_fingerprint(self.data_dir)
            folder = load_folder(self.data_dir, self.today)
            try:
                git = git_state(self.data_dir)
            except GitError:
                git = None
        except Exception as exc:  # a bug, never bad data: the loader reports that as problems
            from .output import error_text

            shown = error_text(exc) if isinstance(exc, OSError) else f"{type(exc).__name__}: {exc}"
            self.post_message(LoadFailed(shown))
            return
        self.post_message(FolderLoaded(folder, git, fingerprint, time.perf_counter() - started))

    def on_folder_loaded(self, message: FolderLoaded) -> None:
        self.folder = message.folder
        self.git = message.git
        self._fingerprint = message.fingerprint
        self._git_dir = find_git_dir(self.data_dir)
        self._git_fingerprint = git_fingerprint(self._git_dir)
        self.data_version += 1
        self.loading = False
        self._update_status()
        for screen in list(self.screen_stack):
            data_changed = getattr(screen, "data_changed", None)
            if data_changed is not None:
                data_changed()

    def on_load_failed(self, message: LoadFailed) -> None:
        from .screens.dialogs import Choice, ChoiceDialog

        self.loading = False
        self._update_status()
        self.push_screen(
            ChoiceDialog(
                "Laden mislukt",
                f"De gegevensmap kon niet worden gelezen: {message.error}",
                [Choice("o", "OK", "ok")],
                cancel_value="ok",
            )
        )

    # --- noticing changes on disk ------------------------------------------------------------

    def poll(self) -> None:
        if not self.loading:
            self.check_disk()

    @work(thread=True, exclusive=True, group="poll")
    def check_disk(self) -> None:
        if data_fingerprint(self.data_dir) != self._fingerprint:
            self.call_from_thread(self._changed_on_disk)
            return
        git_dir = find_git_dir(self.data_dir)
        if git_fingerprint(git_dir) != self._git_fingerprint:
            self._git_dir = git_dir
            self._git_fingerprint = git_fingerprint(git_dir)
            self.refresh_git()

    def _changed_on_disk(self) -> None:
        if not self.loading:
            self.reload()

    @work(thread=True, exclusive=True, group="git")
    def refresh_git(self) -> None:
        from store.git import GitError, git_state

        try:
            git = git_state(self.data_dir)
        except GitError:
            git = None
        self.post_message(GitRefreshed(git))

    def on_git_refreshed(self, message: GitRefreshed) -> None:
        self.git = message.git
        self._update_status()
        refresh = getattr(self.screen, "git_changed", None)
        if refresh is not None:
            refresh()

    def _update_status(self) -> None:
        from store.paths import shown

        parts = [shown(self.data_dir.name or str(self.data_dir))]
        if self.git is None:
            parts.append("geen git" if self.folder is not None else "")
        elif not self.git.is_repo:
            parts.append("geen git-repository")
        else:
            changed = len(self.git.changed)
            parts.append(
                f"{self.git.branch or '(geen branch)'}: "
                + ("alles vastgelegd" if not changed else f"{changed} niet vastgelegd")
            )
        if self.folder is not None:
            errors, warnings = len(self.folder.errors), len(self.folder.warnings)
            counts = []
            if errors:
                counts.append(f"{errors} fout{'en' if errors != 1 else ''}")
            if warnings:
                counts.append(f"{warnings} waarschuwing{'en' if warnings != 1 else ''}")
            parts.append(", ".join(counts) if counts else "geen problemen")
        parts.append(self.today.strftime("%d-%m-%Y"))
        if self.loading:
            parts.append("laden…")
        self.status = " · ".join(p for p in parts if p)

    # --- navigation ----------------------------------------------------------------------

    def leave_screens(self, keep: int, then: Callable[[], Any]) -> None:
        """Close screens above the first `keep`, each asking first when it has unsaved work."""
        if len(self.screen_stack) <= keep:
            then()
            return
        top = self.screen

        def close() -> None:
            self.pop_screen()
            self.call_later(self.leave_screens, keep, then)

        ask = getattr(top, "ask_leave", None)
        if ask is None:
            close()
        else:
            ask(close)

    def action_goto(self, name: str, label: int | None = None) -> None:
        from .screens.git import GitScreen
        from .screens.measurement_year import MeasurementYearScreen
        from .screens.periods import PeriodsScreen

        factories: dict[str, Callable[[], Screen]] = {
            "perioden": PeriodsScreen,
            "meetjaar": lambda: MeasurementYearScreen(label),
            "git": GitScreen,
        }

        def show() -> None:
            if name in factories:
                self.push_screen(factories[name]())

        self.leave_screens(2, show)

    def open_year(self, label: int) -> None:
        self.action_goto("meetjaar", label)

    def open_period(self, period_id: str | None) -> None:
        from .screens.period_editor import PeriodEditorScreen

        if self.folder is None:
            self.notify("De gegevens worden nog geladen.", severity="warning")
            return
        if period_id is None:
            self.push_screen(PeriodEditorScreen(None))
            return
        screen = PeriodEditorScreen.for_existing(self, period_id)
        if screen is not None:
            self.push_screen(screen)

    def action_new_period(self) -> None:
        self.open_period(None)

    def action_reload(self) -> None:
        self.reload()

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    async def action_quit(self) -> None:
        self.leave_screens(1, self.exit)

    def get_system_commands(self, screen: Screen) -> Any:
        yield SystemCommand("Afsluiten", "Sluit ktv af (vraagt bij niet opgeslagen werk)", self.action_quit)
        yield SystemCommand("Thema", "Kies een ander kleurenthema", self.action_change_theme)
