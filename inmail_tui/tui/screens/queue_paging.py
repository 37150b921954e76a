"""How the queue fetches its pages: by keyset (after or before the sort key of a row already
seen), read through the app's planner work (``planner_work.py``), which posts a message back;
"N of M" and the summary line are counted once the page asked for has painted, never on the key
path.

:class:`QueuePaging` holds what the queue shows (query, page, selection, counts) and the
lines that count it; the screen (``queue.py``) adds the keys, the query and the selection.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from inmail_tui.tui.planner_work import planner_work
from inmail_tui.tui.screens.queue_actions import TriageActions, people
from inmail_tui.tui.screens.queue_lines import Line, summary_line
from inmail_tui.tui.widgets.queue_table import QueueTable

if TYPE_CHECKING:
    from inmail_tui.planner import Planner
    from inmail_tui.planner.queue import Cursor, QueuePage, QueueQuery, QueueSummary
    from inmail_tui.tui.widgets.queue_filters import FilterDialog

CHROME_ROWS = 7  # the screen's lines that are not table rows (header to footer)


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a page starts: after a key, before a key, at the end, or (all None) at the top."""

    after: Cursor | None = None
    before: Cursor | None = None
    to_end: bool = False


class PageLoaded(Message):
    def __init__(self, serial: int, anchor: Anchor, page: QueuePage, row: int, keep: int | None):
        super().__init__()
        self.serial, self.anchor, self.page, self.row, self.keep = serial, anchor, page, row, keep


class CountLoaded(Message):
    def __init__(self, query: QueueQuery, matching: int, total: int) -> None:
        super().__init__()
        self.query, self.matching, self.total = query, matching, total


class SummaryLoaded(Message):
    def __init__(self, summary: QueueSummary) -> None:
        super().__init__()
        self.summary = summary


class QueuePaging(TriageActions):
    """The queue's pages, "N of M" and the summary line, fetched in workers."""

    def __init__(self) -> None:
        super().__init__()
        self._query: QueueQuery | None = None
        self._anchor = Anchor()
        self._page: QueuePage | None = None
        self._serial = 0  # the newest page asked for; older answers are dropped
        self._selected: set[int] = set()
        self._counted: tuple[int, int] | None = None  # (matching, total) for the current query
        self._summary: QueueSummary | None = None
        self._recount_due = False  # count "N of M" once the page asked for has painted
        self._resummarise_due = False  # the summary line, likewise (after a change)
        self._focus_table = False  # back to the table when the page asked for arrives
        self._filter_dialog: FilterDialog | None = None  # a dialog to close when that page arrives

    @property
    def queue_query(self) -> QueueQuery:
        """What the queue shows now (filters, search, sort)."""
        if self._query is None:
            from inmail_tui.planner.queue import QueueQuery

            self._query = QueueQuery()
        return self._query

    def _fit(self) -> None:
        """Fetch again when the table has room for a different number of rows."""
        if self._page is not None and self.table.page_size != len(self._page.items):
            more = self._page.next_cursor is not None or self._page.prev_cursor is not None
            if more or self.table.page_size < len(self._page.items):
                self.reload()

    # -- loading ----------------------------------------------------------------------------
    def load(
        self,
        anchor: Anchor,
        *,
        row: int = 0,
        keep: int | None = None,
        recount: bool = False,
        resummarise: bool = False,
    ) -> None:
        """Fetch the page at ``anchor``; the cursor lands on prospect ``keep`` if it is there,
        else on row ``row`` (-1: the last). "N of M" (``recount``) and the summary line
        (``resummarise``) are counted once that page has painted."""
        self._serial += 1
        self._recount_due |= recount
        self._resummarise_due |= resummarise
        size = self.table.page_size if self.table.size.height else self.app.size.height
        limit = max(1, size - (0 if self.table.size.height else CHROME_ROWS))
        query, serial = self.queue_query, self._serial

        def page(planner: Planner) -> QueuePage:
            return planner.queue.page(
                query, after=anchor.after, before=anchor.before, to_end=anchor.to_end, limit=limit
            )

        planner_work(self).read(
            self, page, lambda p: PageLoaded(serial, anchor, p, row, keep), key="queue.page"
        )

    def reload(self, *, recount: bool = False, resummarise: bool = False) -> None:
        """The current page again (after a change), the cursor on the same prospect."""
        current = self.table.current
        self.load(
            self._anchor,
            row=self.table.cursor_row,
            keep=current.row.id if current else None,
            recount=recount,
            resummarise=resummarise,
        )

    def _count_after_paint(self) -> None:
        work = planner_work(self)
        if self._recount_due:
            self._recount_due = False
            query = self.queue_query

            def count(planner: Planner) -> CountLoaded:
                total = planner.queue.total()
                narrowed = query.search.strip() or query.tags or query.statuses
                matching = planner.queue.count(query) if narrowed or query.cost_classes else total
                return CountLoaded(query, matching, total)

            work.read(self, count, lambda loaded: loaded, key="queue.count")
        if self._resummarise_due:
            self._resummarise_due = False
            work.read(self, lambda p: p.queue.summary(), SummaryLoaded, key="queue.summary")

    def on_page_loaded(self, message: PageLoaded) -> None:
        if message.serial != self._serial:
            return
        self._page, self._anchor = message.page, message.anchor
        items = message.page.items
        ids = [item.row.id for item in items]
        row = ids.index(message.keep) if message.keep in ids else message.row
        if self._filter_dialog is not None:
            self._filter_dialog.dismiss()
            self._filter_dialog = None
        had_rows = bool(self.table.items)
        self.table.show(items, self._selected, len(items) - 1 if row < 0 else row)
        if self._focus_table:
            self._focus_table = False
            self.table.focus()
        if self._recount_due:
            self._counted = None
        self._show_count()
        if had_rows != bool(items):
            self.refresh_bindings()  # the row actions are offered only when there is a row
        if self._recount_due or self._resummarise_due:
            self.call_after_refresh(self._count_after_paint)

    def on_count_loaded(self, message: CountLoaded) -> None:
        if message.query == self._query:
            self._counted = (message.matching, message.total)
            self._show_count()

    def on_summary_loaded(self, message: SummaryLoaded) -> None:
        self._summary = message.summary
        self._show_summary()

    def on_queue_table_page_requested(self, message: QueueTable.PageRequested) -> None:
        page = self._page
        if page is None:
            return
        if message.where == "first":
            self.load(Anchor())
        elif message.where == "last":
            self.load(Anchor(to_end=True), row=-1)
        elif message.where == "next" and page.next_cursor is not None:
            self.load(Anchor(after=page.next_cursor))
        elif message.where == "prev" and page.prev_cursor is not None:
            self.load(Anchor(before=page.prev_cursor), row=-1)

    def changed(self, *, from_top: bool = False) -> None:
        if from_top:
            self.load(Anchor(), recount=True, resummarise=True)
        else:
            self.reload(recount=True, resummarise=True)

    # -- the lines that count what is shown --------------------------------------------------
    def _show_summary(self) -> None:
        if self._summary is not None:
            line = self.query_one("#queue-summary", Line)
            line.text = summary_line(self._summary, line.content_size.width or self.size.width)

    def _show_count(self) -> None:
        shown = len(self._page.items) if self._page is not None else 0
        if self._counted is None:
            text = f"{shown:,} shown · counting…" if self._page is not None else "Loading…"
        else:
            matching, total = self._counted
            if total == 0:
                text = "No prospects yet: press i to import a CSV file"
            else:
                text = f"{matching:,} of {people(total)}"
        if self._selected:
            text += f" · {len(self._selected):,} selected (escape unselects)"
        self.query_one("#queue-count", Line).text = text
