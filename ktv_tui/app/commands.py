"""The command palette: every action of the app, in Dutch, searchable by name."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider


class KtvCommands(Provider):
    """Screens, period entry, reports, git and checks; plus the meetjaren and periods by name."""

    def _commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        app: Any = self.app
        screen: Any = self.screen
        commands: list[tuple[str, str, Callable[[], Any]]] = [
            (
                "Overzicht",
                "het eerste scherm: meetjaren, deadlines en problemen",
                partial(app.action_goto, "overzicht"),
            ),
            ("Perioden", "alle jobcoachperioden in een tabel", partial(app.action_goto, "perioden")),
            (
                "Meetjaar",
                "j: het meetjaar dat nu aandacht vraagt (in te dienen, anders het laatst afgelopen)",
                partial(app.action_goto, "meetjaar"),
            ),
            ("Git", "niet vastgelegde wijzigingen bekijken en vastleggen", partial(app.action_goto, "git")),
            ("Nieuwe periode", "een jobcoachperiode met beide formulieren invoeren", app.action_new_period),
            ("Herladen", "de gegevensmap opnieuw inlezen", app.action_reload),
            # What the command line does, found under its own name too (SPEC §7).
            (
                "Controleren (ktv check)",
                "alle problemen in de gegevens, op het overzicht",
                partial(app.action_goto, "overzicht"),
            ),
            (
                "Deadlines (ktv deadlines)",
                "alle meetjaren met status en deadline, op het overzicht",
                partial(app.action_goto, "overzicht"),
            ),
            (
                "Cijfers (ktv stats)",
                "behaald cijfer, antwoorden per vraag en spreiding per meetjaar",
                partial(app.action_goto, "meetjaar"),
            ),
            (
                "Rapportage of melding (ktv report / melding)",
                "op het meetjaarscherm: c concept, r rapportage, m melding, i indienen",
                partial(app.action_goto, "meetjaar"),
            ),
            (
                "Ontbrekende formulieren (ktv ontbrekend)",
                "wie nog een formulier moet sturen, sinds hoe lang, en waarom niet (b)",
                partial(app.action_goto, "ontbrekend"),
            ),
            (
                "Spreadsheet inlezen (ktv import)",
                "perioden uit CSV of Excel: eerst bekijken, dan toepassen",
                partial(app.action_goto, "import"),
            ),
            (
                "Exporteren (ktv export)",
                "op het periodenscherm: x schrijft het huidige filter naar CSV of Excel",
                partial(app.action_goto, "perioden"),
            ),
            (
                "Per jobcoach (intern)",
                "cijfers per jobcoach: intern, niet voor UWV",
                partial(app.action_goto, "per_jobcoach"),
            ),
            ("Help", "alle toetsen", app.action_help),
        ]
        for name, help_text, action in getattr(screen, "COMMANDS_HERE", []):
            commands.append((name, help_text, partial(screen.run_action, action)))
        folder = app.folder
        if folder is not None and folder.calendar is not None:
            from .styles import first_label

            for label in range(first_label(folder), folder.calendar.current_label(app.today) + 1):
                commands.append(
                    (
                        f"Meetjaar {label}",
                        "cijfers en rapportage van dit meetjaar",
                        partial(app.open_year, label),
                    )
                )
        return commands

    async def discover(self) -> Hits:
        for name, help_text, action in self._commands():
            yield DiscoveryHit(name, action, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, action in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), action, help=help_text)
