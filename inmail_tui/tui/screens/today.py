"""The Today screen: the spend plan as a timeline up to the next two grants, above today's agenda
(``planner.agenda.day()``: a heading per action with its count, then its lines) and the keys
that act on the line under the cursor: draft it (the drafter on that prospect and channel), mark
it done, skip it today, snooze it for some days, open the profile.

The plan (``planner.spending.plan()``, to the second coming grant) and the agenda are read
through the app's planner work (``planner_work.py``) when the screen is first shown and again
after every write (:class:`DataChanged`), here or on another screen; while another mode is on
top, once back. So a line done here leaves at once (it is dropped before the write, which the
reload confirms), and a send marked in the drafter or the queue is gone when you come back. A
plan the planner refuses (no pool yet) gets its sentence in the chart's place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header

from inmail_tui.core.text import terminal_safe
from inmail_tui.core.words import credits, full_day, plural
from inmail_tui.errors import UserError
from inmail_tui.tui.commands import Command, declare
from inmail_tui.tui.planner_work import DataChanged, JobFailed, planner_work
from inmail_tui.tui.widgets.agenda_list import AgendaList
from inmail_tui.tui.widgets.line import Line
from inmail_tui.tui.widgets.short_footer import ShortFooter
from inmail_tui.tui.widgets.spend_timeline import SpendTimeline, legend

if TYPE_CHECKING:
    from inmail_tui.core.agenda import Line as AgendaLine
    from inmail_tui.planner import Planner
    from inmail_tui.planner.agenda import AgendaView, HoldResult
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


class AgendaRead(Message, bubble=False):
    """The day's agenda, as just read."""

    def __init__(self, view: AgendaView) -> None:
        super().__init__()
        self.view = view


class Held(Message, bubble=False):
    """A line was done, skipped or snoozed: ``text`` says so (a toast)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


SNOOZE_DEFAULT = 7  # days, offered in the snooze prompt
# Every key of the screen acts on the line under the cursor (dimmed while there is none).
_ON_A_LINE_COMMANDS = (
    Command("today.draft", "d", "draft", "Draft", "Today",
            "Open the drafter on this line's prospect and channel (enter too)"),
    Command("today.done", "x", "done", "Done", "Today",
            "Mark this line done (its step is recorded in the pipeline)"),
    Command("today.skip", "s", "skip", "Skip today", "Today",
            "Leave this line until tomorrow"),
    Command("today.snooze", "z", "snooze", "Snooze…", "Today",
            "Leave this line for some days"),
    Command("today.open", "o", "open", "Open", "Today",
            "Open the profile in the browser", hide_below=100),
)  # fmt: skip
_ON_A_LINE = frozenset(command.action for command in _ON_A_LINE_COMMANDS)


def plan_summary(view: SpendPlanView) -> str:
    """``"To 1 Jan 2027: 12 InMails and 5 requests planned, 37 credits still lost"``."""
    plan = view.plan
    inmails = plural(plan.credits_used, "InMail")
    requests = plural(len(plan.requests), "request")
    lost = f", {credits(plan.credits_lost)} still lost" if plan.credits_lost else ", none lost"
    return f"To {full_day(plan.until)}: {inmails} and {requests} planned{lost}"


class TodayScreen(Screen[None]):
    TITLE = "Today"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (36, "-tall")]  # a taller chart from 36 rows
    BINDINGS = declare(*_ON_A_LINE_COMMANDS)
    DEFAULT_CSS = """
    TodayScreen #today-plan {
        height: 7;
        border: round $primary 60%;
        border-title-color: $text-primary;
        border-subtitle-color: $text-muted;
        padding: 0 1;
    }
    TodayScreen.-tall #today-plan { height: 10; }
    TodayScreen #today-plan-summary { color: $text-muted; }
    TodayScreen #today-forfeit { color: $text-warning; text-style: bold; padding: 0 1; }
    TodayScreen #today-agenda {
        border: round $primary 60%;
        border-title-color: $text-primary;
        border-subtitle-color: $text-muted;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._stale = False  # another mode may have changed what the plan holds
        self._balance: int | None = None  # today's, with the plan last read

    @property
    def inmail(self) -> InmailApp:
        return cast("InmailApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        with Vertical(id="today-plan") as plan:
            plan.border_title = "Spend plan"
            plan.border_subtitle = legend()
            yield Line("", id="today-plan-summary")
            yield SpendTimeline()
        yield Line("", id="today-forfeit")  # the forfeit deadline, when credits are at risk
        agenda = AgendaList(id="today-agenda")
        agenda.border_title = "Agenda"
        yield agenda
        yield ShortFooter(compact_below=120)

    @property
    def agenda(self) -> AgendaList:
        return self.query_one(AgendaList)

    def on_mount(self) -> None:
        planner_work(self).subscribe(self)
        self.app.mode_change_signal.subscribe(self, self._mode_changed)
        self.agenda.focus()
        self._reload()

    # -- coming back, and data that changed ----------------------------------------------------
    def _mode_changed(self, mode: str) -> None:
        if mode != "today":
            self._stale = True

    def on_screen_resume(self) -> None:
        if self._stale:
            self._stale = False
            self._reload()

    def on_data_changed(self, _message: DataChanged) -> None:
        if self in self.app.screen_stack:
            self._reload()
        else:
            self._stale = True

    def on_job_failed(self, message: JobFailed) -> None:
        """A done, skip or snooze was refused (the error dialog says why): show the agenda as
        it is, the line back. A read that failed is not read again (it would fail again, a
        dialog each time)."""
        if message.wrote:
            self._reload()

    def _reload(self) -> None:
        work = planner_work(self)
        work.read(self, lambda p: AgendaRead(p.agenda.day()), lambda read: read, key="today.agenda")
        work.read(self, read_plan, lambda read: read, key="today.plan")

    # -- the agenda ----------------------------------------------------------------------------
    def on_agenda_read(self, message: AgendaRead) -> None:
        view = message.view
        self.agenda.show(view.agenda)
        lines = len(view.lines)
        self.agenda.border_title = f"Agenda · {plural(lines, 'line')}"
        left = view.agenda.invitations_left
        said = [f"{credits(view.agenda.available)} to spend"]
        if left is not None:
            said.append(f"{plural(left, 'invitation')} left this week")
        self.agenda.border_subtitle = " · ".join(said)
        forfeit = self.query_one("#today-forfeit", Line)
        forfeit.text = view.forfeit.says() if view.forfeit is not None else ""
        forfeit.display = view.forfeit is not None
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action not in _ON_A_LINE:
            return True
        line = self.agenda.current if self.is_mounted else None
        if line is None:
            return None  # shown, dimmed, until there is a line
        if action == "draft" and line.channel is None:
            return None  # nothing is written for it (a withdrawal, a credit-back window)
        return True

    def on_option_list_option_highlighted(self) -> None:
        self.refresh_bindings()

    def on_option_list_option_selected(self) -> None:
        self.action_draft()

    def action_draft(self) -> None:
        line = self.agenda.current
        if line is not None and line.channel is not None:
            self.inmail.open_drafter(line.prospect_id, line.channel)

    def action_open(self) -> None:
        line = self.agenda.current
        if line is not None:
            self.app.open_url(line.url)

    def action_done(self) -> None:
        line = self.agenda.current
        if line is not None:
            self._hold(line, lambda p: p.agenda.done(line.prospect_id, line.action))

    def action_skip(self) -> None:
        line = self.agenda.current
        if line is not None:
            self._hold(line, lambda p: p.agenda.skip(line.prospect_id, line.action))

    def action_snooze(self) -> None:
        from inmail_tui.tui.screens.prompt import PromptScreen

        line = self.agenda.current
        if line is None:
            return

        def snooze(typed: str | None) -> None:
            if not typed:
                return
            try:
                days = int(typed)
            except ValueError:
                self.notify(
                    f"Snooze for a number of days, not {typed!r}.", severity="warning", markup=False
                )
                return
            self._hold(line, lambda p: p.agenda.snooze(line.prospect_id, line.action, days))

        name = line.name or line.url
        self.app.push_screen(
            PromptScreen(
                "Snooze",
                f"Leave {name} ({line.action.label}) for how many days?",
                str(SNOOZE_DEFAULT),
                confirm="Snooze",
            ),
            snooze,
        )

    def _hold(self, line: AgendaLine, job: Callable[[Planner], HoldResult]) -> None:
        """Take ``line`` off at once and record why (the reload after the write confirms it;
        a refusal puts it back)."""
        self.agenda.drop(line)
        self.refresh_bindings()
        planner_work(self).write(self, job, lambda held: Held(held.message))

    def on_held(self, message: Held) -> None:
        self.notify(message.text, markup=False)

    # -- the spend plan ------------------------------------------------------------------------

    def _title_plan(self) -> None:
        """The chart's title: by day or by week (as the width allows), and today's balance."""
        if self._balance is None:
            return
        unit = "week" if self.query_one(SpendTimeline).by_week else "day"
        title = f"Spend plan by {unit}: {credits(self._balance)} today"
        self.query_one("#today-plan").border_title = title

    def on_resize(self) -> None:
        self.call_after_refresh(self._title_plan)  # the timeline has its new width then

    def on_plan_read(self, message: PlanRead) -> None:
        summary = self.query_one("#today-plan-summary", Line)
        box = self.query_one("#today-plan")
        if message.view is None:
            summary.text = terminal_safe(message.problem)
            box.border_title = "Spend plan"
            self._balance = None
            return
        view = message.view
        summary.text = plan_summary(view)
        self._balance = view.balance
        self.query_one(SpendTimeline).show(view.plan)
        self._title_plan()
        self.sub_title = terminal_safe(f"{view.pool} · {view.plan_name}")
