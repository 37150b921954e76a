"""First run: pick the plan, the renewal day and today's balance as LinkedIn shows it.

The screen stays, with everything typed, until the planner has stored the pool: it closes itself
when its write is done (:class:`PoolStored`). A planner error (in a dialog) leaves every field as
it was.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.validation import Integer
from textual.widgets import Button, Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from inmail_tui.core.plans import Catalog, Plan, Renewal
from inmail_tui.core.words import credits
from inmail_tui.tui.commands import Command, declare
from inmail_tui.tui.planner_work import planner_work

DAY_RULE = "Renewal day: a number from 1 to 31."
BALANCE_RULE = "Balance: a whole number, 0 or more."
DAY_HINT = "The day your plan renews each month."
BALANCE_HINT = "The InMail credits LinkedIn shows you."
NO_CREDITS_HINT = "This plan has no InMail credits: nothing to count."


def has_credits(plan: Plan) -> bool:
    return plan.can_send_inmail and plan.allowance > 0


def plan_prompt(plan: Plan) -> Text:
    """A plan as the list shows it: the name, then what it grants and holds (plain text)."""
    text = Text(plan.name, style="bold")
    if not has_credits(plan):
        text.append("\nno InMail credits", style="dim")
    else:
        text.append(f"\n{plan.allowance:,} a month, cap {plan.cap:,}", style="dim")
    if plan.renewal == Renewal.CALENDAR_FIRST:
        text.append(", on the 1st", style="dim")
    return text


class PoolStored(Message, bubble=False):
    """The plan and balance are saved: ``text`` says so (a toast)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class OnboardingScreen(Screen[None]):
    TITLE = "Set up"
    BINDINGS = declare(
        Command(
            "onboarding.save",
            "ctrl+s",
            "save",
            "Save",
            "Setup",
            "Save the plan, renewal day and balance, and show the balance",
            priority=True,
        ),
    )

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self._plans = list(catalog)
        self._typed_day = ""
        self._typed_balance = ""
        self._stored = False  # the pool is saved: close as soon as this screen is on top

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        yield Static(
            "Welcome! Three answers from your LinkedIn account set up your credits.",
            id="welcome",
            markup=False,
        )
        with Horizontal(id="onboarding"):
            with Vertical(id="plans-column"):
                yield Label("1. Your plan")
                yield OptionList(
                    *(Option(plan_prompt(p), id=p.id) for p in self._plans), id="plans"
                )
            with VerticalScroll(id="form-column") as form:
                form.can_focus = False  # tab goes from field to field
                yield Label("2. Renewal day (1-31)")
                yield Input(
                    placeholder="e.g. 15",
                    type="integer",
                    validators=[Integer(minimum=1, maximum=31, failure_description=DAY_RULE)],
                    id="renewal-day",
                )
                yield Static(DAY_HINT, id="day-hint", classes="hint", markup=False)
                yield Label("3. Balance LinkedIn shows today")
                yield Input(
                    placeholder="e.g. 140",
                    type="integer",
                    validators=[Integer(minimum=0, failure_description=BALANCE_RULE)],
                    id="balance",
                )
                yield Static(BALANCE_HINT, id="balance-hint", classes="hint", markup=False)
                yield Static("", id="onboarding-errors", classes="error", markup=False)
                yield Button("Start", variant="primary", id="start")
        yield Footer()

    def on_mount(self) -> None:
        plans = self.query_one("#plans", OptionList)
        plans.highlighted = 0
        plans.focus()

    def on_pool_stored(self, message: PoolStored) -> None:
        self.notify(message.text, markup=False)
        self._stored = True
        self._close_if_stored()

    def on_screen_resume(self) -> None:
        self._close_if_stored()

    def _close_if_stored(self) -> None:
        if self._stored and self.is_current:
            self.dismiss(None)

    def chosen_plan(self) -> Plan | None:
        index = self.query_one("#plans", OptionList).highlighted
        return self._plans[index] if index is not None else None

    @on(OptionList.OptionHighlighted, "#plans")
    def _plan_changed(self) -> None:
        """A plan without credits has no renewal day or balance to give; one whose credits come
        on the 1st has no renewal day. What was typed comes back with another plan."""
        plan = self.chosen_plan()
        day = self.query_one("#renewal-day", Input)
        hint = self.query_one("#day-hint", Static)
        balance = self.query_one("#balance", Input)
        balance_hint = self.query_one("#balance-hint", Static)
        none = plan is not None and not has_credits(plan)
        if none or (plan is not None and plan.renewal == Renewal.CALENDAR_FIRST):
            if not day.disabled:
                self._typed_day = day.value
            day.value, day.disabled = "1", True
            hint.update(NO_CREDITS_HINT if none else "Credits arrive on the 1st each month.")
        elif day.disabled:
            day.value, day.disabled = self._typed_day, False
            hint.update(DAY_HINT)
        if none:
            if not balance.disabled:
                self._typed_balance = balance.value
            balance.value, balance.disabled = "0", True
            balance_hint.update(NO_CREDITS_HINT)
        elif balance.disabled:
            balance.value, balance.disabled = self._typed_balance, False
            balance_hint.update(BALANCE_HINT)

    @on(OptionList.OptionSelected, "#plans")
    def _plan_picked(self) -> None:
        self.focus_next()

    @on(Input.Submitted, "#renewal-day")
    def _day_entered(self) -> None:
        self.query_one("#balance", Input).focus()

    @on(Input.Submitted, "#balance")
    @on(Button.Pressed, "#start")
    def action_save(self) -> None:
        plan = self.chosen_plan()
        problems: list[tuple[str, str]] = []  # (widget id to focus, message)
        if plan is None:
            problems.append(("plans", "Plan: pick one in the list."))
        for field_id, rule in (("renewal-day", DAY_RULE), ("balance", BALANCE_RULE)):
            field = self.query_one(f"#{field_id}", Input)
            result = field.validate(field.value)
            if result is not None and not result.is_valid:
                problems.append((field_id, rule))
        errors = self.query_one("#onboarding-errors", Static)
        if problems or plan is None:
            errors.update("\n".join(message for _, message in problems))
            self.query_one(f"#{problems[0][0]}").focus()
            return
        errors.update("")
        plan_id = plan.id
        day = int(self.query_one("#renewal-day", Input).value)
        balance = int(self.query_one("#balance", Input).value)
        done = f"{plan.name} set up with {credits(balance)}"
        planner_work(self).write(
            self, lambda p: p.credits.set_plan(plan_id, day, balance), lambda _: PoolStored(done)
        )
