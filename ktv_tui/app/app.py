"""The ktv app: the first screen paints at once, the folder loads behind it and is polled for changes."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual._dispatch_key import dispatch_key
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen

from report.dutch import short_date

from .commands import KtvCommands
from .draft_text import describe_draft as describe_draft
from .fingerprint import DATA_DIRS as DATA_DIRS
from .fingerprint import Fingerprint, data_fingerprint, find_git_dir, git_fingerprint
from .messages import FolderLoaded, GitRefreshed, LoadFailed, PreviewReady, ReleaseKeys
from .screens.base import EditingScreen, KtvScreen
from .terminal import few_colours as few_colours

if TYPE_CHECKING:
    from store.folder import DataFolder
    from store.git import GitState


ALWAYS_NOW = ("ctrl+q", "ctrl+c", "question_mark", "f1", "ctrl+p")
"""Keys not held back while ktv starts (unless other keys already wait, so the order stays):
quitting, help and the palette work while a large folder loads."""

FIRST_LOAD_LATEST = 0.1
"""Seconds after the app is mounted by which the first load has started, first frame or not."""

KEY_SETTLE_SECONDS = 1.0
"""At most this long one key waits for the previous one to be handled."""


class KtvApp(App):
    """Everything a jobcoach organisation does with its data folder, by keyboard."""

    CSS_PATH = "ktv.tcss"
    TITLE = "ktv"
    COMMANDS = App.COMMANDS | {KtvCommands}
    COMMAND_PALETTE_DISPLAY = "ctrl+p"

    BINDINGS = [
        Binding("ctrl+q", "quit", "Afsluiten", priority=True, key_display="^q", tooltip="ktv afsluiten"),
        # q quits wherever no text is typed: an input or text box takes the key first.
        Binding("q", "quit", "Afsluiten", show=False),
        Binding("ctrl+c", "help_quit", show=False, system=True),
        Binding("ctrl+p", "command_palette", "Opdrachten", priority=True, show=False),
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("o", "goto('overzicht')", "Overzicht", show=False),
        Binding("p", "goto('perioden')", "Perioden", show=False),
        Binding("j", "goto('meetjaar')", "Meetjaar", show=False),
        Binding("g", "goto('git')", "Git", show=False),
        Binding("n", "new_period", "Nieuw", show=False),
        Binding("b", "goto('ontbrekend')", "Ontbrekend", show=False),
        Binding("f5", "reload", "Herladen", show=False),
    ]

    status: reactive[str] = reactive("Gegevens laden…")
    loading: reactive[bool] = reactive(True)

    def __init__(
        self,
        data_dir: Path | str,
        today: date | None = None,
        *,
        poll_interval: float = 2.0,
        preview: Any = None,
    ) -> None:
        """`preview`: a started `preview.Preview` of this folder on `today`, shown first."""
        from store.git_safety import check_folder

        from ..output import install_visible_text
        from .textual_nl import install

        check_folder(Path(data_dir))  # never run a program the folder's git config names
        install()
        install_visible_text()  # data-derived text in widgets shows hidden characters visibly
        super().__init__(ansi_color=True if few_colours() else None)
        self.data_dir = Path(data_dir)
        self.today = today or date.today()
        self.folder: DataFolder | None = None
        self.git: GitState | None = None
        self.data_version = 0
        self.poll_interval = poll_interval
        self._fingerprint: Fingerprint | None = None
        self._git_dir = find_git_dir(self.data_dir)
        self._git_fingerprint = git_fingerprint(self._git_dir)
        self._drafts_offered = False
        self._held_keys: list = []
        self._first_load_pending = True
        self._load_started = False
        self.data_shown = False
        """The overview shows data (the preview's or this process's own)."""
        self._preview = preview
        self._preview_content: Any = None

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
        from ..output import shown_text

        kwargs: dict[str, Any] = {"title": shown_text(title), "severity": severity, "markup": False}
        if timeout is not None:
            kwargs["timeout"] = timeout
        super().notify(shown_text(message), **kwargs)

    def action_command_palette(self) -> None:
        """Textual's palette with Dutch texts."""
        from textual.command import CommandPalette

        from .textual_nl import DutchCommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(DutchCommandPalette(id="--command-palette"))

    def search_themes(self) -> None:
        """Textual's theme picker, with a Dutch search line (not "Search for themes…")."""
        from textual.theme import ThemeProvider

        from .textual_nl import THEME_PLACEHOLDER, DutchCommandPalette

        self.push_screen(DutchCommandPalette(providers=[ThemeProvider], placeholder=THEME_PLACEHOLDER))

    def action_help_quit(self) -> None:
        """ctrl+c does not quit (it copies in a text field): say in Dutch what does."""
        self.notify("Afsluiten doet u met ctrl+q, of met q waar u niet typt.", title="Wilt u stoppen?")

    # --- keys typed while a screen is still being built -----------------------------------

    def _screen_ready(self) -> bool:
        """Whether a key can go to the screen now: not while ktv starts (no screen yet, or the
        data still loading for the first time: `n` would only say "nog geladen"), nor while a
        form (or the overview's body) is being built. Keys typed then wait, replayed in order."""
        try:
            screen = self.screen
        except Exception:  # no screen yet while the app starts
            return False
        if self.folder is None and self._first_load_pending:
            return False
        return not isinstance(screen, KtvScreen) or screen.ready

    async def on_event(self, event: Any) -> None:
        """Hold keys while a form is being built (it marks itself `ready`), then replay them in
        order: a real terminal does not wait, and Textual would hand them to the old screen."""
        from textual import events

        if (
            isinstance(event, events.Key)
            and not event.is_forwarded
            and event.key not in ("ctrl+q", "ctrl+c")  # quitting never waits
            and (event.key not in ALWAYS_NOW or self._held_keys)
        ):
            if self._held_keys or not self._screen_ready():
                self._held_keys.append(event)
                if self._screen_ready():
                    self.post_message(ReleaseKeys())
                return
            await self._handle_key_in_order(event)
            return
        await super().on_event(event)

    async def on_release_keys(self, message: ReleaseKeys) -> None:
        while self._held_keys and self._screen_ready():
            await self._handle_key_in_order(self._held_keys.pop(0))

    async def _handle_key_in_order(self, event: Any) -> None:
        """Hand the key on, then wait until the widget and its parents have handled it.

        Textual forwards each key to the focused widget's own queue and runs most bindings only
        when the key bubbles up to the screen; under load a Tab or a space on 'Binnen' then took
        effect after the letters typed behind it (tmux at 80×24: text landed in the wrong field).
        Waiting here keeps one key's effects before the next key's. The wait is bounded, so a
        handler that itself waits for the app can never hang the keyboard."""
        import asyncio

        target = self.focused or self.screen
        await super().on_event(event)
        if not event.is_forwarded:
            return  # a priority binding of the app took it: already done
        loop = asyncio.get_running_loop()
        deadline = loop.time() + KEY_SETTLE_SECONDS
        chain = [node for node in (target, *target.ancestors) if node is not self]
        queue = self._message_queue
        while loop.time() < deadline:
            await asyncio.sleep(0)
            if any(message is event for message in queue.values):
                # Nobody took the key: it bubbled up and waits in this app's own queue behind
                # the keys typed after it. Take it out and run its bindings (a space on
                # 'Binnen') now.
                queue.values = deque(m for m in queue.values if m is not event)
                if not queue.values:
                    queue.ready_event.clear()
                if not await self._check_bindings(event.key):
                    await dispatch_key(self, event)
                return
            if event._stop_propagation and not any(
                message is event for node in chain for message in node._message_queue.values
            ):
                return  # a widget took it (typed into a field, an answer)

    # --- starting and loading ------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        """The overview is the bottom screen: composed in Textual's start-up batch and drawn
        once after it, as a bare app's screen is. Pushed on top of Textual's empty default
        screen it was drawn twice, the first time for nothing (dropped in that batch)."""
        from .screens.overview import OverviewScreen

        return OverviewScreen()

    def on_mount(self) -> None:
        self.theme = "textual-dark"
        self._update_status()  # as the load will show it: no second frame just for the line
        if self._preview is not None:
            self.wait_for_preview()
        # Start reading only once the first screen is on the terminal: the load holds the GIL.
        # A screen's after-refresh callbacks wait for that screen to be idle and on top: help
        # opened (`?`) before the first frame would hold them back, and the keys that close
        # help wait for the load. So a timer starts the load as well, whichever comes first.
        self.call_after_refresh(self._first_load)
        self.set_timer(FIRST_LOAD_LATEST, self._first_load)
        if self.poll_interval:
            self.set_interval(self.poll_interval, self.poll)

    def _first_load(self) -> None:
        if not self._load_started:
            self.reload()

    def reload(self) -> None:
        self._load_started = True
        self.loading = True
        self._update_status()
        self.load_folder()

    @work(thread=True, exclusive=True, group="load")
    def load_folder(self) -> None:
        from store.folder import load_folder
        from store.git import GitError, git_state

        try:
            fingerprint = data_fingerprint(self.data_dir)
            folder = load_folder(self.data_dir, self.today)
            try:
                git = git_state(self.data_dir)
            except GitError:
                git = None
        except Exception as exc:  # a bug, never bad data: the loader reports that as problems
            from ..output import error_text

            shown = error_text(exc) if isinstance(exc, OSError) else f"{type(exc).__name__}: {exc}"
            self.post_message(LoadFailed(shown))
            return
        self.post_message(FolderLoaded(folder, git, fingerprint))

    def _first_load_done(self) -> None:
        """Keys typed while ktv started (SPEC §7 edges): hand them on now the data is there."""
        if self._first_load_pending:
            self._first_load_pending = False
            self.post_message(ReleaseKeys())

    def on_ready(self) -> None:
        """The first frame is on the terminal (Textual posts Ready right after handing it
        over): build the rest of the first screen. Not after the next refresh: that waited for
        two more frames, a twentieth of the time to the data (issue 23)."""
        self.call_later(self._mount_overview_bodies)
        self.set_timer(FIRST_LOAD_LATEST, self._mount_overview_bodies)  # help on top: as above

    async def _mount_overview_bodies(self) -> None:
        """The overview's body (and the preview's data, when it is there) in one frame: drawn
        while its widgets were still being mounted, four half-built frames cost a third of
        the mounting's time (issue 23)."""
        from .screens.overview import OverviewScreen

        with self.batch_update():
            mounted = [
                s for s in list(self.screen_stack) if isinstance(s, OverviewScreen) and await s.mount_body()
            ]
            self._show_preview(mounted)

    def _show_preview(self, screens: list) -> None:
        """The preview's overview on `screens` (whose body is there), until this process has
        read the folder itself."""
        if self._preview_content is None or self.folder is not None:
            return
        for screen in screens:
            screen.show(self._preview_content)

    @work(thread=True, exclusive=True, group="preview")
    def wait_for_preview(self) -> None:
        content = self._preview.take()  # waits outside the GIL, on the pipe
        if content is not None:
            self.post_message(PreviewReady(content))

    def on_preview_ready(self, message: PreviewReady) -> None:
        """Shown where the overview's body is mounted, else as soon as it is: the preview often
        arrives before the first frame, and building the body for it then held that frame back
        (the first frame came 20 % later; issue 23)."""
        from .screens.overview import OverviewScreen

        self._preview_content = message.content
        self._show_preview([s for s in self.screen_stack if isinstance(s, OverviewScreen) and s.ready])

    def on_unmount(self) -> None:
        if self._preview is not None:
            self._preview.close()

    async def on_folder_loaded(self, message: FolderLoaded) -> None:
        self.folder = message.folder
        self.git = message.git
        self._fingerprint = message.fingerprint
        self._git_dir = find_git_dir(self.data_dir)
        self._git_fingerprint = git_fingerprint(self._git_dir)
        self.data_version += 1
        # Data before the first frame: the overview's body first (it draws the data itself);
        # `loading` ends only when every screen can show it.
        await self._mount_overview_bodies()
        self.loading = False
        self._update_status()
        if not self._drafts_offered:
            self._drafts_offered = True
            self.call_after_refresh(self.offer_drafts)
        for screen in list(self.screen_stack):
            if isinstance(screen, KtvScreen):
                screen.data_changed()
        self._first_load_done()

    def on_load_failed(self, message: LoadFailed) -> None:
        from .screens.dialogs import Choice, ChoiceDialog

        self.loading = False
        self._update_status()
        self._first_load_done()
        self.push_screen(
            ChoiceDialog(
                "Laden mislukt",
                f"De gegevensmap kon niet worden gelezen: {message.error}",
                [Choice("o", "OK", "ok")],
                cancel_value="ok",
            )
        )

    # --- drafts left by a killed terminal (SPEC §8) --------------------------------------

    def offer_drafts(self) -> None:
        """'Niet opgeslagen invoer gevonden': restore the newest draft, discard it, or later."""
        from store.drafts import list_drafts, remove_draft

        from .screens.dialogs import Choice, ChoiceDialog

        drafts = list_drafts(self.data_dir)
        if not drafts:
            return
        draft = drafts[0]
        more = f"\n(Daarna nog {len(drafts) - 1} andere.)" if len(drafts) > 1 else ""

        def answered(answer: str | None) -> None:
            if answer == "restore":
                self.restore_draft(draft)
            elif answer == "discard":
                remove_draft(self.data_dir, draft.name)
                self.call_later(self.offer_drafts)

        self.push_screen(
            ChoiceDialog(
                "Niet opgeslagen invoer gevonden",
                describe_draft(draft)
                + "\nDit werd getypt maar niet opgeslagen (verbinding verbroken of terminal gesloten). "
                "Herstellen zet alles terug in het formulier; opslaan doet u daarna met ctrl+s." + more,
                [
                    Choice("h", "Herstellen", "restore"),
                    Choice("w", "Weggooien", "discard"),
                    Choice("l", "Later", "later"),
                ],
                cancel_value="later",
            ),
            answered,
        )

    def restore_draft(self, draft: Any) -> None:
        from store.folder import load_text, period_rel

        from .screens.measurement_year import MeasurementYearScreen
        from .screens.period_draft import PeriodDraft, draft_from_fields, draft_from_text
        from .screens.period_editor import PeriodEditorScreen

        data = draft.data
        fields = data.get("velden") if isinstance(data.get("velden"), dict) else {}
        if data.get("soort") == "meetjaar" and isinstance(data.get("jaar"), int):
            self.push_screen(MeasurementYearScreen(data["jaar"], restore=fields))
            return
        typed = draft_from_fields(fields)
        focus = data.get("focus") if isinstance(data.get("focus"), str) else None
        period_id = data.get("periode") if isinstance(data.get("periode"), str) else None
        if period_id is not None:
            text, _problems, digest = load_text(self.data_dir, period_rel(period_id))
            base = draft_from_text(text) if text is not None else None
            if base is not None:
                typed.unknown_keys = base.unknown_keys
                self.push_screen(
                    PeriodEditorScreen(
                        period_id, typed, digest, base=base, draft_name=draft.name, focus=focus
                    )
                )
                return
        self.push_screen(
            PeriodEditorScreen(None, typed, base=PeriodDraft(), draft_name=draft.name, focus=focus)
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
        if isinstance(self.screen, KtvScreen):
            self.screen.git_changed()

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
        parts.append(short_date(self.today))
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

        if isinstance(top, EditingScreen):
            top.ask_leave(close)
        else:
            close()

    def action_goto(self, name: str, label: int | None = None) -> None:
        from .screens.git import GitScreen
        from .screens.measurement_year import MeasurementYearScreen
        from .screens.periods import PeriodsScreen

        factories: dict[str, Callable[[], Screen]] = {
            "perioden": PeriodsScreen,
            "meetjaar": lambda: MeasurementYearScreen(label),
            "git": GitScreen,
            **sheet_screens(label),
        }

        def show() -> None:
            if name in factories:
                self.push_screen(factories[name]())

        self.leave_screens(1, show)

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
        self.leave_screens(1, self.exit)  # the overview stays, to the end

    def get_system_commands(self, screen: Screen) -> Any:
        yield SystemCommand("Afsluiten", "Sluit ktv af (vraagt bij niet opgeslagen werk)", self.action_quit)
        yield SystemCommand("Thema", "Kies een ander kleurenthema", self.action_change_theme)


def sheet_screens(label: int | None) -> dict[str, Callable[[], Screen]]:
    """The chase list, spreadsheet import and the internal per-jobcoach view (issue 15)."""
    from .screens.missing_forms import MissingFormsScreen
    from .screens.per_jobcoach import PerJobcoachScreen
    from .screens.sheet_import import ImportScreen

    return {
        "ontbrekend": MissingFormsScreen,
        "import": ImportScreen,
        "per_jobcoach": lambda: PerJobcoachScreen(label),
    }
