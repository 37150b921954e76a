"""Refusals of the outreach use cases (mark, mark sent, record outcome) leave the database as it
was: no credit spent or given back, no status moved, no draft taken. The successful paths are in
test_sending.py and test_queue_marks.py; the races for the last credit in test_races.py."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from inmail_tui.core.model import Channel, EventKind, Outcome, Status
from inmail_tui.errors import UserError
from inmail_tui.planner import Planner
from inmail_tui.settings import Settings

TODAY = date(2026, 1, 15)
ANN = "https://www.linkedin.com/in/ann"
BOB = "https://www.linkedin.com/in/bob"
CY = "https://www.linkedin.com/in/cy"
BODY = "Hi, your team's growth this year stood out. Is hiring a priority for you right now?"


@pytest.fixture
def db(tmp_path: Path, db_url: str) -> str:
    """Recruiter Lite (credit-backs) with 10 credits and three 2nd-degree prospects."""
    db = db_url
    planner = Planner.open(db, TODAY, Settings())
    planner.credits.set_plan("recruiter_lite", renewal_day=20, balance=10)
    leads = tmp_path / "leads.csv"
    leads.write_text(
        "Profile URL,Full Name,Degree\n" + "".join(f"{u},{u[-3:]},2nd\n" for u in (ANN, BOB, CY)),
        "utf-8",
    )
    planner.transfer.import_file(leads)
    return db


def planner_on(db: str, today: date = TODAY) -> Planner:
    return Planner.open(db, today, Settings())


def kinds(planner: Planner) -> list[EventKind]:
    return [event.kind for event in reversed(planner.credits.balance().history)]


class TestMark:
    def test_mark_records_what_it_can_and_says_why_not_for_the_rest(self, db: str) -> None:
        planner = planner_on(db)
        ann = planner.queue.prospect(ANN).row.id
        result = planner.outreach.mark([ann, 9999], Status.CONNECT_REQUESTED)
        assert (result.changed, result.skipped) == (1, [(9999, "no such prospect")])
        reread = planner_on(db).queue.prospect(ANN).row
        assert (reread.status, reread.status_on) == (Status.CONNECT_REQUESTED, TODAY)

    def test_a_move_the_pipeline_forbids_is_skipped_and_changes_nothing(self, db: str) -> None:
        planner = planner_on(db)
        bob = planner.queue.prospect(BOB).row.id
        result = planner.outreach.mark([bob], Status.NO_RESPONSE)  # nothing was sent
        assert result.changed == 0
        assert [prospect for prospect, _ in result.skipped] == [bob]
        assert planner_on(db).queue.prospect(BOB).row.status == Status.NEW


class TestMarkSent:
    def test_a_failure_after_the_spend_rolls_the_spend_back(self, db: str) -> None:
        """The credit, the draft, the touch and the status go in one transaction: a draft that
        was already sent fails the send after the credit is taken, and nothing stays."""
        planner = planner_on(db)
        sent = planner.outreach.mark_sent(ANN, Channel.INMAIL, "Hi", BODY)
        assert sent.balance_after == 9
        with pytest.raises(UserError, match="already sent"):
            planner.outreach.mark_sent(BOB, Channel.INMAIL, "Hi", BODY, draft_id=sent.draft_id)
        reread = planner_on(db)
        assert reread.credits.balance().balance == 9
        assert kinds(reread) == [EventKind.OPEN, EventKind.SPEND]
        assert reread.queue.prospect(BOB).row.status == Status.NEW
        assert reread.analytics.view().stats.inmails_sent == 1

    def test_an_unknown_prospect_is_refused(self, db: str) -> None:
        with pytest.raises(UserError, match="No prospect"):
            planner_on(db).outreach.mark_sent(
                "https://www.linkedin.com/in/nobody", Channel.INMAIL, "Hi", BODY
            )
        assert kinds(planner_on(db)) == [EventKind.OPEN]

    def test_another_prospects_draft_is_refused_and_kept(self, db: str) -> None:
        planner = planner_on(db)
        bobs = planner.drafts.save_draft(BOB, Channel.INMAIL, "Hi Bob", "Bob's draft")
        with pytest.raises(UserError, match="someone else"):
            planner.outreach.mark_sent(ANN, Channel.INMAIL, "Hi", BODY, draft_id=bobs)
        reread = planner_on(db)
        draft = reread.drafts.draft_context(BOB, Channel.INMAIL).draft
        assert draft is not None and (draft.id, draft.body) == (bobs, "Bob's draft")
        assert reread.credits.balance().balance == 10


class TestRecordOutcome:
    @pytest.fixture
    def sent(self, db: str) -> str:
        assert planner_on(db).outreach.mark_sent(ANN, Channel.INMAIL, "Hi", BODY).balance_after == 9
        return db

    def test_a_reply_is_recorded_with_its_day_and_credit(self, sent: Path) -> None:
        on = TODAY + timedelta(days=4)
        result = planner_on(sent, on).outreach.record_outcome(ANN, Outcome.REPLIED)
        assert result.credit_back
        reread = planner_on(sent, on)
        row = reread.queue.prospect(ANN).row
        assert (row.status, row.status_on) == (Status.REPLIED, on)
        assert kinds(reread) == [EventKind.OPEN, EventKind.SPEND, EventKind.CREDIT_BACK]
        assert reread.credits.balance().balance == 10

    def test_the_message_names_the_outcome_as_the_app_does(self, sent: Path) -> None:
        result = planner_on(sent).outreach.record_outcome(ANN, Outcome.NO_RESPONSE)
        assert (result.credit_back, result.message) == (False, "Recorded no response.")

    def test_an_outcome_in_the_future_is_refused(self, sent: Path) -> None:
        with pytest.raises(UserError, match="in the future"):
            planner_on(sent).outreach.record_outcome(
                ANN, Outcome.REPLIED, TODAY + timedelta(days=1)
            )
        self.assert_unchanged(sent, TODAY)

    def test_an_outcome_before_the_send_is_refused(self, sent: Path) -> None:
        later = TODAY + timedelta(days=3)
        with pytest.raises(UserError, match="sent on 2026-01-15"):
            planner_on(sent, later).outreach.record_outcome(
                ANN, Outcome.REPLIED, TODAY - timedelta(days=1)
            )
        self.assert_unchanged(sent, later)

    def test_an_outcome_without_a_send_is_refused(self, sent: Path) -> None:
        with pytest.raises(UserError, match="cannot be marked"):
            planner_on(sent).outreach.record_outcome(BOB, Outcome.ACCEPTED)
        assert planner_on(sent).queue.prospect(BOB).row.status == Status.NEW
        self.assert_unchanged(sent, TODAY)

    @staticmethod
    def assert_unchanged(db: str, today: date) -> None:
        reread = planner_on(db, today)
        assert reread.queue.prospect(ANN).row.status == Status.INMAIL_SENT
        assert EventKind.CREDIT_BACK not in kinds(reread)
        assert reread.analytics.view().stats.responses == 0
