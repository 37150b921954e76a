"""The queue's table: ONE page of prospects at a time, never the whole list.

The screen fetches a page (keyset-paged in SQL) and hands it to :meth:`QueueTable.show`; the
table asks for the next or previous page with :class:`QueueTable.PageRequested` when the cursor
goes past either end, on PageDown/PageUp, Home/End and when the mouse wheel scrolls past the end.
Every cell is a Rich ``Text`` built from plain strings: a name like ``[b]x[/b]`` shows as typed,
and control characters (an escape, a bell) show as visible symbols instead of reaching the terminal.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widgets import DataTable

from inmail_tui.tui.commands import Command, declare
from inmail_tui.tui.widgets.prospect_words import (
    COST_COLOURS,
    STATUS_WORDS,
    decision_words,
    due_words,
    plain,
)

if TYPE_CHECKING:
    from inmail_tui.planner.queue import QueueItem

Where = Literal["next", "prev", "first", "last"]

SELECTED = "●"


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    label: str
    width: int  # fixed width, or the minimum of a flexible one
    weight: int = 0  # share of the width left over (0: fixed)
    wide_only: bool = False  # dropped below WIDE columns of terminal


WIDE = 110
_COLUMNS = (
    Column("sel", " ", 1),
    Column("priority", "P", 1, wide_only=True),
    Column("name", "Name", 10, 5),
    Column("company", "Company", 8, 3),
    Column("title", "Title", 8, 3, wide_only=True),
    Column("tags", "Tags", 6, 3),
    Column("decision", "Decision", 17),
    Column("status", "Status", 14),
    Column("next", "Next action", 12, 5),
    Column("due", "Due", 6, wide_only=True),
)


def layout(width: int) -> list[tuple[Column, int]]:
    """The columns shown at ``width`` cells and the width each gets."""
    wide = width >= WIDE
    shown = [c for c in _COLUMNS if wide or not c.wide_only]
    if not wide:  # narrower: the cost without its channel; "do not contact" cut
        narrow = {
            "decision": Column("decision", "Cost", 11),
            "status": Column("status", "Status", 9),
        }
        shown = [narrow.get(c.key, c) for c in shown]
    padding = 2 * len(shown) + 1  # a cell of padding each side, and the scrollbar's column
    spare = width - padding - sum(c.width for c in shown)
    weights = sum(c.weight for c in shown)
    return [(c, c.width + max(0, spare) * c.weight // weights) for c in shown]


class QueueTable(DataTable[Text]):
    """One page of the queue. ``items`` holds the rows shown, in order."""

    DEFAULT_CSS = """
    QueueTable {
        height: 1fr;
        scrollbar-size-vertical: 1;
    }
    """

    BINDINGS = declare(
        Command(
            "queue.page_down",
            "pagedown",
            "page('next')",
            "Next page",
            "Queue",
            "Show the next page of prospects",
            show=False,
        ),
        Command(
            "queue.page_up",
            "pageup",
            "page('prev')",
            "Previous page",
            "Queue",
            "Show the previous page of prospects",
            show=False,
        ),
        Command(
            "queue.first",
            "home",
            "page('first')",
            "First page",
            "Queue",
            "Go to the top of the queue",
            show=False,
        ),
        Command(
            "queue.last",
            "end",
            "page('last')",
            "Last page",
            "Queue",
            "Go to the end of the queue",
            show=False,
        ),
    )

    class PageRequested(Message):
        """The user went past an end of the page: show the ``where`` page."""

        def __init__(self, where: Where) -> None:
            super().__init__()
            self.where = where

    class Shown(Message):
        """New rows are shown (a page, a search, a reload): the row under the cursor may be
        another prospect even where the cursor did not move (the detail pane follows it)."""

    def __init__(self, today: date, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.today = today
        self.items: list[QueueItem] = []
        self._selected: Set[int] = frozenset()
        self._widths: list[tuple[Column, int]] = []

    @property
    def page_size(self) -> int:
        """How many rows fit: the page the screen should fetch."""
        return max(1, self.scrollable_content_region.height - (1 if self.show_header else 0))

    @property
    def current(self) -> QueueItem | None:
        """The prospect under the cursor."""
        if not self.items or not 0 <= self.cursor_row < len(self.items):
            return None
        return self.items[self.cursor_row]

    # -- showing a page ---------------------------------------------------------------------
    def show(self, items: Sequence[QueueItem], selected: Set[int], cursor: int) -> None:
        """Replace the rows with ``items``; the cursor goes to row ``cursor`` (clamped)."""
        self.items = list(items)
        self._selected = selected
        self._fill()
        if self.items:
            self.move_cursor(row=min(max(cursor, 0), len(self.items) - 1), animate=False)
        # made in the table's own turn: made in the pager's, it would stop at the pager
        self.call_later(lambda: self.post_message(self.Shown()))

    def mark_selected(self, selected: Set[int]) -> None:
        """Redraw only the selection marks."""
        self._selected = selected
        for item in self.items:
            mark = self._mark(item.row.id)
            self.update_cell(str(item.row.id), "sel", mark)

    def _fill(self) -> None:
        widths = layout(self.size.width or WIDE)
        if widths != self._widths:
            self._widths = widths
            self.clear(columns=True)
            for column, width in widths:
                self.add_column(column.label, width=width, key=column.key)
        else:
            self.clear()
        for item in self.items:
            self.add_row(*self._cells(item), key=str(item.row.id))

    def on_resize(self, event: events.Resize) -> None:
        if layout(event.size.width) != self._widths:
            cursor = self.cursor_row
            self._fill()
            if self.items:
                self.move_cursor(row=min(cursor, len(self.items) - 1), animate=False)

    def _mark(self, prospect_id: int) -> Text:
        if prospect_id in self._selected:
            return Text(SELECTED, style=self.app.theme_variables.get("accent", ""))
        return Text(" ")

    def _cells(self, item: QueueItem) -> list[Text]:
        row, colours = item.row, self.app.theme_variables
        short = not any(column.key == "title" for column, _ in self._widths)
        decision = Text(
            decision_words(item.decision, short=short),
            style=colours.get(COST_COLOURS[item.decision.cost_class], ""),
            no_wrap=True,
            overflow="ellipsis",
        )
        late = item.next_action.due is not None and item.next_action.due < self.today
        due = Text(due_words(item.next_action, self.today))
        if late:
            due.stylize(colours.get("text-warning", ""))
        cells = {
            "sel": self._mark(row.id),
            "priority": Text(str(row.priority)),
            "name": plain(row.full_name or row.url),
            "company": plain(row.company),
            "title": plain(row.title),
            "tags": plain(" ".join(item.tags)),
            "decision": decision,
            "status": plain(STATUS_WORDS.get(row.status, row.status)),
            "next": plain(item.next_action.label),
            "due": due,
        }
        return [cells[column.key] for column, _ in self._widths]

    # -- paging -----------------------------------------------------------------------------
    def action_page(self, where: Where) -> None:
        self.post_message(self.PageRequested(where))

    def action_cursor_down(self) -> None:
        if self.items and self.cursor_row >= len(self.items) - 1:
            self.post_message(self.PageRequested("next"))
            return
        super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.items and self.cursor_row <= 0:
            self.post_message(self.PageRequested("prev"))
            return
        super().action_cursor_up()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        if self.scroll_y >= self.max_scroll_y:
            event.stop()
            self.post_message(self.PageRequested("next"))

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        if self.scroll_y <= 0:
            event.stop()
            self.post_message(self.PageRequested("prev"))
