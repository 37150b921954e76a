"""The drafter's actions on the draft: start from a template, copy, $EDITOR, save, mark sent
and record an outcome; and the worker that loads the prospect's draft context.

Every one that touches the database runs in a thread worker that posts a typed message back
(:mod:`inmail_tui.tui.widgets.draft_workers`); the screen (``drafter.py``) lays them out, opens
prospects and channels, and says which keys apply.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import work

from inmail_tui.core.lint_checks import Severity
from inmail_tui.core.model import Channel, Outcome
from inmail_tui.tui.messages import PlannerCall
from inmail_tui.tui.text import credits
from inmail_tui.tui.widgets.draft_area import edit_externally
from inmail_tui.tui.widgets.draft_badge import send_question
from inmail_tui.tui.widgets.draft_editor import TAB_LABELS, DraftEditor
from inmail_tui.tui.widgets.draft_workers import (
    ContextLoaded,
    DraftSaved,
    OutcomeRecorded,
    PlannerScreen,
    SendDone,
    TemplateRendered,
)

if TYPE_CHECKING:
    from inmail_tui.planner.drafting import DraftContext
    from inmail_tui.tui.app import InmailApp

OUTCOMES = [(o.value, o.label.capitalize()) for o in Outcome]
Made = tuple[int | None, str, int | None]  # the template, variant and draft a text belongs to


def channel_noun(channel: Channel) -> str:
    """The channel inside a sentence: "InMail", "connection note", "message"."""
    label = TAB_LABELS[channel]
    return label if channel is Channel.INMAIL else label.lower()


class DraftActions(PlannerScreen[None]):
    """The drafter screen's actions on the prospect it shows and the draft being written.

    A worker's failure is shown in the error dialog (:class:`PlannerScreen`).
    """

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

    def _key(self, binding_id: str) -> str:
        for active in self.active_bindings.values():
            if active.binding.id == binding_id:
                return self.app.get_key_display(active.binding)
        return binding_id

    @work(thread=True, exclusive=True, group="drafter-load", exit_on_error=False)
    def _fetch(self, prospect_id: int, channel: Channel, keep_text: bool) -> None:
        planner = self.planner()
        context = planner.drafts.draft_context(prospect_id, channel)
        self.post_message(ContextLoaded(context, planner.outreach.word_lists, keep_text))

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

    @work(thread=True, exclusive=True, group="drafter-template", exit_on_error=False)
    def _fill_template(self, template_id: int, prospect_id: int) -> None:
        planner = self.planner()
        template = planner.drafts.template(template_id)
        self.post_message(
            TemplateRendered(template, planner.drafts.render_for(template_id, prospect_id))
        )

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
        saved = self.planner().drafts.save_draft(
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
        result = self.planner().outreach.mark_sent(
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
        self.post_message(
            OutcomeRecorded(self.planner().outreach.record_outcome(prospect_id, outcome))
        )

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
            self.post_message(PlannerCall(lambda p: p.credits.balance()))
