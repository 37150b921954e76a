"""A new user's first pool brings the starter templates, once."""

from datetime import date
from pathlib import Path

from inmail_tui.core.model import Channel
from inmail_tui.planner import Planner
from inmail_tui.settings import Settings


def test_first_pool_seeds_starter_templates_once(tmp_path: Path, db_url: str) -> None:
    planner = Planner.open(db_url, date(2026, 1, 15), Settings())
    assert planner.drafts.templates() == []
    planner.credits.set_plan("premium_career", renewal_day=3, balance=4)
    starters = planner.drafts.templates()
    assert {t.channel for t in starters} == {Channel.INMAIL, Channel.CONNECT, Channel.MESSAGE}
    planner.drafts.delete_template(starters[0].id)
    planner.credits.set_plan("sales_navigator_core", balance=40, pool="navigator")
    assert len(planner.drafts.templates()) == len(starters) - 1  # a deletion sticks
