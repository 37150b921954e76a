"""The ledger's rules, table by table: grants and the cap, date order, cancellation, spends,
purchases, adjustments, credit-backs and FIFO lot expiry."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from inmail_tui.core.ledger import (
    InsufficientCredits,
    LedgerError,
    PendingCreditBack,
    PoolSpec,
    adjust_event,
    balance,
    credit_back_deadline,
    credit_back_event,
    due_events,
    open_event,
    pending_credit_backs,
    purchase_event,
    spend_event,
)
from inmail_tui.core.lots import Timeline
from inmail_tui.core.model import EventKind, LedgerEvent, Outcome
from inmail_tui.core.plans import Catalog, CreditBackPolicy, load_catalog

CATALOG: Catalog = load_catalog()
SALES_NAV = CATALOG["sales_navigator_core"]
RECRUITER = CATALOG["recruiter_lite"]
BUSINESS = CATALOG["premium_business"]
D = date.fromisoformat


def summary(events: list[LedgerEvent]) -> list[tuple[EventKind, str, int, str | None]]:
    return [(e.kind, e.on.isoformat(), e.amount, e.key) for e in events]


def catch_up(spec: PoolSpec, events: list[LedgerEvent], today: date) -> list[LedgerEvent]:
    return events + due_events(spec, events, today)


# --- the acceptance example and the cap examples of docs/rules.md ------------------------------


def test_sales_navigator_acceptance_example() -> None:
    spec = PoolSpec(SALES_NAV, 1, D("2026-01-15"))
    events = [open_event(spec, 140)]
    assert summary(events) == [(EventKind.OPEN, "2026-01-15", 140, "open")]
    assert due_events(spec, events, D("2026-01-15")) == []
    assert balance(events) == 140
    due = due_events(spec, events, D("2026-02-01"))
    assert summary(due) == [
        (EventKind.GRANT, "2026-02-01", 50, "grant:2026-02-01"),
        (EventKind.FORFEIT, "2026-02-01", -40, "forfeit:2026-02-01"),
    ]
    assert balance(events + due) == 150


@pytest.mark.parametrize(
    ("before", "after", "forfeited"),
    [(150, 150, 50), (120, 150, 20), (90, 140, 0), (0, 50, 0), (100, 150, 0), (101, 150, 1)],
)
def test_cap_at_a_grant(before: int, after: int, forfeited: int) -> None:
    spec = PoolSpec(SALES_NAV, 1, D("2026-01-15"))
    events = [open_event(spec, before)]
    due = due_events(spec, events, D("2026-02-01"))
    assert balance(events + due) == after
    forfeits = [e for e in due if e.kind == EventKind.FORFEIT]
    assert [-e.amount for e in forfeits] == ([forfeited] if forfeited else [])
    assert [e.amount for e in due if e.kind == EventKind.GRANT] == [50]


def test_a_grant_never_takes_away_purchased_credits_above_the_cap() -> None:
    spec = PoolSpec(RECRUITER, 10, D("2026-01-01"))  # 30 a month, cap 120
    events = [open_event(spec, 115), purchase_event(spec, 2, D("2026-01-05"))]
    assert balance(events) == 135
    due = due_events(spec, events, D("2026-01-10"))
    assert summary(due) == [
        (EventKind.GRANT, "2026-01-10", 30, "grant:2026-01-10"),
        (EventKind.FORFEIT, "2026-01-10", -30, "forfeit:2026-01-10"),
    ]
    assert balance(events + due) == 135


def test_months_of_catch_up_fill_to_the_cap_then_forfeit() -> None:
    spec = PoolSpec(SALES_NAV, 1, D("2026-01-15"))
    events = [open_event(spec, 0)]
    due = due_events(spec, events, D("2026-05-02"))
    assert summary(due) == [
        (EventKind.GRANT, "2026-02-01", 50, "grant:2026-02-01"),
        (EventKind.GRANT, "2026-03-01", 50, "grant:2026-03-01"),
        (EventKind.GRANT, "2026-04-01", 50, "grant:2026-04-01"),
        (EventKind.GRANT, "2026-05-01", 50, "grant:2026-05-01"),
        (EventKind.FORFEIT, "2026-05-01", -50, "forfeit:2026-05-01"),
    ]
    assert due_events(spec, events + due, D("2026-05-02")) == []


def test_grants_are_idempotent() -> None:
    spec = PoolSpec(BUSINESS, 31, D("2026-01-10"))
    events = catch_up(spec, [open_event(spec, 7)], D("2026-03-31"))
    assert [e.on for e in events if e.kind == EventKind.GRANT] == [
        D("2026-01-31"),
        D("2026-02-28"),
        D("2026-03-31"),
    ]
    assert due_events(spec, events, D("2026-03-31")) == []
    assert due_events(spec, events, D("2026-04-29")) == []


def test_a_grant_sees_a_spend_that_came_before_it() -> None:
    spec = PoolSpec(SALES_NAV, 1, D("2026-01-15"))
    events = [open_event(spec, 150)]
    events.append(spend_event(events, D("2026-01-20"), "https://www.linkedin.com/in/a"))
    due = due_events(spec, events, D("2026-02-05"))
    assert [-e.amount for e in due if e.kind == EventKind.FORFEIT] == [49]


def test_a_grant_does_not_see_a_spend_that_came_after_it() -> None:
    # The app was not run on Feb 1; a spend dated Feb 3 was recorded before the grant was due.
    spec = PoolSpec(SALES_NAV, 1, D("2026-01-15"))
    events = [open_event(spec, 150)]
    events.append(spend_event(events, D("2026-02-03"), None))
    due = due_events(spec, events, D("2026-02-05"))
    assert [-e.amount for e in due if e.kind == EventKind.FORFEIT] == [50]
    assert balance(events + due) == 149


def test_a_spend_on_the_grant_day_comes_after_the_grant() -> None:
    spec = PoolSpec(SALES_NAV, 1, D("2026-01-15"))
    events = [open_event(spec, 150)]
    events.append(spend_event(events, D("2026-02-01"), None))
    due = due_events(spec, events, D("2026-02-01"))
    assert [-e.amount for e in due if e.kind == EventKind.FORFEIT] == [50]


def test_a_changed_renewal_day_never_grants_a_past_month_again() -> None:
    first = PoolSpec(BUSINESS, 1, D("2026-01-15"))
    events = catch_up(first, [open_event(first, 0)], D("2026-03-05"))
    moved = PoolSpec(BUSINESS, 20, D("2026-01-15"))
    due = due_events(moved, events, D("2026-03-25"))
    assert summary(due) == [(EventKind.GRANT, "2026-03-20", 15, "grant:2026-03-20")]


# --- cancellation -------------------------------------------------------------------------


def test_cancellation_empties_the_pool_and_stops_grants() -> None:
    spec = PoolSpec(BUSINESS, 1, D("2026-01-15"), cancelled_on=D("2026-03-31"))
    events = [open_event(spec, 10)]
    due = due_events(spec, events, D("2026-06-01"))
    assert summary(due) == [
        (EventKind.GRANT, "2026-02-01", 15, "grant:2026-02-01"),
        (EventKind.GRANT, "2026-03-01", 15, "grant:2026-03-01"),
        (EventKind.CANCEL, "2026-03-31", -40, "cancel"),
    ]
    events += due
    assert balance(events) == 0
    assert due_events(spec, events, D("2026-09-01")) == []
    with pytest.raises(InsufficientCredits):
        spend_event(events, D("2026-04-02"), None)


def test_cancellation_is_not_due_before_its_day() -> None:
    spec = PoolSpec(BUSINESS, 1, D("2026-01-15"), cancelled_on=D("2026-03-31"))
    due = due_events(spec, [open_event(spec, 10)], D("2026-03-30"))
    assert EventKind.CANCEL not in {e.kind for e in due}


def test_the_pool_is_empty_from_the_first_hour_of_its_cancellation_day() -> None:
    spec = PoolSpec(BUSINESS, 1, D("2026-01-15"), cancelled_on=D("2026-01-20"))
    events = [open_event(spec, 3)]
    events.append(spend_event(events, D("2026-01-19"), None))
    due = due_events(spec, events, D("2026-01-20"))
    assert summary(due) == [(EventKind.CANCEL, "2026-01-20", -2, "cancel")]
    with pytest.raises(InsufficientCredits):
        spend_event(events + due, D("2026-01-20"), None)


def test_a_reconciliation_on_the_cancellation_day_comes_after_it() -> None:
    spec = PoolSpec(BUSINESS, 1, D("2026-01-15"), cancelled_on=D("2026-01-20"))
    events = catch_up(spec, [open_event(spec, 3)], D("2026-01-20"))
    adjusted = adjust_event(events, 2, D("2026-01-20"))
    assert adjusted is not None and adjusted.amount == 2
    acts = [events[0], adjusted]
    assert summary(due_events(spec, acts, D("2026-01-21"))) == [
        (EventKind.CANCEL, "2026-01-20", -3, "cancel")
    ]


# --- spends, purchases, adjustments ---------------------------------------------------------


def test_spend_costs_one_credit_with_a_unique_key() -> None:
    spec = PoolSpec(SALES_NAV, 1, D("2026-01-15"))
    events = [open_event(spec, 2)]
    first = spend_event(events, D("2026-01-16"), "https://www.linkedin.com/in/a", "hello")
    events.append(first)
    second = spend_event(events, D("2026-01-16"), "https://www.linkedin.com/in/b")
    events.append(second)
    assert (first.kind, first.amount, first.ref, first.note) == (
        EventKind.SPEND,
        -1,
        "https://www.linkedin.com/in/a",
        "hello",
    )
    assert [first.key, second.key] == ["spend:2026-01-16#1", "spend:2026-01-16#2"]
    assert balance(events) == 0
    with pytest.raises(InsufficientCredits, match="No InMail credits left") as raised:
        spend_event(events, D("2026-01-17"), None)
    assert isinstance(raised.value, LedgerError)
    assert isinstance(raised.value, ValueError)


def test_purchase_in_blocks() -> None:
    spec = PoolSpec(RECRUITER, 1, D("2026-01-15"))
    event = purchase_event(spec, 3, D("2026-01-20"))
    assert (event.kind, event.on, event.amount) == (EventKind.PURCHASE, D("2026-01-20"), 30)
    assert "3 blocks of 10" in event.note


def test_premium_career_cannot_buy() -> None:
    spec = PoolSpec(CATALOG["premium_career"], 1, D("2026-01-15"))
    with pytest.raises(LedgerError) as raised:
        purchase_event(spec, 1, D("2026-01-20"))
    assert str(raised.value) == "Premium Career cannot buy credits; upgrade instead."


@pytest.mark.parametrize(
    ("blocks", "on", "message"),
    [
        (0, D("2026-01-20"), "at least one block of 10"),
        (1, D("2026-01-01"), "cannot precede"),
        (1, D("2026-03-01"), "cancelled"),
    ],
)
def test_purchase_errors(blocks: int, on: date, message: str) -> None:
    spec = PoolSpec(RECRUITER, 1, D("2026-01-15"), cancelled_on=D("2026-02-28"))
    with pytest.raises(LedgerError, match=message):
        purchase_event(spec, blocks, on)


@pytest.mark.parametrize(("shown", "amount"), [(25, 5), (12, -8), (0, -20), (20, None)])
def test_adjust_to_what_linkedin_shows(shown: int, amount: int | None) -> None:
    spec = PoolSpec(SALES_NAV, 1, D("2026-01-15"))
    events = [open_event(spec, 20)]
    event = adjust_event(events, shown, D("2026-01-18"), "after a trip")
    if amount is None:
        assert event is None
    else:
        assert event is not None
        assert (event.kind, event.amount, event.note) == (EventKind.ADJUST, amount, "after a trip")
        assert balance([*events, event]) == shown


def test_negative_shown_balance_and_opening_are_errors() -> None:
    spec = PoolSpec(SALES_NAV, 1, D("2026-01-15"))
    with pytest.raises(LedgerError, match="negative"):
        adjust_event([open_event(spec, 3)], -1, D("2026-01-16"))
    with pytest.raises(LedgerError, match="negative"):
        open_event(spec, -5)


# --- credit-backs ---------------------------------------------------------------------------


def credit_spec(policy: CreditBackPolicy, on: bool = True) -> PoolSpec:
    plan = RECRUITER.with_overrides(credit_back=on, credit_back_on=policy)
    return PoolSpec(plan, 1, D("2026-01-01"))


SENT_ON = D("2026-01-10")


def sent(spec: PoolSpec, on: date = SENT_ON) -> tuple[list[LedgerEvent], LedgerEvent]:
    events = [open_event(spec, 5)]
    spend = spend_event(events, on, "https://www.linkedin.com/in/x")
    return [*events, spend], spend


def test_credit_back_deadline() -> None:
    assert credit_back_deadline(PoolSpec(RECRUITER, 1, D("2026-01-01")), D("2026-01-10")) == D(
        "2026-04-10"
    )
    assert credit_back_deadline(PoolSpec(SALES_NAV, 1, D("2026-01-01")), D("2026-01-10")) is None


@pytest.mark.parametrize(
    ("policy", "outcome", "gives_back"),
    [
        (CreditBackPolicy.ACCEPTED_REPLIED, Outcome.ACCEPTED, True),
        (CreditBackPolicy.ACCEPTED_REPLIED, Outcome.REPLIED, True),
        (CreditBackPolicy.ACCEPTED_REPLIED, Outcome.DECLINED, False),
        (CreditBackPolicy.ACCEPTED_REPLIED, Outcome.NO_RESPONSE, False),
        (CreditBackPolicy.ACCEPTED_DECLINED_REPLIED, Outcome.ACCEPTED, True),
        (CreditBackPolicy.ACCEPTED_DECLINED_REPLIED, Outcome.DECLINED, True),
        (CreditBackPolicy.ACCEPTED_DECLINED_REPLIED, Outcome.REPLIED, True),
        (CreditBackPolicy.ACCEPTED_DECLINED_REPLIED, Outcome.NO_RESPONSE, False),
        (CreditBackPolicy.ANY_RESPONSE, Outcome.ACCEPTED, True),
        (CreditBackPolicy.ANY_RESPONSE, Outcome.DECLINED, True),
        (CreditBackPolicy.ANY_RESPONSE, Outcome.REPLIED, True),
        (CreditBackPolicy.ANY_RESPONSE, Outcome.NO_RESPONSE, False),
    ],
)
def test_which_outcomes_give_the_credit_back(
    policy: CreditBackPolicy, outcome: Outcome, gives_back: bool
) -> None:
    spec = credit_spec(policy)
    events, spend = sent(spec)
    event = credit_back_event(spec, spend, outcome, D("2026-01-20"), events)
    if gives_back:
        assert event is not None
        assert (event.kind, event.on, event.amount, event.ref, event.key) == (
            EventKind.CREDIT_BACK,
            D("2026-01-20"),
            1,
            spend.ref,
            "credit_back:spend:2026-01-10#1",
        )
    else:
        assert event is None


@pytest.mark.parametrize(("days", "gives_back"), [(0, True), (89, True), (90, True), (91, False)])
def test_the_90th_day_is_the_last(days: int, gives_back: bool) -> None:
    spec = PoolSpec(RECRUITER, 1, D("2026-01-01"))
    events, spend = sent(spec, D("2026-01-10"))
    event = credit_back_event(spec, spend, Outcome.REPLIED, spend.on + timedelta(days), events)
    assert (event is not None) is gives_back


def test_no_credit_back_when_the_plan_has_none() -> None:
    spec = credit_spec(CreditBackPolicy.ANY_RESPONSE, on=False)
    events, spend = sent(spec)
    assert credit_back_event(spec, spend, Outcome.REPLIED, D("2026-01-11"), events) is None
    assert pending_credit_backs(spec, events, D("2026-01-11")) == []


def test_sales_navigator_with_linkedin_policy_credits_any_response() -> None:
    spec = PoolSpec(SALES_NAV.with_overrides(credit_back=True), 1, D("2026-01-01"))
    events, spend = sent(spec)
    event = credit_back_event(spec, spend, Outcome.DECLINED, D("2026-02-01"), events)
    assert event is not None and event.amount == 1


def test_a_spend_is_credited_back_once() -> None:
    spec = PoolSpec(RECRUITER, 1, D("2026-01-01"))
    events, spend = sent(spec)
    first = credit_back_event(spec, spend, Outcome.ACCEPTED, D("2026-01-12"), events)
    assert first is not None
    events.append(first)
    assert credit_back_event(spec, spend, Outcome.REPLIED, D("2026-01-13"), events) is None
    assert balance(events) == 5


def test_a_stored_spend_without_a_key_is_credited_by_its_id() -> None:
    spec = PoolSpec(RECRUITER, 1, D("2026-01-01"))
    spend = LedgerEvent(kind=EventKind.SPEND, on=D("2026-01-10"), amount=-1, id=42)
    event = credit_back_event(spec, spend, Outcome.REPLIED, D("2026-01-11"), [spend])
    assert event is not None and event.key == "credit_back:id:42"


@pytest.mark.parametrize(
    ("spend", "outcome_on", "message"),
    [
        (
            LedgerEvent(EventKind.GRANT, D("2026-01-10"), 30, key="grant:2026-01-10"),
            D("2026-01-11"),
            "spent",
        ),
        (LedgerEvent(EventKind.SPEND, D("2026-01-10"), -1, key="s"), D("2026-01-09"), "before"),
        (LedgerEvent(EventKind.SPEND, D("2026-01-10"), -1), D("2026-01-11"), "no key or id"),
    ],
)
def test_credit_back_errors(spend: LedgerEvent, outcome_on: date, message: str) -> None:
    spec = PoolSpec(RECRUITER, 1, D("2026-01-01"))
    with pytest.raises(LedgerError, match=message):
        credit_back_event(spec, spend, Outcome.REPLIED, outcome_on, [spend])


def test_no_credit_back_into_a_cancelled_pool() -> None:
    spec = PoolSpec(RECRUITER, 1, D("2026-01-01"), cancelled_on=D("2026-01-31"))
    events, spend = sent(spec)
    assert credit_back_event(spec, spend, Outcome.REPLIED, D("2026-01-30"), events) is not None
    assert credit_back_event(spec, spend, Outcome.REPLIED, D("2026-01-31"), events) is None
    assert len(pending_credit_backs(spec, events, D("2026-01-30"))) == 1
    assert pending_credit_backs(spec, events, D("2026-01-31")) == []


def test_pending_credit_backs() -> None:
    spec = PoolSpec(RECRUITER, 1, D("2026-01-01"))
    events = [open_event(spec, 10)]
    for on in ("2026-01-05", "2026-01-02", "2026-02-10", "2026-03-01"):
        events.append(spend_event(events, D(on), on))
    back = credit_back_event(spec, events[3], Outcome.REPLIED, D("2026-02-20"), events)
    assert back is not None
    events.append(back)
    today = D("2026-04-03")  # Jan 2's window closed on Apr 2; Jan 5's is open until Apr 5
    assert pending_credit_backs(spec, events, today) == [
        PendingCreditBack(events[1], D("2026-04-05")),
        PendingCreditBack(events[4], D("2026-05-30")),
    ]


# --- FIFO lots and expiry ---------------------------------------------------------------------


def expiring(days: int) -> PoolSpec:
    return PoolSpec(BUSINESS.with_overrides(lot_expiry=True, expiry_days=days), 1, D("2026-01-01"))


def test_what_is_left_of_a_lot_expires() -> None:
    spec = expiring(60)
    events = catch_up(spec, [open_event(spec, 0)], D("2026-02-10"))
    for _ in range(10):
        events.append(spend_event(events, D("2026-02-10"), None))
    due = due_events(spec, events, D("2026-04-02"))
    assert summary(due) == [
        (EventKind.GRANT, "2026-03-01", 15, "grant:2026-03-01"),
        (EventKind.GRANT, "2026-04-01", 15, "grant:2026-04-01"),
        (EventKind.EXPIRE, "2026-04-02", -5, "expire:grant:2026-02-01"),
    ]
    assert balance(events + due) == 30
    assert due_events(spec, events + due, D("2026-04-02")) == []


def test_forfeits_take_the_oldest_lot_and_expiry_comes_before_the_grant() -> None:
    spec = expiring(90)  # Jan 1 + 90 days = Apr 1, the day of a grant
    due = due_events(spec, [open_event(spec, 45)], D("2026-04-01"))
    assert summary(due) == [
        (EventKind.GRANT, "2026-02-01", 15, "grant:2026-02-01"),
        (EventKind.FORFEIT, "2026-02-01", -15, "forfeit:2026-02-01"),
        (EventKind.GRANT, "2026-03-01", 15, "grant:2026-03-01"),
        (EventKind.FORFEIT, "2026-03-01", -15, "forfeit:2026-03-01"),
        (EventKind.EXPIRE, "2026-04-01", -15, "expire:open"),
        (EventKind.GRANT, "2026-04-01", 15, "grant:2026-04-01"),
    ]


def test_purchased_and_credited_back_credits_are_lots_of_their_own() -> None:
    plan = RECRUITER.with_overrides(lot_expiry=True, expiry_days=30)
    spec = PoolSpec(plan, 1, D("2026-01-01"))
    events = [open_event(spec, 1), purchase_event(spec, 1, D("2026-01-03"))]
    spend = spend_event(events, D("2026-01-04"), "x")  # takes the opening lot's credit
    events.append(spend)
    back = credit_back_event(spec, spend, Outcome.REPLIED, D("2026-01-25"), events)
    assert back is not None
    events.append(back)
    due = due_events(spec, events, D("2026-02-24"))
    assert summary(due) == [
        (EventKind.GRANT, "2026-02-01", 30, "grant:2026-02-01"),
        (EventKind.EXPIRE, "2026-02-02", -10, "expire:purchase:2026-01-03#1"),
        (EventKind.EXPIRE, "2026-02-24", -1, "expire:credit_back:spend:2026-01-04#1"),
    ]
    assert balance(events + due) == 30


def test_without_lot_expiry_nothing_expires() -> None:
    spec = PoolSpec(BUSINESS, 1, D("2026-01-01"))
    due = due_events(spec, [open_event(spec, 10)], D("2027-01-01"))
    assert EventKind.EXPIRE not in {e.kind for e in due}


def test_lots_always_add_up_to_the_balance() -> None:
    spec = expiring(45)
    events = [open_event(spec, 20)]
    events.append(spend_event(events, D("2026-01-02"), None))
    timeline = Timeline(spec, events)
    timeline.advance(D("2026-06-30"))
    book = timeline.book
    assert book.debt == 0
    assert sum(lot.left for lot in book.lots) == book.balance
    assert [(lot.label, lot.left) for lot in book.lots] == [("grant:2026-06-01", 15)]
