"""The drafter's editing area: channel tabs, subject and body with live counters, and the
findings beside them, all re-checked on every keystroke.

The checks run on the main thread: the core's benchmark puts a 2,000-character body well under
2 ms, far inside a 16 ms frame, so typing never waits for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, Label, Static, Tab, Tabs
from textual.widgets.input import Selection

from inmail_tui.core.model import Channel
from inmail_tui.core.text import terminal_safe
from inmail_tui.tui.widgets.draft_area import DraftArea
from inmail_tui.tui.widgets.draft_counter import DraftCounter
from inmail_tui.tui.widgets.draft_findings import CLEAN, FindingsList

if TYPE_CHECKING:
    from datetime import date

    from inmail_tui.core.lint import Limits, LintResult, WordLists

CHANNELS = (Channel.INMAIL, Channel.CONNECT, Channel.MESSAGE)
TAB_LABELS = {
    Channel.INMAIL: "InMail",
    Channel.CONNECT: "Connection note",
    Channel.MESSAGE: "Message",
}

BODY_PLACEHOLDER = (
    "Write about them, not you: their work, a problem you can help with, then a soft question."
)


NO_PROSPECT_YET = "Open a prospect from the queue (q) with its draft key to write to them."


def _what_next(channel: Channel, subject: str, body: str) -> str:
    """The findings list's empty state: what to type, or that the text is clean."""
    if body.strip():
        return CLEAN
    if channel is Channel.INMAIL:
        return "Type a message." if subject.strip() else "Type a subject and a message."
    return "Type your note." if channel is Channel.CONNECT else "Type a message."


class DraftEditor(Horizontal):
    """``configure`` it for a channel, ``load`` a text; ``dirty`` says it changed since."""

    DEFAULT_CSS = """
    DraftEditor {
        width: 1fr;
    }
    DraftEditor #draft-main {
        width: 1fr;
    }
    DraftEditor #draft-subject-row, DraftEditor #draft-status {
        height: 1;
    }
    DraftEditor #draft-subject-row {
        margin: 0 1;
    }
    DraftEditor #draft-subject {
        width: 1fr;
    }
    DraftEditor #draft-origin {
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        color: $text-muted;
        padding: 0 1;
    }
    DraftEditor DraftCounter {
        padding: 0 1;
    }
    DraftEditor FindingsList {
        width: 36;
    }
    """

    dirty: reactive[bool] = reactive(False)
    """The text differs from what was last loaded or saved."""

    class ChannelChosen(Message):
        """The user picked another channel's tab; the screen decides whether to switch."""

        def __init__(self, channel: Channel) -> None:
            super().__init__()
            self.channel = channel

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.channel = Channel.INMAIL
        self.result: LintResult | None = None
        self._limits: Limits | None = None
        self._words: WordLists | None = None
        self._today: date | None = None
        self._saved = ("", "")

    def compose(self) -> ComposeResult:
        with Vertical(id="draft-main"):
            yield Tabs(*(Tab(TAB_LABELS[c], id=c.value) for c in CHANNELS), id="draft-tabs")
            with Horizontal(id="draft-subject-row"):
                yield Label("Subject ")
                yield Input(
                    placeholder="A few words, as a colleague would write",
                    compact=True,
                    id="draft-subject",
                )
                yield DraftCounter(id="draft-subject-counter")
            yield DraftArea(placeholder=BODY_PLACEHOLDER, id="draft-body")
            with Horizontal(id="draft-status"):
                yield Static("", id="draft-origin", markup=False)
                yield DraftCounter(id="draft-body-counter")
        yield FindingsList(id="draft-findings")

    def on_mount(self) -> None:
        self.query_one(FindingsList).show((), NO_PROSPECT_YET)
        self.set_enabled(False)

    # -- the text ---------------------------------------------------------------------------
    @property
    def area(self) -> DraftArea:
        return self.query_one("#draft-body", DraftArea)

    @property
    def subject_input(self) -> Input:
        return self.query_one("#draft-subject", Input)

    @property
    def body(self) -> str:
        return self.area.text

    @property
    def subject(self) -> str:
        return self.subject_input.value if self.channel is Channel.INMAIL else ""

    def set_enabled(self, enabled: bool) -> None:
        self.area.disabled = not enabled
        self.subject_input.disabled = not enabled

    def configure(self, channel: Channel, limits: Limits, words: WordLists, today: date) -> None:
        """Check against ``limits`` for ``channel`` from now on (shows that channel's tab)."""
        self.channel, self._limits, self._words, self._today = channel, limits, words, today
        self.query_one("#draft-tabs", Tabs).active = channel.value
        self.query_one("#draft-subject-row").display = channel is Channel.INMAIL
        self.set_enabled(True)

    def load(self, subject: str, body: str) -> None:
        """Replace the text; it counts as saved. Controls are shown as symbols (the text may
        come from an imported name): what the editor holds is what is saved and sent."""
        self.subject_input.value = terminal_safe(subject)
        self.area.load(terminal_safe(body, keep_newlines=True))
        self.mark_saved(self.subject, self.body)
        (self.subject_input if self.channel is Channel.INMAIL else self.area).focus()

    def replace(self, subject: str, body: str) -> None:
        """Replace the text as an edit (a template applied, the editor's result)."""
        if self.channel is Channel.INMAIL:
            self.subject_input.value = terminal_safe(subject)
        self.area.load(terminal_safe(body, keep_newlines=True))
        self.check()

    def mark_saved(self, subject: str, body: str) -> None:
        self._saved = (subject, body)
        self.check()

    def show_channel(self, channel: Channel) -> None:
        """Show ``channel``'s tab without asking to switch (to undo a refused switch)."""
        self.query_one("#draft-tabs", Tabs).active = channel.value

    def set_origin(self, text: str) -> None:
        self.query_one("#draft-origin", Static).update(text)

    # -- checking ---------------------------------------------------------------------------
    @on(DraftArea.Changed, "#draft-body")
    @on(Input.Changed, "#draft-subject")
    def _edited(self) -> None:
        self.check()

    def check(self) -> None:
        """Run the checks on the text and show counters, findings and underlines."""
        from inmail_tui.core.lint import lint

        if self._limits is None or self._words is None:
            return
        body, subject = self.body, self.subject
        result = lint(
            self.channel, body, subject, limits=self._limits, words=self._words, today=self._today
        )
        self.result = result
        hard = self.channel is not Channel.MESSAGE  # a long message is a warning, never blocks
        self.query_one("#draft-body-counter", DraftCounter).show(
            result.length, result.limit, result.advice, hard
        )
        if self.channel is Channel.INMAIL:
            self.query_one("#draft-subject-counter", DraftCounter).show(
                result.subject_length, result.subject_limit, None
            )
        self.query_one(FindingsList).show(result.findings, _what_next(self.channel, subject, body))
        self.area.mark(
            (f.start, f.end, str(f.severity)) for f in result.findings if f.field == "body"
        )
        self.dirty = (subject, body) != self._saved

    @on(FindingsList.Picked)
    def _show_finding(self, event: FindingsList.Picked) -> None:
        finding = event.finding
        if finding.field == "subject":
            self.subject_input.focus()
            self.subject_input.selection = Selection(finding.start, finding.end)
        else:
            self.area.select_span(finding.start, finding.end)

    @on(Tabs.TabActivated, "#draft-tabs")
    def _tab(self, event: Tabs.TabActivated) -> None:
        event.stop()
        chosen = Channel(event.tab.id or Channel.INMAIL.value)
        if chosen != self.channel and self._limits is not None:
            self.post_message(self.ChannelChosen(chosen))

    def next_channel(self) -> Channel:
        return CHANNELS[(CHANNELS.index(self.channel) + 1) % len(CHANNELS)]
