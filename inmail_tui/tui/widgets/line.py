"""One line of plain text that repaints alone (the queue's sort, filter, count and summary)."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class Line(Widget):
    """One line of plain text, cut with … when it does not fit. A new text repaints the line
    alone: no layout pass of the screen, which costs as much as drawing the whole table."""

    DEFAULT_CSS = "Line { height: 1; }"
    text: reactive[str] = reactive("")

    def __init__(self, text: str = "", *, id: str) -> None:
        super().__init__(id=id)
        self.set_reactive(Line.text, text)

    def render(self) -> Text:
        return Text(self.text, no_wrap=True, overflow="ellipsis")
