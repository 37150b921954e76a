"""The balance screen: the pool against its cap, the next grant, the forecast, the ledger and
the outreach analytics; on a team pool, each seat's use of its monthly limit.

The ledger and the analytics sit side by side when the terminal is wide; on a narrow one they
share the place and a key switches between them. Both are mounted after the first frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Static

from inmail_tui.core.text import terminal_safe
from inmail_tui.core.words import credits, full_day, in_days
from inmail_tui.tui.commands import Command, declare
from inmail_tui.tui.planner_work import planner_work
from inmail_tui.tui.widgets.forecast import ForecastChart
from inmail_tui.tui.widgets.gauge import CreditGauge

if TYPE_CHECKING:
    from inmail_tui.planner import BalanceView
    from inmail_tui.planner.analytics import AnalyticsView
    from inmail_tui.tui.app import InmailApp

_NEEDS_DATA = {"reconcile", "purchase", "refresh"}
_SWITCHES = {"outreach": False, "ledger": True}  # action -> whether it shows the ledger again


class Recorded(Message, bubble=False):
    """A change to the pool was saved: ``text`` says what (a toast)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class BalanceScreen(Screen[None]):
    TITLE = "Balance"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
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
            show=False,  # it reloads by itself on coming back from another screen
        ),
        Command(
            "balance.backup",
            "B",
            "backup",
            "Back up",
            "Balance",
            "Copy the database to a file (safe while the app runs)",
            show=False,
        ),
        Command(
            "balance.mend_clock",
            "M",
            "mend_clock",
            "Mend the clock",
            "Balance",
            "Void the ledger entries dated after today (written under a wrong clock)",
            show=False,
        ),
        Command(
            "balance.outreach",
            "o",
            "outreach",
            "Outreach",
            "Balance",
            "Show the outreach analytics in place of the ledger (when both do not fit)",
        ),
        Command(
            "balance.ledger",
            "o",
            "ledger",
            "Ledger",
            "Balance",
            "Show the ledger in place of the outreach analytics (when both do not fit)",
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
        self.app.mode_change_signal.subscribe(self, self._mode_changed)
        if self.inmail.first_frame_painted:
            self.call_later(self._mount_the_rest)

    def _mode_changed(self, _mode: str) -> None:
        """Back from another mode: read the pool again (every write here already refreshed it;
        another window, the CLI say, may have written since)."""
        if self.is_current and self.inmail.balance_view is not None:
            planner_work(self).refresh()

    async def on_first_frame_painted(self) -> None:
        await self._mount_the_rest()

    async def _mount_the_rest(self) -> None:
        """The ledger table, the analytics and the footer, once the first frame is painted.

        They are the screen's costliest widgets to import and mount (the footer recomposes at
        each binding change of the start-up); the first frame shows the layout and the loading
        state without them, while the planner loads in its worker.
        """
        from inmail_tui.tui.widgets.analytics_panel import AnalyticsPanel
        from inmail_tui.tui.widgets.ledger_table import LedgerTable
        from inmail_tui.tui.widgets.seats_panel import SeatsPanel
        from inmail_tui.tui.widgets.short_footer import ShortFooter

        ledger = LedgerTable(id="ledger")
        ledger.border_title = "Ledger"
        seats = SeatsPanel(id="seats")  # shown on a team pool only, above the ledger
        main = Vertical(seats, ledger, id="balance-main")
        bottom = Horizontal(main, AnalyticsPanel(id="analytics"), id="balance-bottom")
        await self.mount_all([bottom, ShortFooter(compact_below=100)])
        ledger.focus()
        self.watch(self.app, "balance_view", self._show)
        self.watch(self.app, "analytics_view", self._show_analytics)

    def on_resize(self) -> None:
        self.refresh_bindings()  # the switch is offered only when the two panels do not fit

    @property
    def showing_ledger(self) -> bool:
        """Whether the ledger has the place (on a narrow terminal; a wide one shows both)."""
        return not self.has_class("-outreach")

    def _show_problem(self, problem: str) -> None:
        if problem:
            status = self.query_one("#balance-status", Static)
            status.update(problem)
            status.display = True

    def _show(self, view: BalanceView | None) -> None:
        if view is None:
            return
        self.refresh_bindings()  # the keys that wait for the data are enabled now
        self.sub_title = terminal_safe(f"{view.pool} · {view.plan.name}")
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
        from inmail_tui.tui.widgets.ledger_table import LedgerTable

        self.query_one(LedgerTable).show(view.history)
        from inmail_tui.tui.widgets.seats_panel import SeatsPanel

        self.query_one(SeatsPanel).load()  # the seats' usage moves with the ledger

    def _show_analytics(self, view: AnalyticsView | None) -> None:
        from inmail_tui.tui.widgets.analytics_panel import AnalyticsPanel

        self.query_one(AnalyticsPanel).show(view)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _SWITCHES:
            narrow = self.has_class("-narrow") and self.query("#balance-bottom")
            return bool(narrow) and self.showing_ledger != _SWITCHES[action]
        if action in _NEEDS_DATA and self.inmail.balance_view is None:
            return None  # shown, dimmed, until the balance has loaded
        return True

    def action_outreach(self) -> None:
        self._switch(ledger=False)

    def action_ledger(self) -> None:
        self._switch(ledger=True)

    def _switch(self, *, ledger: bool) -> None:
        self.set_class(not ledger, "-outreach")
        self.query_one("#ledger" if ledger else "#analytics").focus()
        self.refresh_bindings()

    def on_recorded(self, message: Recorded) -> None:
        self.notify(message.text, markup=False)

    def action_refresh(self) -> None:
        """Read the pool again (a grant now due is applied; another window may have written):
        as after a write, every screen shows the data again."""
        view = self.inmail.balance_view
        if view is not None:
            pool = view.pool
            planner_work(self).write(
                self,
                lambda p: p.credits.balance(pool=pool),
                lambda _: Recorded("Balance refreshed"),
            )

    def action_backup(self) -> None:
        from inmail_tui.tui.screens.prompt import PromptScreen

        suggested = f"~/inmail-tui-backup-{self.inmail.today.isoformat()}.sqlite"

        def back_up(target: str | None) -> None:
            if target and target.strip():
                path = target.strip()
                planner_work(self).read(
                    self, lambda p: p.maintenance.backup(path), lambda r: Recorded(r.text())
                )

        self.app.push_screen(
            PromptScreen("Back up", "Copy the database to:", suggested, confirm="Back up"),
            back_up,
        )

    def action_mend_clock(self) -> None:
        from inmail_tui.tui.screens.confirm import ConfirmScreen

        view = self.inmail.balance_view
        if view is None:
            return
        pool = view.pool

        def mend(yes: bool | None) -> None:
            if yes:
                planner_work(self).write(
                    self,
                    lambda p: p.credits.mend_clock(pool),
                    lambda m: Recorded(
                        f"Voided {m.voided:,} ledger entries dated after today"
                        if m.voided
                        else "No ledger entry is dated after today: nothing to mend"
                    ),
                )

        self.app.push_screen(
            ConfirmScreen(
                "Mend the clock",
                "Void every ledger entry dated after today, written under a wrong clock or a"
                " wrong --today. They stay in the history, marked void.",
                "Void them",
                danger=True,
            ),
            mend,
        )

    def action_reconcile(self) -> None:
        from inmail_tui.tui.screens.adjust import AdjustScreen

        view = self.inmail.balance_view
        if view is None:
            return
        pool, before = view.pool, view.balance

        def adjust(shown: int | None) -> None:
            if shown is None:
                return
            planner_work(self).write(
                self,
                lambda p: p.credits.adjust(shown, pool=pool),
                lambda _: Recorded(f"Balance reconciled: {before:,} → {shown:,}"),
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
            planner_work(self).write(
                self,
                lambda p: p.credits.purchase(blocks, pool=pool),
                lambda view: Recorded(f"Purchase recorded: balance {view.balance:,}"),
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
