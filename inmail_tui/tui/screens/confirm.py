"""A reusable yes/no dialog that states what the action costs before it is taken."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from inmail_tui.core.text import terminal_safe
from inmail_tui.tui.commands import CANCEL, declare


class ConfirmScreen(ModalScreen[bool]):
    """Dismisses with True when confirmed, False when cancelled (escape or the button)."""

    BINDINGS = declare(CANCEL)

    def __init__(
        self, title: str, body: str, confirm: str, *, cost: str | None = None, danger: bool = False
    ) -> None:
        super().__init__()
        self._title = title
        self._body = body
        self._confirm = confirm
        self._cost = cost
        self._danger = danger

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = terminal_safe(self._title)
            yield Static(terminal_safe(self._body, keep_newlines=True), markup=False)
            if self._cost is not None:
                yield Static(terminal_safe(f"Cost: {self._cost}"), classes="cost", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(
                    self._confirm, variant="error" if self._danger else "primary", id="confirm"
                )
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#confirm", Button).focus()

    @on(Button.Pressed, "#confirm")
    def _confirmed(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)


class UnsavedScreen(ModalScreen[str]):
    """Unsaved changes about to be lost: dismisses with ``"save"`` (save, then go on),
    ``"discard"`` (go on without saving) or ``"cancel"`` (stay; escape too)."""

    BINDINGS = declare(CANCEL)

    def __init__(self, title: str, body: str) -> None:
        super().__init__()
        self._title = title
        self._body = body

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = terminal_safe(self._title)
            yield Static(terminal_safe(self._body, keep_newlines=True), markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Discard changes", variant="error", id="discard")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#discard", Button).focus()  # as before: enter goes on

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "cancel")

    def action_cancel(self) -> None:
        self.dismiss("cancel")
