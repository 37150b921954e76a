"""Issue 4's "Done when" checks, through the planner on a temp SQLite database: marking an InMail
sent spends exactly what the rules say, refuses what they forbid, and a response inside the
credit-back window gives the credit back."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest

from inmail_tui.core.model import Channel, Outcome, Status
from inmail_tui.errors import UserError
from inmail_tui.planner import Planner
from inmail_tui.settings import Settings
from inmail_tui.store import drafts, prospects, touches
from inmail_tui.store.tx import read_session

TODAY = date(2026, 1, 15)  # a Thursday
URL = "https://www.linkedin.com/in/{}"
HEADER = ["Profile URL", "First Name", "Last Name", "Company", "Title", "Degree",
          "Open Profile", "Accepts InMail"]  # fmt: skip
PEOPLE = [
    ["ann", "Ann", "Lee", "Acme", "CTO", "2nd", "false", "true"],
    ["bob", "Bob", "Ray", "Beta", "VP Sales", "3rd", "true", "true"],
    ["cy", "Cy", "Om", "Gamma", "CEO", "2nd", "false", "false"],
]
BODY = "Hi Ann, your team's growth this year stood out. Is hiring a priority for you right now?"


def open_planner(db: str, today: date = TODAY) -> Planner:
    return Planner.open(db, today, Settings())


def setup(tmp_path: Path, db_url: str, plan: str, balance: int, renewal_day: int = 1) -> str:
    db = db_url
    planner = open_planner(db)
    planner.credits.set_plan(plan, renewal_day, balance)
    people = tmp_path / "people.csv"
    with people.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADER)
        writer.writerows([[URL.format(p[0]), *p[1:]] for p in PEOPLE])
    assert planner.transfer.import_file(people).added == len(PEOPLE)
    return db


def status_of(planner: Planner, slug: str) -> str:
    return planner.queue.prospect(URL.format(slug)).row.status


class TestSalesNavigator:
    @pytest.fixture
    def db(self, tmp_path: Path, db_url: str) -> str:
        return setup(tmp_path, db_url, "sales_navigator_core", 10)

    def test_inmail_to_a_2nd_degree_prospect_costs_one_credit(self, db: str) -> None:
        planner = open_planner(db)
        result = planner.outreach.mark_sent(URL.format("ann"), Channel.INMAIL, "Your team", BODY)
        assert (result.decision.cost, result.balance_after) == (1, 9)
        assert planner.credits.balance().balance == 9
        assert status_of(planner, "ann") == Status.INMAIL_SENT

    def test_the_send_is_recorded_once_with_its_text(self, db: str) -> None:
        planner = open_planner(db)
        draft_id = planner.drafts.save_draft(
            URL.format("ann"), Channel.INMAIL, "Your team", "draft one"
        )
        result = planner.outreach.mark_sent(
            URL.format("ann"), Channel.INMAIL, "Your team", BODY, variant="B", draft_id=draft_id
        )
        assert result.draft_id == draft_id
        with read_session(planner.ctx.engine) as conn:
            row = prospects.get(conn, URL.format("ann"))
            assert row is not None
            history = touches.touches(conn, row.id)
        sent = drafts.get_draft(planner.ctx.engine, draft_id)
        assert sent is not None
        assert (sent.status, sent.body, sent.variant, sent.sent_on) == ("sent", BODY, "B", TODAY)
        assert [(t.kind, t.draft_id) for t in history] == [("inmail_sent", draft_id)]
        assert planner.drafts.draft_context(URL.format("ann"), Channel.INMAIL).draft is None

    def test_open_profile_prospect_is_free(self, db: str) -> None:
        planner = open_planner(db)
        result = planner.outreach.mark_sent(URL.format("bob"), Channel.INMAIL, "Your team", BODY)
        assert result.decision.cost == 0
        assert result.balance_after == 10
        assert planner.credits.balance().balance == 10

    def test_opted_out_prospect_is_refused_with_the_reason(self, db: str) -> None:
        planner = open_planner(db)
        reason = planner.outreach.preview_send(URL.format("cy"), Channel.INMAIL).reason
        with pytest.raises(UserError) as refused:
            planner.outreach.mark_sent(URL.format("cy"), Channel.INMAIL, "Your team", BODY)
        assert reason and reason in str(refused.value)
        assert planner.credits.balance().balance == 10
        assert status_of(planner, "cy") == Status.NEW

    def test_a_broken_hard_limit_is_refused_and_spends_nothing(self, db: str) -> None:
        planner = open_planner(db)
        with pytest.raises(UserError, match="2,000"):
            planner.outreach.mark_sent(URL.format("ann"), Channel.INMAIL, "Your team", "x" * 2001)
        with pytest.raises(UserError, match="200"):
            planner.outreach.mark_sent(URL.format("ann"), Channel.INMAIL, "y" * 201, BODY)
        assert planner.credits.balance().balance == 10
        assert status_of(planner, "ann") == Status.NEW


class TestRecruiterLiteCreditBack:
    @pytest.fixture
    def db(self, tmp_path: Path, db_url: str) -> str:
        db = setup(tmp_path, db_url, "recruiter_lite", 10, renewal_day=15)
        result = open_planner(db).outreach.mark_sent(
            URL.format("ann"), Channel.INMAIL, "Your team", BODY
        )
        assert result.balance_after == 9
        return db

    @pytest.mark.parametrize("days", [1, 30, 90])
    def test_a_reply_within_90_days_gives_the_credit_back(self, db: str, days: int) -> None:
        on = TODAY + timedelta(days=days)
        planner = open_planner(db, on)
        before = planner.credits.balance().balance
        result = planner.outreach.record_outcome(URL.format("ann"), Outcome.REPLIED)
        assert result.credit_back
        assert planner.credits.balance().balance == before + 1

    def test_a_reply_on_day_91_does_not(self, db: str) -> None:
        planner = open_planner(db, TODAY + timedelta(days=91))
        before = planner.credits.balance().balance
        result = planner.outreach.record_outcome(URL.format("ann"), Outcome.REPLIED)
        assert not result.credit_back
        assert planner.credits.balance().balance == before
        assert status_of(planner, "ann") == Status.REPLIED

    def test_the_credit_comes_back_once(self, db: str) -> None:
        planner = open_planner(db, TODAY + timedelta(days=3))
        assert planner.outreach.record_outcome(URL.format("ann"), Outcome.ACCEPTED).credit_back
        assert not planner.outreach.record_outcome(URL.format("ann"), Outcome.REPLIED).credit_back
        assert planner.credits.balance().balance == 10
