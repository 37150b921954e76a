"""What the planner hands to the CLI and the TUI: plain frozen values, never ORM rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from inmail_tui.core.forecast import ForecastRow
from inmail_tui.core.model import LedgerEvent
from inmail_tui.core.plans import Plan
from inmail_tui.core.words import credits, short_day


@dataclass(frozen=True)
class BalanceView:
    pool: str
    plan: Plan
    balance: int
    allowance: int
    cap: int
    next_grant: date | None
    days_left: int | None
    forfeit_at_next_grant: int
    sends_to_avoid_forfeit: int
    pending_credit_back: int
    spent_this_cycle: int
    forecast: list[ForecastRow] = field(default_factory=list)
    history: list[LedgerEvent] = field(default_factory=list)  # newest first
    ahead: int = 0  # entries dated after today (a wrong clock): not counted, see mend_clock
    ahead_latest: date | None = None  # the latest of them

    @property
    def clock_warning(self) -> str | None:
        """What to say while the ledger holds entries dated after today; None when it does not."""
        if not self.ahead:
            return None
        entries = "entry is" if self.ahead == 1 else "entries are"
        return (
            f"{self.ahead:,} ledger {entries} dated after today (up to {self.ahead_latest}) and"
            " not counted: check the computer's date; if today is right, `inmail-tui mend-clock`"
            " voids them."
        )

    @property
    def forfeit_warning(self) -> str:
        """The use-it-or-lose-it sentence."""
        if self.next_grant is None:
            return "No grant is coming: nothing can be forfeited."
        if self.forfeit_at_next_grant <= 0:
            return f"No credits at risk at the next grant ({short_day(self.next_grant)})."
        n = self.sends_to_avoid_forfeit
        return f"Spend {credits(n)} before {short_day(self.next_grant)} or lose them."

    def to_json(self) -> dict[str, Any]:
        return {
            "pool": self.pool,
            "plan": self.plan.id,
            "plan_name": self.plan.name,
            "balance": self.balance,
            "allowance": self.allowance,
            "cap": self.cap,
            "next_grant": self.next_grant.isoformat() if self.next_grant else None,
            "days_left": self.days_left,
            "forfeit_at_next_grant": self.forfeit_at_next_grant,
            "sends_to_avoid_forfeit": self.sends_to_avoid_forfeit,
            "forfeit_warning": self.forfeit_warning,
            "pending_credit_back": self.pending_credit_back,
            "spent_this_cycle": self.spent_this_cycle,
            "entries_after_today": self.ahead,
            "clock_warning": self.clock_warning,
        }
