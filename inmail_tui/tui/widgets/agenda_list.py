"""The day's agenda as a list: a heading per action with its count, then its lines (the prospect
and what it costs, then why, on two rows), the cursor on lines only. Every cell is the user's
text made safe (``terminal_safe``), never markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from inmail_tui.core.text import terminal_safe
from inmail_tui.core.words import first_up

if TYPE_CHECKING:
    from inmail_tui.core.agenda import Agenda, Group, Line

NAME_WIDTH = 24
WHY_INDENT = 4
NOTHING = "Nothing on the agenda today."


def line_key(line: Line) -> str:
    """A line's option id: its action and its prospect (one line per pair)."""
    return f"{line.action.value}:{line.prospect_id}"


def heading(group: Group) -> Text:
    """``"Send a connection request · 12"`` (``"12+"`` when more wait than the day shows)."""
    label = group.action.label
    count = f"{group.count:,}{'+' if group.more else ''}"
    return Text(f"{first_up(label)} · {count}", style="bold", no_wrap=True)


def line_text(line: Line) -> Text:
    """Two rows: ``"  Ann Lee                 free"``, then why, indented (each row cut with …
    where the width ends; the name cut to its column, counted in terminal cells)."""
    name = terminal_safe(line.name or line.url)
    if cell_len(name) > NAME_WIDTH - 1:
        name = set_cell_size(name, NAME_WIDTH - 2) + "…"
    text = Text("  " + set_cell_size(name, NAME_WIDTH))
    text.append(terminal_safe(line.cost), style="bold")
    text.append("\n" + " " * WHY_INDENT)
    text.append(terminal_safe(line.why), style="dim")
    return text


class AgendaList(OptionList):
    """``AgendaList().show(agenda)``; ``current`` is the line under the cursor (None: none)."""

    DEFAULT_CSS = """
    AgendaList { height: 1fr; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._by_key: dict[str, Line] = {}

    @property
    def current(self) -> Line | None:
        index = self.highlighted
        if index is None:
            return None
        return self._by_key.get(self.get_option_at_index(index).id or "")

    def show(self, agenda: Agenda) -> None:
        """Show ``agenda``; the cursor stays on its line, or on the line that took its place."""
        was = self.highlighted
        options: list[Option] = []
        self._by_key = {}
        for group in agenda.groups:
            if not group.lines:
                continue
            options.append(Option(heading(group), disabled=True))
            for line in group.lines:
                key = line_key(line)
                self._by_key[key] = line
                options.append(Option(line_text(line), id=key))
        if not options:
            options.append(Option(Text(NOTHING, style="dim"), disabled=True))
        self.set_options(options)
        self._put_cursor(was)

    def drop(self, line: Line) -> None:
        """Take ``line`` off at once (done, skipped or snoozed; the reload confirms it)."""
        key = line_key(line)
        if key not in self._by_key:
            return
        was = self.highlighted
        index = self.get_option_index(key)
        del self._by_key[key]
        self.remove_option(key)
        self._put_cursor(was if was is not None and was < index else index)

    def _put_cursor(self, near: int | None) -> None:
        """The cursor on the first line at or after ``near`` (else before it)."""
        count = self.option_count
        if not self._by_key or count == 0:
            self.highlighted = None
            return
        start = min(near or 0, count - 1)
        order = [*range(start, count), *range(start - 1, -1, -1)]
        self.highlighted = next(i for i in order if not self.get_option_at_index(i).disabled)
