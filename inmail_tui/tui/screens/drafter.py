"""The drafter: write an InMail, a connection note or a message to one prospect, checked as you
type (:class:`~inmail_tui.tui.widgets.draft_editor.DraftEditor`), and mark it sent with its true
cost.

Everything that touches the database is a planner read or write (``planner_work.py``) that
posts a typed message back.
The actions on the draft (templates, copy, $EDITOR, save, mark sent, outcome) are in
``drafter_actions.py``.
``open_drafter(app, prospect_id)`` is how the app (and the queue) opens a prospect here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, Input, TextArea

from inmail_tui.core.model import Channel
from inmail_tui.tui.commands import Command, declare
from inmail_tui.tui.planner_work import planner_work
from inmail_tui.tui.screens.drafter_actions import ContextLoaded, DraftActions, channel_noun
from inmail_tui.tui.widgets.draft_badge import DecisionBadge
from inmail_tui.tui.widgets.draft_card import ProspectCard
from inmail_tui.tui.widgets.draft_editor import TAB_LABELS, DraftEditor
from inmail_tui.tui.widgets.short_footer import ShortFooter

if TYPE_CHECKING:
    from collections.abc import Callable


WIDE = 110  # the cards beside the editor from this width; above it on a narrow screen
_NEEDS_PROSPECT = {"channel", "pick_template", "copy_subject", "copy_body", "open_editor", "save",
                   "mark_sent", "outcome"}  # fmt: skip


def open_drafter(app: App[Any], prospect_id: int) -> None:
    """Switch to the drafter mode and open ``prospect_id`` there (asking first if unsaved)."""

    async def go() -> None:
        await app.switch_mode("drafter")
        drafter = next((s for s in app.screen_stack if isinstance(s, DrafterScreen)), None)
        if drafter is not None:  # the mode's base screen, under any dialog left open
            drafter.open_prospect(prospect_id)

    app.call_later(go)


class DrafterScreen(DraftActions):
    TITLE = "Drafter"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]
    DEFAULT_CSS = """
    DrafterScreen #drafter-side {
        width: 34;
    }
    DrafterScreen.-narrow #drafter {
        layout: vertical;
    }
    DrafterScreen.-narrow #drafter-side {
        width: 1fr;
        height: auto;
        max-height: 8;
        layout: horizontal;
    }
    DrafterScreen.-narrow #drafter-side > * {
        width: 1fr;
        max-height: 8;
    }
    DrafterScreen.-narrow ProspectCard {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    DrafterScreen.-narrow DraftEditor FindingsList {
        width: 30;
    }
    """
    BINDINGS = declare(
        Command("drafter.save", "ctrl+s", "save", "Save", "Drafter", "Save the draft"),
        Command("drafter.send", "f9", "mark_sent", "Mark sent", "Drafter",
                "Record that you sent this on LinkedIn (spends the credit it costs)"),
        Command("drafter.channel", "f2", "channel", "Channel", "Drafter",
                "Switch between InMail, connection note and message", hide_below=130),
        Command("drafter.template", "f3", "pick_template", "Template", "Drafter",
                "Start from a template, filled in for this prospect"),
        Command("drafter.copy_subject", "f4", "copy_subject", "Copy subject", "Drafter",
                "Copy the subject to the clipboard", show=False),
        Command("drafter.copy_body", "f8", "copy_body", "Copy text", "Drafter",
                "Copy the text to the clipboard", hide_below=130),
        Command("drafter.editor", "ctrl+o", "open_editor", "Editor", "Drafter",
                "Edit the text in $EDITOR", hide_below=130),
        Command("drafter.outcome", "f10", "outcome", "Outcome", "Drafter",
                "Record accepted, declined, replied or no response (credit-backs follow the plan)",
                hide_below=130),
        Command("drafter.templates", "ctrl+l", "templates", "Templates", "Drafter",
                "List, add, edit and delete templates", show=False),
        Command("drafter.leave_text", "escape", "leave_text", "Leave text", "Drafter",
                "Leave the text, so that single-letter keys work (b balance, q queue)", show=False),
    )  # fmt: skip

    @property
    def dirty(self) -> bool:
        """Whether the text differs from what was last loaded or saved."""
        return self.context is not None and self.editor.dirty

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        with Horizontal(id="drafter"):
            with Vertical(id="drafter-side"):
                yield ProspectCard(id="drafter-card")
                yield DecisionBadge(id="drafter-badge")
            yield DraftEditor(id="drafter-editor")
        # below 130 cells (with b and q, the keys fill 120): no copy, $EDITOR, channel (it has
        # its tabs) and outcome keys (their commands say hide_below=130)
        yield ShortFooter(compact_below=130)

    def on_mount(self) -> None:
        self.watch(self.editor, "dirty", self._show_title)
        planner_work(self).subscribe(self)  # after a write: the cost and balance may change

    def on_resize(self) -> None:
        self.query_one(DecisionBadge).set_compact(self.size.width < WIDE)

    def _show_title(self, _dirty: bool = False) -> None:
        if self.context is None:
            self.sub_title = "no prospect"
            return
        row = self.context.item.row
        unsaved = " · unsaved" if self.dirty else ""
        self.sub_title = f"{row.full_name or row.url} · {TAB_LABELS[self.editor.channel]}{unsaved}"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave_text":
            return isinstance(self.focused, Input | TextArea)
        if action in _NEEDS_PROSPECT and self.context is None:
            return None
        if action == "copy_subject" and self.editor.channel is not Channel.INMAIL:
            return None
        return True

    # -- opening a prospect and a channel ---------------------------------------------------
    def open_prospect(self, prospect_id: int) -> None:
        """Show ``prospect_id``'s draft (asks first when the current one is unsaved)."""
        if prospect_id != self.prospect_id or self.context is None:
            self.unless_dirty(lambda: self._load(prospect_id, self.editor.channel))

    def unless_dirty(
        self, then: Callable[[], None], undo: Callable[[], None] | None = None
    ) -> None:
        """Run ``then`` now, or once the user agrees to discard unsaved changes.

        The app's quit uses it too: ``drafter.unless_dirty(app.exit)``.
        """
        if not self.dirty:
            then()
            return
        from inmail_tui.tui.screens.confirm import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                then()
            elif undo is not None:
                undo()

        what = channel_noun(self.editor.channel)
        question = (
            f"The {what} you are writing has changes that are not saved "
            f"(save with {self._key('drafter.save')})."
        )
        self.app.push_screen(
            ConfirmScreen("Unsaved draft", question, "Discard changes", danger=True), answered
        )

    def _load(self, prospect_id: int, channel: Channel) -> None:
        self.prospect_id = prospect_id
        self._fetch(prospect_id, channel, keep_text=False)

    def on_context_loaded(self, message: ContextLoaded) -> None:
        context, editor = message.context, self.editor
        keep = (
            message.keep_text
            and self.context is not None
            and self.context.item.row.id == context.item.row.id
            and editor.channel == context.channel
        )
        self.context = context
        editor.configure(context.channel, context.limits, message.words, self.inmail.today)
        self.query_one(ProspectCard).show(context.item)
        badge = self.query_one(DecisionBadge)
        badge.show(context.decision, context.balance, context.balance_after)
        if not keep:
            draft = context.draft
            self.made = (draft.template_id, draft.variant, draft.id) if draft else (None, "", None)
            editor.load(draft.subject if draft else "", draft.body if draft else "")
        self._show_origin()
        editor.check()
        self._show_title()
        self.refresh_bindings()

    @on(DraftEditor.ChannelChosen)
    def _channel_chosen(self, event: DraftEditor.ChannelChosen) -> None:
        prospect_id, before = self.prospect_id, self.editor.channel
        if self.context is None or prospect_id is None:
            return
        self.unless_dirty(
            lambda: self._load(prospect_id, event.channel),
            undo=lambda: self.editor.show_channel(before),
        )

    def action_channel(self) -> None:
        self.editor.show_channel(self.editor.next_channel())

    def action_leave_text(self) -> None:
        self.query_one("#draft-tabs").focus()
