"""Team sync in the app (SPEC §7, §9): `s` on the git screen, ahead/behind, and a conflict
screen that shows each conflicting field with both values and lets the user pick per field."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from .base import KtvScreen


def sanitised(text: str) -> str:
    """Control and invisible characters shown visibly, never sent to the terminal."""
    try:
        from ktv_tui.output import sanitise  # type: ignore[attr-defined]
    except ImportError:
        from store.paths import shown as sanitise
    return sanitise(text)


def remote_summary(root) -> Text:
    """ " · 2 te versturen, 1 binnen te halen (origin/main)" from the last fetch; empty without remote."""
    from store.sync import SyncRefused, ahead_behind, tracking

    counts = ahead_behind(root)
    if counts is None:
        try:
            track = tracking(root)
        except SyncRefused:
            return Text(" · geen gedeelde repository", style="dim")
        return Text(f" · nog niet gedeeld met {track.remote}", style="yellow")
    ahead, behind = counts
    if not ahead and not behind:
        track = tracking(root)
        return Text(
            f" · gelijk met {track.remote}/{track.remote_branch} (bij het laatste ophalen)", style="green"
        )
    return Text(f" · {ahead} te versturen, {behind} binnen te halen (s: synchroniseren)", style="yellow")


class SyncConflictScreen(ModalScreen[dict | None]):
    """Both sides changed the same fields: pick per field, then merge and send (Enter)."""

    DEFAULT_CSS = """
    SyncConflictScreen { align: center middle; }
    SyncConflictScreen > Vertical {
        width: 96%; max-width: 120; height: auto; max-height: 90%;
        border: thick $error; background: $surface; padding: 0 1;
    }
    SyncConflictScreen OptionList { height: auto; max-height: 16; }
    """
    BINDINGS = [
        Binding("o", "pick('ours')", "Bij u"),
        Binding("h", "pick('theirs')", "Bij de ander"),
        Binding("b", "pick('both')", "Beide (teksten)"),
        Binding("enter", "done", "Samenvoegen"),
        Binding("escape", "cancel", "Annuleren"),
    ]

    def __init__(self, conflicts: list) -> None:
        super().__init__()
        self.conflicts = conflicts
        self.picks: dict[int, str] = {}

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                Text(
                    "Conflict: u en een ander veranderden hetzelfde. Kies per regel welke waarde blijft:\n"
                    "o = bij u, h = bij de ander, b = beide (bij teksten: de uwe eerst); "
                    "Enter = samenvoegen en versturen; Esc = niets doen (de map blijft zoals hij is).",
                )
            )
            yield OptionList(*self._options(), id="sync-conflicts")

    def _options(self) -> list[Option]:
        from store.merge_lines import changed_lines
        from store.merge_words import conflict_lines, field_label, spoken

        options = []
        for index, item in enumerate(self.conflicts):
            conflict = item.conflict
            pick = self.picks.get(index)
            text = Text(no_wrap=False)
            text.append(sanitised(item.file), style="bold")
            text.append(f"  {sanitised(field_label(conflict.path))}\n")
            if not conflict.path:
                text.append(
                    "  " + sanitised(conflict_lines(item.file, [conflict])[0].split(": ", 1)[-1]) + "\n"
                )
            for side, key, word in (("ours", "o", "bij u:        "), ("theirs", "h", "bij de ander: ")):
                value = conflict.ours if side == "ours" else conflict.theirs
                style = "bold green" if pick == side else ""
                if conflict.kind == "tekst" and isinstance(value, str):
                    lines = changed_lines(conflict.base if isinstance(conflict.base, str) else "", value)
                    shown_value = " / ".join(lines) or spoken(value)
                elif not conflict.path:
                    shown_value = str(value).strip("()")
                else:
                    shown_value = spoken(value)
                text.append(f"  [{key}] {word}", style=style)
                text.append(sanitised(shown_value) + "\n", style=style)
            if conflict.allows_both:
                text.append("  [b] beide (de uwe eerst)", style="bold green" if pick == "both" else "dim")
            options.append(Option(text, id=str(index)))
        return options

    def action_pick(self, side: str) -> None:
        options = self.query_one(OptionList)
        index = options.highlighted or 0
        if side == "both" and not self.conflicts[index].conflict.allows_both:
            self.notify("Beide kan alleen bij een tekst; kies o of h.", severity="warning")
            return
        self.picks[index] = side
        options.clear_options()
        options.add_options(self._options())
        options.highlighted = min(index + 1, len(self.conflicts) - 1)

    def action_done(self) -> None:
        missing = [i for i in range(len(self.conflicts)) if i not in self.picks]
        if missing:
            self.query_one(OptionList).highlighted = missing[0]
            self.notify(
                "Kies eerst voor elke regel o (bij u), h (bij de ander) of b (beide).", severity="warning"
            )
            return
        from store.merge import pick_for

        choices: dict[str, dict[tuple, object]] = {}
        for index, item in enumerate(self.conflicts):  # a pick holds the values it was shown
            choices.setdefault(item.file, {})[item.conflict.path] = pick_for(item.conflict, self.picks[index])
        self.dismiss(choices)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_done()  # Enter in the list: the list takes the key before the screen does

    def action_cancel(self) -> None:
        self.dismiss(None)


class TeamSyncScreen(KtvScreen):
    """A screen with team sync on `s` (the git screen): commit, fetch, merge per field, push."""

    BINDINGS = [Binding("s", "team_sync", "Synchroniseren")]
    syncing = False
    picked_once = False

    def on_mount(self) -> None:
        self.fetch_for_counts()

    @work(thread=True, exclusive=True, group="team-fetch")
    def fetch_for_counts(self) -> None:
        """Fetch once when the screen opens, so 'te versturen / binnen te halen' is current."""
        from store.sync import fetch_remote

        if fetch_remote(self.ktv.data_dir) is None:
            self.app.call_from_thread(self._counts_changed)

    def _counts_changed(self) -> None:
        redraw = getattr(self, "git_changed", None)
        if redraw is not None and self.is_attached:
            redraw()

    def action_team_sync(self) -> None:
        if self.syncing:
            self.notify("Bezig met synchroniseren…")
            return
        from store.sync import SyncRefused, identity, tracking

        git = self.ktv.git
        try:  # no remote: say so as `ktv sync` does, before asking who is committing (issue 23)
            if git is not None and git.is_repo:
                tracking(self.ktv.data_dir)
        except SyncRefused as exc:
            self.notify(str(exc), title="Niet gesynchroniseerd", severity="error", timeout=15, markup=False)
            return
        if not identity(self.ktv.data_dir).complete and self._ask_identity():
            return
        self.syncing = True
        self.notify("Synchroniseren: vastleggen, ophalen, samenvoegen, versturen…")
        self.run_team_sync(None)

    def _ask_identity(self) -> bool:
        """Without a git identity, ask for name and e-mail first (SPEC §7), then sync."""
        try:
            from .dialogs import IdentityDialog  # type: ignore[attr-defined]
        except ImportError:
            return False  # the sync itself then explains how to set one

        def answered(result: tuple[str, str] | None) -> None:
            from store.sync import set_identity

            if not result or not all(part.strip() for part in result):
                self.notify("Niet gesynchroniseerd: eerst een naam en e-mailadres.", severity="warning")
                return
            set_identity(self.ktv.data_dir, result[0].strip(), result[1].strip())
            self.action_team_sync()

        self.app.push_screen(IdentityDialog(), answered)
        return True

    @work(thread=True, exclusive=True, group="team-sync")
    def run_team_sync(self, choices: dict | None) -> None:
        from store.sync import SyncRefused, sync

        try:
            result = sync(self.ktv.data_dir, choices=choices)
        except SyncRefused as exc:
            self.app.call_from_thread(self._finished, None, str(exc))
            return
        self.app.call_from_thread(self._finished, result, None)

    def _finished(self, result, refusal: str | None) -> None:
        self.syncing = False
        self.ktv.reload()
        if refusal:
            self.notify(refusal, title="Niet gesynchroniseerd", severity="error", timeout=15, markup=False)
            return
        if result.conflicts:
            if self.picked_once:
                self.notify(
                    "De ander veranderde intussen opnieuw iets: kies nog eens bij de nieuwe waarden.",
                    severity="warning",
                    timeout=10,
                )
            self.app.push_screen(SyncConflictScreen(result.conflicts), self._picked)
            return
        self.picked_once = False
        lines = "\n".join(result.lines)
        severity = "information" if result.ok else "warning"
        self.notify(lines, title="Synchroniseren", severity=severity, timeout=10, markup=False)

    def _picked(self, choices: dict | None) -> None:
        if not choices:
            self.notify("Niets samengevoegd; de map is zoals hij was.")
            return
        self.syncing = True
        self.picked_once = True
        self.run_team_sync(choices)
