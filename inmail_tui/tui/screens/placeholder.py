"""A top-level screen whose real content comes in a later issue (the queue, the drafter)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static


class PlaceholderScreen(Screen[None]):
    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title = title
        self._text = text

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        yield Static(self._text, classes="placeholder", markup=False)
        yield Footer()
