"""The balance against the cap, as a bar drawn with Unicode eighth blocks."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(value: int, total: int, width: int) -> tuple[str, str]:
    """The filled and the empty part of a ``width``-cell bar showing ``value`` of ``total``."""
    if width <= 0:
        return "", ""
    share = min(max(value / total, 0.0), 1.0) if total > 0 else 0.0
    eighths = round(share * width * 8)
    full, part = divmod(eighths, 8)
    filled = "█" * full + (_EIGHTHS[part] if part else "")
    return filled, " " * (width - len(filled))


class CreditGauge(Widget):
    """``140 of 150 credits`` over a bar; empty until the first balance arrives."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"gauge--bar", "gauge--empty", "gauge--figure"}
    DEFAULT_CSS = """
    CreditGauge { height: 2; }
    CreditGauge > .gauge--bar { color: $accent; background: $panel; }
    CreditGauge > .gauge--empty { background: $panel; }
    CreditGauge > .gauge--figure { text-style: bold; }
    """

    figures: reactive[tuple[int, int] | None] = reactive(None)

    def show(self, balance: int, cap: int) -> None:
        self.figures = (balance, cap)

    def render(self) -> Text:
        if self.figures is None:
            return Text("")
        balance, cap = self.figures
        text = Text()
        text.append(f"{balance:,}", self.get_component_rich_style("gauge--figure"))
        text.append(f" of {cap:,} credits (the cap)" if cap else " credits (this plan has no cap)")
        filled, empty = bar(balance, cap, self.content_size.width)
        text.append("\n")
        text.append(filled, self.get_component_rich_style("gauge--bar"))
        text.append(empty, self.get_component_rich_style("gauge--empty"))
        return text
