"""A bar chart of the coming grants: the balance after each, and what each would forfeit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

if TYPE_CHECKING:
    from datetime import date

    from inmail_tui.core.forecast import ForecastRow  # (its import chain is not needed to draw)


_LOWER = " ▁▂▃▄▅▆▇█"
_LABEL_ROWS = 3  # date, balance after, forfeit


Cell = tuple[str, str | None, str | None]  # block, its colour, the colour behind it


def column(kept: int, lost: int, scale: int, height: int) -> list[Cell]:
    """A bar ``height`` cells tall, top row first, as ``(block, fg, bg)`` with "kept"/"lost".

    The kept credits fill from the bottom and the forfeited ones stack on top of them; a cell
    where the kept part ends shows the lost part behind it.
    """
    total = height * 8
    kept_e = round(kept / scale * total) if scale > 0 else 0
    top_e = round((kept + lost) / scale * total) if scale > 0 else 0
    cells: list[Cell] = []
    for row in range(max(height, 0)):  # from the bottom
        low = row * 8
        k = max(0, min(8, kept_e - low))
        t = max(0, min(8, top_e - low))
        if k == 8:
            cells.append(("█", "kept", None))
        elif k > 0:
            cells.append((_LOWER[k], "kept", "lost" if t == 8 else None))
        elif t > 0:
            cells.append((_LOWER[t], "lost", None))
        else:
            cells.append((" ", None, None))
    return cells[::-1]


def date_label(day: date, width: int) -> str:
    """``"1 Feb"``, or ``"Feb"`` when that would touch the next label (the day is the renewal
    day, the same each month, and the screen says it in full)."""
    label = f"{day.day} {day:%b}"
    return label if len(label) < width else f"{day:%b}"


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
        lost_style = self.get_component_rich_style("forecast--lost")
        label_style = self.get_component_rich_style("forecast--label")
        colours = {
            "kept": self.get_component_rich_style("forecast--kept").color,
            "lost": lost_style.color,
            None: None,
        }
        columns = [column(r.balance_after, r.forfeit, scale, bars) for r in self.rows]
        text = Text(no_wrap=True, overflow="crop")
        for line in range(max(bars, 0)):
            for cells in columns:
                block, fg, bg = cells[line]
                text.append(block * bar_width, Style(color=colours[fg], bgcolor=colours[bg]))
                text.append(" " * (col - bar_width))
            text.append("\n")
        labels = [
            [date_label(r.date, col) for r in self.rows],
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
