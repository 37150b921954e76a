"""The memoised deriver used by imports gives exactly what deciding each row afresh gives."""

from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import insert

from inmail_tui.core.model import Channel, Status
from inmail_tui.planner import Planner
from inmail_tui.planner.context import Context
from inmail_tui.planner.derive import Derivation
from inmail_tui.planner.pools import Pools
from inmail_tui.planner.queue import QueueQuery
from inmail_tui.settings import Settings
from inmail_tui.store.prospect_rows import PROSPECT
from inmail_tui.store.touches import add_touch

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


@settings(max_examples=25, deadline=None)
@given(batch=st.lists(rows, min_size=1, max_size=20))
def test_a_queue_page_decides_each_row_as_deciding_it_alone_does(
    tmp_path_factory: Any, batch: list[dict[str, Any]]
) -> None:
    """A page of the queue makes each decision once per distinct input (a memo): every row's
    decision (alternatives included), next action and tags are those of reading it alone. Each
    row comes three times: as drawn, with the email known or not the other way, and with a
    touch in its history, so that a memo keyed on too little would hand one its twin's."""
    planner = make_planner(tmp_path_factory.mktemp("db"))
    now = planner.ctx.now
    with planner.ctx.write() as conn:
        for n, values in enumerate(batch):
            other_email = {"email": "" if values["email"] else "a@acme.test"}
            for copy, changed in enumerate((values, values | other_email, values)):
                url = f"https://www.linkedin.com/in/p{n}-{copy}"
                row = {"url": url, "full_name": f"P {n}", "created_at": now, "updated_at": now}
                found = conn.execute(insert(PROSPECT).values(**row, **changed))
                if copy == 2:
                    pid = found.inserted_primary_key[0]
                    add_touch(conn, pid, Status.INMAIL_SENT.value, TODAY, Channel.INMAIL.value)
    page = planner.queue.page(QueueQuery(), limit=3 * len(batch))
    assert len(page.items) == 3 * len(batch)
    for item in page.items:
        alone = planner.queue.prospect(item.row.id)
        assert item.decision == alone.decision == planner.queue.cost(item.row.id)
        assert (item.next_action, item.tags) == (alone.next_action, alone.tags)
