"""The spend plan as a timeline: credits available, planned and at risk, per day or per week, up
to the plan's last day (the second coming grant), with the grants marked under it.

Three rows of bars share one time axis, one column per day when the days fit the width, else
one per week (``SpendPlan.weeks``: the week's planned InMails summed, the last day's available
credits, the week's largest risk). Each row has its own scale, its largest value written at its
end, so a plan of three InMails reads as well as a balance of 150.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from inmail_tui.core.words import short_day

if TYPE_CHECKING:
    from inmail_tui.core.spend_plan import PlanDay, SpendPlan

_BLOCKS = " ▁▂▃▄▅▆▇█"
_LABEL = 11  # "Available  "
_SCALE = 7  # room for the row's largest value at its end: " 1,234"
GRANT_MARK = "▲"


@dataclass(frozen=True, slots=True)
class Series:
    """One row of the chart: its label, its colour class, the theme colour that class wears
    and how a column's value is read."""

    label: str
    component: str
    colour: str  # a theme variable, without its $
    value: Callable[[PlanDay], int]


SERIES = (
    Series("Available", "timeline--available", "accent", lambda d: d.available),
    Series("Planned", "timeline--planned", "success", lambda d: d.inmails),
    Series("At risk", "timeline--at-risk", "error", lambda d: d.at_risk),
)


def legend() -> str:
    """``"█ available  █ planned  █ at risk"``, each block in its row's colour (markup)."""
    return "  ".join(f"[${series.colour}]█[/] {series.label.lower()}" for series in SERIES)


def bar(value: int, scale: int, rows: int) -> list[str]:
    """A column ``rows`` cells tall for ``value`` against ``scale``, top cell first; any value
    above 0 shows at least the lowest block."""
    eighths = round(value / scale * rows * 8) if scale > 0 else 0
    if value > 0:
        eighths = max(eighths, 1)
    cells = [_BLOCKS[max(0, min(8, eighths - row * 8))] for row in range(rows)]
    return cells[::-1]


def columns(plan: SpendPlan, width: int) -> tuple[list[PlanDay], bool]:
    """The plan's days when they fit ``width`` cells, else its weeks; and whether by week."""
    if len(plan.days) <= width:
        return list(plan.days), False
    return plan.weeks(), True


def axis(days: Sequence[PlanDay], cell: int, width: int) -> str:
    """The time axis under the bars: each grant as ``▲1 Feb +50`` at its column, and the first
    day where no grant's label needs the room (a label that would overlap one before it is
    left out)."""
    line = [" "] * width
    grants = [
        (i * cell, f"{GRANT_MARK}{short_day(d.on)} +{d.grant:,}")
        for i, d in enumerate(days)
        if d.grant
    ]
    marks: list[tuple[int, str]] = []
    if days:
        start = short_day(days[0].on)
        if not grants or grants[0][0] > len(start):
            marks.append((0, start))
    end = -1
    for at, label in [*marks, *grants]:
        if at <= end or at >= width:
            continue
        text = label[: width - at]
        line[at : at + len(text)] = text
        end = at + len(text)
    return "".join(line).rstrip()


class SpendTimeline(Widget):
    """``SpendTimeline().show(plan)``: the plan's days (or weeks) as three rows of bars."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *(series.component for series in SERIES),
        "timeline--label",
    }
    DEFAULT_CSS = "\n".join(
        [
            "SpendTimeline { height: 1fr; min-height: 4; }",
            *(f"SpendTimeline > .{s.component} {{ color: ${s.colour}; }}" for s in SERIES),
            "SpendTimeline > .timeline--label { color: $text-muted; }",
        ]
    )

    plan: reactive[SpendPlan | None] = reactive(None)

    def show(self, plan: SpendPlan) -> None:
        self.plan = plan

    @property
    def by_week(self) -> bool:
        """Whether the columns are weeks (the days do not fit); False before a plan arrives."""
        if self.plan is None:
            return False
        return columns(self.plan, self._chart_width())[1]

    def _chart_width(self) -> int:
        return max(1, self.content_size.width - _LABEL - _SCALE)

    def render(self) -> Text:
        label_style = self.get_component_rich_style("timeline--label")
        if self.plan is None:
            return Text("Planning…", label_style)
        width = self._chart_width()
        days, _ = columns(self.plan, width)
        cell = max(1, min(3, width // max(1, len(days))))
        rows = max(1, (self.content_size.height - 1) // len(SERIES))
        text = Text(no_wrap=True, overflow="crop")
        for series in SERIES:
            values = [series.value(d) for d in days]
            scale = max(values, default=0)
            style = Style(color=self.get_component_rich_style(series.component).color)
            bars = [bar(v, scale, rows) for v in values]
            for row in range(rows):
                label = series.label if row == rows - 1 else ""
                text.append(label.ljust(_LABEL), label_style)
                text.append("".join(b[row] * cell for b in bars), style)
                if row == 0:
                    pad = width - cell * len(days)
                    text.append(" " * pad + f"{scale:,}".rjust(_SCALE), label_style)
                text.append("\n")
        text.append(" " * _LABEL + axis(days, cell, width + _SCALE), label_style)
        return text
