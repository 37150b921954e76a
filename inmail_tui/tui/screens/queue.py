"""The prospect queue: one page of prospects from the database, filtered, searched and sorted in
SQL, with keys to triage them one at a time or many at once.

The screen reads top to bottom: its keys; the layout (the search box and the sort above, the
:class:`~inmail_tui.tui.widgets.queue_pager.QueuePager` below, which owns the table, the page
reads, "N of M", the summary and the selection); coming back and data changing; the query
(search, filter, sort); the selection keys; then the actions on prospects.

Actions apply to the selected prospects (space, ``*`` for the page), or to the one under the
cursor when none is selected. Changes are the app's planner writes (``planner_work.py``): one at
a time, in the order the keys were pressed; a toast says what changed (a warning names what the
pipeline refused and why), then every screen shows the data again (this one on
:class:`DataChanged`), once. Marking a response (accepted, declined, replied, no response)
records it as the drafter does, so an InMail's credit comes back when the plan gives it.
The drafter hook: ``d`` calls ``app.open_drafter(prospect_id)`` (the drafter mode, on them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Header, Input

from inmail_tui.core.model import Status
from inmail_tui.core.text import terminal_safe
from inmail_tui.core.words import credits, first_up
from inmail_tui.tui.commands import Command, declare, key_of
from inmail_tui.tui.planner_work import DataChanged, planner_work
from inmail_tui.tui.widgets.line import Line
from inmail_tui.tui.widgets.prospect_detail import ProspectDetailPane
from inmail_tui.tui.widgets.queue_filters import describe
from inmail_tui.tui.widgets.queue_pager import QueuePager, people
from inmail_tui.tui.widgets.queue_table import QueueTable
from inmail_tui.tui.widgets.short_footer import ShortFooter

if TYPE_CHECKING:
    from inmail_tui.planner import Planner
    from inmail_tui.planner.archive_summary import ArchiveResult
    from inmail_tui.planner.queue import QueueQuery, SortName
    from inmail_tui.planner.transfer import ImportResult
    from inmail_tui.tui.app import InmailApp
    from inmail_tui.tui.screens.import_dialog import ImportDialog
    from inmail_tui.tui.widgets.queue_filters import FilterDialog

SEARCH_DELAY = 0.15  # seconds of quiet typing before the search runs
DETAIL_BESIDE = 160  # from this many columns the detail pane shows beside the queue
SORTS: tuple[SortName, ...] = ("priority", "due", "name")
SORT_WORDS = {
    ("priority", True): "priority, highest first",
    ("priority", False): "priority, lowest first",
    ("due", False): "due date, soonest first",
    ("due", True): "due date, latest first",
    ("name", False): "name, A to Z",
    ("name", True): "name, Z to A",
}
MARKS = (
    Status.CONNECT_REQUESTED,
    Status.CONNECTED,
    Status.ACCEPTED,
    Status.REPLIED,
    Status.DECLINED,
    Status.NO_RESPONSE,
    Status.DO_NOT_CONTACT,
)


class Written(Message, bubble=False):
    """A change was saved: toast ``done`` (and ``warning``)."""

    def __init__(self, done: str, warning: str = "") -> None:
        super().__init__()
        self.done, self.warning = done, warning


def _mark(
    name: str, key: str, status: Status, *, show: bool = True, hide_below: int | None = None
) -> Command:
    """The key that marks ``status``, named by its label."""
    label = status.label
    return Command(
        f"queue.{name}",
        key,
        f"mark({status.value!r})",
        first_up(label),
        "Queue",
        f"Mark: {label}",
        show=show,
        hide_below=hide_below,
    )


_ON_A_ROW = frozenset(
    {"priority", "mark", "mark_menu", "tag", "untag", "note", "open", "draft", "toggle_select"}
    | {"undo", "claim", "release"}
    | {"detail"}
)


def _add_tag(ids: Sequence[int], tag: str, planner: Planner) -> tuple[str, str]:
    """Tag ``ids``: the toast counts prospects, and every one of them carries the tags
    afterwards (``add_tag`` counts those that gained one)."""
    planner.queue.add_tag(ids, tag)
    return f"Tagged {people(len(ids))}: {tag}", ""


def not_changed(skipped: Sequence[tuple[int, str]]) -> str:
    """The warning for the prospects a change skipped, naming the first one's reason ('' when
    none was skipped): the mark, undo, claim and release toasts."""
    if not skipped:
        return ""
    more = f" (and {len(skipped) - 1:,} more)" if len(skipped) > 1 else ""
    return f"{people(len(skipped))} not changed{more}: {skipped[0][1]}"


class QueueScreen(Screen[None]):
    TITLE = "Queue"
    DEFAULT_CSS = """
    QueueScreen #queue-bar { height: 1; }
    QueueScreen #queue-search {
        border: none; height: 1; padding: 0 1; width: 1fr; background: $boost;
    }
    QueueScreen #queue-search:focus { background: $surface-lighten-1; }
    QueueScreen #queue-sort { width: auto; padding: 0 1; color: $text-muted; }
    QueueScreen #queue-filters { height: 1; padding: 0 1; color: $text-muted; }
    QueueScreen #queue-body { height: 1fr; }
    QueueScreen #queue-pager { width: 1fr; }
    QueueScreen #queue-detail { display: none; width: 1fr; }
    QueueScreen.-detail #queue-detail { display: block; }
    QueueScreen.-detail-beside #queue-detail { width: 40%; max-width: 80; }
    QueueScreen.-detail-alone #queue-pager { display: none; }
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
        Command("queue.undo", "u", "undo", "Undo", "Queue",
                "Undo the last status change (a new touch back to the status before)",
                show=False),
        Command("queue.claim", "w", "claim", "Claim", "Queue",
                "Claim for your seat (team pools): teammates see who works them",
                show=False),  # F1 and the palette list it; solo users need no footer room
        Command("queue.release", "W", "release", "Release", "Queue",
                "Release your claim (team pools)", show=False),
        Command("queue.tag", "t", "tag", "Tag", "Queue", "Add a tag", hide_below=100),
        Command("queue.untag", "T", "untag", "Untag", "Queue", "Remove a tag", show=False),
        Command("queue.note", "n", "note", "Note", "Queue",
                "Write a note on this prospect", hide_below=120),
        Command("queue.open", "o", "open", "Open", "Queue",
                "Open the profile in the browser", hide_below=120),
        Command("queue.draft", "d", "draft", "Draft", "Queue",
                "Open the drafter for this prospect"),
        Command("queue.detail", "enter", "detail", "Detail", "Queue",
                "Show everything about this prospect (beside the queue when wide)",
                hide_below=DETAIL_BESIDE),
        Command("queue.import", "i", "import", "Import", "Queue",
                "Import prospects from a CSV file", hide_below=130),
        Command("queue.duplicates", "D", "duplicates", "Duplicates", "Queue",
                "Review likely duplicates: merge them or say they are two people", show=False),
        Command("queue.escape", "escape", "escape", "Unselect", "Queue",
                "Close the detail; unselect all (from the search box: the table)", show=False),
    )  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self._search_timer: Timer | None = None
        self._stale = False  # another mode may have changed what the page shows
        self._import_dialog: ImportDialog | None = None  # its import reloads from the top
        self._detail_wanted: bool | None = None  # None: beside the queue when wide, else closed

    @property
    def inmail(self) -> InmailApp:
        return cast("InmailApp", self.app)

    @property
    def pager(self) -> QueuePager:
        return self.query_one(QueuePager)

    @property
    def table(self) -> QueueTable:
        return self.pager.table

    @property
    def detail(self) -> ProspectDetailPane:
        return self.query_one(ProspectDetailPane)

    @property
    def queue_query(self) -> QueueQuery:
        """What the queue shows now (filters, search, sort)."""
        return self.pager.queue_query

    @property
    def selected(self) -> frozenset[int]:
        """The prospects selected (on any page)."""
        return self.pager.selected

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        with Horizontal(id="queue-bar"):
            yield Input(placeholder="/ to search names, companies, tags, notes", id="queue-search")
            yield Line(id="queue-sort")
        yield Line(id="queue-filters")
        with Horizontal(id="queue-body"):
            yield QueuePager(self.inmail.today, id="queue-pager")
            yield ProspectDetailPane(self.inmail.today, id="queue-detail")
        yield ShortFooter(compact_below=160)

    def on_mount(self) -> None:
        self._show_query()
        self._lay_out_detail()
        self.table.focus()
        planner_work(self).subscribe(self)
        self.app.mode_change_signal.subscribe(self, self._mode_changed)
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.pager.redraw())
        # the first page is read while the empty screen paints (once the planner is open)
        self.pager.reload(recount=True, resummarise=True)

    # -- coming back, and data that changed --------------------------------------------------
    def _mode_changed(self, mode: str) -> None:
        """Away to another mode: the drafter or the balance may change prospects meanwhile."""
        if mode != "queue":
            self._stale = True

    def on_screen_resume(self) -> None:
        """Back on top: reload only if something may have changed while away (never after a
        dialog alone: a query that fails would bring its error dialog straight back)."""
        if self._stale and self.pager.loaded:
            self._stale = False
            self.pager.changed()

    def on_data_changed(self, message: DataChanged) -> None:
        """A write finished, here or on another screen: show the page again, once (from the top
        after an import); in another mode, once back."""
        if not self.pager.loaded:
            return
        if self in self.app.screen_stack:
            self.pager.changed(from_top=message.origin is self._import_dialog)
        else:
            self._stale = True

    # -- the query: search, filter, sort -------------------------------------------------------
    def _show_query(self) -> None:
        query = self.queue_query
        self.query_one(
            "#queue-sort", Line
        ).text = f"s sort: {SORT_WORDS[(query.sort, query.descending)]}"
        filters = describe(query)
        self.query_one("#queue-filters", Line).text = (
            f"Filters: {filters} (f to change)" if filters else "All prospects · f to filter"
        )

    def set_query(self, query: QueueQuery, *, then: Callable[[], object] | None = None) -> None:
        """Show ``query`` from its first page (a new filter or search clears the selection);
        the lines that name the query change with its rows, then ``then`` runs (in the same
        frame)."""

        def shown() -> object:
            self._show_query()
            return None if then is None else then()

        self.pager.show_query(query, then=shown)

    def action_search(self) -> None:
        self.query_one("#queue-search", Input).focus()

    @on(Input.Changed, "#queue-search")
    def _typed(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, self._search)

    @on(Input.Submitted, "#queue-search")
    def _search_now(self) -> None:
        # with the new rows: the table is drawn once, not once more with the old ones
        self._search(then=self.table.focus)

    def _search(self, then: Callable[[], object] | None = None) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
            self._search_timer = None
        text = self.query_one("#queue-search", Input).value
        self.set_query(replace(self.queue_query, search=text), then=then)

    def action_duplicates(self) -> None:
        from inmail_tui.tui.screens.duplicates import DuplicatesScreen

        self.app.push_screen(DuplicatesScreen())

    def action_filter(self) -> None:
        from inmail_tui.tui.widgets.queue_filters import FilterDialog

        self.app.push_screen(FilterDialog(self.queue_query, self._filter))

    def _filter(self, dialog: FilterDialog, query: QueueQuery) -> None:
        """The dialog stays up until the filtered rows arrive: then both change in one frame."""
        self.set_query(query, then=dialog.dismiss)

    def action_sort(self) -> None:
        query = self.queue_query
        sort = SORTS[(SORTS.index(query.sort) + 1) % len(SORTS)]
        self.set_query(replace(query, sort=sort, descending=sort == "priority"))

    def action_reverse(self) -> None:
        self.set_query(replace(self.queue_query, descending=not self.queue_query.descending))

    # -- selection ---------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _ON_A_ROW or action == "select_page":
            return True if self.is_mounted and self.table.current is not None else None
        return True

    def action_toggle_select(self) -> None:
        self.pager.toggle()

    def action_select_page(self) -> None:
        self.pager.select_page()

    def action_escape(self) -> None:
        if self.detail_open and (self.focused is not self.table or not self.selected):
            self.close_detail()
        elif self.focused is not self.table:
            self.table.focus()
        else:
            self.pager.unselect_all()

    # -- the detail pane -----------------------------------------------------------------------
    @property
    def detail_open(self) -> bool:
        """Whether the detail pane shows (by default: on a wide terminal)."""
        wide = self.size.width >= DETAIL_BESIDE
        return wide if self._detail_wanted is None else self._detail_wanted

    def _lay_out_detail(self) -> None:
        """Beside the queue when wide, in its place when narrow, or closed; it shows the row
        under the cursor."""
        shown, beside = self.detail_open, self.size.width >= DETAIL_BESIDE
        self.set_class(shown, "-detail")
        self.set_class(shown and beside, "-detail-beside")
        self.set_class(shown and not beside, "-detail-alone")
        if shown:
            self._follow_cursor()
            if not beside and self.focused is self.table:
                self.detail.focus()
        elif self.focused is self.detail:
            self.table.focus()

    def _follow_cursor(self) -> None:
        if self.detail_open and self.pager.loaded:
            current = self.table.current
            self.detail.show(None if current is None else current.row.id)

    def on_resize(self) -> None:
        self._lay_out_detail()

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self._follow_cursor()

    def on_queue_table_shown(self, _message: QueueTable.Shown) -> None:
        self._follow_cursor()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter (or a click) on a row: its detail."""
        event.stop()
        self.action_detail()

    def action_detail(self) -> None:
        """Open the detail pane on the row under the cursor (already open: into it, to scroll)."""
        if self.detail_open:
            self.detail.focus()
        self._detail_wanted = True
        self._lay_out_detail()

    def close_detail(self) -> None:
        self._detail_wanted = False
        self._lay_out_detail()
        self.table.focus()

    # -- actions on prospects ------------------------------------------------------------------
    def change(self, job: Callable[[Planner], tuple[str, str]]) -> None:
        """Write ``job`` (it returns the toast and a warning) after the writes asked before it."""
        planner_work(self).write(self, job, lambda said: Written(*said))

    def on_written(self, message: Written) -> None:
        if message.done:  # nothing done (all refused): the warning alone says why
            self.notify(message.done, markup=False)
        if message.warning:
            self.notify(message.warning, severity="warning", markup=False, timeout=8)

    def action_priority(self, priority: int) -> None:
        ids = self.pager.targets()

        def apply(planner: Planner) -> tuple[str, str]:
            planner.queue.set_priority(ids, priority)
            return f"Priority {priority} for {people(len(ids))}", ""

        if ids:
            self.change(apply)

    def action_mark(self, status: str) -> None:
        ids, to = self.pager.targets(), Status(status)
        if not ids:
            return
        if to is Status.DO_NOT_CONTACT:
            self._ask_do_not_contact(ids)
            return
        self._mark(ids, to)

    def _ask_do_not_contact(self, ids: list[int]) -> None:
        """Do not contact takes prospects out of every send: ask first (undo brings them back)."""
        from inmail_tui.tui.screens.confirm import ConfirmScreen

        undo = key_of(self, "queue.undo")
        question = (
            f"Mark {people(len(ids))} {Status.DO_NOT_CONTACT.label}? No send will be offered "
            f"to {'them' if len(ids) > 1 else 'this prospect'}; {undo} undoes it."
        )
        self.app.push_screen(
            ConfirmScreen(Status.DO_NOT_CONTACT.label.capitalize(), question,
                          f"Mark {Status.DO_NOT_CONTACT.label}", danger=True),
            lambda yes: self._mark(ids, Status.DO_NOT_CONTACT) if yes else None,
        )  # fmt: skip

    def _mark(self, ids: list[int], to: Status) -> None:

        def mark(planner: Planner) -> tuple[str, str]:
            # a response goes through the ledger's credit-back
            result = planner.outreach.mark(ids, to)
            done = f"{people(result.changed)} marked {to.label}" if result.changed else ""
            if result.credited_back:
                done += f": {credits(result.credited_back)} came back"
            return done, not_changed(result.skipped)

        self.change(mark)

    def action_undo(self) -> None:
        ids = self.pager.targets()

        def undo(planner: Planner) -> tuple[str, str]:
            result = planner.outreach.undo(ids)
            words = {to.label for _id, to in result.restored}
            back = f" back to {words.pop()}" if len(words) == 1 else ""
            done = f"Undone for {people(result.changed)}{back}" if result.changed else ""
            return done, not_changed(result.skipped)

        if ids:
            self.change(undo)

    def action_claim(self) -> None:
        self._own(claim=True)

    def action_release(self) -> None:
        self._own(claim=False)

    def _own(self, *, claim: bool) -> None:
        """Claim or release the targets for the user's seat; a teammate's are skipped, the
        toast says why."""
        ids = self.pager.targets()

        def own(planner: Planner) -> tuple[str, str]:
            result = planner.team.claim(ids) if claim else planner.team.release(ids)
            verb = "Claimed" if claim else "Released"
            done = f"{verb} {people(result.changed)}" if result.changed else ""
            return done, not_changed(result.skipped)

        if ids:
            self.change(own)

    def action_mark_menu(self) -> None:
        from inmail_tui.tui.screens.prompt import ChoiceScreen

        choices = [(s.value, s.label) for s in MARKS]
        title = f"Mark {people(len(self.pager.targets()))} as"
        self.app.push_screen(
            ChoiceScreen(title, choices), lambda s: self.action_mark(s) if s else None
        )

    def _ask_tag(self, adding: bool) -> None:
        from inmail_tui.tui.screens.prompt import PromptScreen

        ids = self.pager.targets()
        verb = "Add a tag to" if adding else "Remove a tag from"

        def apply(tag: str | None) -> None:
            if not tag:
                return
            if adding:
                self.change(partial(_add_tag, ids, tag))
            else:
                self.change(
                    lambda p: (f"Untagged {people(p.queue.remove_tag(ids, tag))}: {tag}", "")
                )

        self.app.push_screen(
            PromptScreen(
                "Tag" if adding else "Untag",
                f"{verb} {people(len(ids))}:",
                placeholder="e.g. hot, fintech",
                confirm="Tag" if adding else "Untag",
            ),
            apply,
        )

    def action_tag(self) -> None:
        self._ask_tag(adding=True)

    def action_untag(self) -> None:
        self._ask_tag(adding=False)

    def action_note(self) -> None:
        from inmail_tui.tui.screens.prompt import PromptScreen

        item = self.table.current
        if item is None:
            return
        prospect_id, name = item.row.id, item.row.full_name

        def save(notes: str | None) -> None:
            if notes is None:
                return

            def apply(planner: Planner) -> tuple[str, str]:
                planner.queue.set_notes(prospect_id, notes)
                return f"Note saved: {name}", ""

            self.change(apply)

        question = f"Notes on {name} (only you see them):"
        self.app.push_screen(PromptScreen("Note", question, item.row.notes, multiline=True), save)

    def action_open(self) -> None:
        item = self.table.current
        if item is not None:
            self.app.open_url(item.row.url)

    def action_draft(self) -> None:
        item = self.table.current
        if item is None:
            return
        self.inmail.open_drafter(item.row.id)

    def action_import(self) -> None:
        from inmail_tui.tui.screens.import_dialog import ImportDialog

        def imported(result: ImportResult | ArchiveResult | None) -> None:
            if result is None:
                return  # the queue shows an import from the top (on_data_changed)
            from inmail_tui.planner.archive_summary import ArchiveResult as Archived

            said = "\n".join(result.brief()) if isinstance(result, Archived) else result.text()
            self.notify(terminal_safe(said, keep_newlines=True), markup=False)
            if isinstance(result, Archived):  # InMails the ledger lacks: record them?
                from inmail_tui.tui.screens.archive_spends import offer_spends

                offer_spends(self, result, _spends_recorded)

        self._import_dialog = ImportDialog(Path.home())  # where downloads and exports are
        self.app.push_screen(self._import_dialog, imported)


def _spends_recorded(result: ArchiveResult) -> Written:
    return Written(f"Recorded {credits(result.spends_applied)} spent on InMails from the archive.")
