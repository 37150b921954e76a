"""The memoised deriver used by imports gives exactly what deciding each row afresh gives."""

from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from inmail_tui.core.model import Status
from inmail_tui.planner import Planner
from inmail_tui.planner.context import Context
from inmail_tui.planner.derive import Derivation
from inmail_tui.planner.pools import Pools
from inmail_tui.settings import Settings

TODAY = date(2026, 1, 15)

rows = st.fixed_dictionaries(
    {
        "degree": st.sampled_from([0, 1, 2, 3, 4]),
        "premium": st.booleans(),
        "open_profile": st.booleans(),
        "accepts_inmail": st.booleans(),
        "blocked": st.booleans(),
        "shares_group": st.booleans(),
        "applicant": st.booleans(),
        "email_verified": st.booleans(),
        "email": st.sampled_from(["", "a@acme.test", "b@acme.test"]),
        "priority": st.integers(1, 5),
        "status": st.sampled_from([s.value for s in Status]),
        "status_on": st.one_of(st.none(), st.dates(date(2025, 10, 1), TODAY)),
    }
)


def make_planner(tmp_path: Path) -> Planner:
    planner = Planner.open(tmp_path / "db.sqlite", TODAY, Settings())
    planner.credits.set_plan("recruiter_lite", renewal_day=3, balance=0)
    return planner


@settings(max_examples=60, deadline=None)
@given(batch=st.lists(rows, min_size=1, max_size=30))
def test_memoised_deriver_matches_fresh_decisions(
    tmp_path_factory: Any, batch: list[dict[str, Any]]
) -> None:
    """The deriver of imports and plan changes against ``columns``, which a mark uses."""
    ctx = make_planner(tmp_path_factory.mktemp("db")).ctx
    pools = Pools(ctx)
    derivation = Derivation(ctx, pools)
    with ctx.engine.connect() as conn:
        view = pools.rules_view(conn)
        derive = derivation.deriver(conn)
    for values in batch + batch[::-1]:
        new = values | {"id": None}
        assert derive(new) == derivation.columns(view, new)


def test_balance_zero_still_classifies_paid_sends_as_credit(tmp_path: Path) -> None:
    planner = make_planner(tmp_path)
    csv = tmp_path / "leads.csv"
    csv.write_text(
        "Profile URL,Full Name,Degree\nhttps://www.linkedin.com/in/third,Third Person,3rd\n",
        "utf-8",
    )
    planner.transfer.import_file(csv)
    assert planner.credits.balance().balance == 0
    summary = planner.queue.summary()
    assert (summary.credit, summary.blocked) == (1, 0)


def test_a_context_opens_its_own_database(tmp_path: Path) -> None:
    ctx = Context.open(tmp_path / "x.sqlite", TODAY, Settings())
    assert (tmp_path / "x.sqlite").exists() and ctx.today == TODAY
