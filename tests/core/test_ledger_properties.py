"""Invariants of the ledger under any sequence of allowed operations (hypothesis).

A simulated user runs the app on random days: each day the due events are applied first, then
the user spends, buys, reconciles or records a response.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from inmail_tui.core.forecast import forecast, outlook
from inmail_tui.core.ledger import (
    InsufficientCredits,
    LedgerError,
    PoolSpec,
    adjust_event,
    balance,
    credit_back_event,
    due_events,
    open_event,
    purchase_event,
    spend_event,
)
from inmail_tui.core.lots import Timeline
from inmail_tui.core.model import EventKind, LedgerEvent, Outcome
from inmail_tui.core.plans import CreditBackPolicy, load_catalog

CATALOG = load_catalog()
COMPUTED = {EventKind.GRANT, EventKind.FORFEIT, EventKind.EXPIRE, EventKind.CANCEL}
# Within a day: opening, cancellation, expiry, grant, forfeit, then the user's acts.
PHASE = {
    EventKind.OPEN: 0,
    EventKind.CANCEL: 1,
    EventKind.EXPIRE: 2,
    EventKind.GRANT: 3,
    EventKind.FORFEIT: 4,
}


@st.composite
def specs(draw: st.DrawFn) -> PoolSpec:
    plan = CATALOG[draw(st.sampled_from(CATALOG.ids()))].with_overrides(
        lot_expiry=draw(st.booleans()),
        expiry_days=draw(st.integers(1, 120)),
        credit_back=draw(st.booleans()),
        credit_back_on=draw(st.sampled_from(list(CreditBackPolicy))),
    )
    opened = draw(st.dates(date(2024, 1, 1), date(2028, 12, 31)))
    cancel_after = draw(st.none() | st.integers(0, 400))
    cancelled = None if cancel_after is None else opened + timedelta(cancel_after)
    return PoolSpec(plan, draw(st.integers(1, 31)), opened, cancelled)


OPS = st.lists(
    st.tuples(
        st.integers(0, 45),
        st.sampled_from(["spend", "spend", "spend", "purchase", "adjust", "response", "jump"]),
        st.integers(0, 200),
    ),
    max_size=30,
)


@dataclass
class Run:
    spec: PoolSpec
    events: list[LedgerEvent]
    today: date


def simulate(spec: PoolSpec, opening: int, ops: list[tuple[int, str, int]]) -> Run:
    today = spec.opened_on
    events = [open_event(spec, opening)]
    for gap, action, arg in ops:
        today += timedelta(gap)
        if action == "jump" and spec.cancelled_on is not None and today < spec.cancelled_on:
            today = spec.cancelled_on  # reconcile on the day the pool is cancelled
            action = "adjust"
        due = due_events(spec, events, today)
        events += due
        assert due_events(spec, events, today) == []  # applying what is due leaves nothing due
        assert_sound(spec, events)
        act(spec, events, today, action, arg)
        assert_sound(spec, events)
    events += due_events(spec, events, today)  # the app runs once more on the last day
    assert_sound(spec, events)
    return Run(spec, events, today)


def act(spec: PoolSpec, events: list[LedgerEvent], today: date, action: str, arg: int) -> None:
    spends = [e for e in events if e.kind == EventKind.SPEND]
    try:
        if action == "spend":
            events.append(spend_event(events, today, f"p{arg}"))
        elif action == "purchase":
            events.append(purchase_event(spec, 1 + arg % 3, today))
        elif action == "adjust":
            adjusted = adjust_event(events, arg, today)
            if adjusted is not None:
                events.append(adjusted)
        elif action == "response" and spends:
            outcome = list(Outcome)[arg % len(Outcome)]
            back = credit_back_event(spec, spends[arg % len(spends)], outcome, today, events)
            if back is not None:
                events.append(back)
    except InsufficientCredits:
        assert balance(events) == 0
    except LedgerError:
        assert action == "purchase"


def in_time_order(events: list[LedgerEvent]) -> list[LedgerEvent]:
    order = sorted(
        range(len(events)), key=lambda i: (events[i].on, PHASE.get(events[i].kind, 5), i)
    )
    return [events[i] for i in order]


def assert_sound(spec: PoolSpec, events: list[LedgerEvent]) -> None:
    running = 0
    before_grant: dict[date, int] = {}
    for event in in_time_order(events):
        if event.kind == EventKind.GRANT:
            before_grant[event.on] = running
        running += event.amount
        assert running >= 0, "the balance went negative"
    cap = spec.plan.cap
    for day, before in before_grant.items():
        moved = sum(
            e.amount
            for e in events
            if e.on == day and e.kind in (EventKind.GRANT, EventKind.FORFEIT)
        )
        assert before + moved <= max(cap, before), "a grant went over the cap"
        assert before + moved >= before, "a grant took credits away"
    spent: dict[str | None, int] = {}
    for event in events:
        if event.kind == EventKind.SPEND:
            spent[event.key] = -event.amount
    for event in events:
        if event.kind == EventKind.CREDIT_BACK:
            assert event.key is not None
            handle = event.key.removeprefix("credit_back:")
            assert 0 < event.amount <= spent[handle], "more back than was spent"
    keys = [e.key for e in events if e.key is not None]
    assert len(keys) == len(set(keys)), "an idempotency key was used twice"


@settings(max_examples=150, deadline=None)
@given(spec=specs(), opening=st.integers(0, 250), ops=OPS)
def test_any_sequence_of_allowed_operations_stays_sound(
    spec: PoolSpec, opening: int, ops: list[tuple[int, str, int]]
) -> None:
    run = simulate(spec, opening, ops)
    timeline = Timeline(spec, run.events)
    timeline.advance(run.today)
    assert timeline.book.debt == 0
    assert sum(lot.left for lot in timeline.book.lots) == balance(run.events)


@settings(max_examples=100, deadline=None)
@given(spec=specs(), opening=st.integers(0, 250), ops=OPS)
def test_replaying_the_users_acts_gives_the_events_computed_day_by_day(
    spec: PoolSpec, opening: int, ops: list[tuple[int, str, int]]
) -> None:
    run = simulate(spec, opening, ops)
    acts = [e for e in run.events if e.kind not in COMPUTED]
    assert due_events(spec, acts, run.today) == [e for e in run.events if e.kind in COMPUTED]


@settings(max_examples=100, deadline=None)
@given(
    spec=specs(),
    opening=st.integers(0, 250),
    ops=OPS,
    first=st.integers(0, 400),
    second=st.integers(0, 400),
    replay=st.booleans(),
)
def test_due_events_split_into_two_calls_equal_one_call(
    spec: PoolSpec,
    opening: int,
    ops: list[tuple[int, str, int]],
    first: int,
    second: int,
    replay: bool,
) -> None:
    run = simulate(spec, opening, ops)
    events = [e for e in run.events if e.kind not in COMPUTED] if replay else run.events
    middle = run.today + timedelta(min(first, second))
    end = run.today + timedelta(max(first, second))
    early = due_events(spec, events, middle)
    late = due_events(spec, events + early, end)
    assert early + late == due_events(spec, events, end)
    assert due_events(spec, events + early + late, end) == []


@settings(max_examples=100, deadline=None)
@given(
    spec=specs(),
    opening=st.integers(0, 250),
    ops=OPS,
    months=st.integers(0, 12),
    sends=st.integers(0, 80),
)
def test_forecast_never_exceeds_the_cap_from_at_or_below_it(
    spec: PoolSpec, opening: int, ops: list[tuple[int, str, int]], months: int, sends: int
) -> None:
    run = simulate(spec, opening, ops)
    now = outlook(spec, run.events, run.today)
    rows = forecast(spec, run.events, run.today, months, sends)
    assert len(rows) <= months
    assert all(row.balance_after >= 0 and row.forfeit >= 0 for row in rows)
    if now.balance <= spec.plan.cap:
        assert all(row.balance_after <= spec.plan.cap for row in rows)
    if rows and sends == 0:
        assert rows[0].forfeit == now.forfeit_at_next_grant
        assert rows[0].date == now.next_grant
    assert 0 <= now.sends_to_avoid_forfeit <= now.balance
