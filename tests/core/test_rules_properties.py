"""Invariants of the rules engine over any pool, prospect, thread and channel (hypothesis)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from inmail_tui.core.model import Channel, Degree, ProspectFacts, ThreadState
from inmail_tui.core.plans import PendingPolicy, load_catalog
from inmail_tui.core.rules import Decision, PoolView, best_path, decide

CATALOG = load_catalog()
TODAY = date(2026, 3, 10)

plans = st.sampled_from(list(CATALOG)).flatmap(
    lambda plan: st.builds(
        plan.with_overrides,
        second_inmail_while_pending=st.sampled_from(list(PendingPolicy)),
        out_of_network_inmail=st.booleans(),
        credit_back=st.booleans(),
        open_profile_monthly_limit=st.integers(0, 5),
        group_message_monthly_cap=st.integers(0, 5),
        invitation_weekly_budget=st.integers(0, 5),
    )
)
pools = st.builds(
    PoolView,
    plan=plans,
    balance=st.integers(0, 200),
    next_grant=st.none() | st.dates(TODAY, TODAY + timedelta(days=40)),
    open_profile_used_this_month=st.integers(0, 6),
    group_messages_this_month=st.integers(0, 6),
    invitations_this_week=st.integers(0, 6),
)
prospects = st.builds(
    ProspectFacts,
    degree=st.sampled_from(list(Degree)),
    premium=st.booleans(),
    open_profile=st.booleans(),
    accepts_inmail=st.booleans(),
    blocked=st.booleans(),
    shares_group=st.booleans(),
    applicant=st.booleans(),
    verified_email=st.booleans(),
    priority=st.integers(1, 5),
)
threads = st.builds(
    ThreadState,
    replied=st.booleans(),
    inmail_pending=st.booleans(),
    connect_requested_on=st.none() | st.dates(TODAY - timedelta(days=30), TODAY),
    connected=st.booleans(),
)
channels = st.sampled_from(list(Channel))
waits = st.integers(0, 14)


def check(d: Decision, pool: PoolView) -> None:
    assert d.rule and d.rule[0] in "RCEM" and d.rule[1:].isdigit()
    assert d.reason.strip() and "\n" not in d.reason
    assert d.cost in (0, 1)
    if not d.allowed:
        assert d.cost == 0
    if d.cost == 1:
        assert pool.balance > 0 and pool.plan.can_send_inmail
        assert d.channel == Channel.INMAIL
    assert d.cost_class == ("blocked" if not d.allowed else ("credit" if d.cost else "free"))
    for alt in d.alternatives:
        assert alt.reason.strip() and alt.cost in (0, 1) and alt.wait_days >= 0
        assert alt.channel != d.channel


@settings(max_examples=400)
@given(pools, prospects, channels, threads, waits)
def test_every_decision_is_well_formed(
    pool: PoolView, prospect: ProspectFacts, channel: Channel, thread: ThreadState, wait: int
) -> None:
    d = decide(pool, prospect, channel, thread, TODAY, connect_wait_days=wait)
    check(d, pool)
    if channel != Channel.INMAIL:
        assert d.cost == 0 and d.channel == channel
    if prospect.blocked:
        assert not d.allowed and d.alternatives == ()
    if d.cost_class == "free":
        assert d.alternatives == ()


@given(pools, prospects, channels, threads)
def test_a_connection_never_costs_a_credit(
    pool: PoolView, prospect: ProspectFacts, channel: Channel, thread: ThreadState
) -> None:
    first = replace(prospect, degree=Degree.FIRST)
    for facts, state in ((first, thread), (prospect, ThreadState(connected=True))):
        d = decide(pool, facts, channel, state, TODAY)
        assert d.cost == 0
        assert all(a.cost == 0 for a in d.alternatives)
        assert best_path(pool, facts, state, TODAY).cost == 0


@settings(max_examples=400)
@given(pools, prospects, threads, waits, st.integers(1, 6))
def test_the_best_path_spends_a_credit_only_on_a_strong_fit(
    pool: PoolView, prospect: ProspectFacts, thread: ThreadState, wait: int, strong: int
) -> None:
    d = best_path(pool, prospect, thread, TODAY, connect_wait_days=wait, strong_fit=strong)
    check(d, pool)
    if d.cost == 1:
        assert prospect.priority >= strong
        assert not prospect.verified_email
        assert decide(pool, prospect, Channel.INMAIL, thread, TODAY).cost == 1
        requested = thread.connect_requested_on
        if requested is not None and not thread.connected:
            assert (TODAY - requested).days >= wait
    cheapest = decide(pool, prospect, Channel.INMAIL, thread, TODAY)
    if cheapest.cost_class == "free":
        assert d == cheapest
