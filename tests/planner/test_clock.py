"""A wrong date never locks the ledger (issue 9, item 1).

Reading derives the grants that are due and stores nothing; a write dated far after the
computer's clock is refused unless the date is confirmed; entries already written under a wrong
clock are voided by an appended correction, never by editing history.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from inmail_tui.core.model import Channel, EventKind
from inmail_tui.errors import UserError
from inmail_tui.planner import Planner
from inmail_tui.settings import Settings
from inmail_tui.store.engine import make_engine
from inmail_tui.store.ledger_tables import LedgerEntry

ENTRY = LedgerEntry.__table__  # type: ignore[attr-defined]

TODAY = date(2026, 1, 15)  # the computer's clock in these tests
FUTURE = date(2062, 11, 2)  # a typo, or a clock that jumped
ANA = "https://www.linkedin.com/in/ana"


@pytest.fixture
def db(db_url: str) -> str:
    db = db_url
    planner_on(db).credits.set_plan("sales_navigator_core", balance=100)
    return db


def planner_on(db: str, today: date = TODAY) -> Planner:
    """A planner that does not know the computer's clock (a library user's, or the TUI's)."""
    return Planner.open(db, today, Settings())


def guarded(db: str, today: date, *, confirm: bool = False) -> Planner:
    """A planner told the computer's clock (``TODAY``), as the command line opens it."""
    return Planner.open(db, today, Settings(), clock=TODAY, confirm_date=confirm)


def stored(db: str) -> list[tuple[EventKind, date, int]]:
    """Every entry the database holds for the active pool, read without deriving anything."""
    engine = make_engine(db)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                select(ENTRY.c.kind, ENTRY.c.on, ENTRY.c.amount).order_by(ENTRY.c.id)
            )
            return [(EventKind(kind), on, amount) for kind, on, amount in rows]
    finally:
        engine.dispose()


class TestReadingNeverWrites:
    def test_a_balance_read_far_ahead_stores_nothing_and_locks_nothing(self, db: str) -> None:
        ahead = planner_on(db, FUTURE).credits.balance()
        assert ahead.balance == 150  # the grants up to then, derived
        assert ahead.history[0].on == date(2062, 11, 1)
        assert stored(db) == [(EventKind.OPEN, TODAY, 100)]
        view = planner_on(db).credits.balance()  # the real date still works
        assert (view.balance, view.next_grant) == (100, date(2026, 2, 1))

    def test_every_read_derives_the_due_grants_without_storing_them(self, db: str) -> None:
        later = date(2026, 3, 2)
        reader = planner_on(db, later)
        assert reader.credits.balance().balance == 150
        assert [row.date for row in reader.credits.forecast(months=2)] == [
            date(2026, 4, 1),
            date(2026, 5, 1),
        ]
        assert reader.analytics.view().credits_spent == 0
        assert stored(db) == [(EventKind.OPEN, TODAY, 100)]

    def test_a_write_stores_the_due_grants_it_builds_on(self, db: str) -> None:
        later = date(2026, 2, 2)
        planner_on(db, later).credits.adjust(140)
        assert stored(db) == [
            (EventKind.OPEN, TODAY, 100),
            (EventKind.GRANT, date(2026, 2, 1), 50),
            (EventKind.ADJUST, later, -10),
        ]


class TestAFarDateIsConfirmedBeforeWriting:
    def test_a_write_far_after_the_clock_is_refused_and_nothing_written(self, db: str) -> None:
        with pytest.raises(UserError, match=r"2062-11-02 is .* after the computer's clock"):
            guarded(db, FUTURE).credits.adjust(5)
        with pytest.raises(UserError, match="--confirm-date"):
            guarded(db, date(2026, 1, 18)).credits.purchase(1)
        assert stored(db) == [(EventKind.OPEN, TODAY, 100)]

    def test_two_days_ahead_is_fine(self, db: str) -> None:
        guarded(db, date(2026, 1, 17)).credits.adjust(99)
        assert stored(db)[-1] == (EventKind.ADJUST, date(2026, 1, 17), -1)

    def test_a_confirmed_date_writes(self, db: str) -> None:
        guarded(db, date(2026, 3, 2), confirm=True).credits.adjust(120)
        assert stored(db)[-1] == (EventKind.ADJUST, date(2026, 3, 2), -30)

    def test_setting_up_a_pool_far_ahead_is_refused_too(self, db_url: str) -> None:
        db = db_url
        with pytest.raises(UserError, match="after the computer's clock"):
            guarded(db, FUTURE).credits.set_plan("sales_navigator_core", balance=10)
        assert planner_on(db).credits.list_pools() == []


class TestMendingAWrongClock:
    @pytest.fixture
    def jumped(self, db: str) -> str:
        """A database written while the computer's clock read 2062 (nothing could tell)."""
        planner_on(db, FUTURE).credits.adjust(140)
        assert len(stored(db)) > 800
        return db

    def test_writes_on_the_real_date_say_how_to_mend_it(self, jumped: str) -> None:
        before = stored(jumped)
        with pytest.raises(UserError, match=r"dated after today .*inmail-tui mend-clock"):
            planner_on(jumped).credits.adjust(90)
        assert stored(jumped) == before
        view = planner_on(jumped).credits.balance()  # reading still works and warns
        assert (view.balance, view.ahead, view.ahead_latest) == (100, len(before) - 1, FUTURE)

    def test_mending_voids_the_future_entries_and_keeps_them(self, jumped: str) -> None:
        before = stored(jumped)
        mended = planner_on(jumped).credits.mend_clock()
        assert mended.voided == len(before) - 1
        assert stored(jumped)[: len(before)] == before  # history is kept as it was
        void = stored(jumped)[-1]
        assert void == (EventKind.VOID, TODAY, 0)
        view = planner_on(jumped).credits.balance()
        assert (view.balance, view.ahead, view.next_grant) == (100, 0, date(2026, 2, 1))
        assert view.history[0].kind == EventKind.VOID
        assert "dated after 2026-01-15" in view.history[0].note
        planner_on(jumped).credits.adjust(90)  # the ledger takes writes again
        assert planner_on(jumped).credits.balance().balance == 90

    def test_grants_on_voided_days_are_stored_again_when_they_come(self, jumped: str) -> None:
        planner_on(jumped).credits.mend_clock()
        later = date(2026, 3, 2)
        planner_on(jumped, later).credits.adjust(150)  # stores the grants of 1 Feb and 1 Mar
        reread = planner_on(jumped, later).credits.balance()
        assert reread.balance == 150
        assert planner_on(jumped, later).credits.balance().balance == 150  # nothing re-granted
        kinds = [(e.kind, e.on) for e in reversed(reread.history) if e.id is not None]
        assert (EventKind.GRANT, date(2026, 2, 1)) in kinds
        assert (EventKind.GRANT, date(2026, 3, 1)) in kinds

    def test_a_send_after_mending_spends_from_the_grant_stored_again(
        self, jumped: str, tmp_path: Path
    ) -> None:
        planner_on(jumped).credits.mend_clock()
        leads = tmp_path / "leads.csv"
        leads.write_text(f"Profile URL,Full Name,Degree\n{ANA},Ana Lee,2nd\n", "utf-8")
        planner_on(jumped).transfer.import_file(leads)
        day = date(2026, 2, 3)  # the jumped clock spent nothing, but granted on 1 Feb
        sent = planner_on(jumped, day).outreach.mark_sent(
            ANA, Channel.INMAIL, "Your hiring plans", "Hi Ana, is hiring a priority this year?"
        )
        assert (sent.decision.cost, sent.balance_after) == (1, 149)

    def test_nothing_to_mend_is_said_and_nothing_written(self, db: str) -> None:
        assert planner_on(db).credits.mend_clock().voided == 0
        assert stored(db) == [(EventKind.OPEN, TODAY, 100)]
