"""The numbers of one meetjaar per jobcoach — internal only, marked so on screen, never in a PDF."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from .base import KtvScreen


class PerJobcoachScreen(KtvScreen):
    """`ktv stats --per-jobcoach` in the app."""

    HELP_TITLE = "Per jobcoach (intern)"
    BINDINGS = [
        Binding("left,comma", "year(-1)", "Vorig meetjaar"),
        Binding("right,full_stop", "year(1)", "Volgend meetjaar"),
        Binding("escape", "back", "Terug"),
    ]

    def __init__(self, label: int | None = None) -> None:
        super().__init__()
        self.label = label

    def compose(self) -> ComposeResult:
        yield Static(id="internal-banner")
        yield Static(id="internal-title")
        yield DataTable(id="per-jobcoach", cursor_type="row", zebra_stripes=True)
        yield Static(id="internal-note")
        yield from self.compose_chrome()

    def on_mount(self) -> None:
        from report.per_jobcoach import INTERNAL

        banner = Text(f" {INTERNAL.upper()} ", style="bold reverse red")
        banner.append("  deze cijfers per jobcoach zijn voor de organisatie zelf, niet voor de rapportage")
        self.query_one("#internal-banner", Static).update(banner)
        table = self.query_one(DataTable)
        # One row per jobcoach and side, so the whole calculation ("20,5 : 3 = 6,8") and the
        # CLI's words fit 80 columns: 8+9+16+15+14 plus padding is 72.
        for key, label, width in (
            ("coach", "Jobcoach", 8),
            ("kant", "Kant", 9),
            ("cijfer", "Behaald cijfer", 16),
            ("oordeel", "Oordeel", 15),
            ("respons", "Respons", 14),
        ):
            table.add_column(label, width=width, key=key)
        table.focus()
        self.sync()

    def refresh_data(self) -> None:
        from report.blocking import blocking_refusal
        from report.per_jobcoach import per_jobcoach

        folder = self.ktv.folder
        calendar = folder.calendar
        table = self.query_one(DataTable)
        table.clear()
        if calendar is None or folder.organisation is None:
            self.query_one("#internal-title", Static).update(Text("ktv.toml heeft fouten (zie ktv check)."))
            return
        current = calendar.current_label(self.ktv.today)
        if self.label is None:
            self.label = calendar.latest_ended_label(self.ktv.today) or current
        self.label = max(calendar.first_label, min(self.label, current))
        title = Text(f"Meetjaar {self.label} per jobcoach", style="bold")
        title.append("  (←/→ ander meetjaar)", style="dim")
        self.query_one("#internal-title", Static).update(title)
        refusal = blocking_refusal(folder, self.label, "ktv stats")
        if refusal:
            self.query_one("#internal-note", Static).update(Text(refusal, style="red"))
            return
        for coach, sides in per_jobcoach(folder, self.label).items():
            for index, (side, stats) in enumerate(sides.items()):
                table.add_row(*jobcoach_cells(coach if index == 0 else "", side, stats))
        self.query_one("#internal-note", Static).update(
            Text("Intern: niet voor UWV. Deze tabel komt in geen enkele PDF.", style="dim")
        )

    def action_year(self, step: int) -> None:
        if self.label is not None:
            self.label += step
            self._seen_version = -1
            self.sync()

    def action_back(self) -> None:
        self.app.pop_screen()


def jobcoach_cells(coach: str, side: str, stats) -> list[Text]:
    """The cells `ktv stats --per-jobcoach` prints for one side: the same calculation, verdict
    words ("voldoet niet", never "te laag") and response."""
    from report.dutch import percent

    from ..overview_content import verdict_text

    response = (
        f"{stats.forms} van {stats.periods} ({percent(stats.response)})"
        if stats.response is not None
        else "—"
    )
    return [
        Text(coach),
        Text(side),
        Text(stats.calculation or "geen cijfers"),
        verdict_text(stats.meets),
        Text(response),
    ]
