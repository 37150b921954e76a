"""``planner.outreach.undo``: the last status change taken back by a new touch (the history is
only ever appended to), read back through a planner opened anew (issue 8, "CLI commands for what
the queue does" and defect 4's "no way back" from do not contact)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from inmail_tui.core.model import Channel, Status
from inmail_tui.planner import Planner
from inmail_tui.settings import Settings
from inmail_tui.store import touches

TODAY = date(2026, 1, 15)
LATER = date(2026, 1, 20)
ANN = "https://www.linkedin.com/in/ann"
BOB = "https://www.linkedin.com/in/bob"
BODY = "Hi Ann, your team's growth this year stood out. Is hiring a priority for you right now?"


@pytest.fixture
def db(tmp_path: Path, db_url: str) -> str:
    """Sales Navigator (no credit-back by default) with 10 credits; Ann and Bob, 2nd degree;
    Bob's lead list says he replied already."""
    db = db_url
    planner = Planner.open(db, TODAY, Settings())
    planner.credits.set_plan("sales_navigator_core", balance=10)
    leads = tmp_path / "leads.csv"
    leads.write_text(
        f"Profile URL,Full Name,Degree,Status\n{ANN},Ann Lee,2nd,\n{BOB},Bob Roe,2nd,replied\n",
        "utf-8",
    )
    planner.transfer.import_file(leads)
    return db


def on(db: str, today: date = TODAY) -> Planner:
    return Planner.open(db, today, Settings())


def stored_touches(planner: Planner, prospect_id: int) -> list[touches.TouchRow]:
    """Every touch as stored, oldest first."""
    with planner.ctx.engine.connect() as conn:
        return touches.touches(conn, prospect_id)


def ann(db: str) -> int:
    return on(db).queue.prospect(ANN).row.id


def test_an_undo_is_a_new_touch_back_to_the_status_before(db: str) -> None:
    prospect = ann(db)
    assert on(db).outreach.mark([prospect], Status.CONNECT_REQUESTED).changed == 1
    result = on(db, LATER).outreach.undo([prospect])
    assert (result.changed, result.skipped) == (1, [])
    assert result.restored == [(prospect, Status.NEW)]
    reread = on(db, LATER)
    row = reread.queue.prospect(ANN).row
    assert (row.status, row.status_on) == (Status.NEW, None)
    history = stored_touches(reread, prospect)
    assert [(t.kind, t.on) for t in history] == [
        ("connection_requested", TODAY),
        ("new", LATER),
    ], "the history is appended to, never edited"
    assert history[-1].note == f"undo of #{history[0].id}: requested, 2026-01-15"
    # the undone request counts nowhere: not as this week's invitation, not as pending
    connect = reread.queue.cost(ANN, Channel.CONNECT)
    assert (connect.rule, connect.allowed) == ("C5", True)
    assert "0 of 100 invitations" in connect.reason
    again = reread.outreach.undo([prospect])
    assert again.changed == 0
    assert again.skipped == [
        (prospect, "Nothing to undo for Ann Lee: no status change is recorded.")
    ]


def test_do_not_contact_is_undone_back_to_where_it_was(db: str) -> None:
    prospect = ann(db)
    on(db).outreach.mark([prospect], Status.CONNECT_REQUESTED)
    on(db, LATER).outreach.mark([prospect], Status.DO_NOT_CONTACT)
    assert on(db, LATER).queue.cost(ANN).rule == "R0"
    assert on(db, LATER).outreach.undo([prospect]).changed == 1
    reread = on(db, LATER)
    row = reread.queue.prospect(ANN).row
    assert (row.status, row.status_on) == (Status.CONNECT_REQUESTED, TODAY)  # its own date
    assert reread.queue.cost(ANN).rule == "R12"
    assert reread.queue.cost(ANN, Channel.CONNECT).rule == "C3"  # the request is pending again
    assert on(db, LATER).outreach.undo([prospect]).restored == [(prospect, Status.NEW)]


def test_an_undone_reply_no_longer_opens_the_thread(db: str) -> None:
    planner = on(db)
    planner.outreach.mark_sent(ANN, Channel.INMAIL, "Hiring plans", BODY)
    prospect = ann(db)
    planner.outreach.mark([prospect], Status.REPLIED)  # Sales Navigator: no credit comes back
    assert on(db).queue.cost(ANN).rule == "R3"  # a follow-up in the thread is free
    assert on(db).outreach.undo([prospect]).restored == [(prospect, Status.INMAIL_SENT)]
    reread = on(db)
    assert reread.queue.prospect(ANN).row.status == Status.INMAIL_SENT
    assert reread.queue.cost(ANN).rule == "R10"  # pending again: a second InMail costs more
    assert reread.analytics.view().stats.replies == 0


def test_a_send_that_spent_a_credit_is_not_undone(db: str) -> None:
    on(db).outreach.mark_sent(ANN, Channel.INMAIL, "Hiring plans", BODY)
    prospect = ann(db)
    result = on(db).outreach.undo([prospect, 9999])
    assert result.changed == 0
    assert result.skipped[1] == (9999, "no such prospect")
    reason = result.skipped[0][1]
    assert "cannot be unsent" in reason and reason.startswith("Cannot undo InMail sent for Ann Lee")
    reread = on(db)
    assert reread.queue.prospect(ANN).row.status == Status.INMAIL_SENT
    assert reread.credits.balance().balance == 9


def test_a_status_an_import_set_comes_back_exactly(db: str, tmp_path: Path) -> None:
    planner = on(db)
    bob = planner.queue.prospect(BOB).row.id
    refused = planner.outreach.undo([bob])
    assert "no status change is recorded" in refused.skipped[0][1]
    planner.outreach.mark([bob], Status.MESSAGED)
    assert on(db).outreach.undo([bob]).restored == [(bob, Status.REPLIED)]
    assert on(db).queue.prospect(BOB).row.status == Status.REPLIED
    # a status an import sets after the last change is not undone by it
    on(db).outreach.mark([bob], Status.MESSAGED)
    leads = tmp_path / "again.csv"
    leads.write_text(f"Profile URL,Status\n{BOB},no response\n", "utf-8")
    on(db).transfer.import_file(leads)
    refused = on(db).outreach.undo([bob])
    assert "set by an import" in refused.skipped[0][1]
    assert on(db).queue.prospect(BOB).row.status == Status.NO_RESPONSE


def test_a_prospect_named_twice_is_undone_once(db: str) -> None:
    prospect = ann(db)
    on(db).outreach.mark([prospect], Status.CONNECT_REQUESTED)
    on(db).outreach.mark([prospect], Status.DO_NOT_CONTACT)
    result = on(db).outreach.undo([prospect, prospect])
    assert result.restored == [(prospect, Status.CONNECT_REQUESTED)]
    assert on(db).queue.prospect(ANN).row.status == Status.CONNECT_REQUESTED
