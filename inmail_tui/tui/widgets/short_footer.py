"""A footer for screens with many keys: on a narrower terminal it turns compact and leaves out
the keys that can wait (they stay in the help, F1, and the command palette).

Which keys can wait is declared with each command (``Command(..., hide_below=160)``): the footer
reads it from the screen's active bindings, so a remapped key keeps its place.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer

from inmail_tui.tui.commands import commands_here


class ShortFooter(Footer):
    """``ShortFooter(compact_below=160)``: a key whose command says ``hide_below=N`` is left out
    below N cells; below ``compact_below`` the keys are drawn closer together."""

    def __init__(self, *, compact_below: int) -> None:
        super().__init__()
        self._compact_below = compact_below

    def _hide_below(self) -> dict[str, int]:
        """Footer action -> the width below which its key is left out."""
        return {
            command.action: command.hide_below
            for command, _ in commands_here(self.screen.active_bindings)
            if command.hide_below is not None
        }

    def _show_the_keys_that_fit(self, keys: list[Widget]) -> None:
        hide_below = self._hide_below()
        for key in keys:
            action = getattr(key, "action", None)
            key.display = not action or self.size.width >= hide_below.get(action, 0)

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        self._show_the_keys_that_fit(keys)
        yield from keys

    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < self._compact_below
        self._show_the_keys_that_fit(list(self.children))
