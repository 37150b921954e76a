"""Outreach analytics for the balance screen: response rates as small bars, with their counts and
the plain caveat when the numbers are too small to compare, credits per reply, connection
acceptance, and the credit-backs still to come with their deadlines.

Group names (tags, templates, variants) are the user's words: shown as plain text, never markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from inmail_tui.core.text import terminal_safe
from inmail_tui.core.words import in_days, noun, plural, short_day

if TYPE_CHECKING:
    from inmail_tui.core.analytics import Breakdown, Rate
    from inmail_tui.planner.analytics import AnalyticsView

BAR_WIDTH = 12
MAX_GROUPS = 6
LABEL_WIDTH = 14
NAME_WIDTH = 16  # a pending credit-back's line: name, "reply by 14 Feb (in 12 days)"
_EIGHTHS = " ▏▎▍▌▋▊▉"
Part = str | tuple[str, str]


def bar(rate: float, width: int = BAR_WIDTH) -> str:
    """``rate`` (0..1) as a bar of ``width`` cells, in eighths of a cell."""
    eighths = round(max(0.0, min(1.0, rate)) * width * 8)
    full, rest = divmod(eighths, 8)
    text = "█" * full + (_EIGHTHS[rest] if rest else "")
    return text.ljust(width)


def _label(text: str, width: int = LABEL_WIDTH) -> str:
    """A tag, template or name as a label: terminal-safe, cut with … to ``width``."""
    text = terminal_safe(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def rate_line(rate: Rate) -> list[Part]:
    """``fintech  ███▌        3/9  33%``."""
    return [
        f"  {_label(rate.label):<{LABEL_WIDTH}} ",
        (bar(rate.rate or 0.0), "$accent"),
        f" {rate.hits}/{rate.total}".ljust(9),
        (rate.percent().rjust(4), "bold"),
        "\n",
    ]


def breakdown_lines(part: Breakdown) -> list[Part]:
    if not part.rates:
        return []
    lines: list[Part] = [(f"By {part.title.lower()}", "bold $text-primary"), "\n"]
    for rate in part.rates[:MAX_GROUPS]:
        lines += rate_line(rate)
    if len(part.rates) > MAX_GROUPS:
        lines += [(f"  and {len(part.rates) - MAX_GROUPS} more", "$text-muted"), "\n"]
    if part.caveat:
        lines += [("  " + part.caveat, "italic $text-warning"), "\n"]
    return lines


def panel_content(view: AnalyticsView) -> Content:
    s = view.stats
    if s.inmails_sent == 0 and s.connect.total == 0 and not view.pending:
        return Content.styled("Nothing sent yet: response rates appear here.", "$text-muted")
    per_reply = view.credits_per_reply
    back = f", {view.credited_back:,} came back" if view.credited_back else ""
    lines: list[Part] = [
        (f"{s.inmails_sent:,}", "bold"),
        f" {noun(s.inmails_sent, 'InMail')} sent · ",
        (f"{s.responses:,}", "bold"),
        f" {noun(s.responses, 'response')} ({s.overall.percent()})",
        f" · {plural(s.replies, 'reply', 'replies')}\n",
        f"Credits spent {view.credits_spent:,}{back} · per reply ",
        ("-" if per_reply is None else f"{per_reply:.1f}", "bold"),
        "\n",
    ]
    if s.connect.total:
        connect = s.connect
        lines.append(
            f"Connection requests accepted {connect.hits:,}/{connect.total:,}"
            f" ({connect.percent()})\n"
        )
    for part in s.breakdowns:
        if len(part.rates) > 1 or (part.rates and part.title == "Variant"):
            lines += ["\n", *breakdown_lines(part)]
    if view.pending:
        lines += ["\n", ("Credits that may come back", "bold $text-primary"), "\n"]
        for due in view.pending[:MAX_GROUPS]:
            lines += [
                f"  {_label(due.who, NAME_WIDTH):<{NAME_WIDTH}} reply by ",
                (short_day(due.deadline), "bold"),
                f" ({in_days(due.days_left)})\n",
            ]
        if len(view.pending) > MAX_GROUPS:
            lines += [(f"  and {len(view.pending) - MAX_GROUPS} more", "$text-muted"), "\n"]
    return Content.assemble(*lines).rstrip()


class AnalyticsPanel(VerticalScroll):
    """``show(view)`` with the planner's :class:`AnalyticsView` (None: still loading)."""

    DEFAULT_CSS = """
    AnalyticsPanel {
        height: auto;
        max-height: 100%;
        border: round $primary 60%;
        border-title-color: $text-primary;
        padding: 0 1;
    }
    AnalyticsPanel > Static {
        width: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Outreach"

    def compose(self) -> ComposeResult:
        yield Static(Content.styled("Loading outreach…", "$text-muted"), id="analytics-body")

    def show(self, view: AnalyticsView | None) -> None:
        body = self.query_one("#analytics-body", Static)
        if view is None:
            body.update(Content.styled("Loading outreach…", "$text-muted"))
            return
        body.update(panel_content(view))
