"""The forecast of coming grants and the "use it or lose it" outlook."""

from __future__ import annotations

from datetime import date

import pytest

from inmail_tui.core.forecast import ForecastRow, Outlook, forecast, outlook
from inmail_tui.core.ledger import (
    LedgerError,
    PoolSpec,
    credit_back_event,
    due_events,
    open_event,
    purchase_event,
    spend_event,
)
from inmail_tui.core.model import LedgerEvent, Outcome
from inmail_tui.core.plans import Catalog, load_catalog

CATALOG: Catalog = load_catalog()
SALES_NAV = CATALOG["sales_navigator_core"]
RECRUITER = CATALOG["recruiter_lite"]
BUSINESS = CATALOG["premium_business"]
D = date.fromisoformat


def test_acceptance_outlook() -> None:
    spec = PoolSpec(SALES_NAV, 1, D("2026-01-15"))
    events = [open_event(spec, 140)]
    assert outlook(spec, events, D("2026-01-15")) == Outlook(
        balance=140,
        cap=150,
        allowance=50,
        next_grant=D("2026-02-01"),
        days_left=17,
        forfeit_at_next_grant=40,
        sends_to_avoid_forfeit=40,
        spent_this_cycle=0,
    )


def test_outlook_applies_what_is_due_without_recording_it() -> None:
    spec = PoolSpec(SALES_NAV, 1, D("2026-01-15"))
    events = [open_event(spec, 140)]
    seen = outlook(spec, events, D("2026-02-01"))
    assert (seen.balance, seen.next_grant, seen.days_left) == (150, D("2026-03-01"), 28)
    assert (seen.forfeit_at_next_grant, seen.sends_to_avoid_forfeit) == (50, 50)
    assert len(events) == 1


@pytest.mark.parametrize(
    ("held", "forfeit", "sends"), [(150, 50, 50), (120, 20, 20), (100, 0, 0), (0, 0, 0)]
)
def test_use_it_or_lose_it(held: int, forfeit: int, sends: int) -> None:
    spec = PoolSpec(SALES_NAV, 1, D("2026-01-15"))
    seen = outlook(spec, [open_event(spec, held)], D("2026-01-20"))
    assert (seen.forfeit_at_next_grant, seen.sends_to_avoid_forfeit) == (forfeit, sends)


def test_above_the_cap_the_whole_grant_is_lost_until_enough_is_sent() -> None:
    spec = PoolSpec(RECRUITER, 10, D("2026-01-01"))  # 30 a month, cap 120
    events = [open_event(spec, 110), purchase_event(spec, 2, D("2026-01-02"))]
    seen = outlook(spec, events, D("2026-01-03"))
    assert (seen.balance, seen.forfeit_at_next_grant, seen.sends_to_avoid_forfeit) == (130, 30, 40)


def test_when_no_send_can_avoid_a_forfeit_none_is_asked() -> None:
    spec = PoolSpec(BUSINESS.with_overrides(cap_months=0), 1, D("2026-01-15"))
    seen = outlook(spec, [open_event(spec, 4)], D("2026-01-20"))
    assert (seen.cap, seen.forfeit_at_next_grant, seen.sends_to_avoid_forfeit) == (0, 15, 0)


def test_credits_expiring_before_the_grant_are_not_forfeited_twice() -> None:
    plan = BUSINESS.with_overrides(lot_expiry=True, expiry_days=90)
    spec = PoolSpec(plan, 1, D("2026-01-01"))
    seen = outlook(spec, [open_event(spec, 45)], D("2026-03-15"))
    assert (seen.balance, seen.forfeit_at_next_grant, seen.sends_to_avoid_forfeit) == (45, 0, 0)
    plain = PoolSpec(BUSINESS, 1, D("2026-01-01"))
    assert outlook(plain, [open_event(plain, 45)], D("2026-03-15")).forfeit_at_next_grant == 15


def test_spent_this_cycle_counts_spends_less_credit_backs_since_the_last_grant() -> None:
    spec = PoolSpec(RECRUITER, 1, D("2026-01-10"))
    events: list[LedgerEvent] = [open_event(spec, 20)]
    events.append(spend_event(events, D("2026-01-20"), "a"))  # previous cycle
    events += due_events(spec, events, D("2026-02-01"))
    for ref in ("b", "c", "d"):
        events.append(spend_event(events, D("2026-02-03"), ref))
    back = credit_back_event(spec, events[-1], Outcome.REPLIED, D("2026-02-05"), events)
    assert back is not None
    events.append(back)
    assert outlook(spec, events, D("2026-02-06")).spent_this_cycle == 2
    assert outlook(spec, events, D("2026-01-25")).spent_this_cycle == 1


def test_cancelled_pool_has_no_next_grant() -> None:
    spec = PoolSpec(BUSINESS, 1, D("2026-01-15"), cancelled_on=D("2026-01-31"))
    seen = outlook(spec, [open_event(spec, 44)], D("2026-01-20"))
    assert (seen.next_grant, seen.days_left, seen.forfeit_at_next_grant) == (None, None, 0)


def test_forecast_without_sends() -> None:
    spec = PoolSpec(SALES_NAV, 1, D("2026-01-15"))
    rows = forecast(spec, [open_event(spec, 60)], D("2026-01-15"), months=4)
    assert rows == [
        ForecastRow(D("2026-02-01"), 50, 0, 110),
        ForecastRow(D("2026-03-01"), 50, 10, 150),
        ForecastRow(D("2026-04-01"), 50, 50, 150),
        ForecastRow(D("2026-05-01"), 50, 50, 150),
    ]


def test_forecast_with_sends_spread_before_each_grant() -> None:
    spec = PoolSpec(SALES_NAV, 1, D("2026-01-15"))
    events = [open_event(spec, 150)]
    rows = forecast(spec, events, D("2026-01-15"), months=3, spend_per_month=30)
    assert rows == [
        ForecastRow(D("2026-02-01"), 50, 20, 150),
        ForecastRow(D("2026-03-01"), 50, 20, 150),
        ForecastRow(D("2026-04-01"), 50, 20, 150),
    ]
    rows = forecast(spec, events, D("2026-01-15"), months=2, spend_per_month=70)
    assert rows == [
        ForecastRow(D("2026-02-01"), 50, 0, 130),
        ForecastRow(D("2026-03-01"), 50, 0, 110),
    ]


def test_forecast_sends_stop_at_zero() -> None:
    spec = PoolSpec(CATALOG["premium_career"], 5, D("2026-01-01"))
    rows = forecast(spec, [open_event(spec, 2)], D("2026-01-01"), months=3, spend_per_month=10)
    assert rows == [
        ForecastRow(D("2026-01-05"), 5, 0, 5),
        ForecastRow(D("2026-02-05"), 5, 0, 5),
        ForecastRow(D("2026-03-05"), 5, 0, 5),
    ]


def test_forecast_of_a_plan_without_grants_or_past_cancellation() -> None:
    free = PoolSpec(CATALOG["free"], 1, D("2026-01-01"))
    assert forecast(free, [open_event(free, 0)], D("2026-01-01")) == []
    spec = PoolSpec(BUSINESS, 1, D("2026-01-15"), cancelled_on=D("2026-03-15"))
    rows = forecast(spec, [open_event(spec, 0)], D("2026-01-15"))
    assert [row.date for row in rows] == [D("2026-02-01"), D("2026-03-01")]


def test_forecast_counts_are_checked() -> None:
    spec = PoolSpec(SALES_NAV, 1, D("2026-01-15"))
    assert forecast(spec, [open_event(spec, 1)], D("2026-01-15"), months=0) == []
    with pytest.raises(LedgerError):
        forecast(spec, [open_event(spec, 1)], D("2026-01-15"), months=-1)
    with pytest.raises(LedgerError):
        forecast(spec, [open_event(spec, 1)], D("2026-01-15"), spend_per_month=-2)
