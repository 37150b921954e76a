"""A footer for screens with many keys: on a narrower terminal it turns compact and leaves out
the keys that can wait (they stay in the help, F1, and the command palette)."""

from __future__ import annotations

from collections.abc import Mapping

from textual import events
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer


class ShortFooter(Footer):
    """``ShortFooter({"open": 160}, compact_below=160)``: the key of action ``open`` is left out
    below 160 cells; below ``compact_below`` the keys are drawn closer together."""

    def __init__(self, hide_below: Mapping[str, int], *, compact_below: int) -> None:
        super().__init__()
        self._hide_below = dict(hide_below)
        self._compact_below = compact_below

    def _fits(self, key: Widget) -> bool:
        action = getattr(key, "action", None)
        return self.size.width >= self._hide_below.get(action, 0) if action else True

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            widget.display = self._fits(widget)
            yield widget

    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < self._compact_below
        for key in self.children:
            key.display = self._fits(key)
