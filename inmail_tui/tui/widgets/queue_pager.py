"""The queue's pager: the table of ONE page of prospects, the line that counts them ("N of M")
and the summary line, with the query they show and the selection.

A page is read by keyset: after (or before) the sort key of a row already seen, so PageDown deep
in a million rows costs what the first page costs. Every read is a planner read
(``planner_work.py``) whose answer comes back as a message to the pager; only the newest page
asked for is shown. "N of M" and the summary are counted once the page asked for has painted,
never on the key path; a page arrives in one repaint (the rows, the count line and whatever
waited for it, such as the filter dialog closing).

The selection (prospect ids) survives paging and sorting; a new search or filter clears it, so
an action never reaches rows that are no longer shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from inspect import isawaitable
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message

from inmail_tui.tui.planner_work import planner_work
from inmail_tui.tui.widgets.line import Line
from inmail_tui.tui.widgets.queue_table import QueueTable

if TYPE_CHECKING:
    from inmail_tui.planner import Planner
    from inmail_tui.planner.queue import Cursor, QueueItem, QueuePage, QueueQuery, QueueSummary

CHROME_ROWS = 7  # the screen's lines that are not table rows (header to footer)


def people(n: int) -> str:
    return "1 prospect" if n == 1 else f"{n:,} prospects"


def summary_line(summary: QueueSummary, width: int) -> str:
    """The summary's sentence, or a shorter one when it does not fit in ``width`` cells."""
    text = summary.text()
    if len(text) <= width:
        return text
    of = f" of {summary.balance:,}" if summary.balance is not None else ""
    return (
        f"{summary.free:,} free · {summary.credit:,} cost 1 credit · {summary.blocked:,} blocked"
        f" · strong fits: {summary.strong_fit_credit:,}{of} credits"
    )


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a page starts: after a key, before a key, at the end, or (all None) at the top."""

    after: Cursor | None = None
    before: Cursor | None = None
    to_end: bool = False


class PageLoaded(Message, bubble=False):
    """Page ``serial`` (only the newest is shown); the cursor goes to prospect ``keep`` if it is
    on the page, else to row ``row`` (-1: the last)."""

    def __init__(self, serial: int, anchor: Anchor, page: QueuePage, row: int, keep: int | None):
        super().__init__()
        self.serial, self.anchor, self.page, self.row, self.keep = serial, anchor, page, row, keep


class CountLoaded(Message, bubble=False):
    def __init__(self, query: QueueQuery, matching: int, total: int) -> None:
        super().__init__()
        self.query, self.matching, self.total = query, matching, total


class SummaryLoaded(Message, bubble=False):
    def __init__(self, summary: QueueSummary) -> None:
        super().__init__()
        self.summary = summary


class QueuePager(Vertical):
    """``QueuePager(today)``: show :attr:`queue_query` a page at a time (the module's docstring
    says how)."""

    DEFAULT_CSS = """
    QueuePager { height: 1fr; }
    QueuePager #queue-count { height: 1; padding: 0 1; background: $panel; }
    QueuePager #queue-summary { height: 1; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, today: date, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._today = today
        self._query: QueueQuery | None = None
        self._anchor = Anchor()
        self._page: QueuePage | None = None
        self._serial = 0  # the newest page asked for; older answers are dropped
        self._selected: set[int] = set()
        self._counted: tuple[int, int] | None = None  # (matching, total) for the current query
        self._summary: QueueSummary | None = None
        self._recount_due = False  # count "N of M" once the page asked for has painted
        self._resummarise_due = False  # the summary line, likewise (after a change)
        self._on_arrival: list[Callable[[], object]] = []  # to run when that page is shown

    def compose(self) -> ComposeResult:
        yield QueueTable(self._today, id="queue-table")
        yield Line("Opening the queue…", id="queue-count")
        yield Line(id="queue-summary")

    # -- what it shows ----------------------------------------------------------------------
    @property
    def table(self) -> QueueTable:
        return self.query_one(QueueTable)

    @property
    def queue_query(self) -> QueueQuery:
        """What the pager shows (filters, search, sort)."""
        if self._query is None:
            from inmail_tui.planner.queue import QueueQuery

            self._query = QueueQuery()
        return self._query

    @property
    def loaded(self) -> bool:
        """Whether a page has been shown yet."""
        return self._page is not None

    @property
    def current(self) -> QueueItem | None:
        """The prospect under the cursor."""
        return self.table.current

    @property
    def selected(self) -> frozenset[int]:
        """The prospects selected (on any page)."""
        return frozenset(self._selected)

    def targets(self) -> list[int]:
        """The prospects an action applies to: the selection, else the one under the cursor."""
        if self._selected:
            return sorted(self._selected)
        current = self.table.current
        return [current.row.id] if current is not None else []

    # -- asking for pages -------------------------------------------------------------------
    def show_query(self, query: QueueQuery, *, then: Callable[[], object] | None = None) -> None:
        """Show ``query`` from its first page (a new filter or search clears the selection);
        ``then`` runs when that page is shown, in the same repaint."""
        old = self.queue_query
        if query == old:
            if then is not None:
                then()
            return
        if replace(query, sort=old.sort, descending=old.descending) != old:
            self._selected.clear()
        self._query = query
        self.load(Anchor(), recount=True, then=then)

    def load(
        self,
        anchor: Anchor,
        *,
        row: int = 0,
        keep: int | None = None,
        recount: bool = False,
        resummarise: bool = False,
        then: Callable[[], object] | None = None,
    ) -> None:
        """Read the page at ``anchor``; the cursor lands on prospect ``keep`` if it is there,
        else on row ``row`` (-1: the last). "N of M" (``recount``) and the summary line
        (``resummarise``) are counted once that page has painted; ``then`` runs when it is
        shown."""
        self._serial += 1
        self._recount_due |= recount
        self._resummarise_due |= resummarise
        if then is not None:
            self._on_arrival.append(then)
        sized = bool(self.table.size.height)
        size = self.table.page_size if sized else self.app.size.height
        limit = max(1, size - (0 if sized else CHROME_ROWS))
        query, serial = self.queue_query, self._serial

        def read(planner: Planner) -> QueuePage:
            return planner.queue.page(
                query, after=anchor.after, before=anchor.before, to_end=anchor.to_end, limit=limit
            )

        planner_work(self).read(
            self, read, lambda page: PageLoaded(serial, anchor, page, row, keep), key="queue.page"
        )

    def reload(self, *, recount: bool = False, resummarise: bool = False) -> None:
        """The current page again, the cursor on the same prospect."""
        current = self.table.current
        self.load(
            self._anchor,
            row=self.table.cursor_row,
            keep=current.row.id if current else None,
            recount=recount,
            resummarise=resummarise,
        )

    def changed(self, *, from_top: bool = False) -> None:
        """The data changed: the page (from the top: the first page), the count and the summary
        again."""
        if from_top:
            self.load(Anchor(), recount=True, resummarise=True)
        else:
            self.reload(recount=True, resummarise=True)

    def on_queue_table_page_requested(self, message: QueueTable.PageRequested) -> None:
        message.stop()
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

    def on_resize(self, _event: events.Resize) -> None:
        self.call_after_refresh(self._fit)
        self._show_summary()

    def _fit(self) -> None:
        """Read again when the table has room for a different number of rows."""
        page, room = self._page, self.table.page_size
        if page is not None and room != len(page.items):
            more = page.next_cursor is not None or page.prev_cursor is not None
            if more or room < len(page.items):
                self.reload()

    # -- the answers ------------------------------------------------------------------------
    async def on_page_loaded(self, message: PageLoaded) -> None:
        if message.serial != self._serial:
            return
        self._page, self._anchor = message.page, message.anchor
        items = message.page.items
        ids = [item.row.id for item in items]
        row = ids.index(message.keep) if message.keep in ids else message.row
        had_rows = bool(self.table.items)
        # One frame: the rows, the count line and what waited for them. A dialog closing with
        # them is awaited inside the batch, so the screen it uncovers is drawn once, not once
        # under the dialog and once more as it goes.
        with self.app.batch_update():
            self.table.show(items, self._selected, len(items) - 1 if row < 0 else row)
            waiting, self._on_arrival = self._on_arrival, []
            for then in waiting:
                done = then()
                if isawaitable(done):
                    await done
            if self._recount_due:
                self._counted = None
            self._show_count()
        if had_rows != bool(items):
            self.screen.refresh_bindings()  # the row actions are offered only on a row
        if self._recount_due or self._resummarise_due:
            self.call_after_refresh(self._count_after_paint)

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

            work.read(self, count, lambda counted: counted, key="queue.count")
        if self._resummarise_due:
            self._resummarise_due = False
            work.read(self, lambda p: p.queue.summary(), SummaryLoaded, key="queue.summary")

    def on_count_loaded(self, message: CountLoaded) -> None:
        if message.query == self._query:
            self._counted = (message.matching, message.total)
            self._show_count()

    def on_summary_loaded(self, message: SummaryLoaded) -> None:
        self._summary = message.summary
        self._show_summary()

    # -- the selection ----------------------------------------------------------------------
    def toggle(self) -> None:
        """Select the prospect under the cursor, or unselect it."""
        current = self.table.current
        if current is not None:
            self._selected.symmetric_difference_update({current.row.id})
            self._selection_changed()

    def select_page(self) -> None:
        """Select every prospect of the page; if they all were, unselect them."""
        ids = {item.row.id for item in self.table.items}
        if ids <= self._selected:
            self._selected -= ids
        else:
            self._selected |= ids
        self._selection_changed()

    def unselect_all(self) -> bool:
        """Unselect every prospect; False when none was selected."""
        if not self._selected:
            return False
        self._selected.clear()
        self._selection_changed()
        return True

    def _selection_changed(self) -> None:
        self.table.mark_selected(self._selected)
        self._show_count()

    def redraw(self) -> None:
        """Draw the rows again (their colours follow the theme)."""
        if self.is_mounted:
            self.table.show(self.table.items, self._selected, self.table.cursor_row)

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
