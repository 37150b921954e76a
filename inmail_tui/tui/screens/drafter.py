"""The drafter: write an InMail, a connection note or a message to one prospect, checked as you
type (:class:`~inmail_tui.tui.widgets.draft_editor.DraftEditor`), and mark it sent with its true
cost.

Everything that touches the database runs in a thread worker that posts a typed message back.
``open_drafter(app, prospect_id)`` is how the app (and the queue) opens a prospect here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual import on, work
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, Input, TextArea

from inmail_tui.core.model import Channel, Outcome
from inmail_tui.tui.commands import Command, declare
from inmail_tui.tui.messages import PlannerCall
from inmail_tui.tui.text import credits
from inmail_tui.tui.widgets.draft_area import edit_externally
from inmail_tui.tui.widgets.draft_badge import DecisionBadge, send_question
from inmail_tui.tui.widgets.draft_card import ProspectCard
from inmail_tui.tui.widgets.draft_editor import TAB_LABELS, DraftEditor
from inmail_tui.tui.widgets.draft_workers import (
    ContextLoaded,
    DraftSaved,
    OutcomeRecorded,
    PlannerScreen,
    SendDone,
    TemplateRendered,
)
from inmail_tui.tui.widgets.short_footer import ShortFooter

if TYPE_CHECKING:
    from collections.abc import Callable

    from inmail_tui.planner.drafting import DraftContext
    from inmail_tui.tui.app import InmailApp


WIDE = 110  # the cards beside the editor from this width; above it on a narrow screen
OUTCOMES = [(o.value, o.value.replace("-", " ").capitalize()) for o in Outcome]
_NEEDS_PROSPECT = {"channel", "pick_template", "copy_subject", "copy_body", "open_editor", "save",
                   "mark_sent", "outcome"}  # fmt: skip
Made = tuple[int | None, str, int | None]  # the template, variant and draft a text belongs to


def _noun(channel: Channel) -> str:
    """The channel inside a sentence: "InMail", "connection note", "message"."""
    label = TAB_LABELS[channel]
    return label if channel is Channel.INMAIL else label.lower()


def open_drafter(app: App[Any], prospect_id: int) -> None:
    """Switch to the drafter mode and open ``prospect_id`` there (asking first if unsaved)."""

    async def go() -> None:
        await app.switch_mode("drafter")
        drafter = next((s for s in app.screen_stack if isinstance(s, DrafterScreen)), None)
        if drafter is not None:  # the mode's base screen, under any dialog left open
            drafter.open_prospect(prospect_id)

    app.call_later(go)


class DrafterScreen(PlannerScreen[None]):
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
                "Switch between InMail, connection note and message"),
        Command("drafter.template", "f3", "pick_template", "Template", "Drafter",
                "Start from a template, filled in for this prospect"),
        Command("drafter.copy_subject", "f4", "copy_subject", "Copy subject", "Drafter",
                "Copy the subject to the clipboard", show=False),
        Command("drafter.copy_body", "f8", "copy_body", "Copy text", "Drafter",
                "Copy the text to the clipboard"),
        Command("drafter.editor", "ctrl+o", "open_editor", "Editor", "Drafter",
                "Edit the text in $EDITOR"),
        Command("drafter.outcome", "f10", "outcome", "Outcome", "Drafter",
                "Record accepted, declined, replied or no response (credit-backs follow the plan)"),
        Command("drafter.templates", "ctrl+l", "templates", "Templates", "Drafter",
                "List, add, edit and delete templates", show=False),
        Command("drafter.leave_text", "escape", "leave_text", "Leave text", "Drafter",
                "Leave the text, so that single-letter keys work (b balance, q queue)", show=False),
    )  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self.prospect_id: int | None = None
        self.context: DraftContext | None = None
        self.made: Made = (None, "", None)

    @property
    def inmail(self) -> InmailApp:
        return cast("InmailApp", self.app)

    @property
    def editor(self) -> DraftEditor:
        return self.query_one(DraftEditor)

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
        # its tabs) and outcome keys
        later = dict.fromkeys(("copy_body", "open_editor", "channel", "outcome"), 130)
        yield ShortFooter(later, compact_below=130)

    def on_mount(self) -> None:
        self.watch(self.editor, "dirty", self._show_title)
        self.watch(self.app, "balance_view", self._balance_moved, init=False)

    def on_resize(self) -> None:
        self.query_one(DecisionBadge).set_compact(self.size.width < WIDE)

    def _balance_moved(self, _view: object) -> None:
        """The ledger changed (here or on another screen): the cost and balance may too."""
        if self.prospect_id is not None and self.context is not None:
            self._fetch(self.prospect_id, self.editor.channel, keep_text=True)

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

    def _key(self, binding_id: str) -> str:
        for active in self.active_bindings.values():
            if active.binding.id == binding_id:
                return self.app.get_key_display(active.binding)
        return binding_id

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

        what = _noun(self.editor.channel)
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

    @work(thread=True, exclusive=True, group="drafter-load", exit_on_error=False)
    def _fetch(self, prospect_id: int, channel: Channel, keep_text: bool) -> None:
        planner = self.planner()
        context = planner.draft_context(prospect_id, channel)
        self.post_message(ContextLoaded(context, planner.word_lists, keep_text))

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

    # -- templates --------------------------------------------------------------------------
    def _show_origin(self) -> None:
        template_id, variant, _ = self.made
        names = {t.id: t.name for t in self.context.templates} if self.context else {}
        parts = []
        if template_id is not None:
            parts.append(f"Template: {names.get(template_id, 'from another channel')}")
        if variant:
            parts.append(f"variant {variant}")
        self.editor.set_origin(" · ".join(parts))

    def action_pick_template(self) -> None:
        from inmail_tui.tui.screens.prompt import ChoiceScreen

        if self.context is None or self.prospect_id is None:
            return
        prospect_id, templates = self.prospect_id, self.context.templates
        if not templates:
            self.notify(
                f"No {_noun(self.editor.channel)} templates yet: add one with "
                f"{self._key('drafter.templates')}.",
                severity="warning",
            )
            return
        choices = [
            (str(t.id), t.name + (f" · variant {t.variant}" if t.variant else ""))
            for t in templates
        ]

        def chosen(template_id: str | None) -> None:
            if template_id is not None:
                self._fill_template(int(template_id), prospect_id)

        self.app.push_screen(ChoiceScreen("Start from a template", choices), chosen)

    @work(thread=True, exclusive=True, group="drafter-template", exit_on_error=False)
    def _fill_template(self, template_id: int, prospect_id: int) -> None:
        planner = self.planner()
        template = planner.template(template_id)
        self.post_message(TemplateRendered(template, planner.render_for(template_id, prospect_id)))

    def on_template_rendered(self, message: TemplateRendered) -> None:
        template, rendered = message.template, message.rendered
        self.made = (template.id, template.variant, self.made[2])
        self.editor.replace(rendered.subject, rendered.body)
        self._show_origin()
        if rendered.missing:
            missing = ", ".join("{" + name + "}" for name in rendered.missing)
            self.notify(f"No value for {missing}: fill it in by hand.", severity="warning")

    def action_templates(self) -> None:
        from inmail_tui.tui.screens.templates import TemplatesScreen

        def back(_: None) -> None:
            if self.prospect_id is not None and self.context is not None:
                self._fetch(self.prospect_id, self.editor.channel, keep_text=True)

        self.app.push_screen(TemplatesScreen(self.editor.channel), back)

    # -- clipboard and $EDITOR --------------------------------------------------------------
    def action_copy_subject(self) -> None:
        self.app.copy_to_clipboard(self.editor.subject)
        self.notify(f"Subject copied ({len(self.editor.subject):,} characters)")

    def action_copy_body(self) -> None:
        self.app.copy_to_clipboard(self.editor.body)
        result = self.editor.result
        self.notify(f"Text copied ({result.length if result else 0:,} characters)")

    def action_open_editor(self) -> None:
        body = self.editor.body
        text, problem = edit_externally(self.app, body)
        if text is None:
            self.notify(problem, severity="warning", markup=False)
            return
        self.editor.replace(self.editor.subject, text)

    # -- saving, sending, outcomes ----------------------------------------------------------
    def action_save(self) -> None:
        if self.prospect_id is not None and self.context is not None:
            editor = self.editor
            self._save(self.prospect_id, editor.channel, editor.subject, editor.body, self.made)

    @work(thread=True, exclusive=True, group="drafter-save", exit_on_error=False)
    def _save(
        self, prospect_id: int, channel: Channel, subject: str, body: str, made: Made
    ) -> None:
        template_id, variant, draft_id = made
        saved = self.planner().save_draft(
            prospect_id, channel, subject, body, template_id, variant, draft_id
        )
        self.post_message(DraftSaved(saved, channel, subject, body))

    def on_draft_saved(self, message: DraftSaved) -> None:
        if message.channel is self.editor.channel:
            self.made = (self.made[0], self.made[1], message.draft_id)
            self.editor.mark_saved(*message.saved)
        self.notify("Draft saved")

    def action_mark_sent(self) -> None:
        context, result, prospect_id = self.context, self.editor.result, self.prospect_id
        if context is None or result is None or prospect_id is None:
            return
        errors = [f.message for f in result.findings if str(f.severity) == "error"]
        decision = context.decision
        if errors or not decision.allowed:
            reason = errors[0] if errors else decision.reason
            self.notify(f"Not marked sent: {reason}", severity="error", markup=False, timeout=8)
            return
        from inmail_tui.tui.screens.confirm import ConfirmScreen

        row = context.item.row
        text, cost = send_question(
            decision, row.full_name or row.url, context.balance, context.balance_after
        )
        editor = self.editor
        send = (prospect_id, editor.channel, editor.subject, editor.body, self.made)

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._send(*send)

        self.app.push_screen(
            ConfirmScreen("Mark sent", text, "Mark sent", cost=cost, danger=decision.cost > 0),
            confirmed,
        )

    @work(thread=True, exclusive=True, group="drafter-send", exit_on_error=False)
    def _send(
        self, prospect_id: int, channel: Channel, subject: str, body: str, made: Made
    ) -> None:
        template_id, variant, draft_id = made
        result = self.planner().mark_sent(
            prospect_id,
            channel,
            subject,
            body,
            template_id=template_id,
            variant=variant,
            draft_id=draft_id,
        )
        self.post_message(SendDone(result))

    def on_send_done(self, message: SendDone) -> None:
        result = message.result
        spent = result.decision.cost
        text = "Marked sent: " + (f"{credits(spent)} spent" if spent else "no credit spent")
        if result.balance_after is not None:
            text += f", balance {result.balance_after:,}"
        self.notify(text)
        self._after_change(keep_text=False)

    def action_outcome(self) -> None:
        from inmail_tui.tui.screens.prompt import ChoiceScreen

        prospect_id = self.prospect_id
        if prospect_id is None:
            return

        def chosen(value: str | None) -> None:
            if value is not None:
                self._outcome(prospect_id, Outcome(value))

        self.app.push_screen(ChoiceScreen("Record the outcome", OUTCOMES), chosen)

    @work(thread=True, exclusive=True, group="drafter-outcome", exit_on_error=False)
    def _outcome(self, prospect_id: int, outcome: Outcome) -> None:
        self.post_message(OutcomeRecorded(self.planner().record_outcome(prospect_id, outcome)))

    def on_outcome_recorded(self, message: OutcomeRecorded) -> None:
        self.notify(message.result.message, markup=False)
        self._after_change(keep_text=True)

    def _after_change(self, keep_text: bool) -> None:
        """Reload the prospect (status, cost) and tell the balance screen the ledger moved.

        After a send the sent text is stored with the touch, so the editor starts afresh.
        """
        if self.prospect_id is not None:
            self._fetch(self.prospect_id, self.editor.channel, keep_text)
        if self.inmail.balance_view is not None:
            self.post_message(PlannerCall(lambda p: p.balance()))
