"""What the drafter's and the templates' thread workers post back, and the screen base that runs
planner jobs in them: a failure is shown once, in the error dialog (a sentence when it is the
user's to fix)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from inmail_tui.core.model import Channel
from inmail_tui.errors import UserError

if TYPE_CHECKING:
    from inmail_tui.core.lint import WordLists
    from inmail_tui.core.templates import Rendered
    from inmail_tui.planner import Planner
    from inmail_tui.planner.drafting import DraftContext, TemplateRow
    from inmail_tui.planner.outreach import OutcomeResult, SendResult
    from inmail_tui.tui.app import InmailApp


ResultT = TypeVar("ResultT")


class PlannerScreen(Screen[ResultT]):
    """Runs planner jobs in a thread worker; a failure is shown in the error dialog."""

    def planner(self) -> Planner:
        planner = cast("InmailApp", self.app).planner
        if planner is None:
            raise UserError("Still opening the database: try again in a moment.")
        return planner

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state != WorkerState.ERROR:
            return
        from inmail_tui.tui.screens.error import ErrorScreen

        error = event.worker.error
        title = "That did not work" if isinstance(error, UserError) else "Something went wrong"
        text = str(error) if isinstance(error, UserError) else f"{type(error).__name__}: {error}"
        self.app.push_screen(ErrorScreen(title, text))


class ContextLoaded(Message):
    """The prospect, cost, templates and saved draft; ``keep_text`` keeps what is being typed."""

    def __init__(self, context: DraftContext, words: WordLists, keep_text: bool) -> None:
        super().__init__()
        self.context, self.words, self.keep_text = context, words, keep_text


class DraftSaved(Message):
    def __init__(self, draft_id: int, channel: Channel, subject: str, body: str) -> None:
        super().__init__()
        self.draft_id, self.channel, self.saved = draft_id, channel, (subject, body)


class TemplateRendered(Message):
    def __init__(self, template: TemplateRow, rendered: Rendered) -> None:
        super().__init__()
        self.template, self.rendered = template, rendered


class SendDone(Message):
    def __init__(self, result: SendResult) -> None:
        super().__init__()
        self.result = result


class OutcomeRecorded(Message):
    def __init__(self, result: OutcomeResult) -> None:
        super().__init__()
        self.result = result
