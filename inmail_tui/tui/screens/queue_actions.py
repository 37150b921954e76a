"""The queue's actions on prospects: priority, status marks, tags, notes, the browser, the
drafter and import. Each applies to the selected prospects, or to the one under the cursor.

Changes are the app's planner writes (``planner_work.py``): one at a time, in the order the keys
were pressed; a toast says what changed (a warning names what the pipeline refused and why),
then every screen shows the data again (this one on :class:`DataChanged`), once.
The drafter hook: ``d`` calls ``app.open_drafter(prospect_id)`` (the drafter mode, on them).
Marking a response (accepted, declined, replied, no response) records it as the drafter does,
so an InMail's credit comes back when the plan gives it (the balance is read again after every
write).
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual.message import Message
from textual.screen import Screen

from inmail_tui.core.model import Status
from inmail_tui.tui.planner_work import planner_work
from inmail_tui.tui.text import credits
from inmail_tui.tui.widgets.queue_table import QueueTable

if TYPE_CHECKING:
    from inmail_tui.planner import Planner
    from inmail_tui.planner.transfer import ImportResult
    from inmail_tui.tui.app import InmailApp
    from inmail_tui.tui.screens.import_dialog import ImportDialog

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


def people(n: int) -> str:
    return "1 prospect" if n == 1 else f"{n:,} prospects"


class TriageActions(Screen[None]):
    """The queue screen's actions; the screen says what they apply to and how to refresh."""

    def __init__(self) -> None:
        super().__init__()
        self._import_dialog: ImportDialog | None = None  # its import reloads from the top

    @property
    def inmail(self) -> InmailApp:
        return cast("InmailApp", self.app)

    @property
    def table(self) -> QueueTable:
        return self.query_one(QueueTable)

    @abstractmethod
    def targets(self) -> list[int]:
        """The ids an action applies to (the queue screen's selection, or the cursor's row)."""

    @abstractmethod
    def changed(self, *, from_top: bool = False) -> None:
        """Show the data again after a change (from the first page after an import)."""

    def change(self, job: Callable[[Planner], tuple[str, str]]) -> None:
        """Write ``job`` (it returns the toast and a warning) after the writes asked before it."""
        planner_work(self).write(self, job, lambda said: Written(*said))

    def on_written(self, message: Written) -> None:
        self.notify(message.done, markup=False)
        if message.warning:
            self.notify(message.warning, severity="warning", markup=False, timeout=8)

    def action_priority(self, priority: int) -> None:
        ids = self.targets()

        def apply(planner: Planner) -> tuple[str, str]:
            planner.queue.set_priority(ids, priority)
            return f"Priority {priority} for {people(len(ids))}", ""

        if ids:
            self.change(apply)

    def action_mark(self, status: str) -> None:
        ids, to = self.targets(), Status(status)
        if not ids:
            return

        def mark(planner: Planner) -> tuple[str, str]:
            result = planner.outreach.mark(
                ids, to
            )  # a response goes through the ledger's credit-back
            done = f"{people(result.changed)} marked {to.label}"
            if result.credited_back:
                done += f": {credits(result.credited_back)} came back"
            if not result.skipped:
                return done, ""
            skipped = result.skipped
            reason = skipped[0][1]
            more = f" (and {len(skipped) - 1:,} more)" if len(skipped) > 1 else ""
            return done, f"{people(len(skipped))} not changed{more}: {reason}"

        self.change(mark)

    def action_mark_menu(self) -> None:
        from inmail_tui.tui.screens.prompt import ChoiceScreen

        choices = [(s.value, s.label) for s in MARKS]
        title = f"Mark {people(len(self.targets()))} as"
        self.app.push_screen(
            ChoiceScreen(title, choices), lambda s: self.action_mark(s) if s else None
        )

    def _ask_tag(self, adding: bool) -> None:
        from inmail_tui.tui.screens.prompt import PromptScreen

        ids = self.targets()
        verb = "Add a tag to" if adding else "Remove a tag from"

        def apply(tag: str | None) -> None:
            if not tag:
                return
            if adding:
                self.change(lambda p: (f"Tagged {people(p.queue.add_tag(ids, tag))}: {tag}", ""))
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

        def imported(result: ImportResult | None) -> None:
            if result is not None:
                self.notify(result.text(), markup=False)

        self._import_dialog = ImportDialog(Path.cwd())
        self.app.push_screen(self._import_dialog, imported)
