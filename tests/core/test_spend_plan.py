"""The spend plan on hand-made cases: each rule of docs/planning.md, with its numbers."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from inmail_tui.core.model import Status
from inmail_tui.core.spend_plan import (
    Entry,
    Knobs,
    PoolState,
    Route,
    keep_value,
    plan_spend,
    route_of,
    schedule_requests,
)
from inmail_tui.core.spend_rates import rate_book, shrunk

TODAY = date(2026, 11, 24)
GRANT = date(2026, 12, 1)
NEXT = date(2027, 1, 1)
PRIOR = rate_book({}, (0, 0, 0), 0.15, 20)  # no history: every rate is the prior


def sales_nav(balance: int = 140, **changes: object) -> PoolState:
    values: dict[str, object] = {
        "today": TODAY,
        "until": NEXT,
        "balance": balance,
        "cap": 150,
        "allowance": 50,
        "grants": (GRANT, NEXT),
        **changes,
    }
    return PoolState(**values)  # type: ignore[arg-type]


def pending(n: int, fit: int = 5, asked: date = TODAY - timedelta(days=7)) -> list[Entry]:
    return [Entry(i, fit, Route.PENDING, asked, ()) for i in range(1, n + 1)]


def test_credits_the_grant_would_forfeit_are_planned_before_it() -> None:
    plan = plan_spend(sales_nav(), pending(50), PRIOR, Knobs())
    # 140 + 50 > 150: 40 would be lost on 1 Dec; every candidate is worth a credit
    assert plan.credits_used == 50
    assert all(i.on == TODAY for i in plan.inmails)
    # all 50 save a credit: 40 of December's forfeit, and 10 of January's (the balance is 140,
    # not 150, when it comes)
    assert sum(i.uses_forfeit for i in plan.inmails) == 50
    assert [(loss.on, loss.credits) for loss in plan.losses] == [(NEXT, 40)]
    assert plan.days[0].balance == 90
    assert plan.days[(GRANT - TODAY).days].balance == 140


def test_with_too_few_candidates_the_plan_says_how_many_are_lost_and_why() -> None:
    plan = plan_spend(sales_nav(), pending(10), PRIOR, Knobs())
    assert plan.credits_used == 10
    assert [(loss.on, loss.credits) for loss in plan.losses] == [(GRANT, 30), (NEXT, 50)]
    assert plan.losses[0].why == (
        "over the cap at the grant: no candidates of fit 3 or more are ready before 1 Dec 2026"
        " (after a connection request: fit 4 or more)"
    )


def test_the_route_follows_the_status() -> None:
    assert route_of(Status.NEW, False) == Route.CONNECT
    assert route_of(Status.INMAIL_SENT, True) == Route.CLOSED
    assert route_of(Status.NO_RESPONSE, True) == Route.CLOSED
    assert route_of(Status.NO_RESPONSE, False) == Route.DIRECT
    assert route_of(Status.CONNECT_REQUESTED, False) == Route.PENDING


def test_a_free_route_is_never_planned_an_inmail() -> None:
    queue = [Entry(1, 5, Route.FREE, None, ()), Entry(2, 5, Route.CLOSED, None, ())]
    assert plan_spend(sales_nav(), queue, PRIOR, Knobs()).inmails == ()


def test_an_inmail_waits_for_the_connection_request_and_needs_a_strong_fit() -> None:
    asked = TODAY - timedelta(days=3)
    queue = [
        Entry(1, 5, Route.PENDING, asked, ()),
        Entry(2, 3, Route.PENDING, asked, ()),  # below the strong fit: no InMail
    ]
    plan = plan_spend(sales_nav(), queue, PRIOR, Knobs(connect_wait_days=7))
    assert [(i.id, i.on) for i in plan.inmails] == [(1, asked + timedelta(days=7))]
    assert "connection request of 21 Nov 2026 unanswered" in plan.inmails[0].why(7)


def test_new_prospects_get_a_request_first_within_the_weekly_budget() -> None:
    queue = [Entry(i, 5 if i <= 3 else 2, Route.CONNECT, None, ()) for i in range(1, 7)]
    sent = {TODAY - timedelta(days=2): 3}  # 3 of the week's 4 are used
    knobs = Knobs(invitation_weekly_budget=4, invitations_sent=sent, connect_wait_days=7)
    requests = schedule_requests(queue, TODAY, NEXT, knobs)
    days = [(r.id, (r.on - TODAY).days) for r in requests]
    # one today; the 3 used fall out of the window on day 5; then 4 a week
    assert days == [(1, 0), (2, 5), (3, 5), (4, 5), (5, 7), (6, 12)]
    assert requests[0].inmail_from == TODAY + timedelta(days=7)
    assert requests[3].inmail_from is None  # fit 2: a request, never an InMail
    plan = plan_spend(sales_nav(), queue, PRIOR, knobs)
    assert [(i.id, i.on) for i in plan.inmails] == [
        (1, TODAY + timedelta(days=7)),
        (2, TODAY + timedelta(days=12)),
        (3, TODAY + timedelta(days=12)),
    ]


def test_never_below_the_reserve() -> None:
    plan = plan_spend(sales_nav(balance=12, grants=()), pending(20), PRIOR, Knobs(reserve=8))
    assert plan.credits_used == 4
    assert min(d.balance for d in plan.days) == 8
    assert plan.days[0].available == 0


def test_a_credit_that_will_probably_come_back_costs_less() -> None:
    # your overall rate is 20%; fintech's 15% makes a fit-3 prospect worth less than a credit
    # kept, unless the credit probably comes back
    book = rate_book({"fintech": (200, 30, 60)}, (400, 80, 120), 0.15, 20)
    queue = [Entry(1, 3, Route.DIRECT, None, ("fintech",))]
    calm = sales_nav(balance=50, grants=())  # nothing would be lost
    assert plan_spend(calm, queue, book, Knobs()).inmails == ()
    backed = sales_nav(balance=50, grants=(), credit_back=True, back_counts_declines=True)
    plan = plan_spend(backed, queue, book, Knobs())
    assert [i.id for i in plan.inmails] == [1]
    assert plan.inmails[0].back == pytest.approx(shrunk(60, 200, 0.15, 20))


def test_a_weak_candidate_gets_only_a_credit_that_would_be_lost() -> None:
    book = rate_book({"retail": (300, 15, 20)}, (600, 120, 150), 0.15, 20)
    queue = [Entry(i, 3, Route.DIRECT, None, ("retail",)) for i in range(1, 60)]
    plan = plan_spend(sales_nav(until=GRANT, grants=(GRANT,)), queue, book, Knobs())
    assert plan.credits_used == 40  # exactly the forfeit of 1 Dec; none of the 100 kept
    assert all(i.uses_forfeit for i in plan.inmails)
    assert keep_value(Knobs(), book) == pytest.approx(3 * book.overall.reply_rate)


def test_rates_say_where_they_come_from() -> None:
    book = rate_book({"fintech": (61, 14, 20), "retail": (3, 1, 1)}, (64, 15, 21), 0.15, 20)
    fintech = book.for_tags(("retail", "fintech"))  # the tag with the most history
    assert fintech.reply_rate == pytest.approx((14 + 3) / 81)
    assert fintech.describe() == "your own rate for tag fintech, 14 of 61"
    assert book.for_tags(("retail",)).describe() == (
        "mostly the prior: your own rate for tag retail is only 1 of 3"
    )
    assert book.for_tags(("other",)) is book.overall
    assert PRIOR.overall.describe() == "the prior of 15% (no InMail history yet)"
    assert PRIOR.overall.reply_rate == 0.15


def test_the_subscription_ending_is_a_loss_too() -> None:
    cancel = date(2026, 12, 1)
    state = sales_nav(balance=5, grants=(), cancelled_on=cancel, until=date(2026, 12, 3))
    plan = plan_spend(state, pending(2), PRIOR, Knobs())
    assert plan.credits_used == 2
    assert [(loss.on, loss.credits) for loss in plan.losses] == [(cancel, 3)]
    assert plan.losses[0].why.startswith("the subscription ends: no candidates")


def test_the_timeline_by_week() -> None:
    plan = plan_spend(sales_nav(), pending(10), PRIOR, Knobs())
    weeks = plan.weeks()
    assert sum(w.inmails for w in weeks) == 10
    assert sum(w.lost for w in weeks) == plan.credits_lost == 80
    assert weeks[0].at_risk == 30 and weeks[0].on == TODAY
    assert len(weeks) == 6  # 39 days
