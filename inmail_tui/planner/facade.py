"""The ``Planner``: every use case in one object, for the TUI and the CLI."""

from __future__ import annotations

from inmail_tui.planner.analytics import AnalyticsMixin
from inmail_tui.planner.credits import CreditsMixin
from inmail_tui.planner.drafting import DraftingMixin
from inmail_tui.planner.transfer import TransferMixin
from inmail_tui.planner.views import BalanceView


class Planner(DraftingMixin, TransferMixin, AnalyticsMixin, CreditsMixin):
    """The facade the CLI and the TUI use: credits, queue, import/export, drafts, analytics."""

    def set_plan(
        self,
        plan_id: str,
        renewal_day: int | None = None,
        balance: int | None = None,
        pool: str | None = None,
    ) -> BalanceView:
        """As ``CreditsMixin.set_plan``; a new plan changes what sends cost, so the stored cost
        classes (the queue's filters and summary) are derived again."""
        before = self.pool_row(pool).plan_id if self.has_pool(pool) else None
        view = super().set_plan(plan_id, renewal_day, balance, pool)
        if view.plan.id != before:
            self.refresh_all()
        return view
