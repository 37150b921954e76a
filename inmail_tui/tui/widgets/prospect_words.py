"""How a prospect's facts are said on screen: their status, the cost of a send and its colour,
the next action's due day, and user text as a cell. The queue's table, the detail pane, the
drafter's badge and the template list all say them so (without the table's widget)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text

from inmail_tui.core.model import Status
from inmail_tui.core.rules_table import Verdict
from inmail_tui.core.text import terminal_safe
from inmail_tui.core.words import short_day

if TYPE_CHECKING:
    from inmail_tui.core.pipeline import NextAction
    from inmail_tui.core.rules import Decision

STATUS_WORDS = {status.value: status.label for status in Status}  # by the stored value
# The theme variable that colours each cost class: free, 1 credit, cannot send.
COST_COLOURS = {
    Verdict.FREE: "text-success",
    Verdict.CREDIT: "text-warning",
    Verdict.BLOCKED: "text-error",
}


def plain(value: str) -> Text:
    """User text as a cell: never markup, control characters shown as symbols (ESC is ``␛``;
    ``core.text.terminal_safe``, the one function for every screen and printed line)."""
    return Text(terminal_safe(value), no_wrap=True, overflow="ellipsis")


def decision_words(decision: Decision, *, short: bool = False) -> str:
    """``"free · message"``, ``"1 credit · InMail"``, ``"cannot send"`` (short: no channel)."""
    cost = decision.cost_words
    return cost if short or not decision.allowed else f"{cost} · {decision.channel.label}"


def due_words(action: NextAction, today: date) -> str:
    """``"today"``, ``"20 Jan"`` (later), ``"12 Jan"`` (overdue), or ``""``."""
    if action.due is None:
        return ""
    if action.due == today:
        return "today"
    return short_day(action.due)
