"""The send-cost rules (docs/rules.md): every rule, every plan, each rule's precedence."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from inmail_tui.core.model import Channel, Degree, ProspectFacts, ThreadState
from inmail_tui.core.plans import Catalog, load_catalog
from inmail_tui.core.rules import Decision, PoolView, best_path, decide
from inmail_tui.core.rules_situation import Situation
from inmail_tui.core.rules_table import RULES

TODAY = date(2026, 1, 15)
NEXT_GRANT = date(2026, 2, 1)
CATALOG = load_catalog()
PLAN_IDS = (
    "free",
    "premium_career",
    "premium_business",
    "sales_navigator_core",
    "recruiter_lite",
    "recruiter_professional",
    "recruiter_corporate",
)
RECRUITERS = ("recruiter_lite", "recruiter_professional", "recruiter_corporate")

Expect = tuple[str, Channel, int, bool]  # rule, channel, cost, allowed
R1: Expect = ("R1", Channel.INMAIL, 0, False)
R2: Expect = ("R2", Channel.MESSAGE, 0, True)
R3: Expect = ("R3", Channel.INMAIL, 0, True)
R4: Expect = ("R4", Channel.INMAIL, 0, True)
R5: Expect = ("R5", Channel.INMAIL, 0, True)
R6: Expect = ("R6", Channel.MESSAGE, 0, True)
R7: Expect = ("R7", Channel.INMAIL, 0, False)
R8: Expect = ("R8", Channel.INMAIL, 0, False)
R9: Expect = ("R9", Channel.INMAIL, 0, False)
R10_BLOCK: Expect = ("R10", Channel.INMAIL, 0, False)
R10_CHARGE: Expect = ("R10", Channel.INMAIL, 1, True)
R11: Expect = ("R11", Channel.INMAIL, 0, False)
R12: Expect = ("R12", Channel.INMAIL, 1, True)

OPTED_OUT = ProspectFacts(accepts_inmail=False)
NO_THREAD = ThreadState()

# name: (prospect, thread, balance, expected outcome per plan id; "*" for every other plan).
# Each scenario also shows a rule's precedence over the rules after it.
SCENARIOS: dict[str, tuple[ProspectFacts, ThreadState, int, dict[str, Expect]]] = {
    "blocked 1st degree: R1 before R2": (
        ProspectFacts(degree=Degree.FIRST, blocked=True, open_profile=True),
        ThreadState(replied=True),
        40,
        {"*": R1},
    ),
    "1st degree who replied: R2 before R3": (
        ProspectFacts(degree=Degree.FIRST, open_profile=True),
        ThreadState(replied=True, inmail_pending=True),
        0,
        {"*": R2},
    ),
    "accepted connection request counts as 1st degree": (
        ProspectFacts(degree=Degree.SECOND),
        ThreadState(connected=True),
        40,
        {"*": R2},
    ),
    "replied, Open Profile, opted out: R3 before R4 and R7": (
        replace(OPTED_OUT, open_profile=True),
        ThreadState(replied=True),
        0,
        {"*": R3},
    ),
    "Open Profile applicant in a group: R4 before R5 and R6": (
        ProspectFacts(open_profile=True, applicant=True, shares_group=True),
        ThreadState(),
        0,
        {"*": R4},
    ),
    "applicant in a group: R5 (Recruiter) before R6": (
        ProspectFacts(applicant=True, shares_group=True),
        ThreadState(),
        40,
        {"*": R6, **dict.fromkeys(RECRUITERS, R5)},
    ),
    "applicant: free only on a Recruiter seat": (
        ProspectFacts(applicant=True),
        ThreadState(),
        40,
        {"*": R12, "free": R8, **dict.fromkeys(RECRUITERS, R5)},
    ),
    "group member who opted out: R6 before R7": (
        replace(OPTED_OUT, shares_group=True),
        ThreadState(),
        0,
        {"*": R6},
    ),
    "opted out: R7 before R8": (OPTED_OUT, ThreadState(), 40, {"*": R7}),
    "out of network: R9 on Recruiter Lite only": (
        ProspectFacts(degree=Degree.OUT),
        ThreadState(),
        40,
        {"*": R12, "free": R8, "recruiter_lite": R9},
    ),
    "out of network, InMail pending, balance 0: R9 before R10": (
        ProspectFacts(degree=Degree.OUT),
        ThreadState(inmail_pending=True),
        0,
        {"*": R10_BLOCK, "free": R8, "sales_navigator_core": R11, "recruiter_lite": R9},
    ),
    "InMail pending: Sales Navigator charges again, the others block": (
        ProspectFacts(degree=Degree.THIRD),
        ThreadState(inmail_pending=True),
        40,
        {"*": R10_BLOCK, "free": R8, "sales_navigator_core": R10_CHARGE},
    ),
    "InMail pending at balance 0: R10 blocks before R11": (
        ProspectFacts(),
        ThreadState(inmail_pending=True),
        0,
        {"*": R10_BLOCK, "free": R8, "sales_navigator_core": R11},
    ),
    "balance 0: R11 before R12": (ProspectFacts(), ThreadState(), 0, {"*": R11, "free": R8}),
    "2nd degree: R12": (ProspectFacts(), ThreadState(), 40, {"*": R12, "free": R8}),
    "3rd degree: R12": (
        ProspectFacts(degree=Degree.THIRD),
        ThreadState(),
        1,
        {"*": R12, "free": R8},
    ),
}


def pool(plan_id: str, balance: int = 40, catalog: Catalog = CATALOG, **counts: Any) -> PoolView:
    return PoolView(catalog[plan_id], balance, NEXT_GRANT, **counts)


def test_the_table_covers_every_plan_of_the_default_catalog() -> None:
    assert set(CATALOG.ids()) == set(PLAN_IDS)


def test_every_inmail_rule_is_covered_by_the_scenarios() -> None:
    covered = {expect[0] for *_, outcomes in SCENARIOS.values() for expect in outcomes.values()}
    assert covered == {f"R{n}" for n in range(1, 13)}


@pytest.mark.parametrize("plan_id", PLAN_IDS)
@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_inmail_rules(plan_id: str, scenario: str) -> None:
    prospect, thread, balance, outcomes = SCENARIOS[scenario]
    rule, channel, cost, allowed = outcomes.get(plan_id, outcomes["*"])
    d = decide(pool(plan_id, balance), prospect, Channel.INMAIL, thread, TODAY)
    assert (d.rule, d.channel, d.cost, d.allowed) == (rule, channel, cost, allowed), d.reason
    assert d.reason and "\n" not in d.reason


def inmail(
    pool_view: PoolView, prospect: ProspectFacts, thread: ThreadState = NO_THREAD
) -> Decision:
    return decide(pool_view, prospect, Channel.INMAIL, thread, TODAY)


def test_open_profile_is_free_even_for_a_free_sender() -> None:
    d = inmail(pool("free", 0, open_profile_used_this_month=12), ProspectFacts(open_profile=True))
    assert d.rule == "R4" and d.cost_class == "free"
    assert d.reason == "Open Profile: free message (12 of 800 free InMails used this month)"


def test_open_profile_monthly_limit_reached_falls_through_to_paying() -> None:
    full = pool("sales_navigator_core", open_profile_used_this_month=800)
    d = inmail(full, ProspectFacts(open_profile=True))
    assert (d.rule, d.cost) == ("R12", 1)
    assert "Open Profile limit reached (800 free InMails this month)" in d.reason
    assert inmail(full, replace(OPTED_OUT, open_profile=True)).rule == "R7"


def test_a_zero_limit_means_no_limit() -> None:
    catalog = load_catalog({"premium_career": {"open_profile_monthly_limit": 0}})
    d = inmail(
        pool("premium_career", catalog=catalog, open_profile_used_this_month=5000),
        ProspectFacts(open_profile=True),
    )
    assert d.rule == "R4"
    assert "no monthly limit" in d.reason


def test_group_cap_reached_falls_through() -> None:
    d = inmail(
        pool("premium_business", group_messages_this_month=15), ProspectFacts(shares_group=True)
    )
    assert (d.rule, d.cost) == ("R12", 1)
    assert "group message cap reached (15 this month)" in d.reason
    under = inmail(
        pool("premium_business", group_messages_this_month=14), ProspectFacts(shares_group=True)
    )
    assert under.rule == "R6"
    assert "14 of 15 free group messages used this month" in under.reason


def test_recruiter_lite_cannot_inmail_out_of_network_but_professional_can() -> None:
    out = ProspectFacts(degree=Degree.OUT)
    lite = inmail(pool("recruiter_lite"), out)
    assert (lite.rule, lite.allowed) == ("R9", False)
    assert "Recruiter Lite" in lite.reason
    pro = inmail(pool("recruiter_professional"), out)
    assert (pro.rule, pro.cost, pro.allowed) == ("R12", 1, True)
    assert "out-of-network" in pro.reason


def test_second_inmail_while_pending_differs_between_sales_navigator_and_premium() -> None:
    pending = ThreadState(inmail_pending=True)
    nav = inmail(pool("sales_navigator_core"), ProspectFacts(), pending)
    assert (nav.rule, nav.cost, nav.allowed) == ("R10", 1, True)
    assert "costs 1 more credit" in nav.reason
    premium = inmail(pool("premium_business"), ProspectFacts(), pending)
    assert (premium.rule, premium.cost, premium.allowed) == ("R10", 0, False)
    assert "does not allow a second one" in premium.reason


def test_pending_policy_is_read_from_the_plan() -> None:
    catalog = load_catalog({"premium_career": {"second_inmail_while_pending": "allow_charge"}})
    d = inmail(
        pool("premium_career", catalog=catalog), ProspectFacts(), ThreadState(inmail_pending=True)
    )
    assert (d.rule, d.cost) == ("R10", 1)
    catalog = load_catalog({"recruiter_lite": {"out_of_network_inmail": True}})
    assert (
        inmail(pool("recruiter_lite", catalog=catalog), ProspectFacts(degree=Degree.OUT)).rule
        == "R12"
    )


def test_free_plan_outranks_out_of_network_when_both_apply() -> None:
    catalog = load_catalog({"free": {"out_of_network_inmail": False}})
    d = inmail(pool("free", 0, catalog=catalog), ProspectFacts(degree=Degree.OUT))
    assert d.rule == "R8"
    assert "connection request" in d.reason
    assert [a.channel for a in d.alternatives] == [Channel.CONNECT]


def test_zero_balance_names_the_date_and_amount_of_the_next_grant() -> None:
    d = inmail(pool("sales_navigator_core", 0), ProspectFacts())
    assert d.rule == "R11"
    assert "Balance is 0" in d.reason
    assert "next grant of 50 on 1 Feb 2026 (in 17 days)" in d.reason
    team = inmail(PoolView(CATALOG["recruiter_corporate"], 0, date(2026, 1, 15)), ProspectFacts())
    assert "next grant of 150 on 15 Jan 2026 (today)" in team.reason
    seats = load_catalog({"recruiter_corporate": {"seats": 7}})
    d7 = inmail(PoolView(seats["recruiter_corporate"], 0, NEXT_GRANT), ProspectFacts())
    assert "next grant of 1050 on 1 Feb 2026" in d7.reason


def test_zero_balance_without_a_scheduled_grant() -> None:
    d = inmail(PoolView(CATALOG["premium_career"], 0, None), ProspectFacts())
    assert d.rule == "R11"
    assert "no grant is scheduled" in d.reason


def test_r12_mentions_the_credit_back_only_when_the_plan_has_one() -> None:
    lite = inmail(pool("recruiter_lite", 12), ProspectFacts())
    assert lite.reason == (
        "InMail to a 2nd-degree member: costs 1 credit of your 12; "
        "refundable if they accept or reply within 90 days"
    )
    assert "refundable" not in inmail(pool("premium_career"), ProspectFacts()).reason
    linkedin_policy = load_catalog({"sales_navigator_core": {"credit_back": True}})
    nav = inmail(pool("sales_navigator_core", catalog=linkedin_policy), ProspectFacts())
    assert nav.reason.endswith("refundable if they respond within 90 days")


def test_inmail_tables_are_ordered_data_ending_in_a_catch_all() -> None:
    assert [r.id for r in RULES[Channel.INMAIL]] == [
        "R0",
        "R1",
        "R14",  # claimed by a teammate (issue 10): added later, ids never change
        "R2",
        "R3",
        "R15",  # another seat already sent them an InMail (issue 10)
        *(f"R{n}" for n in range(4, 10)),
        "R10",
        "R16",  # the seat's monthly limit (issue 10): before anything that charges
        "R10",
        "R11",
        "R13",  # an unknown degree (issue 8): added later, ids never change
        "R12",
    ]
    anything = Situation(pool("free", 0), ProspectFacts(), ThreadState(), TODAY, 7)
    for table in RULES.values():
        assert table[-1].when(anything)
        assert len({r.id[0] for r in table}) == 1


# ---- alternatives ----------------------------------------------------------------------------


def test_cheaper_alternatives_of_a_paid_inmail() -> None:
    d = inmail(pool("premium_business"), ProspectFacts(verified_email=True, degree=Degree.THIRD))
    assert [(a.channel, a.cost, a.wait_days) for a in d.alternatives] == [
        (Channel.EMAIL, 0, 0),
        (Channel.CONNECT, 0, 0),
    ]
    assert d.alternatives[0].reason == "Has a verified email: email is free"
    assert d.alternatives[1].reason == (
        "Send a connection request: free (0 of 100 invitations used this week)"
    )


def test_a_pending_request_says_how_long_to_wait() -> None:
    thread = ThreadState(connect_requested_on=date(2026, 1, 12))
    d = inmail(pool("premium_business"), ProspectFacts(), thread)
    assert [(a.channel, a.wait_days) for a in d.alternatives] == [(Channel.CONNECT, 4)]
    assert d.alternatives[0].reason == (
        "Connection request pending 3 days: wait 4 more days before spending a credit"
    )
    later = decide(
        pool("premium_business"),
        ProspectFacts(),
        Channel.INMAIL,
        thread,
        TODAY,
        connect_wait_days=3,
    )
    assert later.alternatives == ()


def test_no_connection_request_offered_when_the_weekly_budget_is_used() -> None:
    d = inmail(pool("premium_business", invitations_this_week=100), ProspectFacts())
    assert d.alternatives == ()


def test_a_blocked_recipient_gets_no_alternatives() -> None:
    facts = ProspectFacts(blocked=True, verified_email=True)
    for channel in Channel:
        d = decide(pool("premium_business"), facts, channel, ThreadState(), TODAY)
        assert not d.allowed and d.alternatives == ()


def test_free_decisions_list_no_alternatives() -> None:
    d = inmail(pool("premium_business"), ProspectFacts(open_profile=True, verified_email=True))
    assert d.cost_class == "free" and d.alternatives == ()


# ---- other channels --------------------------------------------------------------------------


def channel_case(
    channel: Channel, facts: ProspectFacts, thread: ThreadState = NO_THREAD, **counts: Any
) -> Decision:
    return decide(pool("sales_navigator_core", **counts), facts, channel, thread, TODAY)


@pytest.mark.parametrize(
    ("channel", "facts", "thread", "counts", "rule", "allowed"),
    [
        (Channel.CONNECT, ProspectFacts(blocked=True), ThreadState(), {}, "C1", False),
        (Channel.CONNECT, ProspectFacts(degree=Degree.FIRST), ThreadState(), {}, "C2", False),
        (Channel.CONNECT, ProspectFacts(), ThreadState(connected=True), {}, "C2", False),
        (
            Channel.CONNECT,
            ProspectFacts(),
            ThreadState(connect_requested_on=date(2026, 1, 10)),
            {"invitations_this_week": 100},
            "C3",
            False,
        ),
        (
            Channel.CONNECT,
            ProspectFacts(),
            ThreadState(),
            {"invitations_this_week": 100},
            "C4",
            False,
        ),
        (
            Channel.CONNECT,
            ProspectFacts(),
            ThreadState(),
            {"invitations_this_week": 99},
            "C5",
            True,
        ),
        (
            Channel.EMAIL,
            ProspectFacts(blocked=True, verified_email=True),
            ThreadState(),
            {},
            "E1",
            False,
        ),
        (Channel.EMAIL, ProspectFacts(verified_email=True), ThreadState(), {}, "E2", True),
        (Channel.EMAIL, ProspectFacts(degree=Degree.FIRST), ThreadState(), {}, "E3", False),
        (
            Channel.MESSAGE,
            ProspectFacts(blocked=True, degree=Degree.FIRST),
            ThreadState(),
            {},
            "M1",
            False,
        ),
        (
            Channel.MESSAGE,
            ProspectFacts(degree=Degree.FIRST),
            ThreadState(replied=True),
            {},
            "M2",
            True,
        ),
        (
            Channel.MESSAGE,
            ProspectFacts(open_profile=True),
            ThreadState(replied=True),
            {},
            "M3",
            True,
        ),
        (
            Channel.MESSAGE,
            ProspectFacts(open_profile=True, shares_group=True),
            ThreadState(),
            {},
            "M4",
            True,
        ),
        (
            Channel.MESSAGE,
            ProspectFacts(open_profile=True, shares_group=True),
            ThreadState(),
            {"open_profile_used_this_month": 800},
            "M5",
            True,
        ),
        (Channel.MESSAGE, ProspectFacts(), ThreadState(), {}, "M6", False),
    ],
)
def test_other_channels(
    channel: Channel,
    facts: ProspectFacts,
    thread: ThreadState,
    counts: dict[str, int],
    rule: str,
    allowed: bool,
) -> None:
    d = channel_case(channel, facts, thread, **counts)
    assert (d.rule, d.allowed, d.cost, d.channel) == (rule, allowed, 0, channel), d.reason


def test_connection_request_reason_counts_the_weekly_budget() -> None:
    d = channel_case(Channel.CONNECT, ProspectFacts(), invitations_this_week=12)
    assert d.reason == "Connection request: free (12 of 100 invitations used this week)"
    used = channel_case(Channel.CONNECT, ProspectFacts(), invitations_this_week=100)
    assert "100 of 100 invitations used this week" in used.reason


def test_connect_to_a_connection_suggests_a_free_message() -> None:
    d = channel_case(Channel.CONNECT, ProspectFacts(degree=Degree.FIRST))
    assert [(a.channel, a.cost) for a in d.alternatives] == [(Channel.MESSAGE, 0)]


def test_message_to_a_stranger_suggests_connection_and_inmail() -> None:
    d = channel_case(Channel.MESSAGE, ProspectFacts())
    assert [(a.channel, a.cost) for a in d.alternatives] == [
        (Channel.CONNECT, 0),
        (Channel.INMAIL, 1),
    ]
    free_plan = decide(pool("free", 0), ProspectFacts(), Channel.MESSAGE, ThreadState(), TODAY)
    assert [a.channel for a in free_plan.alternatives] == [Channel.CONNECT]


# ---- the decision object ---------------------------------------------------------------------


def test_cost_class_and_json_shape() -> None:
    paid = inmail(pool("premium_business"), ProspectFacts(verified_email=True))
    assert paid.cost_class == "credit"
    assert paid.to_json() == {
        "channel": "inmail",
        "cost": 1,
        "allowed": True,
        "rule": "R12",
        "reason": "InMail to a 2nd-degree member: costs 1 credit of your 40",
    }
    full = paid.to_json(with_alternatives=True)
    assert full["alternatives"][0] == {
        "channel": "email",
        "reason": "Has a verified email: email is free",
        "cost": 0,
        "wait_days": 0,
    }
    assert inmail(pool("premium_business"), OPTED_OUT).cost_class == "blocked"
    assert inmail(pool("premium_business"), ProspectFacts(degree=Degree.FIRST)).cost_class == "free"


# ---- the cheapest path -----------------------------------------------------------------------


def path(
    facts: ProspectFacts,
    thread: ThreadState = NO_THREAD,
    pool_view: PoolView | None = None,
    **kw: int,
) -> Decision:
    return best_path(pool_view or pool("sales_navigator_core"), facts, thread, TODAY, **kw)


REQUESTED_3_DAYS_AGO = ThreadState(connect_requested_on=date(2026, 1, 12))
REQUESTED_9_DAYS_AGO = ThreadState(connect_requested_on=date(2026, 1, 6))


@pytest.mark.parametrize(
    ("facts", "thread", "rule", "channel"),
    [
        (ProspectFacts(degree=Degree.FIRST, verified_email=True), NO_THREAD, "R2", Channel.MESSAGE),
        (ProspectFacts(open_profile=True, verified_email=True), NO_THREAD, "R4", Channel.INMAIL),
        (ProspectFacts(shares_group=True, priority=5), NO_THREAD, "R6", Channel.MESSAGE),
        (ProspectFacts(verified_email=True, priority=5), REQUESTED_9_DAYS_AGO, "E2", Channel.EMAIL),
        (ProspectFacts(priority=5), NO_THREAD, "C5", Channel.CONNECT),
        (ProspectFacts(blocked=True, degree=Degree.FIRST), NO_THREAD, "R1", Channel.INMAIL),
    ],
)
def test_free_paths_come_first(
    facts: ProspectFacts, thread: ThreadState, rule: str, channel: Channel
) -> None:
    d = path(facts, thread)
    assert (d.rule, d.channel, d.cost) == (rule, channel, 0)


def test_a_connection_request_first_says_what_comes_next() -> None:
    strong = path(ProspectFacts(priority=4))
    assert strong.reason == (
        "Send a connection request first: free (0 of 100 invitations used this week); "
        "an InMail if it is unanswered after 7 days (priority 4 is a strong fit)"
    )
    weak = path(ProspectFacts(priority=3))
    assert weak.rule == "C5"
    assert weak.reason.endswith("no InMail later: priority 3 is below the strong fit of 4")


def test_inmail_only_after_the_request_waited_and_for_a_strong_fit() -> None:
    waiting = path(ProspectFacts(priority=5), REQUESTED_3_DAYS_AGO)
    assert (waiting.channel, waiting.cost, waiting.rule) == (Channel.CONNECT, 0, "C3")
    assert waiting.reason == (
        "Connection request pending 3 days: wait 4 more days before spending a credit"
    )
    due = path(ProspectFacts(priority=5), REQUESTED_9_DAYS_AGO)
    assert (due.channel, due.cost, due.rule) == (Channel.INMAIL, 1, "R12")
    assert due.reason.startswith(
        "Connection request unanswered for 9 days and priority 5 is a strong fit. InMail"
    )
    weak = path(ProspectFacts(priority=3), REQUESTED_9_DAYS_AGO)
    assert (weak.channel, weak.cost) == (Channel.CONNECT, 0)
    assert "priority 3 is below the strong fit of 4: spend no credit" in weak.reason
    weak_waiting = path(ProspectFacts(priority=2), REQUESTED_3_DAYS_AGO)
    assert weak_waiting.reason.endswith(
        "wait for it (no InMail: priority 2 is below the strong fit of 4)"
    )


def test_wait_and_fit_are_settings() -> None:
    d = path(ProspectFacts(priority=3), REQUESTED_3_DAYS_AGO, connect_wait_days=3, strong_fit=3)
    assert (d.channel, d.cost) == (Channel.INMAIL, 1)


def test_when_the_inmail_is_due_but_cannot_be_sent_the_path_says_why() -> None:
    broke = path(ProspectFacts(priority=5), REQUESTED_9_DAYS_AGO, pool("premium_career", 0))
    assert (broke.rule, broke.allowed) == ("R11", False)
    assert "next grant of 5 on 1 Feb 2026" in broke.reason
    pending = path(
        ProspectFacts(priority=5),
        replace(REQUESTED_9_DAYS_AGO, inmail_pending=True),
    )
    assert (pending.channel, pending.cost) == (Channel.CONNECT, 0)
    assert pending.reason.endswith("an InMail awaits a response: wait")


def test_when_invitations_are_used_up_only_a_strong_fit_gets_an_inmail() -> None:
    full = pool("sales_navigator_core", invitations_this_week=100)
    strong = path(ProspectFacts(priority=5), pool_view=full)
    assert (strong.rule, strong.cost) == ("R12", 1)
    assert strong.reason.startswith("Weekly invitation budget used up")
    weak = path(ProspectFacts(priority=2), pool_view=full)
    assert (weak.rule, weak.allowed) == ("C4", False)


def test_do_not_contact_comes_before_every_rule_on_every_channel() -> None:
    thread = ThreadState(do_not_contact=True)
    for channel in Channel:
        for facts in (ProspectFacts(), ProspectFacts(degree=Degree.FIRST, open_profile=True)):
            found = decide(pool("sales_navigator_core", 40), facts, channel, thread, TODAY)
            assert (found.allowed, found.cost, found.alternatives) == (False, 0, ())
            assert found.rule.endswith("0") and "do not contact" in found.reason
