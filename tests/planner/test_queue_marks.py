"""Marks change the pipeline and, through it, what a send costs."""

from datetime import date
from pathlib import Path

from inmail_tui.core.model import Status
from inmail_tui.planner import Planner
from inmail_tui.planner.queue import QueueQuery
from inmail_tui.settings import Settings


def test_do_not_contact_blocks_every_send_and_filters_as_blocked(
    tmp_path: Path, db_url: str
) -> None:
    leads = tmp_path / "leads.csv"
    leads.write_text("Profile URL,Degree\nhttps://www.linkedin.com/in/zed,2nd\n", "utf-8")
    planner = Planner.open(db_url, date(2026, 1, 15), Settings())
    planner.credits.set_plan("sales_navigator_core", balance=20)
    planner.transfer.import_file(leads)
    item = planner.queue.prospect("linkedin.com/in/zed")
    assert item.decision.cost == 1
    assert planner.outreach.mark([item.row.id], Status.DO_NOT_CONTACT).changed == 1
    after = planner.queue.prospect(item.row.id)
    assert (after.decision.allowed, after.decision.rule) == (False, "R0")
    blocked = planner.queue.page(QueueQuery(cost_classes=("blocked",)))
    assert [i.row.id for i in blocked.items] == [item.row.id]
    refused = planner.outreach.mark([item.row.id], Status.CONNECT_REQUESTED)
    assert refused.changed == 0 and refused.skipped[0][0] == item.row.id


def test_a_reply_marked_in_the_queue_gives_the_credit_back(tmp_path: Path, db_url: str) -> None:
    leads = tmp_path / "leads.csv"
    leads.write_text("Profile URL,Degree\nhttps://www.linkedin.com/in/amy,3rd\n", "utf-8")
    planner = Planner.open(db_url, date(2026, 1, 15), Settings())
    planner.credits.set_plan("recruiter_lite", renewal_day=20, balance=5)
    planner.transfer.import_file(leads)
    sent = planner.outreach.mark_sent(
        "linkedin.com/in/amy",
        planner.queue.prospect("linkedin.com/in/amy").decision.channel,
        "Hi",
        "Hello Amy, is hiring a priority?",
    )
    assert sent.balance_after == 4
    prospect_id = planner.queue.prospect("linkedin.com/in/amy").row.id
    replied = planner.outreach.mark([prospect_id], Status.REPLIED)
    assert (replied.changed, replied.credited_back) == (1, 1)
    assert planner.credits.balance().balance == 5
    again = planner.outreach.mark([prospect_id], Status.DO_NOT_CONTACT)
    assert again.changed == 1
    assert planner.outreach.mark([prospect_id], Status.REPLIED).skipped  # refused with the reason


def test_a_new_plan_derives_the_stored_cost_classes_again(tmp_path: Path, db_url: str) -> None:
    leads = tmp_path / "leads.csv"
    leads.write_text(
        "Profile URL,Degree\nhttps://www.linkedin.com/in/far,OUT\nhttps://www.linkedin.com/in/near,2nd\n",
        "utf-8",
    )
    planner = Planner.open(db_url, date(2026, 1, 15), Settings())
    planner.credits.set_plan("recruiter_professional", renewal_day=3, balance=50)
    planner.transfer.import_file(leads)
    assert planner.queue.summary().credit == 2
    planner.credits.set_plan(
        "recruiter_lite", renewal_day=3, balance=20
    )  # cannot InMail out of network
    summary = planner.queue.summary()
    assert (summary.credit, summary.blocked) == (1, 1)
    blocked = planner.queue.page(QueueQuery(cost_classes=("blocked",))).items
    assert [i.row.url for i in blocked] == ["https://www.linkedin.com/in/far"]


def test_any_says_whether_there_is_a_prospect_as_the_total_does(tmp_path: Path) -> None:
    """``queue.any`` (what the app asks to open on Today) agrees with ``queue.total``."""
    planner = Planner.open(tmp_path / "db.sqlite", date(2026, 1, 15), Settings())
    assert (planner.queue.any(), planner.queue.total()) == (False, 0)
    leads = tmp_path / "leads.csv"
    leads.write_text("LinkedIn URL,Full Name\nhttps://www.linkedin.com/in/amy,Amy Ng\n")
    planner.transfer.import_file(leads)
    assert (planner.queue.any(), planner.queue.total()) == (True, 1)
