"""The command palette's commands, named "Group: action": what the current screen offers now,
then the other screens' commands, which switch to that screen and run there ("Queue: sort"
from the balance shows the queue, sorted)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from inmail_tui.tui.commands import Command, commands_here

Entry = tuple[str, str, Callable[[], object]]


class ScreenCommands(Provider):
    """The enabled commands of the screen the palette was opened on, with their live keys, then
    every other main screen's own commands (the balance's, the queue's, the drafter's)."""

    def _entries(self) -> list[Entry]:
        entries: list[Entry] = []
        here: set[str] = set()
        for command, active in commands_here(self.screen.active_bindings):
            here.add(command.id)
            if not active.enabled or command.action == "command_palette":
                continue
            key = self.app.get_key_display(active.binding)
            run = partial(self.app.run_action, command.action, active.node)
            entries.append((command.title, escape(f"{command.help} · key {key}"), run))
        return entries + self._elsewhere(here)

    def _elsewhere(self, here: set[str]) -> list[Entry]:
        from inmail_tui.tui.keymap import mode_commands

        current = getattr(self.app, "current_mode", None)
        keymap: dict[str, str] = getattr(getattr(self.app, "settings", None), "keys", {})
        entries: list[Entry] = []
        for mode, commands in mode_commands().items():
            if mode == current:
                continue
            for command in commands:
                if command.id in here:
                    continue
                key = keymap.get(command.id, command.key).split(",")[0].strip()
                shown = self.app.get_key_display(command.binding().with_key(key))
                help_text = escape(f"{command.help} · key {shown} on the {mode} screen")
                entries.append((command.title, help_text, partial(self._go, mode, command)))
        return entries

    async def _go(self, mode: str, command: Command) -> None:
        """Show ``mode``'s screen, then run ``command`` there (it checks what it needs)."""
        await self.app.switch_mode(mode)
        self.app.refresh_bindings()
        screen = self.app.screen
        self.app.call_later(self.app.run_action, command.action, screen)

    async def discover(self) -> Hits:
        for title, help_text, run in self._entries():
            yield DiscoveryHit(title, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, run in self._entries():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), run, help=help_text)
