"""Small reusable dialogs: ask for a line or a block of text, or pick one choice from a list.

``PromptScreen`` dismisses with the text typed (stripped) or None when cancelled; with
``multiline`` it is a text area saved with ctrl+s. ``ChoiceScreen`` dismisses with the id of the
option picked or None. Everything shown is plain text, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from inmail_tui.core.text import terminal_safe
from inmail_tui.tui.commands import CANCEL, Command, declare


class PromptScreen(ModalScreen[str | None]):
    DEFAULT_CSS = """
    PromptScreen TextArea {
        height: 8;
    }
    """

    BINDINGS = declare(
        CANCEL,
        Command(
            "dialog.save",
            "ctrl+s",
            "save",
            "Save",
            "Dialog",
            "Save what you typed and close the dialog",
            priority=True,
        ),
    )

    def __init__(
        self,
        title: str,
        question: str,
        value: str = "",
        *,
        placeholder: str = "",
        multiline: bool = False,
        confirm: str = "Save",
    ) -> None:
        super().__init__()
        self._title = title
        self._question = question
        self._value = value
        self._placeholder = placeholder
        self._multiline = multiline
        self._confirm = confirm

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = terminal_safe(self._title)
            if self._multiline:
                dialog.border_subtitle = "ctrl+s saves · escape cancels"
            yield Static(terminal_safe(self._question, keep_newlines=True), markup=False)
            if self._multiline:
                value = terminal_safe(self._value, keep_newlines=True)
                yield TextArea(value, id="prompt-text", soft_wrap=True)
            else:
                yield Input(
                    terminal_safe(self._value), placeholder=self._placeholder, id="prompt-text"
                )
            with Horizontal(classes="buttons"):
                yield Button(self._confirm, variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#prompt-text").focus()

    @property
    def text(self) -> str:
        if self._multiline:
            return self.query_one("#prompt-text", TextArea).text.strip()
        return self.query_one("#prompt-text", Input).value.strip()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def action_save(self) -> None:
        self.dismiss(self.text)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceScreen(ModalScreen[str | None]):
    """``ChoiceScreen(title, [(id, label), ...])``: enter picks the highlighted option."""

    BINDINGS = declare(CANCEL)

    def __init__(self, title: str, choices: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self._title = title
        self._choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = terminal_safe(self._title)
            dialog.border_subtitle = "enter picks · escape cancels"
            yield OptionList(
                *(Option(Text(terminal_safe(label)), id=key) for key, label in self._choices)
            )

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
