"""Use cases that join the core and the store, each in one transaction.

The CLI and the TUI call these, never SQL. ``Planner.open(db, today, settings)`` is the entry.
"""

from __future__ import annotations

from inmail_tui.errors import UserError
from inmail_tui.planner.analytics import AnalyticsMixin
from inmail_tui.planner.credits import CreditsMixin
from inmail_tui.planner.drafting import DraftingMixin
from inmail_tui.planner.transfer import TransferMixin
from inmail_tui.planner.views import BalanceView


class Planner(DraftingMixin, TransferMixin, AnalyticsMixin, CreditsMixin):
    """The facade the CLI and the TUI use: credits, queue, import/export, drafts, analytics."""


__all__ = ["BalanceView", "Planner", "UserError"]
