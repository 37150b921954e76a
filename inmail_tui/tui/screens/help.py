"""F1 help: every key, built from the live bindings (with the user's keymap), never a hand list.

First the keys of the screen help was opened on (its focused widget's, its own and the app's),
then the declared commands of the other screens, with the keys the keymap gives them (every
screen module is imported first, so screens not opened yet are listed too).
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Static

from inmail_tui.tui.commands import CANCEL, Command, all_commands, command_of, declare
from inmail_tui.tui.screens import load_all

Row = tuple[str, str, str]  # key(s), command, what it does


def _describe(active: ActiveBinding) -> tuple[str, str]:
    binding = active.binding
    command = command_of(binding)
    if command is not None:
        name, text = command.title, command.help
    else:  # a widget's own binding (the table's cursor keys, say): what it does, and where
        name = _action_words(binding)
        where = active.node.border_title if isinstance(active.node, Widget) else None
        if where:
            name = f"{where}: {name.lower()}"
        text = binding.tooltip or binding.description or name
    return name, text if active.enabled else f"{text} (not available yet)"


def _action_words(binding: Binding) -> str:
    """``"Cursor up"`` for ``cursor_up`` (a widget's binding without a description): the
    action in words, never a class name."""
    words = binding.description or binding.action.split("(", 1)[0].replace("_", " ")
    return words[:1].upper() + words[1:].lower()  # "Page left", not Textual's "Page Left"


CLOSE = Command("help.close", "f1", "cancel", "Close help", "Help", "Close this help", show=False)


class HelpScreen(ModalScreen[None]):
    BINDINGS = declare(CANCEL, CLOSE)

    def __init__(self, screen: Screen[object], keymap: dict[str, str]) -> None:
        super().__init__()
        self._screen = screen
        self._keymap = keymap
        load_all()

    def _key(self, binding: Binding, key: str) -> str:
        return self.app.get_key_display(binding.with_key(key))

    def rows_here(self) -> list[Row]:
        """One row per binding active on the screen, declared commands first.

        A command bound to two keys lists both.
        """
        keys: dict[tuple[bool, str, str], list[str]] = {}
        texts: dict[tuple[bool, str, str], str] = {}
        for key, active in self._screen.active_bindings.items():
            if active.binding.system:
                continue
            name, text = _describe(active)
            builtin = command_of(active.binding) is None
            ident = (builtin, active.binding.id or active.binding.action, name)
            keys.setdefault(ident, []).append(self._key(active.binding, key))
            texts[ident] = text
        return [(", ".join(keys[i]), i[2], texts[i]) for i in sorted(keys, key=lambda i: i[0])]

    def rows_elsewhere(self) -> list[Row]:
        """The declared commands not active on the screen, with their (remapped) keys."""
        skip = {a.binding.id for a in self._screen.active_bindings.values()}
        skip.add(CLOSE.id)
        rows = []
        for command in all_commands():
            if command.id in skip:
                continue
            keys = self._keymap.get(command.id, command.key).split(",")
            shown = ", ".join(self._key(command.binding(), k.strip()) for k in keys)
            rows.append((shown, command.title, command.help))
        return rows

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help") as dialog:
            dialog.border_title = "Keys"
            dialog.border_subtitle = "escape or F1 to close"
            name = self._screen.title or type(self._screen).__name__
            yield Static(_table(f"Here: {name}", self.rows_here()), id="help-here")
            elsewhere = self.rows_elsewhere()
            if elsewhere:
                yield Static(_table("Elsewhere", elsewhere), id="help-elsewhere")

    def action_cancel(self) -> None:
        self.dismiss(None)


def _table(title: str, rows: list[Row]) -> Table:
    """A key table; every cell is plain text (``Text``), never markup."""
    table = Table(
        title=Text(title, style="bold"),
        title_justify="left",
        box=None,
        expand=True,
        show_edge=False,
        pad_edge=False,
    )
    table.add_column("Key", no_wrap=True, style="bold", min_width=12)  # both tables alike
    table.add_column("Command", ratio=2)  # both wrap, the text first, on a narrow terminal
    table.add_column("What it does", ratio=3)
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    return table
