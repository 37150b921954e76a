"""``core.agenda``: the day's lines from candidate facts, unit and property tests."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inmail_tui.core.agenda import (
    Action,
    AgendaRules,
    Candidate,
    CreditBackDue,
    HoldKind,
    build_agenda,
    forfeit_of,
    hold_until,
    invitations_left,
)
from inmail_tui.core.model import Channel, Status
from inmail_tui.core.rules_table import Verdict
from inmail_tui.core.spend_plan import Knobs

TODAY = date(2026, 11, 24)
CREDIT = Verdict.CREDIT.value


def person(
    pid: int,
    status: Status = Status.NEW,
    *,
    fit: int = 3,
    ago: int | None = None,
    cost: str = CREDIT,
    email: bool = False,
    inmail_before: bool = False,
) -> Candidate:
    on = None if ago is None else TODAY - timedelta(days=ago)
    return Candidate(pid, f"P{pid}", f"u{pid}", fit, status, on, cost, email, inmail_before)


def rules(available: int = 10, budget: int = 100, sent: int = 0, **kw: int) -> AgendaRules:
    knobs = Knobs(invitation_weekly_budget=budget, invitations_sent={TODAY: sent} if sent else {})
    return AgendaRules(knobs, available, **kw)


def ids(agenda_lines: tuple[object, ...]) -> list[int]:
    return [line.prospect_id for line in agenda_lines]  # type: ignore[attr-defined]


def test_actions_are_declared_once_with_their_word_label_channel_and_order() -> None:
    assert [a.value for a in Action] == [
        "request", "inmail", "answer", "message", "withdraw", "credit_back",
    ]  # fmt: skip
    assert [a.order for a in Action] == list(range(len(Action)))
    assert Action.parse("Send an InMail") is Action.INMAIL
    assert Action.parse("credit-back") is Action.CREDIT_BACK
    assert Action.REQUEST.channel is Channel.CONNECT and Action.WITHDRAW.channel is None
    assert Action.REQUEST.records is Status.CONNECT_REQUESTED
    assert Action.CREDIT_BACK.records is None
    with pytest.raises(ValueError, match="unknown action 'dance'"):
        Action.parse("dance")


def test_each_status_gets_its_line() -> None:
    people = [
        person(1, fit=5),
        person(2, fit=2),
        person(3, Status.CONNECT_REQUESTED, fit=5, ago=7),  # waited 7 days: due today
        person(4, Status.CONNECT_REQUESTED, fit=5, ago=6),  # due tomorrow
        person(5, Status.CONNECT_REQUESTED, fit=3, ago=30),  # weak: no InMail; withdraw
        person(6, Status.NO_RESPONSE, fit=3, ago=2),  # unanswered: an InMail at once
        person(7, Status.NO_RESPONSE, fit=3, ago=2, inmail_before=True),  # an InMail went
        person(8, Status.REPLIED, ago=1),
        person(9, Status.ACCEPTED, ago=3),
        person(10, Status.CONNECTED, ago=2),
        person(11, Status.NEW, fit=5, cost=Verdict.FREE.value),  # a free route
        person(12, Status.NEW, fit=5, email=True),  # an email is free
    ]
    agenda = build_agenda(TODAY, people, rules())
    assert ids(agenda.group(Action.REQUEST).lines) == [1, 2]
    assert ids(agenda.group(Action.INMAIL).lines) == [3, 6]
    assert ids(agenda.group(Action.ANSWER).lines) == [8]
    assert ids(agenda.group(Action.MESSAGE).lines) == [9, 10]  # the longest due first
    assert ids(agenda.group(Action.WITHDRAW).lines) == [5]
    line = agenda.group(Action.INMAIL).lines[0]
    assert (line.due, line.cost, line.channel) == (TODAY, "1 credit", Channel.INMAIL)
    assert line.why == "fit 5: connection request of 17 Nov 2026 unanswered for 7 days"
    assert "an InMail may follow on 1 Dec 2026" in agenda.group(Action.REQUEST).lines[0].why


def test_requests_take_what_the_weeks_budget_has_left() -> None:
    people = [person(n, fit=1 + n % 5) for n in range(10)]
    knobs = Knobs(invitations_sent={TODAY - timedelta(days=6): 90, TODAY - timedelta(days=7): 50})
    assert invitations_left(knobs, TODAY) == 10
    agenda = build_agenda(TODAY, people, rules(budget=100, sent=97))
    assert agenda.invitations_left == 3
    assert [line.fit for line in agenda.group(Action.REQUEST).lines] == [5, 5, 4]
    assert agenda.group(Action.REQUEST).more
    assert build_agenda(TODAY, people, rules(budget=0)).invitations_left is None


def test_credit_back_lines_only_while_unanswered_and_the_window_ends_soon() -> None:
    def due(pid: int, status: Status, left: int) -> CreditBackDue:
        deadline = TODAY + timedelta(days=left)
        return CreditBackDue(person(pid, status), deadline - timedelta(days=90), deadline)

    dues = [
        due(1, Status.INMAIL_SENT, 5),
        due(2, Status.INMAIL_SENT, 30),  # ends later than 7 days
        due(3, Status.REPLIED, 2),  # answered
        due(4, Status.INMAIL_SENT, 0),
    ]
    agenda = build_agenda(TODAY, [], rules(credit_back_within_days=7), credit_backs=dues)
    assert ids(agenda.group(Action.CREDIT_BACK).lines) == [4, 1]  # the soonest end first
    assert "(today)" in agenda.group(Action.CREDIT_BACK).lines[0].why


def test_hold_until_and_the_forfeit_deadline() -> None:
    assert hold_until(HoldKind.SKIP, TODAY, TODAY) == TODAY + timedelta(days=1)
    assert hold_until(HoldKind.SNOOZE, TODAY, TODAY, 3) == TODAY + timedelta(days=3)
    later = TODAY + timedelta(days=5)
    assert hold_until(HoldKind.DONE, TODAY, later) == later + timedelta(days=1)
    assert forfeit_of(TODAY, None, 10, 10) is None
    assert forfeit_of(TODAY, date(2026, 12, 1), 0, 0) is None
    forfeit = forfeit_of(TODAY, date(2026, 12, 1), 40, 38)
    assert forfeit is not None and forfeit.days_left == 7
    assert forfeit.says() == "Spend 38 credits before 1 Dec 2026 or lose them."


def test_each_action_lists_at_most_its_share_of_lines() -> None:
    people = [person(n, Status.REPLIED, ago=n) for n in range(1, 8)]
    group = build_agenda(TODAY, people, rules(lines_per_action=3)).group(Action.ANSWER)
    assert ids(group.lines) == [7, 6, 5] and group.more


# -- properties -------------------------------------------------------------------------------

STATUSES = list(Status)
COSTS = [v.value for v in Verdict]

candidates = st.builds(
    lambda pid, status, fit, ago, cost, email, before: person(
        pid, status, fit=fit, ago=ago, cost=cost, email=email, inmail_before=before
    ),
    st.integers(1, 40),
    st.sampled_from(STATUSES),
    st.integers(1, 5),
    st.one_of(st.none(), st.integers(0, 40)),
    st.sampled_from(COSTS),
    st.booleans(),
    st.booleans(),
)


@settings(max_examples=300, deadline=None)
@given(
    people=st.lists(candidates, max_size=40),
    holds=st.sets(st.tuples(st.integers(1, 40), st.sampled_from(list(Action))), max_size=20),
    available=st.integers(0, 12),
    budget=st.integers(0, 20),
    sent=st.integers(0, 25),
    wait=st.integers(0, 14),
    strong=st.integers(1, 5),
    min_fit=st.integers(1, 5),
    lines=st.integers(1, 50),
)
def test_the_agenda_keeps_its_rules(
    people: list[Candidate],
    holds: set[tuple[int, Action]],
    available: int,
    budget: int,
    sent: int,
    wait: int,
    strong: int,
    min_fit: int,
    lines: int,
) -> None:
    knobs = Knobs(
        min_fit=min_fit,
        strong_fit=strong,
        connect_wait_days=wait,
        invitation_weekly_budget=budget,
        invitations_sent={TODAY - timedelta(days=2): sent},
    )
    agenda = build_agenda(
        TODAY, people, AgendaRules(knobs, available, lines_per_action=lines), holds=holds
    )
    by_id = {c.id: c for c in people}  # the agenda reads each prospect once: the last wins
    for line in agenda.lines:
        # no line for a prospect with a hold covering the day, for that action
        assert (line.prospect_id, line.action) not in holds
        assert line.due <= TODAY
    requests = agenda.group(Action.REQUEST).lines
    if budget > 0:  # requests never exceed the week's budget left
        assert len(requests) <= max(0, budget - sent)
    inmails = agenda.group(Action.INMAIL).lines
    assert len(inmails) <= available
    for line in inmails:
        c = by_id[line.prospect_id]
        # nobody with a free route (or an email, or blocked) gets an InMail line
        assert c.cost_class == CREDIT and not c.has_email
        assert c.fit >= min_fit
        if c.status == Status.CONNECT_REQUESTED:  # only after the connection request's wait
            assert c.status_on is not None and c.fit >= strong
            assert line.due == c.status_on + timedelta(days=wait) <= TODAY
        else:  # the request route is closed, and no InMail went before: due since then
            assert c.status == Status.NO_RESPONSE and not c.inmail_before
            assert line.due == min(c.status_on or TODAY, TODAY)
    for group in agenda.groups:
        assert len(group.lines) <= lines
        assert len({line.prospect_id for line in group.lines}) == len(group.lines)
