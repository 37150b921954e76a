"""planner.queue.detail: one prospect in full, read in one transaction (the detail pane's read)."""

from datetime import date
from pathlib import Path

import pytest

from inmail_tui.core.model import Channel, Degree, Status
from inmail_tui.errors import UserError
from inmail_tui.planner import Planner
from inmail_tui.settings import Settings

LEADS = (
    "Profile URL,First Name,Last Name,Company,Title,Degree,Email\n"
    "https://www.linkedin.com/in/amy,Amy,Ode,Acme,CTO,3rd,amy@acme.test\n"
    "https://www.linkedin.com/in/bob,Bob,Lee,Initech,CEO,2nd,\n"
)


def _planner(tmp_path: Path, db_url: str) -> Planner:
    leads = tmp_path / "leads.csv"
    leads.write_text(LEADS, "utf-8")
    planner = Planner.open(db_url, date(2026, 1, 15), Settings())
    planner.credits.set_plan("recruiter_lite", renewal_day=20, balance=5)
    planner.transfer.import_file(leads)
    return planner


def test_the_detail_holds_every_fact_the_decision_the_history_and_the_drafts(
    tmp_path: Path,
    db_url: str,
) -> None:
    planner = _planner(tmp_path, db_url)
    amy = planner.queue.prospect("linkedin.com/in/amy").row.id
    planner.queue.add_tag([amy], "hot")
    planner.queue.set_notes(amy, "Met at the fintech meetup")
    planner.outreach.mark_sent(amy, Channel.INMAIL, "Your hiring plans", "Hello Amy, a question?")
    planner.outreach.mark([amy], Status.REPLIED)
    kept = planner.drafts.save_draft(amy, Channel.MESSAGE, "", "Thanks Amy: Tuesday at 10?")

    detail = Planner.open(db_url, date(2026, 1, 15), Settings()).queue.detail(amy)

    row = detail.item.row
    assert (row.full_name, row.company, row.title) == ("Amy Ode", "Acme", "CTO")
    assert (row.degree, row.email, row.email_verified) == (Degree.THIRD, "amy@acme.test", False)
    assert (row.status, row.status_on) == (Status.REPLIED.value, date(2026, 1, 15))
    assert row.notes == "Met at the fintech meetup"
    assert "hot" in detail.item.tags and "EMAIL" in detail.item.tags
    assert detail.item.decision == planner.queue.cost(amy)  # the rule, reason and alternatives
    assert [(h.kind, h.on, h.on_ledger) for h in detail.history] == [
        (Status.INMAIL_SENT.value, date(2026, 1, 15), True),
        (Status.REPLIED.value, date(2026, 1, 15), True),  # the credit came back
    ]
    assert detail.history[0].label == Status.INMAIL_SENT.label
    assert detail.history[0].channel is Channel.INMAIL
    assert [(d.id, d.channel, d.body, d.sent_on) for d in detail.drafts] == [
        (kept, Channel.MESSAGE, "Thanks Amy: Tuesday at 10?", None),
        (detail.drafts[1].id, Channel.INMAIL, "Hello Amy, a question?", date(2026, 1, 15)),
    ]
    assert detail.drafts[1].subject == "Your hiring plans"


def test_a_prospect_without_touches_or_drafts_has_an_empty_history(
    tmp_path: Path, db_url: str
) -> None:
    planner = _planner(tmp_path, db_url)
    detail = planner.queue.detail("linkedin.com/in/bob")
    assert detail.item.row.full_name == "Bob Lee"
    assert (detail.history, detail.drafts) == ((), ())
    assert detail.item == planner.queue.prospect("linkedin.com/in/bob")


def test_an_unknown_prospect_is_a_user_error(tmp_path: Path, db_url: str) -> None:
    with pytest.raises(UserError, match="No prospect"):
        _planner(tmp_path, db_url).queue.detail("linkedin.com/in/nobody")
