"""The git state of the data folder: uncommitted files with a diff, and committing them."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from report.dutch import short_datetime
from store.paths import shown

from .team_sync import TeamSyncScreen, remote_summary


def diff_text(diff: str) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    for line in diff.splitlines():
        style = ""
        if line.startswith("+") and not line.startswith("+++"):
            style = "green"
        elif line.startswith("-") and not line.startswith("---"):
            style = "red"
        elif line.startswith("@@"):
            style = "cyan"
        elif line.startswith(("diff ", "index ", "---", "+++")):
            style = "dim"
        text.append(line + "\n", style=style)
    return text


def log_text(entries: list, error: str = "") -> Text:
    """The commit log: date, author, message per line, newest first."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append("Geschiedenis: wanneer, wie, wat (l: wisselen met de wijzigingen)\n", style="bold")
    if error:
        text.append(error, style="red")
        return text
    if not entries:
        text.append("Nog niets vastgelegd.", style="dim")
        return text
    for entry in entries:
        text.append(short_datetime(entry.when) + " ", style="dim")
        text.append(entry.author, style="bold")
        text.append("  " + entry.subject + "\n")
    return text


STATUS_WIDTH = 8
PATH_WIDTH = 30
"""Room for a path in the file list (#git-files is 40 wide: border, status, space)."""


def status_word(code: str | None) -> tuple[str, str]:
    """A `git status --porcelain` code in one short Dutch word, with its colour."""
    if not code:
        return "", ""
    if code == "??" or "A" in code:
        return "nieuw", "green"
    if "U" in code or code in ("DD", "AA"):
        return "conflict", "bold red"
    if "D" in code:
        return "gewist", "red"
    if "R" in code or "C" in code:
        return "hernoemd", "yellow"
    return "bewerkt", "yellow"


def file_label(code: str | None, path: str, shared: bool = True) -> Text:
    """Status, then the path on one line; a long path loses its start, not its name. A file
    that is never shared (a name list, an export) says "lokaal": committing leaves it here."""
    word, style = status_word(code) if shared else ("lokaal", "dim")
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"{word:<{STATUS_WIDTH}} ", style=style)
    path = shown(path)
    if len(path) > PATH_WIDTH:
        path = "…" + path[-(PATH_WIDTH - 1) :]
    text.append(path)
    return text


class GitScreen(TeamSyncScreen):
    """Which files are not committed, what changed in them, and a commit message to commit them."""

    HELP_TITLE = "Git"
    BINDINGS = [
        Binding("c", "message", "Bericht"),
        Binding("l", "toggle_log", "Log"),
        Binding("i", "init", "Git-repository maken", show=False),
        Binding("escape", "back", "Terug"),
    ]
    COMMANDS_HERE = [
        ("Vastleggen (commit)", "typ een bericht en leg alle wijzigingen vast", "message"),
        ("Git-repository maken", "git init in de gegevensmap", "init"),
        ("Git-log", "de laatste vastleggingen met wie en wanneer (l)", "toggle_log"),
        ("Synchroniseren (team)", "vastleggen, ophalen, per veld samenvoegen, versturen (s)", "team_sync"),
    ]
    show_log = False

    def compose(self) -> ComposeResult:
        yield Static(id="git-title")
        with Horizontal(id="git-body"):
            yield OptionList(id="git-files", compact=True)
            with VerticalScroll(id="git-diff-box"):
                yield Static(id="git-diff")
        yield Input(
            placeholder="Bericht, bijv. 'Formulieren mei ingevoerd' (Enter: vastleggen)", id="git-message"
        )
        yield from self.compose_chrome()

    def on_mount(self) -> None:
        self.sync()
        self.git_changed()

    def refresh_data(self) -> None:
        self.git_changed()

    def git_changed(self) -> None:
        git = self.ktv.git
        title = self.query_one("#git-title", Static)
        files = self.query_one("#git-files", OptionList)
        message = self.query_one("#git-message", Input)
        if git is None or not git.is_repo:
            title.update(
                Text(
                    "Deze gegevensmap is geen git-repository (of git ontbreekt). Met git blijft elke versie "
                    "van elk formulier bewaard. Druk op i om er een te maken (git init).",
                    style="yellow",
                )
            )
            files.clear_options()
            self.query_one("#git-diff", Static).update("")
            message.display = False
            return
        message.display = True
        self.current_file = None
        header = Text(f"Tak {git.branch or '(geen)'}", style="bold")
        header.append(
            f" · {len(git.changed)} niet vastgelegd" if git.changed else " · alles is vastgelegd",
            style="yellow" if git.changed else "green",
        )
        if git.head:
            header.append(f" · laatste commit {git.head[:8]}", style="dim")
        header.append(remote_summary(self.ktv.data_dir))
        title.update(header)
        highlighted = files.highlighted_option.id if files.highlighted_option else None
        files.clear_options()
        statuses = self._statuses()
        shared = self._shared(git.changed)
        files.add_options(
            Option(file_label(statuses.get(path), path, shared.get(path, True)), id=path)
            for path in git.changed
        )
        if git.changed and not self.show_log:
            index = git.changed.index(highlighted) if highlighted in git.changed else 0
            files.highlighted = index
            self.show_diff(git.changed[index])
        files.display = bool(git.changed) and not self.show_log
        if self.show_log or not git.changed:
            self.load_log()

    def _shared(self, paths: list[str]) -> dict[str, bool]:
        from store.sharing import is_shared

        return {path: is_shared(self.ktv.data_dir, path) for path in paths}

    def _statuses(self) -> dict[str, str]:
        from store.git import GitError, changed_with_status

        try:
            return {path: status for status, path in changed_with_status(self.ktv.data_dir)}
        except GitError:
            return {}

    @on(OptionList.OptionHighlighted, "#git-files")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.show_diff(event.option.id)

    @on(OptionList.OptionSelected, "#git-files")
    def _selected(self) -> None:
        self.query_one("#git-message", Input).focus()

    def show_diff(self, rel: str) -> None:
        if not self.show_log:
            self.load_diff(rel)

    def action_toggle_log(self) -> None:
        self.show_log = not self.show_log
        self.git_changed()

    @work(thread=True, exclusive=True, group="diff")
    def load_log(self) -> None:
        from store.git import GitError
        from store.git_log import commit_log

        try:
            entries = commit_log(self.ktv.data_dir, 100)
        except GitError as exc:
            entries, error = [], str(exc)
        else:
            error = ""
        self.app.call_from_thread(self.query_one("#git-diff", Static).update, log_text(entries, error))

    @work(thread=True, exclusive=True, group="diff")
    def load_diff(self, rel: str) -> None:
        from store.git import BINARY, GitError, diff_file

        try:
            diff = diff_file(self.ktv.data_dir, rel)
        except GitError as exc:
            diff = str(exc)
        if diff == BINARY:
            text = Text(f"{shown(rel)}: {BINARY}", style="dim")
        elif diff:
            text = diff_text(diff)
        else:
            text = Text(f"{shown(rel)}: verwijderd of geen tekstverschil", style="dim")
        self.app.call_from_thread(self.query_one("#git-diff", Static).update, text)

    def action_message(self) -> None:
        message = self.query_one("#git-message", Input)
        if message.display:
            message.focus()

    def action_back(self) -> None:
        if self.focused is self.query_one("#git-message"):
            self.query_one("#git-files").focus()
        else:
            self.app.pop_screen()

    @on(Input.Submitted, "#git-message")
    def _commit(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        git = self.ktv.git
        if not text:
            self.notify("Typ eerst een bericht dat zegt wat er veranderd is.", severity="warning")
            return
        if git is None or not git.changed:
            self.notify("Er is niets om vast te leggen.")
            return
        self.commit_as_someone(text)

    def commit_as_someone(self, text: str) -> None:
        """Never as an anonymous 'ktv': without a git identity, ask for one first (SPEC §7)."""
        from store.git import GitError
        from store.git_log import identity, set_identity

        from .dialogs import IdentityDialog

        try:
            known = identity(self.ktv.data_dir)
        except GitError:
            known = None
        if known is None or known.complete:
            self.commit(text)
            return

        def answered(result: tuple[str, str] | None) -> None:
            if result is None:
                self.notify("Niet vastgelegd: eerst een naam en e-mailadres.", severity="warning")
                return
            try:
                set_identity(self.ktv.data_dir, *result)
            except GitError as exc:
                self.notify(str(exc), severity="error", timeout=10)
                return
            self.notify(f"Vastleggen gebeurt voortaan als {result[0]} <{result[1]}>.")
            self.commit(text)

        self.app.push_screen(IdentityDialog(), answered)

    @work(thread=True, exclusive=True, group="git-commit")
    def commit(self, message: str) -> None:
        from store.errors import KtvError
        from store.sharing import commit_shared, not_shared_line

        try:
            head, share = commit_shared(self.ktv.data_dir, message)
        except KtvError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", timeout=15, markup=False)
            return
        local = not_shared_line(share)
        if local:
            self.app.call_from_thread(self.notify, local, severity="warning", timeout=10, markup=False)
        if head is None:
            self.app.call_from_thread(self.notify, "Er is niets om te delen vast te leggen.")
            return
        self.app.call_from_thread(self._committed, head)

    def _committed(self, head: str) -> None:
        self.query_one("#git-message", Input).value = ""
        # Out of the message field, so l, c and q work again (tmux: an 'l' landed in it).
        self.query_one("#git-diff-box").focus()
        self.notify(f"Vastgelegd: commit {head[:8]}")
        self.ktv.refresh_git()

    def action_init(self) -> None:
        from store.git import GitError, init_repo

        git = self.ktv.git
        if git is not None and git.is_repo:
            self.notify("Deze map is al een git-repository.")
            return
        try:
            init_repo(self.ktv.data_dir)
        except GitError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        self.notify("Git-repository gemaakt. Leg nu alles vast met een bericht.")
        self.ktv.reload()
