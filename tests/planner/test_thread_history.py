"""A decision reads the whole touch history, not the current status alone (issue 7, defect 2).

A prospect who replied keeps an open thread: a follow-up costs nothing (R3) whatever is marked
after. A pending InMail stays pending (R10) when a connection request is marked after it.
"""

from datetime import date, timedelta
from pathlib import Path

from inmail_tui.core.model import Channel, Status
from inmail_tui.planner import Planner
from inmail_tui.settings import Settings

TODAY = date(2026, 1, 15)
BODY = "Hello Amy, is hiring a priority for your team this quarter?"


def planner_with_amy(tmp_path: Path, db_url: str, plan: str = "recruiter_lite") -> Planner:
    leads = tmp_path / "leads.csv"
    leads.write_text("Profile URL,Degree\nhttps://www.linkedin.com/in/amy,2nd\n", "utf-8")
    planner = Planner.open(db_url, TODAY - timedelta(days=5), Settings())
    planner.credits.set_plan(plan, renewal_day=20, balance=10)
    planner.transfer.import_file(leads)
    return planner


def later(planner: Planner, days: int) -> Planner:
    return Planner.open(
        planner.ctx.engine.url.render_as_string(hide_password=False),
        planner.today + timedelta(days),
        Settings(),
    )


def test_a_reply_keeps_the_follow_up_free_after_a_connection_request(
    tmp_path: Path, db_url: str
) -> None:
    first = planner_with_amy(tmp_path, db_url)
    first.outreach.mark_sent("linkedin.com/in/amy", Channel.INMAIL, "Hiring", BODY)
    second = later(first, 2)
    amy = second.queue.prospect("linkedin.com/in/amy").row.id
    assert second.outreach.mark([amy], Status.REPLIED).changed == 1
    assert second.queue.cost(amy).rule == "R3"
    assert second.outreach.mark([amy], Status.CONNECT_REQUESTED).changed == 1
    third = later(second, 1)
    decision = third.queue.cost(amy)
    assert (decision.rule, decision.cost) == ("R3", 0)
    item = third.queue.prospect(amy)
    assert (item.decision.rule, item.decision.cost) == ("R3", 0)  # the queue's row agrees
    assert third.queue.summary().free == 1  # and so does the stored cost class


def test_a_pending_inmail_stays_pending_after_a_connection_request(
    tmp_path: Path, db_url: str
) -> None:
    first = planner_with_amy(tmp_path, db_url)
    first.outreach.mark_sent("linkedin.com/in/amy", Channel.INMAIL, "Hiring", BODY)
    second = later(first, 1)
    amy = second.queue.prospect("linkedin.com/in/amy").row.id
    assert second.queue.cost(amy).rule == "R10"
    assert second.outreach.mark([amy], Status.CONNECT_REQUESTED).changed == 1
    assert second.queue.cost(amy).rule == "R10"
    assert "Wait for a reply" in second.queue.prospect(amy).next_action.label


def test_without_touches_the_current_status_decides(tmp_path: Path, db_url: str) -> None:
    """An imported status (no touches) still counts: an export re-imported keeps its meaning."""
    planner = planner_with_amy(tmp_path, db_url)
    amy = planner.queue.prospect("linkedin.com/in/amy").row.id
    assert planner.queue.cost(amy).rule == "R12"
    assert planner.outreach.mark([amy], Status.CONNECT_REQUESTED).changed == 1
    assert planner.queue.cost(amy).channel == Channel.INMAIL
    assert planner.queue.prospect(amy).next_action.label.startswith("Wait for the connection")
