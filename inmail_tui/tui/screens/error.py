"""A dialog for an error the user must read; it closes with enter or escape."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from inmail_tui.core.text import terminal_safe
from inmail_tui.tui.commands import CANCEL, declare


class ErrorScreen(ModalScreen[None]):
    BINDINGS = declare(CANCEL)

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self._title = title
        self._message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -error") as dialog:
            dialog.border_title = terminal_safe(self._title)
            yield Static(
                terminal_safe(self._message, keep_newlines=True), id="error-message", markup=False
            )
            with Horizontal(classes="buttons"):
                yield Button("OK", variant="primary", id="ok")

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    @on(Button.Pressed, "#ok")
    def action_cancel(self) -> None:
        self.dismiss(None)
