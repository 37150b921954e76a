"""Record credits bought on LinkedIn, in the plan's blocks; says so when the plan cannot buy."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.validation import Integer
from textual.widgets import Button, Input, Static

from inmail_tui.core.plans import Plan
from inmail_tui.core.words import credits
from inmail_tui.tui.commands import CANCEL, declare

BLOCKS_RULE = "Enter how many blocks you bought: a whole number, 1 or more."


def purchase_cost(plan: Plan, blocks: int) -> str:
    """``"20 credits"``, with the price when the plan sets one: ``"20 credits, about 50.00"``."""
    bought = blocks * plan.purchase_block
    if plan.price_per_credit > 0:
        return f"{credits(bought)}, about {bought * plan.price_per_credit:,.2f}"
    return credits(bought)


class PurchaseScreen(ModalScreen[int | None]):
    """Dismisses with the number of blocks bought, or None."""

    BINDINGS = declare(CANCEL)

    def __init__(self, plan: Plan) -> None:
        super().__init__()
        self._plan = plan

    def compose(self) -> ComposeResult:
        plan = self._plan
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = "Record a purchase"
            if not plan.can_buy:
                yield Static(
                    f"{plan.name} cannot buy extra InMail credits: LinkedIn sells them only "
                    "with plans that allow it. Nothing to record.",
                    id="cannot-buy",
                    markup=False,
                )
                with Horizontal(classes="buttons"):
                    yield Button("Close", variant="primary", id="cancel")
                return
            yield Static(
                f"Credits come in blocks of {plan.purchase_block}. How many blocks did you buy?",
                markup=False,
            )
            yield Input(
                value="1",
                type="integer",
                validators=[Integer(minimum=1, failure_description=BLOCKS_RULE)],
                id="blocks",
            )
            yield Static(purchase_cost(plan, 1), id="purchase-total", markup=False)
            yield Static("", id="purchase-error", classes="error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Next", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#cancel" if not self._plan.can_buy else "#blocks").focus()

    @on(Input.Changed)
    def _total(self, event: Input.Changed) -> None:
        valid = event.validation_result is None or event.validation_result.is_valid
        total = purchase_cost(self._plan, int(event.value)) if valid else ""
        self.query_one("#purchase-total", Static).update(total)

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _submit(self) -> None:
        field = self.query_one("#blocks", Input)
        result = field.validate(field.value)
        if result is not None and not result.is_valid:
            self.query_one("#purchase-error", Static).update(BLOCKS_RULE)
            field.focus()
            return
        self.dismiss(int(field.value))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
