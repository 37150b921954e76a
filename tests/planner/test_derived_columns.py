"""The memoised deriver used by imports gives exactly what deciding each row afresh gives."""

from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from inmail_tui.core.model import Status
from inmail_tui.planner import Planner
from inmail_tui.planner.queue import DECISION_INPUTS
from inmail_tui.settings import Settings

TODAY = date(2026, 1, 15)

rows = st.fixed_dictionaries(
    {
        "degree": st.sampled_from([1, 2, 3, 4]),
        "premium": st.booleans(),
        "open_profile": st.booleans(),
        "accepts_inmail": st.booleans(),
        "blocked": st.booleans(),
        "shares_group": st.booleans(),
        "applicant": st.booleans(),
        "email_verified": st.booleans(),
        "priority": st.integers(1, 5),
        "status": st.sampled_from([s.value for s in Status]),
        "status_on": st.one_of(st.none(), st.dates(date(2025, 10, 1), TODAY)),
    }
)


def make_planner(tmp_path: Path) -> Planner:
    planner = Planner.open(tmp_path / "db.sqlite", TODAY, Settings())
    planner.set_plan("recruiter_lite", renewal_day=3, balance=0)
    return planner


@settings(max_examples=60, deadline=None)
@given(batch=st.lists(rows, min_size=1, max_size=30))
def test_memoised_deriver_matches_fresh_decisions(
    tmp_path_factory: Any, batch: list[dict[str, Any]]
) -> None:
    planner = make_planner(tmp_path_factory.mktemp("db"))
    with planner.engine.connect() as conn:
        view = planner.pool_view(conn)
    derive = planner.deriver(view)
    for values in batch + batch[::-1]:
        assert derive(values) == planner.derived_columns(view, values)


def test_balance_zero_still_classifies_paid_sends_as_credit(tmp_path: Path) -> None:
    planner = make_planner(tmp_path)
    with planner.engine.connect() as conn:
        view = planner.pool_view(conn)
    assert view.balance == 0
    values = dict.fromkeys(DECISION_INPUTS, False) | {
        "degree": 3,
        "accepts_inmail": True,
        "priority": 3,
        "status": "new",
        "status_on": None,
    }
    assert planner.derived_columns(view, values)["cost_class"] == "credit"
