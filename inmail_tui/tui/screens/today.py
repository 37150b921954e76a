"""The Today screen: the spend plan as a timeline up to the next two grants, above today's agenda.

The plan is ``planner.spending.plan()`` (the second coming grant is its last day), read through
the app's planner work (``planner_work.py``) when the screen is first shown and again after
every write (:class:`DataChanged`); while another mode is on top, once back. A database without
a pool (or a plan the planner refuses) gets a sentence in its place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header

from inmail_tui.core.text import terminal_safe
from inmail_tui.errors import UserError
from inmail_tui.tui.planner_work import DataChanged, planner_work
from inmail_tui.tui.text import credits, full_day
from inmail_tui.tui.widgets.line import Line
from inmail_tui.tui.widgets.short_footer import ShortFooter
from inmail_tui.tui.widgets.spend_timeline import SpendTimeline

if TYPE_CHECKING:
    from inmail_tui.planner import Planner
    from inmail_tui.planner.spending import SpendPlanView
    from inmail_tui.tui.app import InmailApp


class PlanRead(Message, bubble=False):
    """The spend plan, as just read; or why there is none (``problem``)."""

    def __init__(self, view: SpendPlanView | None, problem: str = "") -> None:
        super().__init__()
        self.view, self.problem = view, problem


def read_plan(planner: Planner) -> PlanRead:
    """The plan to the second coming grant (in the worker); a refusal is said, not raised."""
    try:
        return PlanRead(planner.spending.plan())
    except UserError as refused:
        return PlanRead(None, str(refused))


def plan_summary(view: SpendPlanView) -> str:
    """``"To 1 Jan 2027: 12 InMails and 5 requests planned, 37 credits still lost"``."""
    plan = view.plan
    inmails = f"{plan.credits_used:,} InMail{'' if plan.credits_used == 1 else 's'}"
    requests = f"{len(plan.requests):,} request{'' if len(plan.requests) == 1 else 's'}"
    lost = f", {credits(plan.credits_lost)} still lost" if plan.credits_lost else ", none lost"
    return f"To {full_day(plan.until)}: {inmails} and {requests} planned{lost}"


class TodayScreen(Screen[None]):
    TITLE = "Today"
    DEFAULT_CSS = """
    TodayScreen #today-plan {
        height: 9;
        border: round $primary 60%;
        border-title-color: $text-primary;
        border-subtitle-color: $text-muted;
        padding: 0 1;
    }
    TodayScreen #today-plan-summary { color: $text-muted; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._stale = False  # another mode may have changed what the plan holds

    @property
    def inmail(self) -> InmailApp:
        return cast("InmailApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        with Vertical(id="today-plan") as plan:
            plan.border_title = "Spend plan"
            plan.border_subtitle = (
                "[$accent]█[/] available  [$success]█[/] planned  [$error]█[/] at risk"
            )
            yield Line("", id="today-plan-summary")
            yield SpendTimeline()
        yield ShortFooter(compact_below=120)

    def on_mount(self) -> None:
        planner_work(self).subscribe(self)
        self.app.mode_change_signal.subscribe(self, self._mode_changed)
        self._read_plan()

    # -- coming back, and data that changed ----------------------------------------------------
    def _mode_changed(self, mode: str) -> None:
        if mode != "today":
            self._stale = True

    def on_screen_resume(self) -> None:
        if self._stale:
            self._stale = False
            self._read_plan()

    def on_data_changed(self, _message: DataChanged) -> None:
        if self in self.app.screen_stack:
            self._read_plan()
        else:
            self._stale = True

    # -- the spend plan ------------------------------------------------------------------------
    def _read_plan(self) -> None:
        planner_work(self).read(self, read_plan, lambda read: read, key="today.plan")

    def on_plan_read(self, message: PlanRead) -> None:
        summary = self.query_one("#today-plan-summary", Line)
        box = self.query_one("#today-plan")
        if message.view is None:
            summary.text = terminal_safe(message.problem)
            box.border_title = "Spend plan"
            return
        view = message.view
        summary.text = plan_summary(view)
        timeline = self.query_one(SpendTimeline)
        timeline.show(view.plan)
        unit = "week" if timeline.by_week else "day"
        box.border_title = f"Spend plan by {unit}: {credits(view.balance)} today"
        self.sub_title = terminal_safe(f"{view.pool} · {view.plan_name}")
