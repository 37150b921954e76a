"""The drafter: write an InMail, a connection note or a message to one prospect, checked as you
type (:class:`~inmail_tui.tui.widgets.draft_editor.DraftEditor`), and mark it sent with its true
cost.

This module reads top to bottom: the messages the planner's answers come back as; the
:class:`DraftSession` (the draft being written: the prospect it is for, its text in the editor,
the template and variant it came from, the saved draft it is, and its findings); then the
:class:`DrafterScreen`, which lays the session out beside the prospect's cards and gives it keys:
open a prospect or a channel, start from a template, copy, $EDITOR, save, mark sent, record an
outcome.

Everything that touches the database is a planner read or write (``planner_work.py``) that
posts a typed message back; after a write (a save, a send, an outcome, a template, or a change
on another screen) the draft's context is read again, once (:class:`DataChanged`).
``open_drafter(app, prospect_id)`` is how the app (and the queue) opens a prospect here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, cast

from textual import on
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Input, TextArea

from inmail_tui.core.lint_checks import Severity
from inmail_tui.core.model import DRAFT_CHANNELS, Channel, Outcome
from inmail_tui.core.text import terminal_safe
from inmail_tui.core.words import credits
from inmail_tui.tui.commands import Command, declare
from inmail_tui.tui.planner_work import DataChanged, planner_work
from inmail_tui.tui.widgets.draft_area import edit_externally
from inmail_tui.tui.widgets.draft_badge import DecisionBadge, send_question
from inmail_tui.tui.widgets.draft_card import ProspectCard
from inmail_tui.tui.widgets.draft_editor import TAB_LABELS, DraftEditor
from inmail_tui.tui.widgets.short_footer import ShortFooter

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date

    from textual.notifications import SeverityLevel

    from inmail_tui.core.lint import WordLists
    from inmail_tui.core.templates import Rendered
    from inmail_tui.planner import Planner
    from inmail_tui.planner.drafting import DraftContext, TemplateRow
    from inmail_tui.planner.outreach import OutcomeResult, SendResult
    from inmail_tui.tui.app import InmailApp

WIDE = 110  # the cards beside the editor from this width; above it on a narrow screen
OUTCOMES = [(o.value, o.label.capitalize()) for o in Outcome]
_NEEDS_PROSPECT = {"channel", "pick_template", "copy_subject", "copy_body", "open_editor", "save",
                   "mark_sent", "outcome"}  # fmt: skip


def channel_noun(channel: Channel) -> str:
    """The channel inside a sentence: "InMail", "connection note", "message"."""
    label = TAB_LABELS[channel]
    return label if channel is Channel.INMAIL else label.lower()


# -- what the planner's answers come back as -------------------------------------------------


class ContextLoaded(Message, bubble=False):
    """The prospect, cost, templates and saved draft; ``keep_text`` keeps what is being typed."""

    def __init__(self, context: DraftContext, words: WordLists, keep_text: bool) -> None:
        super().__init__()
        self.context, self.words, self.keep_text = context, words, keep_text


class TemplateRendered(Message, bubble=False):
    def __init__(self, template: TemplateRow, rendered: Rendered) -> None:
        super().__init__()
        self.template, self.rendered = template, rendered


class DraftSaved(Message, bubble=False):
    """A draft was saved; ``then`` is what the user was doing when asked to save first."""

    def __init__(
        self, draft_id: int, text: DraftText, then: Callable[[], None] | None = None
    ) -> None:
        super().__init__()
        self.draft_id, self.text, self.then = draft_id, text, then


class SendDone(Message, bubble=False):
    def __init__(self, result: SendResult) -> None:
        super().__init__()
        self.result = result


class OutcomeRecorded(Message, bubble=False):
    def __init__(self, result: OutcomeResult) -> None:
        super().__init__()
        self.result = result


# -- the draft being written ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a text comes from: the template (and A/B variant) it was started from, and the saved
    draft it is (None: not saved yet)."""

    template_id: int | None = None
    variant: str = ""
    draft_id: int | None = None


@dataclass(frozen=True, slots=True)
class DraftText:
    """The draft as it stands, to save or to mark sent."""

    prospect_id: int
    channel: Channel
    subject: str
    body: str
    origin: Origin


class DraftSession:
    """The draft being written to one prospect on one channel.

    It owns the prospect asked for and its context (cost, limits, templates, saved draft), the
    text (held by the :class:`DraftEditor`, which checks it as it changes: the findings), and
    where the text comes from (:class:`Origin`). The screen reads the planner and hands the
    answers here; it never edits the text itself.
    """

    def __init__(self, editor: DraftEditor) -> None:
        self.editor = editor
        self.prospect_id: int | None = None
        """The prospect asked for (its context may still be on its way)."""
        self.context: DraftContext | None = None
        """The prospect's context as last read; None until the first arrives."""
        self.origin = Origin()
        self._sent = False  # the next context starts a new draft: the sent text is stored

    @property
    def channel(self) -> Channel:
        return self.editor.channel

    @property
    def dirty(self) -> bool:
        """Whether the text differs from what was last loaded or saved."""
        return self.context is not None and self.editor.dirty

    @property
    def text(self) -> DraftText | None:
        """The draft as it stands; None before a prospect's context has arrived."""
        if self.context is None or self.prospect_id is None:
            return None
        editor = self.editor
        return DraftText(self.prospect_id, editor.channel, editor.subject, editor.body, self.origin)

    @property
    def title(self) -> str:
        """``"Ann Lee · InMail · unsaved"``, or ``"no prospect"``."""
        if self.context is None:
            return "no prospect"
        row = self.context.item.row
        unsaved = " · unsaved" if self.dirty else ""
        name = terminal_safe(row.full_name or row.url)
        return f"{name} · {TAB_LABELS[self.editor.channel]}{unsaved}"

    def refusal(self) -> str | None:
        """Why the draft cannot be marked sent now (a broken hard limit, or the rules), or
        None."""
        result, context = self.editor.result, self.context
        if context is None or result is None:
            return None
        errors = [f.message for f in result.findings if f.severity is Severity.ERROR]
        if errors:
            return errors[0]
        return None if context.decision.allowed else context.decision.reason

    def keeps_text(self) -> bool:
        """Whether a reload keeps the text being typed (not right after a send); asking once
        answers for the next reload only."""
        keep, self._sent = not self._sent, False
        return keep

    # -- what changes it --------------------------------------------------------------------
    def show(self, context: DraftContext, words: WordLists, today: date, keep_text: bool) -> None:
        """A context arrived: check against its channel's limits; the saved draft replaces the
        text unless ``keep_text`` (and it is the same prospect and channel)."""
        editor = self.editor
        keep = (
            keep_text
            and self.context is not None
            and self.context.item.row.id == context.item.row.id
            and editor.channel == context.channel
        )
        self.context = context
        editor.configure(context.channel, context.limits, words, today)
        if not keep:
            draft = context.draft
            self.origin = Origin(draft.template_id, draft.variant, draft.id) if draft else Origin()
            editor.load(draft.subject if draft else "", draft.body if draft else "")
        self._show_origin()
        editor.check()

    def start_from(self, template: TemplateRow, rendered: Rendered) -> None:
        """The text becomes ``template`` filled in for the prospect (an edit: not saved)."""
        self.origin = replace(self.origin, template_id=template.id, variant=template.variant)
        self.editor.replace(rendered.subject, rendered.body)
        self._show_origin()

    def replace_body(self, body: str) -> None:
        """The text comes back from $EDITOR (an edit: not saved)."""
        self.editor.replace(self.editor.subject, body)

    def saved(self, draft_id: int, text: DraftText) -> None:
        """``text`` was saved as draft ``draft_id`` (if the channel is still the same)."""
        if text.channel is self.editor.channel:
            self.origin = replace(self.origin, draft_id=draft_id)
            self.editor.mark_saved(text.subject, text.body)

    def sent(self) -> None:
        """The draft was marked sent: the next context starts a new one."""
        self._sent = True

    def _show_origin(self) -> None:
        names = {t.id: t.name for t in self.context.templates} if self.context else {}
        parts = []
        if self.origin.template_id is not None:
            name = names.get(self.origin.template_id, "from another channel")
            parts.append(f"Template: {terminal_safe(name)}")
        if self.origin.variant:
            parts.append(f"variant {self.origin.variant}")
        self.editor.set_origin(" · ".join(parts))


def open_drafter(app: App[Any], prospect_id: int, channel: Channel | None = None) -> None:
    """Switch to the drafter mode and open ``prospect_id`` there (asking first if unsaved), on
    ``channel`` (None: the one its decision goes by)."""

    async def go() -> None:
        await app.switch_mode("drafter")
        drafter = next((s for s in app.screen_stack if isinstance(s, DrafterScreen)), None)
        if drafter is not None:  # the mode's base screen, under any dialog left open
            drafter.open_prospect(prospect_id, channel)

    app.call_later(go)


# -- the screen -------------------------------------------------------------------------------


class DrafterScreen(Screen[None]):
    """One prospect's draft (:class:`DraftSession`), its cards, and the keys that act on it."""

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
                "Switch between InMail, connection note and message", hide_below=110),
        Command("drafter.template", "f3", "pick_template", "Template", "Drafter",
                "Start from a template, filled in for this prospect", hide_below=100),
        Command("drafter.copy_subject", "f4", "copy_subject", "Copy subject", "Drafter",
                "Copy the subject to the clipboard", show=False),
        Command("drafter.copy_body", "f8", "copy_body", "Copy text", "Drafter",
                "Copy the text to the clipboard"),
        Command("drafter.editor", "ctrl+o", "open_editor", "Editor", "Drafter",
                "Edit the text in $EDITOR", hide_below=130),
        Command("drafter.outcome", "f10", "outcome", "Outcome", "Drafter",
                "Record accepted, declined, replied or no response (credit-backs follow the plan)",
                hide_below=120),
        Command("drafter.templates", "ctrl+l", "templates", "Templates", "Drafter",
                "List, add, edit and delete templates", show=False),
        Command("drafter.leave_text", "escape", "leave_text", "Leave text", "Drafter",
                "Leave the text, so that single-letter keys work (b balance, q queue)", show=False),
    )  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self.editor = DraftEditor(id="drafter-editor")
        self.session = DraftSession(self.editor)
        """The draft being written: the prospect, the text, its template and its findings."""

    @property
    def inmail(self) -> InmailApp:
        return cast("InmailApp", self.app)

    @property
    def dirty(self) -> bool:
        """Whether the text differs from what was last loaded or saved."""
        return self.session.dirty

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        with Horizontal(id="drafter"):
            with Vertical(id="drafter-side"):
                yield ProspectCard(id="drafter-card")
                yield DecisionBadge(id="drafter-badge")
            yield self.editor
        # the main keys always (save, mark sent, copy: the text goes to LinkedIn by the
        # clipboard); the others as the width allows (their commands say hide_below)
        yield ShortFooter(compact_below=130)

    def on_mount(self) -> None:
        self.watch(self.editor, "dirty", self._show_title)
        planner_work(self).subscribe(self)  # after a write: the cost and balance may change

    def on_resize(self) -> None:
        self.query_one(DecisionBadge).set_compact(self.size.width < WIDE)

    def _show_title(self, _dirty: bool = False) -> None:
        self.sub_title = self.session.title

    def _key(self, binding_id: str) -> str:
        for active in self.active_bindings.values():
            if active.binding.id == binding_id:
                return self.app.get_key_display(active.binding)
        return binding_id

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave_text":
            return isinstance(self.focused, Input | TextArea)
        if action in _NEEDS_PROSPECT and self.session.context is None:
            return None
        if action == "copy_subject" and self.editor.channel is not Channel.INMAIL:
            return None
        return True

    # -- opening a prospect and a channel ---------------------------------------------------
    def open_prospect(self, prospect_id: int, channel: Channel | None = None) -> None:
        """Show ``prospect_id``'s draft (asks first when the current one is unsaved), on
        ``channel`` (None: the channel the rules engine chose for them, a 1st degree's a
        message)."""
        session = self.session
        other_channel = channel is not None and channel is not self.editor.channel
        if prospect_id != session.prospect_id or session.context is None or other_channel:
            self.unless_dirty(lambda: self._load(prospect_id, channel))

    def unless_dirty(
        self, then: Callable[[], None], undo: Callable[[], None] | None = None
    ) -> None:
        """Run ``then`` now, or once the user has chosen to save the changes first (then it
        runs once they are saved) or to discard them; ``undo`` if they cancel.

        The app's quit uses it too: ``drafter.unless_dirty(app.exit)``.
        """
        if not self.dirty:
            then()
            return
        from inmail_tui.tui.screens.confirm import UnsavedScreen

        def answered(choice: str | None) -> None:
            if choice == "discard":
                then()
            elif choice == "save":
                self._save(then)
            elif undo is not None:
                undo()

        what = channel_noun(self.editor.channel)
        question = (
            f"The {what} you are writing has changes that are not saved "
            f"(save with {self._key('drafter.save')})."
        )
        self.app.push_screen(UnsavedScreen("Unsaved draft", question), answered)

    def _load(self, prospect_id: int, channel: Channel | None) -> None:
        """Show ``prospect_id`` on ``channel`` (None: the channel its decision goes by, when
        a draft can be written for it; else the channel shown now)."""
        self.session.prospect_id = prospect_id
        self._read_context(prospect_id, channel, keep_text=False)

    def _read_context(self, prospect_id: int, channel: Channel | None, *, keep_text: bool) -> None:
        shown = self.editor.channel

        def read(planner: Planner) -> ContextLoaded:
            chosen = channel
            if chosen is None:
                decided = planner.queue.prospect(prospect_id).decision.channel
                chosen = decided if decided in DRAFT_CHANNELS else shown
            context = planner.drafts.draft_context(prospect_id, chosen)
            return ContextLoaded(context, planner.outreach.word_lists, keep_text)

        planner_work(self).read(self, read, lambda loaded: loaded, key="drafter.context")

    def on_data_changed(self, _message: DataChanged) -> None:
        """A write finished (a send, an outcome, a template, or a change on another screen):
        read the prospect again, once; what is being typed stays, unless it was just sent."""
        session = self.session
        keep_text = session.keeps_text()
        if session.prospect_id is not None and session.context is not None:
            self._read_context(session.prospect_id, self.editor.channel, keep_text=keep_text)

    def on_context_loaded(self, message: ContextLoaded) -> None:
        context = message.context
        self.session.show(context, message.words, self.inmail.today, message.keep_text)
        self.query_one(ProspectCard).show(context.item)
        badge = self.query_one(DecisionBadge)
        badge.show(context.decision, context.balance, context.balance_after)
        self._show_title()
        self.refresh_bindings()

    @on(DraftEditor.ChannelChosen)
    def _channel_chosen(self, event: DraftEditor.ChannelChosen) -> None:
        prospect_id, before = self.session.prospect_id, self.editor.channel
        if self.session.context is None or prospect_id is None:
            return
        self.unless_dirty(
            lambda: self._load(prospect_id, event.channel),
            undo=lambda: self.editor.show_channel(before),
        )

    def action_channel(self) -> None:
        self.editor.show_channel(self.editor.next_channel())

    def action_leave_text(self) -> None:
        self.query_one("#draft-tabs").focus()

    # -- templates --------------------------------------------------------------------------
    def action_pick_template(self) -> None:
        from inmail_tui.tui.screens.prompt import ChoiceScreen

        context, prospect_id = self.session.context, self.session.prospect_id
        if context is None or prospect_id is None:
            return
        if not context.templates:
            self.notify(
                f"No {channel_noun(self.editor.channel)} templates yet: add one with "
                f"{self._key('drafter.templates')}.",
                severity="warning",
                markup=False,
            )
            return
        choices = [
            (str(t.id), t.name + (f" · variant {t.variant}" if t.variant else ""))
            for t in context.templates
        ]

        def chosen(template_id: str | None) -> None:
            if template_id is not None:  # the template replaces the text: ask first if unsaved
                self.unless_dirty(lambda: self._fill_template(int(template_id), prospect_id))

        self.app.push_screen(ChoiceScreen("Start from a template", choices), chosen)

    def _fill_template(self, template_id: int, prospect_id: int) -> None:
        def fill(planner: Planner) -> TemplateRendered:
            template = planner.drafts.template(template_id)
            return TemplateRendered(template, planner.drafts.render_for(template_id, prospect_id))

        planner_work(self).read(self, fill, lambda filled: filled, key="drafter.template")

    def on_template_rendered(self, message: TemplateRendered) -> None:
        rendered = message.rendered
        self.session.start_from(message.template, rendered)
        if rendered.missing:
            missing = ", ".join("{" + name + "}" for name in rendered.missing)
            self.notify(
                f"No value for {missing}: fill it in by hand.", severity="warning", markup=False
            )

    def action_templates(self) -> None:
        from inmail_tui.tui.screens.templates import TemplatesScreen

        # a template saved or deleted there is a write: this screen reads its list again then
        self.app.push_screen(TemplatesScreen(self.editor.channel))

    # -- clipboard and $EDITOR --------------------------------------------------------------
    def action_copy_subject(self) -> None:
        self._copy("Subject", self.editor.subject, len(self.editor.subject))

    def action_copy_body(self) -> None:
        result = self.editor.result
        self._copy("Text", self.editor.body, result.length if result else 0)

    def _copy(self, what: str, text: str, length: int) -> None:
        """Copy through the terminal and the system clipboard; the toast says which worked."""
        from inmail_tui.tui.clipboard import copy_text

        copied = copy_text(self.app, text)
        size = f"{length:,} character" + "s" * (length != 1)
        severity: SeverityLevel = "information" if copied.system else "warning"
        self.notify(copied.sentence(what, size), severity=severity, markup=False, timeout=8)

    def action_open_editor(self) -> None:
        text, problem = edit_externally(self.app, self.editor.body)
        if text is None:
            self.notify(problem, severity="warning", markup=False)
            return
        self.session.replace_body(text)

    # -- saving, sending, outcomes ----------------------------------------------------------
    def action_save(self) -> None:
        self._save()

    def _save(self, then: Callable[[], None] | None = None) -> None:
        text = self.session.text
        if text is None:
            return
        origin = text.origin
        planner_work(self).write(
            self,
            lambda p: p.drafts.save_draft(
                text.prospect_id,
                text.channel,
                text.subject,
                text.body,
                origin.template_id,
                origin.variant,
                origin.draft_id,
            ),
            lambda draft_id: DraftSaved(draft_id, text, then),
        )

    def on_draft_saved(self, message: DraftSaved) -> None:
        self.session.saved(message.draft_id, message.text)
        self.notify("Draft saved")
        if message.then is not None:  # after this write's reload: its read is the newer one
            self.call_later(message.then)

    def action_mark_sent(self) -> None:
        session = self.session
        context, text = session.context, session.text
        if context is None or text is None or self.editor.result is None:
            return
        refusal = session.refusal()
        if refusal is not None:
            self.notify(f"Not marked sent: {refusal}", severity="error", markup=False, timeout=8)
            return
        from inmail_tui.tui.screens.confirm import ConfirmScreen

        row, decision = context.item.row, context.decision
        question, cost = send_question(
            decision, row.full_name or row.url, context.balance, context.balance_after
        )

        def send(planner: Planner) -> SendResult:
            return planner.outreach.mark_sent(
                text.prospect_id,
                text.channel,
                text.subject,
                text.body,
                template_id=text.origin.template_id,
                variant=text.origin.variant,
                draft_id=text.origin.draft_id,
            )

        def confirmed(yes: bool | None) -> None:
            if yes:
                planner_work(self).write(self, send, SendDone)

        self.app.push_screen(
            ConfirmScreen("Mark sent", question, "Mark sent", cost=cost, danger=decision.cost > 0),
            confirmed,
        )

    def on_send_done(self, message: SendDone) -> None:
        result = message.result
        spent = result.decision.cost
        text = "Marked sent: " + (f"{credits(spent)} spent" if spent else "no credit spent")
        if result.balance_after is not None:
            text += f", balance {result.balance_after:,}"
        self.notify(text)
        self.session.sent()  # the reload that follows starts a new draft

    def action_outcome(self) -> None:
        from inmail_tui.tui.screens.prompt import ChoiceScreen

        prospect_id = self.session.prospect_id
        if prospect_id is None:
            return

        def chosen(value: str | None) -> None:
            if value is not None:
                outcome = Outcome(value)
                planner_work(self).write(
                    self,
                    lambda p: p.outreach.record_outcome(prospect_id, outcome),
                    OutcomeRecorded,
                )

        self.app.push_screen(ChoiceScreen("Record the outcome", OUTCOMES), chosen)

    def on_outcome_recorded(self, message: OutcomeRecorded) -> None:
        self.notify(message.result.message, markup=False)
