"""The credit use cases through the planner: set a plan, adjust, purchase, cancel.

Each test reads what the database holds afterwards through a planner opened anew on it, and
each refusal leaves the pool and its ledger as they were.
"""

from __future__ import annotations

from datetime import date

import pytest

from inmail_tui.core.model import EventKind
from inmail_tui.errors import UserError
from inmail_tui.planner import Planner
from inmail_tui.settings import Settings

TODAY = date(2026, 1, 15)


@pytest.fixture
def db(db_url: str) -> str:
    return db_url


def planner_on(db: str, today: date = TODAY) -> Planner:
    return Planner.open(db, today, Settings())


def ledger(db: str, today: date = TODAY) -> list[tuple[EventKind, int]]:
    """The active pool's ledger, oldest first, read by a planner opened anew."""
    return [(e.kind, e.amount) for e in reversed(planner_on(db, today).credits.balance().history)]


class TestSetPlan:
    def test_a_first_plan_opens_the_pool_with_the_balance_shown(self, db: str) -> None:
        view = planner_on(db).credits.set_plan("sales_navigator_core", balance=140)
        assert (view.pool, view.balance) == ("main", 140)
        reread = planner_on(db)
        [pool] = reread.credits.list_pools()
        assert (pool.name, pool.plan_id, pool.active) == ("main", "sales_navigator_core", True)
        assert (pool.renewal_day, pool.opened_on, pool.cancelled_on) == (1, TODAY, None)
        assert ledger(db) == [(EventKind.OPEN, 140)]
        assert reread.credits.balance().next_grant == date(2026, 2, 1)

    def test_the_same_plan_with_a_new_balance_reconciles_it(self, db: str) -> None:
        planner = planner_on(db)
        planner.credits.set_plan("recruiter_lite", renewal_day=10, balance=20)
        planner.credits.set_plan("recruiter_lite", balance=17)
        assert ledger(db) == [(EventKind.OPEN, 20), (EventKind.ADJUST, -3)]
        assert [p.renewal_day for p in planner_on(db).credits.list_pools()] == [10]

    def test_another_plan_sets_the_pool_up_anew(self, db: str) -> None:
        planner = planner_on(db)
        planner.credits.set_plan("recruiter_lite", renewal_day=10, balance=20)
        planner.credits.purchase(1)
        first = planner.credits.list_pools()[0].id
        planner.credits.set_plan("recruiter_professional", renewal_day=12, balance=50)
        [pool] = planner_on(db).credits.list_pools()
        assert (pool.id, pool.plan_id, pool.renewal_day) == (first, "recruiter_professional", 12)
        assert ledger(db) == [(EventKind.OPEN, 50)]

    def test_a_second_pool_becomes_the_active_one(self, db: str) -> None:
        planner = planner_on(db)
        planner.credits.set_plan("sales_navigator_core", balance=40)
        planner.credits.set_plan("premium_career", renewal_day=3, balance=4, pool="career")
        reread = planner_on(db)
        assert {p.name: p.active for p in reread.credits.list_pools()} == {
            "main": False,
            "career": True,
        }
        assert reread.credits.balance().pool == "career"
        assert reread.credits.balance("main").balance == 40

    def test_an_unknown_plan_is_refused_and_nothing_is_set_up(self, db: str) -> None:
        with pytest.raises(UserError, match=r"Unknown plan 'gold_plus'.*sales_navigator_core"):
            planner_on(db).credits.set_plan("gold_plus", balance=3)
        reread = planner_on(db)
        assert reread.credits.list_pools() == []
        assert reread.drafts.templates() == []  # no first pool, so no starter templates

    def test_a_balance_over_the_cap_is_refused_and_the_pool_kept(self, db: str) -> None:
        planner = planner_on(db)
        planner.credits.set_plan("sales_navigator_core", balance=40)
        with pytest.raises(UserError, match="at most 15 credits"):
            planner.credits.set_plan("premium_career", renewal_day=3, balance=16)
        [pool] = planner_on(db).credits.list_pools()
        assert pool.plan_id == "sales_navigator_core"
        assert ledger(db) == [(EventKind.OPEN, 40)]


class TestAdjust:
    def test_adjust_records_the_difference_once(self, db: str) -> None:
        planner = planner_on(db)
        planner.credits.set_plan("recruiter_lite", renewal_day=10, balance=20)
        assert planner.credits.adjust(23).balance == 23
        planner.credits.adjust(23)  # agrees already: nothing to record
        assert ledger(db) == [(EventKind.OPEN, 20), (EventKind.ADJUST, 3)]
        assert planner_on(db).credits.balance().balance == 23

    def test_a_negative_balance_is_refused(self, db: str) -> None:
        planner = planner_on(db)
        planner.credits.set_plan("recruiter_lite", renewal_day=10, balance=20)
        with pytest.raises(UserError, match="never shows a negative balance"):
            planner.credits.adjust(-1)
        assert ledger(db) == [(EventKind.OPEN, 20)]

    def test_without_a_pool_or_with_an_unknown_one_it_is_refused(self, db: str) -> None:
        with pytest.raises(UserError, match="No credit pool yet"):
            planner_on(db).credits.adjust(5)
        assert planner_on(db).credits.list_pools() == []
        planner_on(db).credits.set_plan("recruiter_lite", renewal_day=10, balance=20)
        with pytest.raises(UserError, match="no pool named 'team'; pools: main"):
            planner_on(db).credits.adjust(5, pool="team")
        assert ledger(db) == [(EventKind.OPEN, 20)]


class TestPurchase:
    def test_a_purchase_adds_whole_blocks(self, db: str) -> None:
        planner = planner_on(db)
        planner.credits.set_plan("recruiter_lite", renewal_day=10, balance=20)
        assert planner.credits.purchase(2).balance == 40
        assert ledger(db) == [(EventKind.OPEN, 20), (EventKind.PURCHASE, 20)]
        bought = planner_on(db).credits.balance().history[0]
        assert (bought.on, bought.note) == (TODAY, "bought 2 blocks of 10")

    def test_a_plan_that_cannot_buy_is_refused(self, db: str) -> None:
        planner = planner_on(db)
        planner.credits.set_plan("premium_career", renewal_day=3, balance=4)
        with pytest.raises(UserError, match="Premium Career cannot buy credits"):
            planner.credits.purchase(1)
        assert ledger(db) == [(EventKind.OPEN, 4)]

    def test_a_cancelled_pool_cannot_buy_after_it_ends(self, db: str) -> None:
        planner_on(db).credits.set_plan("recruiter_lite", renewal_day=10, balance=20)
        planner_on(db).credits.cancel(date(2026, 1, 20))
        later = date(2026, 1, 25)
        with pytest.raises(UserError, match="cancelled on 2026-01-20"):
            planner_on(db, later).credits.purchase(1)
        assert EventKind.PURCHASE not in {kind for kind, _ in ledger(db, later)}


class TestCancel:
    def test_the_pool_goes_to_zero_at_the_end_of_the_cycle(self, db: str) -> None:
        planner = planner_on(db)
        planner.credits.set_plan("premium_business", renewal_day=20, balance=30)
        assert planner.credits.cancel().next_grant is None
        [pool] = planner_on(db).credits.list_pools()
        assert pool.cancelled_on == date(2026, 1, 20)
        assert planner_on(db, date(2026, 1, 19)).credits.balance().balance == 30
        end = date(2026, 1, 20)
        assert planner_on(db, end).credits.balance().balance == 0
        assert ledger(db, end) == [(EventKind.OPEN, 30), (EventKind.CANCEL, -30)]
        assert planner_on(db, date(2026, 3, 1)).credits.balance().balance == 0  # no grant after

    def test_a_day_that_has_passed_is_refused(self, db: str) -> None:
        planner = planner_on(db)
        planner.credits.set_plan("premium_business", renewal_day=20, balance=30)
        with pytest.raises(UserError, match="2026-01-01 has passed"):
            planner.credits.cancel(date(2026, 1, 1))
        [pool] = planner_on(db).credits.list_pools()
        assert pool.cancelled_on is None
        assert planner_on(db, date(2026, 1, 20)).credits.balance().balance == 45
