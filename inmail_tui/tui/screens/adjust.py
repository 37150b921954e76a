"""Reconcile: ask for the balance LinkedIn shows; the difference becomes an adjust event."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.validation import Integer
from textual.widgets import Button, Input, Static

from inmail_tui.core.words import credits
from inmail_tui.tui.commands import CANCEL, declare

BALANCE_RULE = "Enter the number LinkedIn shows: a whole number, 0 or more."


class AdjustScreen(ModalScreen[int | None]):
    """Dismisses with the balance LinkedIn shows, or None when cancelled or unchanged."""

    BINDINGS = declare(CANCEL)

    def __init__(self, balance: int) -> None:
        super().__init__()
        self._balance = balance

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = "Reconcile with LinkedIn"
            yield Static(
                f"inmail-tui counts {credits(self._balance)}. What does LinkedIn show now?",
                markup=False,
            )
            yield Input(
                placeholder="the number LinkedIn shows",
                type="integer",
                validators=[Integer(minimum=0, failure_description=BALANCE_RULE)],
                id="shown",
            )
            yield Static("", id="adjust-error", classes="error", markup=False)
            yield Static(
                "The difference is recorded as an adjustment; the history is never edited.",
                classes="hint",
                markup=False,
            )
            with Horizontal(classes="buttons"):
                yield Button("Reconcile", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _submit(self) -> None:
        field = self.query_one("#shown", Input)
        result = field.validate(field.value)
        if result is not None and not result.is_valid:
            self.query_one("#adjust-error", Static).update(BALANCE_RULE)
            field.focus()
            return
        shown = int(field.value)
        if shown == self._balance:
            self.notify("The balance already matches LinkedIn: nothing to record.")
            self.dismiss(None)
            return
        self.dismiss(shown)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
