"""The balance screen: the pool against its cap, the next grant, the forecast and the ledger."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from inmail_tui.tui.commands import Command, declare
from inmail_tui.tui.messages import PlannerCall
from inmail_tui.tui.text import credits, full_day, in_days
from inmail_tui.tui.widgets.forecast import ForecastChart
from inmail_tui.tui.widgets.gauge import CreditGauge
from inmail_tui.tui.widgets.ledger_table import LedgerTable

if TYPE_CHECKING:
    from inmail_tui.planner import BalanceView
    from inmail_tui.tui.app import InmailApp

_NEEDS_DATA = {"reconcile", "purchase", "refresh"}


class BalanceScreen(Screen[None]):
    TITLE = "Balance"
    BINDINGS = declare(
        Command(
            "balance.reconcile",
            "a",
            "reconcile",
            "Reconcile",
            "Balance",
            "Set the balance to what LinkedIn shows (recorded as an adjustment)",
        ),
        Command(
            "balance.purchase",
            "p",
            "purchase",
            "Purchase",
            "Balance",
            "Record credits bought on LinkedIn",
        ),
        Command(
            "balance.refresh",
            "r",
            "refresh",
            "Refresh",
            "Balance",
            "Reload the balance, applying any grant now due",
        ),
    )

    @property
    def inmail(self) -> InmailApp:
        return cast("InmailApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        with Horizontal(id="balance-top"):
            with Vertical(id="balance-summary") as summary:
                summary.border_title = "Balance"
                yield Static("Opening your ledger…", id="balance-status", markup=False)
                yield CreditGauge()
                yield Static(id="balance-next", markup=False)
                yield Static(id="balance-forfeit", markup=False)
                yield Static(id="balance-cycle", markup=False)
            with Vertical(id="balance-forecast") as forecast:
                forecast.border_title = "Next grants"
                forecast.border_subtitle = "[$accent]█[/] kept  [$error]█[/] lost"
                yield ForecastChart()

    def on_mount(self) -> None:
        self.watch(self.app, "problem", self._show_problem)
        if self.inmail.first_frame_painted:
            self.call_later(self._mount_the_rest)

    async def on_first_frame_painted(self) -> None:
        await self._mount_the_rest()

    async def _mount_the_rest(self) -> None:
        """The ledger table and the footer, once the app's first frame is painted.

        They are the screen's costliest widgets to mount (the footer recomposes at each binding
        change of the start-up); the first frame shows the layout and the loading state without
        them, while the planner loads in its worker.
        """
        ledger = LedgerTable(id="ledger")
        ledger.border_title = "Ledger"
        await self.mount_all([ledger, Footer()])
        ledger.focus()
        self.watch(self.app, "balance_view", self._show)

    def _show_problem(self, problem: str) -> None:
        if problem:
            status = self.query_one("#balance-status", Static)
            status.update(problem)
            status.display = True

    def _show(self, view: BalanceView | None) -> None:
        if view is None:
            return
        self.refresh_bindings()  # the keys that wait for the data are enabled now
        self.sub_title = f"{view.pool} · {view.plan.name}"
        self.query_one("#balance-status").display = False
        self.query_one(CreditGauge).show(view.balance, view.cap)
        if view.next_grant is None:
            upcoming = "No grant ahead."
        else:
            when = in_days(view.days_left if view.days_left is not None else 0)
            upcoming = f"Next grant: {full_day(view.next_grant)}, {when}"
        self.query_one("#balance-next", Static).update(upcoming)
        warning = self.query_one("#balance-forfeit", Static)
        warning.update(view.forfeit_warning)
        warning.set_class(view.forfeit_at_next_grant > 0, "-at-risk")
        cycle = f"Spent this cycle: {credits(view.spent_this_cycle)}"
        if view.pending_credit_back:
            cycle += f" · awaiting credit back: {view.pending_credit_back:,}"
        self.query_one("#balance-cycle", Static).update(cycle)
        forecast = view.forecast[:6]
        self.query_one("#balance-forecast").border_title = f"Next {len(forecast)} grants"
        self.query_one(ForecastChart).show(forecast)
        self.query_one(LedgerTable).show(view.history)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _NEEDS_DATA and self.inmail.balance_view is None:
            return None  # shown, dimmed, until the balance has loaded
        return True

    def action_refresh(self) -> None:
        view = self.inmail.balance_view
        if view is not None:
            pool = view.pool
            self.post_message(PlannerCall(lambda p: p.balance(pool=pool), "Balance refreshed"))

    def action_reconcile(self) -> None:
        from inmail_tui.tui.screens.adjust import AdjustScreen

        view = self.inmail.balance_view
        if view is None:
            return
        pool, before = view.pool, view.balance

        def adjust(shown: int | None) -> None:
            if shown is None:
                return
            self.post_message(
                PlannerCall(
                    lambda p: p.adjust(shown, pool=pool),
                    f"Balance reconciled: {before:,} → {shown:,}",
                )
            )

        self.app.push_screen(AdjustScreen(before), adjust)

    def action_purchase(self) -> None:
        from inmail_tui.tui.screens.confirm import ConfirmScreen
        from inmail_tui.tui.screens.purchase import PurchaseScreen, purchase_cost

        view = self.inmail.balance_view
        if view is None:
            return
        pool, plan = view.pool, view.plan

        def record(blocks: int) -> None:
            self.post_message(
                PlannerCall(
                    lambda p: p.purchase(blocks, pool=pool),
                    lambda v: f"Purchase recorded: balance {v.balance:,}",
                )
            )

        def confirm(blocks: int | None) -> None:
            if blocks is None:
                return
            bought = blocks * plan.purchase_block
            self.app.push_screen(
                ConfirmScreen(
                    "Record a purchase",
                    f"Add {credits(bought)} bought on LinkedIn to the {pool} pool.",
                    "Record purchase",
                    cost=purchase_cost(plan, blocks),
                ),
                lambda yes: record(blocks) if yes else None,
            )

        self.app.push_screen(PurchaseScreen(plan), confirm)
