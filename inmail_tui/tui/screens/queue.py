"""The prospect queue: one page of prospects from the database, filtered, searched and sorted in
SQL, with keys to triage them one at a time or many at once.

The table holds only the rows that fit on screen. A page is fetched by keyset (after or before
the sort key of a row already seen), so PageDown deep in a million rows costs what the first page
costs. Every planner call runs in a thread worker and posts a message back; "N of M" and the
summary line are counted after the page has painted, never on the key path.

Actions apply to the selected prospects (space, ``*`` for the page), or to the one under the
cursor when none is selected. Selection survives paging and sorting; a new search or filter
clears it, so an action never reaches rows that are no longer shown.

Fetching the pages and counting them is in ``queue_paging.py``, the one-line widgets above and
below the table in ``queue_lines.py``, the actions themselves (and the drafter hook) in
``queue_actions.py``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import Header, Input

from inmail_tui.core.model import Status
from inmail_tui.tui.commands import Command, declare
from inmail_tui.tui.planner_work import DataChanged, planner_work
from inmail_tui.tui.screens.queue_lines import Line
from inmail_tui.tui.screens.queue_paging import Anchor, QueuePaging
from inmail_tui.tui.widgets.queue_filters import describe
from inmail_tui.tui.widgets.queue_table import QueueTable
from inmail_tui.tui.widgets.short_footer import ShortFooter

if TYPE_CHECKING:
    from inmail_tui.planner.queue import QueueQuery, SortName
    from inmail_tui.tui.widgets.queue_filters import FilterDialog

SEARCH_DELAY = 0.15  # seconds of quiet typing before the search runs
SORTS: tuple[SortName, ...] = ("priority", "due", "name")
SORT_WORDS = {
    ("priority", True): "priority, highest first",
    ("priority", False): "priority, lowest first",
    ("due", False): "due date, soonest first",
    ("due", True): "due date, latest first",
    ("name", False): "name, A to Z",
    ("name", True): "name, Z to A",
}


def _mark(
    name: str, key: str, status: Status, *, show: bool = True, hide_below: int | None = None
) -> Command:
    """The key that marks ``status``, named by its label."""
    label = status.label
    return Command(
        f"queue.{name}",
        key,
        f"mark({status.value!r})",
        label[:1].upper() + label[1:],
        "Queue",
        f"Mark: {label}",
        show=show,
        hide_below=hide_below,
    )


_ON_A_ROW = frozenset(
    {"priority", "mark", "mark_menu", "tag", "untag", "note", "open", "draft", "toggle_select"}
)


class QueueScreen(QueuePaging):
    TITLE = "Queue"
    DEFAULT_CSS = """
    QueueScreen #queue-bar { height: 1; }
    QueueScreen #queue-search {
        border: none; height: 1; padding: 0 1; width: 1fr; background: $boost;
    }
    QueueScreen #queue-search:focus { background: $surface-lighten-1; }
    QueueScreen #queue-sort { width: auto; padding: 0 1; color: $text-muted; }
    QueueScreen #queue-filters { height: 1; padding: 0 1; color: $text-muted; }
    QueueScreen #queue-count { height: 1; padding: 0 1; background: $panel; }
    QueueScreen #queue-summary { height: 1; padding: 0 1; color: $text-muted; }
    """
    # hide_below: the keys that make room on a narrower terminal (they stay in F1 and the palette)
    BINDINGS = declare(
        Command("queue.search", "slash", "search", "Search", "Queue",
                "Search names, companies, titles, tags, notes"),
        Command("queue.filter", "f", "filter", "Filter", "Queue",
                "Filter by tag, status and cost"),
        Command("queue.sort", "s", "sort", "Sort", "Queue",
                "Sort by priority, due date or name (cycles)"),
        Command("queue.reverse", "S", "reverse", "Reverse", "Queue",
                "Reverse the sort order", show=False),
        Command("queue.select", "space", "toggle_select", "Select", "Queue",
                "Select or unselect this prospect", hide_below=100),
        Command("queue.select_page", "asterisk", "select_page", "Select page", "Queue",
                "Select the page (again: none)", hide_below=160),
        Command("queue.mark_menu", "m", "mark_menu", "Mark…", "Queue",
                "Record a status: pick it from a list"),
        _mark("requested", "c", Status.CONNECT_REQUESTED, hide_below=160),
        _mark("accepted", "a", Status.ACCEPTED, show=False),
        _mark("replied", "r", Status.REPLIED, show=False),
        _mark("declined", "x", Status.DECLINED, show=False),
        _mark("do_not_contact", "X", Status.DO_NOT_CONTACT, show=False),
        *(
            Command(f"queue.priority_{n}", str(n), f"priority({n})", f"Priority {n}", "Queue",
                    f"Set priority {n}", show=False)
            for n in range(1, 6)
        ),
        Command("queue.tag", "t", "tag", "Tag", "Queue", "Add a tag", hide_below=100),
        Command("queue.untag", "T", "untag", "Untag", "Queue", "Remove a tag", show=False),
        Command("queue.note", "n", "note", "Note", "Queue",
                "Write a note on this prospect", hide_below=120),
        Command("queue.open", "o", "open", "Open", "Queue",
                "Open the profile in the browser", hide_below=120),
        Command("queue.draft", "d", "draft", "Draft", "Queue",
                "Open the drafter for this prospect"),
        Command("queue.import", "i", "import", "Import", "Queue",
                "Import prospects from a CSV file", hide_below=100),
        Command("queue.escape", "escape", "escape", "Unselect", "Queue",
                "Unselect all (from the search box: the table)", show=False),
    )  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self._search_timer: Timer | None = None
        self._stale = False  # another mode may have changed what the page shows

    @property
    def selected(self) -> frozenset[int]:
        return frozenset(self._selected)

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        with Horizontal(id="queue-bar"):
            yield Input(placeholder="/ to search names, companies, tags, notes", id="queue-search")
            yield Line(id="queue-sort")
        yield Line(id="queue-filters")
        yield QueueTable(self.inmail.today, id="queue-table")
        yield Line("Opening the queue…", id="queue-count")
        yield Line(id="queue-summary")
        yield ShortFooter(compact_below=160)

    def on_mount(self) -> None:
        self._show_query()
        self.table.focus()
        planner_work(self).subscribe(self)
        self.app.mode_change_signal.subscribe(self, self._mode_changed)
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._redraw())
        # the first page is fetched while the empty screen paints (once the planner is open)
        self.reload(recount=True, resummarise=True)

    def _mode_changed(self, mode: str) -> None:
        """Away to another mode: the drafter or the balance may change prospects meanwhile."""
        if mode != "queue":
            self._stale = True

    def on_screen_resume(self) -> None:
        """Back on top: reload only if something may have changed while away (never after a
        dialog alone: a query that fails would bring its error dialog straight back)."""
        if self._stale and self._page is not None:
            self._stale = False
            self.reload(recount=True, resummarise=True)

    def on_data_changed(self, message: DataChanged) -> None:
        """A write finished, here or on another screen: show the page again, once (from the top
        after an import); in another mode, once back."""
        if self._page is None:
            return
        if self in self.app.screen_stack:
            self.changed(from_top=message.origin is self._import_dialog)
        else:
            self._stale = True

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit)
        self._show_summary()

    # -- what the lines above and below the table say ----------------------------------------
    def _show_query(self) -> None:
        query = self.queue_query
        self.query_one(
            "#queue-sort", Line
        ).text = f"s sort: {SORT_WORDS[(query.sort, query.descending)]}"
        filters = describe(query)
        self.query_one("#queue-filters", Line).text = (
            f"Filters: {filters} (f to change)" if filters else "All prospects · f to filter"
        )

    def _redraw(self) -> None:
        if self.is_mounted:
            self.table.show(self.table.items, self._selected, self.table.cursor_row)

    # -- the query ---------------------------------------------------------------------------
    def set_query(self, query: QueueQuery) -> None:
        """Show ``query`` from its first page (a new filter or search clears the selection)."""
        old = self.queue_query
        if query == old:
            return
        if replace(query, sort=old.sort, descending=old.descending) != old:
            self._selected.clear()
        self._query = query
        self._show_query()
        self.load(Anchor(), recount=True)

    def action_search(self) -> None:
        self.query_one("#queue-search", Input).focus()

    @on(Input.Changed, "#queue-search")
    def _typed(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, self._search)

    @on(Input.Submitted, "#queue-search")
    def _search_now(self) -> None:
        old = self.queue_query
        self._search()
        if self.queue_query == old:
            self.table.focus()
        else:  # with the new rows: the table is drawn once, not once more with the old ones
            self._focus_table = True

    def _search(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
            self._search_timer = None
        text = self.query_one("#queue-search", Input).value
        self.set_query(replace(self.queue_query, search=text))

    def action_filter(self) -> None:
        from inmail_tui.tui.widgets.queue_filters import FilterDialog

        self.app.push_screen(FilterDialog(self.queue_query, self._filter))

    def _filter(self, dialog: FilterDialog, query: QueueQuery) -> None:
        """The dialog stays up until the filtered rows arrive: then both change in one frame."""
        if query == self.queue_query:
            dialog.dismiss()
        else:
            self._filter_dialog = dialog
            self.set_query(query)

    def action_sort(self) -> None:
        query = self.queue_query
        sort = SORTS[(SORTS.index(query.sort) + 1) % len(SORTS)]
        self.set_query(replace(query, sort=sort, descending=sort == "priority"))

    def action_reverse(self) -> None:
        self.set_query(replace(self.queue_query, descending=not self.queue_query.descending))

    # -- selection --------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _ON_A_ROW or action == "select_page":
            return True if self.is_mounted and self.table.current is not None else None
        return True

    def action_toggle_select(self) -> None:
        current = self.table.current
        if current is not None:
            self._selected.symmetric_difference_update({current.row.id})
            self._selection_changed()

    def action_select_page(self) -> None:
        ids = {item.row.id for item in self.table.items}
        if ids <= self._selected:
            self._selected -= ids
        else:
            self._selected |= ids
        self._selection_changed()

    def action_escape(self) -> None:
        if self.focused is not self.table:
            self.table.focus()
        elif self._selected:
            self._selected.clear()
            self._selection_changed()

    def _selection_changed(self) -> None:
        self.table.mark_selected(self._selected)
        self._show_count()

    def targets(self) -> list[int]:
        """The prospects an action applies to: the selection, else the one under the cursor."""
        if self._selected:
            return sorted(self._selected)
        current = self.table.current
        return [current.row.id] if current is not None else []
