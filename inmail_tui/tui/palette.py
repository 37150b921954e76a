"""The command palette's commands: what the current screen offers now, named "Group: action"."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from inmail_tui.tui.commands import commands_here


class ScreenCommands(Provider):
    """The enabled commands of the screen the palette was opened on, with their live keys."""

    def _entries(self) -> list[tuple[str, str, Callable[[], object]]]:
        entries: list[tuple[str, str, Callable[[], object]]] = []
        for command, active in commands_here(self.screen.active_bindings):
            if not active.enabled or command.action == "command_palette":
                continue
            key = self.app.get_key_display(active.binding)
            run = partial(self.app.run_action, command.action, active.node)
            entries.append((command.title, escape(f"{command.help} · key {key}"), run))
        return entries

    async def discover(self) -> Hits:
        for title, help_text, run in self._entries():
            yield DiscoveryHit(title, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, run in self._entries():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), run, help=help_text)
