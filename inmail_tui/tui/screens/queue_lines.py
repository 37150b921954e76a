"""The lines above and below the queue table: a one-line widget that repaints alone, and the
summary's sentence cut to the room it has."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

if TYPE_CHECKING:
    from inmail_tui.planner.queue import QueueSummary


def summary_line(summary: QueueSummary, width: int) -> str:
    """The summary's sentence, or a shorter one when it does not fit in ``width`` cells."""
    text = summary.text()
    if len(text) <= width:
        return text
    of = f" of {summary.balance:,}" if summary.balance is not None else ""
    return (
        f"{summary.free:,} free · {summary.credit:,} cost 1 credit · {summary.blocked:,} blocked"
        f" · strong fits: {summary.strong_fit_credit:,}{of} credits"
    )


class Line(Widget):
    """One line of plain text. A new text repaints the line alone: no layout pass of the
    screen, which costs as much as drawing the whole table."""

    DEFAULT_CSS = "Line { height: 1; }"
    text: reactive[str] = reactive("")

    def __init__(self, text: str = "", *, id: str) -> None:
        super().__init__(id=id)
        self.set_reactive(Line.text, text)

    def render(self) -> Text:
        return Text(self.text, no_wrap=True, overflow="ellipsis")
