"""Issue 10, seats and claims through the planner: seats with monthly limits, each seat's usage,
the seat recorded on spends, touches and purchases, the seat limit refusing a send under the
pool's lock, claims and releases, and the team rules (a teammate's prospect, a second InMail from
the team) under the ``warn`` and ``refuse`` team policies. On SQLite and PostgreSQL."""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from inmail_tui.core.model import Channel, EventKind, Outcome
from inmail_tui.errors import UserError
from inmail_tui.planner import Planner
from inmail_tui.planner.queue import QueueQuery
from inmail_tui.settings import Settings
from inmail_tui.store import touches
from inmail_tui.store.tx import read_session

TODAY = date(2026, 1, 15)
URL = "https://www.linkedin.com/in/{}"
SLUGS = ["ann", "bob", "cy", "dee", "eve"]
BODY = "Hi, your team's growth this year stood out. Is hiring a priority for you right now?"
TEAM = {"plans": {"recruiter_corporate": {"team_policy": "refuse"}}}


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A Recruiter Corporate pool of 40 credits and five 2nd-degree prospects."""
    url = (
        str(tmp_path / "team.sqlite")
        if request.param == "sqlite"
        else str(request.getfixturevalue("pg_url"))
    )
    planner = Planner.open(url, TODAY, Settings())
    planner.credits.set_plan("recruiter_corporate", 15, 40)
    people = tmp_path / "people.csv"
    with people.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["Profile URL", "Full Name", "Degree"])
        writer.writerows([[URL.format(slug), slug.title(), "2nd"] for slug in SLUGS])
    assert planner.transfer.import_file(people).added == len(SLUGS)
    planner.ctx.engine.dispose()
    return url


def as_seat(db: str, seat: str | None, **settings: object) -> Planner:
    return Planner.open(db, TODAY, replace(Settings(), seat=seat, **settings))  # type: ignore[arg-type]


def ana_and_bo(db: str) -> Planner:
    """Seats ana and bo on the pool, without limits: the admin's planner (no seat chosen)."""
    admin = as_seat(db, None)
    admin.team.add_seat("ana")
    admin.team.add_seat("bo")
    return admin


def send(planner: Planner, slug: str) -> int | None:
    return planner.outreach.mark_sent(
        URL.format(slug), Channel.INMAIL, "Hiring", BODY
    ).balance_after


def ids(planner: Planner, *slugs: str) -> list[int]:
    return [planner.queue.prospect(URL.format(slug)).row.id for slug in slugs]


def test_a_pool_without_seats_works_as_before(db: str) -> None:
    solo = as_seat(db, None)
    assert solo.team.view().seats == []
    assert send(solo, "ann") == 39
    assert solo.team.view().without_seat == 1


def test_seats_are_added_with_limits_and_listed_by_name(db: str) -> None:
    admin = as_seat(db, None)
    admin.team.add_seat("bo", 10)
    view = admin.team.add_seat("Ana")
    assert [(s.name, s.monthly_limit, s.used_this_month) for s in view.seats] == [
        ("Ana", None, 0),
        ("bo", 10, 0),
    ]
    with pytest.raises(UserError, match="already has a seat named 'ana'"):
        admin.team.add_seat("ana")
    with pytest.raises(UserError, match="from 0 to"):
        admin.team.add_seat("cy", -1)
    assert [s.monthly_limit for s in admin.team.set_limit("ANA", 5).seats] == [5, 10]
    assert [s.monthly_limit for s in admin.team.set_limit("bo", None).seats] == [5, None]
    with pytest.raises(UserError, match="has no seat 'zed'; its seats: Ana, bo"):
        admin.team.set_limit("zed", 1)


def test_an_unknown_seat_is_one_sentence_listing_the_known_ones(db: str) -> None:
    as_seat(db, None).team.add_seat("ana")
    with pytest.raises(UserError, match="has no seat 'zed'; its seats: ana"):
        as_seat(db, "zed").queue.prospect(URL.format("ann"))


def test_a_team_pool_asks_for_a_seat_before_a_send(db: str) -> None:
    as_seat(db, None).team.add_seat("ana")
    with pytest.raises(UserError, match="pick yours with --seat NAME"):
        send(as_seat(db, None), "ann")


def test_spends_record_the_seat_and_credit_backs_go_to_the_pool(db: str) -> None:
    ana_and_bo(db)
    ana, bo = as_seat(db, "ana"), as_seat(db, "bo")
    assert send(ana, "ann") == 39
    assert send(ana, "bob") == 38
    assert send(bo, "cy") == 37
    ana.outreach.record_outcome(URL.format("ann"), Outcome.REPLIED)  # Recruiter: credit back
    view = bo.team.view()
    assert view.balance == 38  # the refund went to the pool
    used = {s.name: s.used_this_month for s in view.seats}
    assert used == {"ana": 2, "bo": 1}  # and did not lower ana's usage
    assert view.mine is not None and view.mine.name == "bo"
    history = ana.credits.balance().history
    assert [e.seat is not None for e in history if e.kind == EventKind.CREDIT_BACK] == [True]


def test_the_seat_limit_refuses_with_its_reason(db: str) -> None:
    admin = as_seat(db, None)
    admin.team.add_seat("ana", 2)
    ana = as_seat(db, "ana")
    send(ana, "ann")
    send(ana, "bob")
    decision = ana.outreach.preview_send(URL.format("cy"), Channel.INMAIL)
    assert (decision.rule, decision.allowed) == ("R16", False)
    assert decision.reason == (
        "Seat ana has spent 2 of its 2 InMail credits this month (the admin's limit): cannot send"
        " until 1 Feb 2026"
    )
    with pytest.raises(UserError, match="Not marked sent: Seat ana has spent 2 of its 2"):
        send(ana, "cy")
    assert ana.credits.balance().balance == 38
    admin.team.set_limit("ana", None)
    assert send(ana, "cy") == 37


def test_claims_show_their_owner_and_a_teammates_claim_is_refused(db: str) -> None:
    admin = ana_and_bo(db)
    ana, bo = as_seat(db, "ana"), as_seat(db, "bo")
    ann, bob = ids(ana, "ann", "bob")
    assert ana.team.claim([ann, bob]).changed == 2
    row = bo.queue.prospect(URL.format("ann")).row
    assert (row.owner_seat is not None, row.claimed_on) == (True, TODAY)
    result = bo.team.claim([ann])
    assert result.changed == 0
    assert result.skipped == [
        (ann, "Ann is claimed by ana since 15 Jan 2026: ask them, or claim with --force")
    ]
    assert bo.team.release([bob]).skipped[0][1].startswith("Bob is claimed by ana")
    assert bo.team.claim([ann], force=True).changed == 1
    assert ana.team.release([bob]).changed == 1
    assert bo.queue.prospect(URL.format("bob")).row.owner_seat is None
    with pytest.raises(
        UserError, match=r"is shared by seats \(ana, bo\): pick yours with --seat NAME"
    ):
        admin.team.claim([bob])


def test_a_teammates_prospect_is_refused_under_refuse_and_warned_under_warn(db: str) -> None:
    admin = ana_and_bo(db)
    as_seat(db, "ana").team.claim(ids(admin, "ann"))
    strict = as_seat(db, "bo", plans=TEAM["plans"])
    for channel, rule in [
        (Channel.INMAIL, "R14"),
        (Channel.CONNECT, "C6"),
        (Channel.MESSAGE, "M8"),
    ]:
        decision = strict.outreach.preview_send(URL.format("ann"), channel)
        assert (decision.rule, decision.allowed) == (rule, False)
        assert decision.reason.startswith(
            "Claimed by ana since 15 Jan 2026: the team policy refuses"
        )
    warned = as_seat(db, "bo").outreach.preview_send(URL.format("ann"), Channel.INMAIL)
    assert (warned.rule, warned.allowed) == ("R12", True)
    assert warned.reason.startswith("Claimed by ana since 15 Jan 2026; InMail to a 2nd-degree")
    mine = as_seat(db, "ana", plans=TEAM["plans"]).outreach.preview_send(
        URL.format("ann"), Channel.INMAIL
    )
    assert mine.rule == "R12" and not mine.reason.startswith("Claimed")  # the owner's own


def test_a_second_inmail_from_the_team_is_a_rule(db: str) -> None:
    ana_and_bo(db)
    send(as_seat(db, "ana"), "ann")
    as_seat(db, "ana").outreach.record_outcome(URL.format("ann"), Outcome.NO_RESPONSE)
    strict = as_seat(db, "bo", plans=TEAM["plans"])
    decision = strict.outreach.preview_send(URL.format("ann"), Channel.INMAIL)
    assert (decision.rule, decision.allowed) == ("R15", False)
    assert decision.reason == (
        "ana already sent them an InMail on 15 Jan 2026: the team policy refuses a second InMail"
        " from the team"
    )
    with pytest.raises(UserError, match="ana already sent them an InMail"):
        send(strict, "ann")
    warned = as_seat(db, "bo").outreach.preview_send(URL.format("ann"), Channel.INMAIL)
    assert warned.allowed and warned.reason.startswith("ana already sent them an InMail on 15 Jan")


def test_touches_record_the_seat_and_do_not_contact_applies_to_every_seat(db: str) -> None:
    from inmail_tui.core.model import Status

    ana_and_bo(db)
    ana = as_seat(db, "ana")
    (dee,) = ids(ana, "dee")
    ana.outreach.mark([dee], Status.DO_NOT_CONTACT)
    with read_session(ana.ctx.engine) as conn:
        assert touches.seat_inmails(conn, [dee], but=None) == {}
    decision = as_seat(db, "bo").outreach.preview_send(URL.format("dee"), Channel.INMAIL)
    assert (decision.rule, decision.allowed) == ("R0", False)


def _reads(planner: Planner, work: Callable[[], object]) -> list[str]:
    """The statements ``work`` sends that read the pool, the seats or teammates' InMails."""
    statements: list[str] = []

    def record(*args: Any) -> None:
        statements.append(" ".join(str(args[2]).split()))

    engine = planner.ctx.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        work()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return [
        "pool" if " FROM pool " in s else "seat" if " FROM seat " in s else "inmails"
        for s in statements
        if any(table in s for table in (" FROM pool ", " FROM seat ", "touch.seat_id IS NOT"))
    ]


def test_a_queue_page_reads_the_pool_and_its_seats_once_and_a_solo_pool_nothing_more(
    db: str,
) -> None:
    solo = as_seat(db, None)
    assert _reads(solo, lambda: solo.queue.page(QueueQuery())) == ["pool", "seat"]
    ana_and_bo(db)
    ana = as_seat(db, "ana")
    assert _reads(ana, lambda: ana.queue.page(QueueQuery())) == ["pool", "seat", "inmails"]
