"""Counts and dates have sane bounds at every entry point (issue 9, items 2 and 9).

The cap holds wherever a balance comes in (setting up, setting a plan again, reconciling), a
purchase may lift a plan that buys credits over its cap but not without bound, and extreme
dates and numbers are refused with a sentence, the database left as it was.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from inmail_tui.core.model import EventKind
from inmail_tui.errors import UserError
from inmail_tui.planner import Planner
from inmail_tui.settings import Settings

TODAY = date(2026, 1, 15)


@pytest.fixture
def db(tmp_path: Path, db_url: str) -> str:
    return db_url


def planner_on(db: str, today: date = TODAY) -> Planner:
    return Planner.open(db, today, Settings())


def ledger(db: str) -> list[tuple[EventKind, int]]:
    return [(e.kind, e.amount) for e in reversed(planner_on(db).credits.balance().history)]


class TestTheCapAtEveryEntryPoint:
    def test_setting_the_same_plan_again_over_the_cap_is_refused(self, db: str) -> None:
        planner_on(db).credits.set_plan("sales_navigator_core", balance=100)
        with pytest.raises(UserError, match="holds at most 150 credits; LinkedIn cannot show 400"):
            planner_on(db).credits.set_plan("sales_navigator_core", balance=400)
        assert ledger(db) == [(EventKind.OPEN, 100)]

    def test_reconciling_over_the_cap_is_refused(self, db: str) -> None:
        planner_on(db).credits.set_plan("sales_navigator_core", balance=100)
        with pytest.raises(UserError, match="holds at most 150 credits"):
            planner_on(db).credits.adjust(100_000)
        with pytest.raises(UserError, match="holds at most 150 credits"):
            planner_on(db).credits.adjust(99999999999999999999)
        assert planner_on(db).credits.adjust(150).balance == 150
        assert ledger(db) == [(EventKind.OPEN, 100), (EventKind.ADJUST, 50)]

    def test_a_plan_that_buys_may_show_purchases_over_its_cap_within_bounds(self, db: str) -> None:
        planner_on(db).credits.set_plan("recruiter_lite", renewal_day=10, balance=300)
        assert planner_on(db).credits.adjust(1200).balance == 1200
        with pytest.raises(UserError, match="at most 1,200 credits"):
            planner_on(db).credits.adjust(1201)
        with pytest.raises(UserError, match="at most 1,200 credits"):
            planner_on(db).credits.set_plan("recruiter_lite", balance=100_000)

    def test_a_purchase_over_the_bound_is_refused(self, db: str) -> None:
        planner_on(db).credits.set_plan("recruiter_lite", renewal_day=10, balance=100)
        for blocks in (1_000_000, 9223372036854775807):
            with pytest.raises(UserError, match="at most 1,200 credits"):
                planner_on(db).credits.purchase(blocks)
        assert planner_on(db).credits.purchase(110).balance == 1200
        with pytest.raises(UserError, match="at most 1,200 credits"):
            planner_on(db).credits.purchase(1)
        assert ledger(db) == [(EventKind.OPEN, 100), (EventKind.PURCHASE, 1100)]

    def test_a_forecast_of_a_large_balance_is_quick(self, db: str) -> None:
        planner_on(db).credits.set_plan("recruiter_corporate", renewal_day=10, balance=6000)
        start = time.perf_counter()
        view = planner_on(db).credits.balance()
        rows = planner_on(db).credits.forecast(months=12, spend_per_month=100_000)
        assert time.perf_counter() - start < 1
        assert (view.forfeit_at_next_grant, view.sends_to_avoid_forfeit) == (150, 5550)
        assert [row.balance_after for row in rows[:2]] == [150, 150]

    def test_a_forecast_beyond_bounds_is_refused(self, db: str) -> None:
        planner_on(db).credits.set_plan("sales_navigator_core", balance=10)
        with pytest.raises(UserError, match="at most"):
            planner_on(db).credits.forecast(months=10**9)
        with pytest.raises(UserError, match="at most"):
            planner_on(db).credits.forecast(spend_per_month=10**12)


class TestExtremeDates:
    @pytest.mark.parametrize("today", [date(9999, 12, 31), date(1, 1, 1), date(1899, 12, 31)])
    def test_a_day_out_of_range_is_refused_before_anything_is_written(
        self, db: str, today: date
    ) -> None:
        with pytest.raises(UserError, match=r"dates from 1900-01-01 to 2999-12-31"):
            planner_on(db, today)
        created = "://" in db or Path(db).exists()  # (a SQLite file is not even created)
        assert not created or planner_on(db).credits.list_pools() == []

    def test_the_last_day_in_range_works(self, db: str) -> None:
        last = date(2999, 12, 31)
        view = planner_on(db, last).credits.set_plan("sales_navigator_core", balance=10)
        assert (view.balance, view.next_grant) == (10, date(3000, 1, 1))

    def test_a_cancellation_date_out_of_range_is_refused(self, db: str) -> None:
        planner_on(db).credits.set_plan("sales_navigator_core", balance=10)
        with pytest.raises(UserError, match="dates from 1900-01-01 to 2999-12-31"):
            planner_on(db).credits.cancel(date(9999, 12, 31))
        assert planner_on(db).credits.list_pools()[0].cancelled_on is None
