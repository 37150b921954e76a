"""The drafter's actions on the draft: start from a template, copy, $EDITOR, save, mark sent
and record an outcome; and the worker that loads the prospect's draft context.

Every one that touches the database is a planner read or write (``planner_work.py``) whose
result comes back as one of the typed messages below; after a write (a save, a send, an
outcome, here or on another screen) the draft context is read again, once (:class:`DataChanged`).
The screen (``drafter.py``) lays them out, opens prospects and channels, and says which keys
apply.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.message import Message
from textual.screen import Screen

from inmail_tui.core.lint_checks import Severity
from inmail_tui.core.model import Channel, Outcome
from inmail_tui.tui.planner_work import DataChanged, planner_work
from inmail_tui.tui.text import credits
from inmail_tui.tui.widgets.draft_area import edit_externally
from inmail_tui.tui.widgets.draft_badge import send_question
from inmail_tui.tui.widgets.draft_editor import TAB_LABELS, DraftEditor

if TYPE_CHECKING:
    from inmail_tui.core.lint import WordLists
    from inmail_tui.core.templates import Rendered
    from inmail_tui.planner import Planner
    from inmail_tui.planner.drafting import DraftContext, TemplateRow
    from inmail_tui.planner.outreach import OutcomeResult, SendResult
    from inmail_tui.tui.app import InmailApp

OUTCOMES = [(o.value, o.label.capitalize()) for o in Outcome]
Made = tuple[int | None, str, int | None]  # the template, variant and draft a text belongs to


class ContextLoaded(Message, bubble=False):
    """The prospect, cost, templates and saved draft; ``keep_text`` keeps what is being typed."""

    def __init__(self, context: DraftContext, words: WordLists, keep_text: bool) -> None:
        super().__init__()
        self.context, self.words, self.keep_text = context, words, keep_text


class DraftSaved(Message, bubble=False):
    def __init__(self, draft_id: int, channel: Channel, subject: str, body: str) -> None:
        super().__init__()
        self.draft_id, self.channel, self.saved = draft_id, channel, (subject, body)


class TemplateRendered(Message, bubble=False):
    def __init__(self, template: TemplateRow, rendered: Rendered) -> None:
        super().__init__()
        self.template, self.rendered = template, rendered


class SendDone(Message, bubble=False):
    def __init__(self, result: SendResult) -> None:
        super().__init__()
        self.result = result


class OutcomeRecorded(Message, bubble=False):
    def __init__(self, result: OutcomeResult) -> None:
        super().__init__()
        self.result = result


def channel_noun(channel: Channel) -> str:
    """The channel inside a sentence: "InMail", "connection note", "message"."""
    label = TAB_LABELS[channel]
    return label if channel is Channel.INMAIL else label.lower()


class DraftActions(Screen[None]):
    """The drafter screen's actions on the prospect it shows and the draft being written."""

    def __init__(self) -> None:
        super().__init__()
        self.prospect_id: int | None = None
        self.context: DraftContext | None = None
        self.made: Made = (None, "", None)
        self._sent = False  # the next reload starts a new draft (the sent text is stored)

    @property
    def inmail(self) -> InmailApp:
        return cast("InmailApp", self.app)

    @property
    def editor(self) -> DraftEditor:
        return self.query_one(DraftEditor)

    def _key(self, binding_id: str) -> str:
        for active in self.active_bindings.values():
            if active.binding.id == binding_id:
                return self.app.get_key_display(active.binding)
        return binding_id

    def _fetch(self, prospect_id: int, channel: Channel, keep_text: bool) -> None:
        def load(planner: Planner) -> ContextLoaded:
            context = planner.drafts.draft_context(prospect_id, channel)
            return ContextLoaded(context, planner.outreach.word_lists, keep_text)

        planner_work(self).read(self, load, lambda loaded: loaded, key="drafter.context")

    def on_data_changed(self, _message: DataChanged) -> None:
        """A write finished (a send, an outcome, a template, or a change on another screen):
        read the prospect again, once; what is being typed stays, unless it was just sent."""
        keep_text, self._sent = not self._sent, False
        if self.prospect_id is not None and self.context is not None:
            self._fetch(self.prospect_id, self.editor.channel, keep_text)

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
                f"No {channel_noun(self.editor.channel)} templates yet: add one with "
                f"{self._key('drafter.templates')}.",
                severity="warning",
                markup=False,
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

    def _fill_template(self, template_id: int, prospect_id: int) -> None:
        def fill(planner: Planner) -> TemplateRendered:
            template = planner.drafts.template(template_id)
            return TemplateRendered(template, planner.drafts.render_for(template_id, prospect_id))

        planner_work(self).read(self, fill, lambda filled: filled, key="drafter.template")

    def on_template_rendered(self, message: TemplateRendered) -> None:
        template, rendered = message.template, message.rendered
        self.made = (template.id, template.variant, self.made[2])
        self.editor.replace(rendered.subject, rendered.body)
        self._show_origin()
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
            prospect_id, channel, subject, body = (
                self.prospect_id,
                editor.channel,
                editor.subject,
                editor.body,
            )
            template_id, variant, draft_id = self.made
            planner_work(self).write(
                self,
                lambda p: p.drafts.save_draft(
                    prospect_id, channel, subject, body, template_id, variant, draft_id
                ),
                lambda saved: DraftSaved(saved, channel, subject, body),
            )

    def on_draft_saved(self, message: DraftSaved) -> None:
        if message.channel is self.editor.channel:
            self.made = (self.made[0], self.made[1], message.draft_id)
            self.editor.mark_saved(*message.saved)
        self.notify("Draft saved")

    def action_mark_sent(self) -> None:
        context, result, prospect_id = self.context, self.editor.result, self.prospect_id
        if context is None or result is None or prospect_id is None:
            return
        errors = [f.message for f in result.findings if f.severity is Severity.ERROR]
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
        channel, subject, body = editor.channel, editor.subject, editor.body
        template_id, variant, draft_id = self.made

        def send(planner: Planner) -> SendResult:
            return planner.outreach.mark_sent(
                prospect_id,
                channel,
                subject,
                body,
                template_id=template_id,
                variant=variant,
                draft_id=draft_id,
            )

        def confirmed(yes: bool | None) -> None:
            if yes:
                planner_work(self).write(self, send, SendDone)

        self.app.push_screen(
            ConfirmScreen("Mark sent", text, "Mark sent", cost=cost, danger=decision.cost > 0),
            confirmed,
        )

    def on_send_done(self, message: SendDone) -> None:
        result = message.result
        spent = result.decision.cost
        text = "Marked sent: " + (f"{credits(spent)} spent" if spent else "no credit spent")
        if result.balance_after is not None:
            text += f", balance {result.balance_after:,}"
        self.notify(text)
        self._sent = True  # the reload that follows starts a new draft

    def action_outcome(self) -> None:
        from inmail_tui.tui.screens.prompt import ChoiceScreen

        prospect_id = self.prospect_id
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
