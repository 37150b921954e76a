"""A bar chart of the coming grants: the balance after each, and what each would forfeit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from inmail_tui.core.forecast import ForecastRow

_LOWER = " ▁▂▃▄▅▆▇█"
_LABEL_ROWS = 3  # date, balance after, forfeit


def column(kept: int, lost: int, scale: int, height: int) -> list[tuple[str, bool]]:
    """A bar ``height`` cells tall, top row first: each cell's block and whether it is lost.

    The kept credits fill from the bottom, the forfeited ones stack on top of them.
    """
    if height <= 0:
        return []
    total_eighths = height * 8
    kept_e = round(kept / scale * total_eighths) if scale > 0 else 0
    top_e = round((kept + lost) / scale * total_eighths) if scale > 0 else 0
    cells: list[tuple[str, bool]] = []
    for row in range(height):  # from the bottom
        low = row * 8
        lost_cell = low >= kept_e
        fill = max(0, min(8, (top_e if lost_cell else kept_e) - low))
        cells.append((_LOWER[fill], lost_cell and fill > 0))
    return cells[::-1]


class ForecastChart(Widget):
    """The next grants as columns; a red cap on a column is what that grant forfeits."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "forecast--kept",
        "forecast--lost",
        "forecast--label",
    }
    DEFAULT_CSS = """
    ForecastChart { height: 1fr; min-height: 6; }
    ForecastChart > .forecast--kept { color: $accent; }
    ForecastChart > .forecast--lost { color: $error; }
    ForecastChart > .forecast--label { color: $text-muted; }
    """

    rows: reactive[tuple[ForecastRow, ...]] = reactive(())

    def show(self, rows: Sequence[ForecastRow]) -> None:
        self.rows = tuple(rows)

    def render(self) -> Text:
        if not self.rows:
            return Text("No grants ahead.", self.get_component_rich_style("forecast--label"))
        width, height = self.content_size.width, self.content_size.height
        count = len(self.rows)
        col = max(5, width // count)
        bar_width = max(1, col - 2)
        bars = height - _LABEL_ROWS
        scale = max(row.balance_after + row.forfeit for row in self.rows) or 1
        kept_style = self.get_component_rich_style("forecast--kept")
        lost_style = self.get_component_rich_style("forecast--lost")
        label_style = self.get_component_rich_style("forecast--label")
        columns = [column(r.balance_after, r.forfeit, scale, bars) for r in self.rows]
        text = Text(no_wrap=True, overflow="crop")
        for line in range(max(bars, 0)):
            for cells in columns:
                block, lost = cells[line]
                text.append(block * bar_width, lost_style if lost else kept_style)
                text.append(" " * (col - bar_width))
            text.append("\n")
        labels = [
            [f"{r.date.day} {r.date:%b}" for r in self.rows],
            [f"{r.balance_after:,}" for r in self.rows],
            [f"-{r.forfeit:,}" if r.forfeit else "" for r in self.rows],
        ]
        for index, line_labels in enumerate(labels):
            style = lost_style if index == 2 else label_style
            for label in line_labels:
                text.append(label[:col].ljust(col), style)
            if index < 2:
                text.append("\n")
        return text
