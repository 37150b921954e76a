"""What this send costs: free, 1 credit or cannot send, why, and the balance after it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from inmail_tui.core.model import Channel
from inmail_tui.core.words import first_up
from inmail_tui.tui.widgets.prospect_words import COST_COLOURS

if TYPE_CHECKING:
    from inmail_tui.core.rules import Decision


def verdict(decision: Decision) -> str:
    """``"Free"``, ``"1 credit"`` or ``"Cannot send"``."""
    return first_up(decision.cost_words)


def send_question(
    decision: Decision, name: str, balance: int | None, after: int | None
) -> tuple[str, str]:
    """The question before marking a send, and its cost: ``"1 credit (balance 10 → 9)"``."""
    text = f"Mark this {decision.channel.label} to {name} as sent on LinkedIn?"
    if decision.channel is Channel.INMAIL:
        text += " An InMail cannot be unsent."
    cost = verdict(decision)
    if decision.cost and balance is not None and after is not None:
        cost += f" (balance {balance:,} → {after:,})"
    return text, cost


def badge_content(
    decision: Decision, balance: int | None, after: int | None, *, cheaper: bool = True
) -> Content:
    """The verdict, the reason, the balance after the send and (``cheaper``) a cheaper way."""
    level = decision.cost_class
    style = "$" + COST_COLOURS[level]
    parts: list[str | tuple[str, str]] = [
        (verdict(decision), f"bold {style}"),
        (f" · {decision.channel.label}", "$text-muted"),
        "\n",
        decision.reason,
    ]
    if balance is not None and after is not None:
        change = f"stays {balance:,}" if after == balance else f"{balance:,} → {after:,}"
        parts += ["\n", f"Balance {change} after this send"]
    for alternative in decision.alternatives[: 1 if cheaper else 0]:
        parts += ["\n", ("Cheaper: " + alternative.reason, "$text-muted")]
    return Content.assemble(*parts)


class DecisionBadge(Static):
    DEFAULT_CSS = """
    DecisionBadge {
        height: auto;
        border: round $primary 50%;
        border-title-color: $text-primary;
        padding: 0 1;
    }
    DecisionBadge.-blocked {
        border: round $error;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.border_title = "Cost"
        self._shown: tuple[Decision, int | None, int | None] | None = None
        self._compact = False

    def show(self, decision: Decision | None, balance: int | None, after: int | None) -> None:
        self._shown = None if decision is None else (decision, balance, after)
        self._draw()

    def set_compact(self, compact: bool) -> None:
        """Compact (a narrow screen): no cheaper way; the tooltip still has the whole text."""
        if compact != self._compact:
            self._compact = compact
            self._draw()

    def _draw(self) -> None:
        if self._shown is None:
            self.update("")
            self.tooltip = None
            self.remove_class("-blocked")
            return
        decision, balance, after = self._shown
        self.update(badge_content(decision, balance, after, cheaper=not self._compact))
        self.tooltip = badge_content(decision, balance, after) if self._compact else None
        self.set_class(not decision.allowed, "-blocked")
