"""``inmail-tui demo``'s database: real history written through the planner."""

from datetime import date

from inmail_tui.planner import Planner
from inmail_tui.planner.demo import seed_demo
from inmail_tui.settings import Settings

TODAY = date(2026, 11, 25)


def test_demo_database_has_history_queue_and_ab_variants(db_url: str) -> None:
    db = db_url
    seed_demo(db, TODAY, Settings())
    planner = Planner.open(db, TODAY, Settings())
    view = planner.credits.balance()
    assert view.plan.id == "sales_navigator_core"
    assert 0 < view.balance <= view.cap
    assert view.forfeit_at_next_grant > 0  # the demo shows the use-it-or-lose-it warning
    assert {e.kind.value for e in view.history} >= {"open", "grant", "spend"}
    assert planner.queue.total() == 64  # 24 connections + 40 leads, 4 of them merged
    stats = planner.analytics.view().stats
    assert stats.inmails_sent == 18
    assert {r.label for r in stats.by_variant.rates} == {"A", "B"}
    assert len(planner.drafts.templates()) == 3
