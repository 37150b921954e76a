"""planner.dedupe: likely duplicates offered (never merged silently), a merge that loses no
touch, draft or ledger entry and re-derives the kept prospect, and a dismissal that lasts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from inmail_tui.core.model import Channel, Status
from inmail_tui.errors import UserError
from inmail_tui.planner import Planner
from inmail_tui.settings import Settings
from inmail_tui.store import drafts, touches

TODAY = date(2026, 1, 15)
ANN = "https://www.linkedin.com/in/ann-lee"
ANN_MEMBER = "https://www.linkedin.com/in/ACwAAB00000042"  # the same Ann, by her member id
BODY = "Hi Ann, your team's growth this year stood out. Is hiring a priority for you right now?"


def leads(tmp_path: Path) -> Path:
    path = tmp_path / "leads.csv"
    path.write_text(
        "Profile URL,Full Name,Company,Degree,Email,Tags,Notes\n"
        f"{ANN},Ann Lee,Acme Corp,,ann@acme.test,fintech,Met at SaaStr\n"
        f"{ANN_MEMBER},Lee Ann,ACME,3rd,,hot,Replied to a post\n"
        "https://www.linkedin.com/in/bob,Bob Roe,Hooli,2nd,,,\n",
        "utf-8",
    )
    return path


def on(db: str | Path) -> Planner:
    return Planner.open(db, TODAY, Settings())


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Sales Navigator with 10 credits; Ann twice (vanity URL and member-id URL) and Bob."""
    target = (
        str(tmp_path / "inmail.sqlite")
        if request.param == "sqlite"
        else request.getfixturevalue("pg_url")
    )
    planner = on(target)
    planner.credits.set_plan("sales_navigator_core", balance=10)
    planner.transfer.import_file(leads(tmp_path))
    planner.ctx.engine.dispose()
    return target


def test_the_same_person_under_two_url_forms_is_offered_not_merged(db: str) -> None:
    planner = on(db)
    [pair] = planner.dedupe.duplicates()
    assert {pair.first.url, pair.second.url} == {ANN, ANN_MEMBER}
    assert (pair.score, pair.reason) == (100, "names 100% alike at the same company")
    assert planner.queue.total() == 3  # offered, never merged by itself
    assert planner.dedupe.count() == 1
    assert pair.to_json()["prospects"][0]["status"] == Status.NEW.label


def test_a_merge_moves_every_touch_draft_and_ledger_entry_and_loses_nothing(db: str) -> None:
    planner = on(db)
    other = planner.queue.prospect(ANN_MEMBER).row
    planner.outreach.mark_sent(ANN_MEMBER, Channel.INMAIL, "Hiring plans", BODY)  # a credit
    assert planner.credits.balance().balance == 9
    kept_before = planner.queue.prospect(ANN).row

    result = on(db).dedupe.merge(ANN, ANN_MEMBER)
    assert (result.touches, result.drafts, result.ledger_entries) == (1, 1, 1)
    assert result.merged.id == other.id
    assert "moved 1 touch, 1 draft, 1 ledger entry" in result.text()

    reread = on(db)
    assert reread.queue.total() == 2
    with pytest.raises(UserError, match="No prospect"):
        reread.queue.prospect(ANN_MEMBER)
    kept = reread.queue.prospect(ANN)
    assert kept.row.id == kept_before.id
    assert kept.row.status == Status.INMAIL_SENT.value  # the later status: the InMail went out
    assert kept.row.email == "ann@acme.test"  # the kept one's facts stay
    assert kept.row.degree == 3  # the kept one did not know; the other did
    assert set(kept.row.user_tags) == {"fintech", "hot"}
    assert kept.row.notes == "Met at SaaStr\nReplied to a post"
    with reread.ctx.engine.connect() as conn:
        assert [t.kind for t in touches.touches(conn, kept.row.id)] == ["inmail_sent"]
        assert [d.status for d in drafts.drafts_of(conn, kept.row.id)] == ["sent"]
    spends = [e for e in reread.credits.balance().history if e.amount < 0]
    assert [e.ref for e in spends] == [ANN]  # the spend now names the kept prospect
    assert reread.credits.balance().balance == 9  # no credit moved or lost
    # re-derived from the joined history: an InMail is pending, a second one is not sent
    assert kept.next_action.label.startswith("Wait for a reply")
    assert kept.decision.rule == "R10"  # the rule for an InMail still awaiting a response
    assert reread.dedupe.duplicates() == []


def test_a_dismissed_pair_is_never_offered_again(db: str) -> None:
    assert on(db).dedupe.dismiss(ANN, ANN_MEMBER) is True
    assert on(db).dedupe.dismiss(ANN_MEMBER, ANN) is False  # known already, either order
    assert on(db).dedupe.duplicates() == []
    assert on(db).queue.total() == 3


def test_merging_or_dismissing_one_prospect_with_itself_is_refused(db: str) -> None:
    planner = on(db)
    with pytest.raises(UserError, match="merged into itself"):
        planner.dedupe.merge(ANN, ANN)
    with pytest.raises(UserError, match="one person"):
        planner.dedupe.dismiss(ANN, ANN)
    with pytest.raises(UserError, match="No prospect"):
        planner.dedupe.merge(ANN, "linkedin.com/in/nobody")
    assert planner.queue.total() == 3


def test_a_merge_keeps_the_others_claim_when_the_kept_one_has_none(db: str) -> None:
    admin = on(db)
    admin.team.add_seat("ana")
    ana = Planner.open(db, TODAY, Settings(seat="ana"))
    other = ana.queue.prospect(ANN_MEMBER).row
    assert ana.queue.prospect(ANN).row.owner_seat is None
    assert ana.team.claim([other.id]).changed == 1
    ana.dedupe.merge(ANN, ANN_MEMBER)
    row = ana.queue.prospect(ANN).row
    assert (row.owner_seat is not None, row.claimed_on) == (True, TODAY)
