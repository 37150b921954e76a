"""The prospect detail pane: everything about the prospect under the queue's cursor.

Every fact (degree, Premium, Open Profile, accepts InMail, blocked, shared group, applicant, the
email and whether it is verified, company, title, profile URL, priority, status and since when,
sources), the InMail decision with its rule, reason and alternatives, the next action, the tags,
the notes, the whole touch history with dates, and the drafts. One planner read,
``planner.queue.detail(prospect_id)``, through the app's runner with one ``key``: when the cursor
moves faster than the reads, only the newest answer is shown. After any write
(:class:`DataChanged`) the shown prospect is read again.

User text goes through ``core.text.terminal_safe`` and is appended as plain text, never markup.
The pane has no keys of its own: the queue screen's keys (mark, tag, note, draft, open) act on
the row it shows, and escape closes it (both the queue's).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from inmail_tui.core.rules_table import Verdict
from inmail_tui.core.text import terminal_safe
from inmail_tui.core.words import cost as cost_words
from inmail_tui.core.words import first_up, full_day
from inmail_tui.tui.planner_work import DataChanged, planner_work
from inmail_tui.tui.widgets.prospect_words import STATUS_WORDS, decision_words, due_words

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from inmail_tui.planner.detail import ProspectDetail

READ_KEY = "queue.detail"  # a newer read of the pane supersedes an older one
LABEL_WIDTH = 15


class DetailLoaded(Message, bubble=False):
    """The detail of the prospect the pane asked for."""

    def __init__(self, detail: ProspectDetail) -> None:
        super().__init__()
        self.detail = detail


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _flags(*pairs: tuple[str, bool]) -> list[tuple[str, str]]:
    """``yes · Open Profile no``: the first flag's value, then each other named."""
    parts: list[tuple[str, str]] = []
    for name, value in pairs:
        if parts:
            parts.append(("  ·  ", "dim"))
            parts.append((f"{name} ", "dim"))
        parts.append((_yes(value), ""))
    return parts


class _Lines:
    """A Text built line by line: headings, ``label  value`` pairs, user text kept plain."""

    def __init__(self) -> None:
        self.text = Text(no_wrap=False, overflow="fold")

    def line(self, *parts: str | tuple[str, str]) -> None:
        """One line of parts: a str is user text (made terminal-safe), a (text, style) pair is
        the pane's own words."""
        for part in parts:
            if isinstance(part, tuple):
                self.text.append(part[0], style=part[1])
            else:
                self.text.append(terminal_safe(part))
        self.text.append("\n")

    def heading(self, words: str) -> None:
        if self.text:
            self.text.append("\n")
        self.line((words, "bold underline"))

    def fact(self, label: str, *parts: str | tuple[str, str]) -> None:
        self.line((f"{label:<{LABEL_WIDTH}}", "dim"), *parts)

    def indented(self, lines: Iterable[str], prefix: str = "  ") -> None:
        for text in lines:
            self.line((prefix, ""), text)


def render_detail(detail: ProspectDetail, today: date) -> Text:
    """The pane's text for ``detail`` (a pure function: what the pane shows, testable alone)."""
    item = detail.item
    row, decision, action = item.row, item.decision, item.next_action
    out = _Lines()
    out.line((terminal_safe(row.full_name or row.url), "bold"))
    if row.title or row.company:
        at = " at " if row.title and row.company else ""
        out.line(row.title, (at, "dim"), row.company)

    out.heading("Decision")
    verdict = decision_words(decision)
    style = {Verdict.FREE: "green", Verdict.CREDIT: "yellow", Verdict.BLOCKED: "red"}[
        decision.cost_class
    ]
    out.line((first_up(verdict), f"bold {style}"), (f"  rule {decision.rule}", "dim"))
    out.indented([decision.reason])
    for alternative in decision.alternatives:
        cost = cost_words(alternative.cost)
        wait = f", in {alternative.wait_days} days" if alternative.wait_days else ""
        out.line(
            ("  or ", "dim"), (f"{alternative.channel.label} ({cost}{wait}): ", ""),
            alternative.reason,
        )  # fmt: skip
    due = due_words(action, today)
    out.line(("Next: ", "dim"), (action.label, ""), ((f" · due {due}" if due else ""), "dim"))

    out.heading("Facts")
    out.fact("Degree", (row.degree.tag, ""))
    out.fact("Premium", *_flags(("", row.premium), ("Open Profile", row.open_profile)))
    out.fact("Accepts InMail", *_flags(("", row.accepts_inmail), ("blocked", row.blocked)))
    out.fact("Shared group", *_flags(("", row.shares_group), ("applicant", row.applicant)))
    if row.email:
        verified = " (verified)" if row.email_verified else " (not verified)"
        out.fact("Email", row.email, (verified, "dim"))
    else:
        out.fact("Email", ("none known", "dim"))
    out.fact("Company", row.company)
    out.fact("Title", row.title)
    out.fact("Profile", row.url)
    out.fact("Priority", (f"{row.priority} of 5", ""))
    since = f" since {full_day(row.status_on)}" if row.status_on else ""
    out.fact("Status", (STATUS_WORDS.get(row.status, row.status), ""), (since, "dim"))
    if detail.owner is not None:
        claimed = f" since {full_day(row.claimed_on)}" if row.claimed_on else ""
        out.fact("Claimed by", detail.owner, (claimed, "dim"))
    out.fact("Sources", ", ".join(row.sources) if row.sources else "")

    out.heading("Tags")
    out.line(" ".join(item.tags) if item.tags else "")
    out.heading("Notes")
    if row.notes:
        out.indented(row.notes.splitlines() or [""])
    else:
        out.line(("none (n to write one)", "dim"))

    out.heading(f"History ({len(detail.history)})")
    if not detail.history:
        out.line(("nothing sent or marked yet", "dim"))
    for entry in detail.history:
        extra = f" · {entry.channel.label}" if entry.channel is not None else ""
        if entry.on_ledger:
            extra += " · 1 credit" if entry.kind == "inmail_sent" else " · credit back"
        out.line((f"{full_day(entry.on):<12} ", "dim"), (entry.label, ""), (extra, "dim"))
        if entry.note:
            out.indented(entry.note.splitlines(), prefix="    ")

    out.heading(f"Drafts ({len(detail.drafts)})")
    if not detail.drafts:
        out.line(("none (d to write one)", "dim"))
    for draft in detail.drafts:
        state = f"sent {full_day(draft.sent_on)}" if draft.sent_on else "not sent"
        variant = f" · variant {draft.variant}" if draft.variant else ""
        out.line((draft.channel.label, "bold"), (f" · {state}{variant}", "dim"))
        if draft.subject:
            out.line(("  Subject: ", "dim"), draft.subject)
        out.indented(draft.body.splitlines() or [""], prefix="  ")
    return out.text


class ProspectDetailPane(VerticalScroll):
    """Shows one prospect's detail; :meth:`show` picks the prospect (it follows the cursor)."""

    DEFAULT_CSS = """
    ProspectDetailPane {
        border: round $primary-darken-1;
        border-title-color: $text;
        padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    ProspectDetailPane:focus { border: round $primary; }
    ProspectDetailPane > Static { width: 1fr; }
    """

    def __init__(self, today: date, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.today = today
        self.prospect_id: int | None = None  # the prospect asked for
        self.shown: ProspectDetail | None = None  # the detail on screen
        self.border_title = "Prospect"
        self.border_subtitle = "esc close"

    def compose(self) -> ComposeResult:
        yield Static(Text("Loading…", style="dim"), id="detail-body")

    def on_mount(self) -> None:
        planner_work(self).subscribe(self)

    def show(self, prospect_id: int | None) -> None:
        """Show ``prospect_id`` (None: nobody), read anew unless it is shown already."""
        if prospect_id == self.prospect_id and self.shown is not None:
            return
        self.prospect_id = prospect_id
        self.load()

    def load(self) -> None:
        """Read the prospect asked for again (a newer read supersedes this one)."""
        prospect_id = self.prospect_id
        if prospect_id is None:
            self.shown = None
            self.query_one("#detail-body", Static).update(Text("No prospect here.", style="dim"))
            return
        planner_work(self).read(
            self, lambda p: p.queue.detail(prospect_id), DetailLoaded, key=READ_KEY
        )

    def on_detail_loaded(self, message: DetailLoaded) -> None:
        detail = message.detail
        if detail.item.row.id != self.prospect_id:
            return  # the cursor moved on meanwhile
        moved = self.shown is None or self.shown.item.row.id != detail.item.row.id
        self.shown = detail
        self.query_one("#detail-body", Static).update(render_detail(detail, self.today))
        if moved:
            self.scroll_home(animate=False)

    def on_data_changed(self, _message: DataChanged) -> None:
        if self.display and self.prospect_id is not None:
            self.load()
