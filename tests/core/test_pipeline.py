"""The pipeline: status transitions, the thread a touch history leaves, and the next action."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inmail_tui.core.model import Channel, Degree, ProspectFacts, Status, ThreadState
from inmail_tui.core.pipeline import (
    NextAction,
    TransitionError,
    can_move,
    check_move,
    next_action,
    thread_from_history,
)

TODAY = date(2026, 1, 15)
STRANGER = ProspectFacts(priority=5)
NO_THREAD = ThreadState()


def d(day: int) -> date:
    return date(2026, 1, day)


# ---- transitions -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "to", "ok"),
    [
        (Status.NEW, Status.CONNECT_REQUESTED, True),
        (Status.NEW, Status.INMAIL_SENT, True),
        (Status.NEW, Status.REPLIED, False),
        (Status.CONNECT_REQUESTED, Status.CONNECTED, True),
        (Status.CONNECT_REQUESTED, Status.INMAIL_SENT, True),
        (Status.CONNECT_REQUESTED, Status.CONNECT_REQUESTED, False),
        (Status.CONNECTED, Status.INMAIL_SENT, False),
        (Status.CONNECTED, Status.MESSAGED, True),
        (Status.INMAIL_SENT, Status.ACCEPTED, True),
        (Status.INMAIL_SENT, Status.NO_RESPONSE, True),
        (Status.NO_RESPONSE, Status.REPLIED, True),
        (Status.DECLINED, Status.INMAIL_SENT, False),
        (Status.REPLIED, Status.DO_NOT_CONTACT, True),
        (Status.DO_NOT_CONTACT, Status.INMAIL_SENT, False),
        (Status.DO_NOT_CONTACT, Status.DO_NOT_CONTACT, False),
        (Status.DO_NOT_CONTACT, Status.NEW, True),
    ],
)
def test_transitions(current: Status, to: Status, ok: bool) -> None:
    assert can_move(current, to) is ok


def test_any_status_but_do_not_contact_can_become_do_not_contact() -> None:
    for status in Status:
        assert can_move(status, Status.DO_NOT_CONTACT) is (status != Status.DO_NOT_CONTACT)


def test_a_refused_move_says_why_in_a_sentence() -> None:
    assert check_move(Status.NEW, Status.CONNECT_REQUESTED) == Status.CONNECT_REQUESTED
    with pytest.raises(TransitionError) as err:
        check_move(Status.CONNECTED, Status.INMAIL_SENT)
    message = str(err.value)
    assert message.startswith("A prospect marked connected cannot be marked InMail sent;")
    assert "messaged" in message and "do not contact" in message


# ---- touch history ---------------------------------------------------------------------------


def test_no_history_is_a_new_prospect() -> None:
    assert thread_from_history([]) == (Status.NEW, None, ThreadState())


@pytest.mark.parametrize(
    ("touches", "status", "on", "thread"),
    [
        (
            [(Status.CONNECT_REQUESTED, d(3))],
            Status.CONNECT_REQUESTED,
            d(3),
            ThreadState(connect_requested_on=d(3)),
        ),
        (
            [(Status.CONNECTED, d(9)), (Status.CONNECT_REQUESTED, d(3))],
            Status.CONNECTED,
            d(9),
            ThreadState(connected=True),
        ),
        (
            [(Status.CONNECT_REQUESTED, d(3)), (Status.INMAIL_SENT, d(10))],
            Status.INMAIL_SENT,
            d(10),
            ThreadState(inmail_pending=True, connect_requested_on=d(3)),
        ),
        (
            [(Status.INMAIL_SENT, d(2)), (Status.REPLIED, d(5))],
            Status.REPLIED,
            d(5),
            ThreadState(replied=True),
        ),
        (
            [(Status.INMAIL_SENT, d(2)), (Status.ACCEPTED, d(4))],
            Status.ACCEPTED,
            d(4),
            ThreadState(replied=True),
        ),
        (
            [(Status.INMAIL_SENT, d(2)), (Status.DECLINED, d(4))],
            Status.DECLINED,
            d(4),
            ThreadState(),
        ),
        (
            [
                (Status.CONNECT_REQUESTED, d(1)),
                (Status.INMAIL_SENT, d(8)),
                (Status.NO_RESPONSE, d(9)),
            ],
            Status.NO_RESPONSE,
            d(9),
            ThreadState(connect_requested_on=d(1)),
        ),
        (
            [(Status.CONNECT_REQUESTED, d(1)), (Status.NO_RESPONSE, d(9))],
            Status.NO_RESPONSE,
            d(9),
            ThreadState(),
        ),
        (
            [(Status.INMAIL_SENT, d(2)), (Status.DO_NOT_CONTACT, d(3))],
            Status.DO_NOT_CONTACT,
            d(3),
            ThreadState(inmail_pending=True),
        ),
        (
            [(Status.CONNECTED, d(2)), (Status.CONNECT_REQUESTED, d(3))],
            Status.CONNECT_REQUESTED,
            d(3),
            ThreadState(connected=True),
        ),
    ],
)
def test_thread_from_history(
    touches: list[tuple[Status, date]], status: Status, on: date, thread: ThreadState
) -> None:
    assert thread_from_history(touches) == (status, on, thread)


def test_touches_on_the_same_day_keep_their_order() -> None:
    status, _, thread = thread_from_history(
        [(Status.INMAIL_SENT, d(5)), (Status.REPLIED, d(5)), (Status.MESSAGED, d(5))]
    )
    assert status == Status.MESSAGED and thread == ThreadState(replied=True)


@given(
    st.lists(
        st.tuples(st.sampled_from(list(Status)), st.dates(d(1), d(31))),
        min_size=1,
        max_size=12,
    )
)
def test_the_history_ends_on_its_latest_touch(touches: list[tuple[Status, date]]) -> None:
    status, on, thread = thread_from_history(touches)
    latest = max(day for _, day in touches)
    assert on == latest
    assert (status, latest) in touches
    if thread.connected:
        assert thread.connect_requested_on is None


# ---- next action -----------------------------------------------------------------------------


def act(
    facts: ProspectFacts = STRANGER,
    thread: ThreadState = NO_THREAD,
    status: Status = Status.NEW,
    status_on: date | None = None,
    **kw: int,
) -> NextAction:
    return next_action(facts, thread, status, status_on, TODAY, **kw)


def test_do_not_contact() -> None:
    assert act(status=Status.DO_NOT_CONTACT) == NextAction("Do not contact")
    blocked = act(ProspectFacts(blocked=True, degree=Degree.FIRST))
    assert blocked == NextAction("Do not contact: they have blocked you")


def test_free_paths_come_first() -> None:
    assert act(ProspectFacts(degree=Degree.FIRST)) == NextAction(
        "Send a message (free: connected)", TODAY, Channel.MESSAGE
    )
    assert act(thread=ThreadState(connected=True)).channel == Channel.MESSAGE
    assert act(ProspectFacts(open_profile=True)) == NextAction(
        "Send a free InMail (Open Profile)", TODAY, Channel.INMAIL
    )
    assert act(ProspectFacts(shares_group=True)).channel == Channel.MESSAGE
    assert act(ProspectFacts(verified_email=True)) == NextAction(
        "Send an email (free)", TODAY, Channel.EMAIL
    )
    assert act() == NextAction("Send connection request", TODAY, Channel.CONNECT)


def test_a_strong_fit_waits_for_the_request_then_gets_an_inmail() -> None:
    waiting = act(thread=ThreadState(connect_requested_on=d(12)))
    assert waiting == NextAction(
        "Wait for the connection request (sent 3 days ago); InMail due in 4 days if unanswered",
        d(19),
        Channel.INMAIL,
    )
    due = act(thread=ThreadState(connect_requested_on=d(8)))
    assert due == NextAction(
        "InMail due today: connection request unanswered for 7 days", TODAY, Channel.INMAIL
    )
    late = act(thread=ThreadState(connect_requested_on=d(5)))
    assert late == NextAction(
        "InMail overdue by 3 days: connection request unanswered for 10 days", d(12), Channel.INMAIL
    )


def test_the_request_date_falls_back_to_the_status_date() -> None:
    action = act(status=Status.CONNECT_REQUESTED, status_on=d(14))
    assert action.label.endswith("InMail due in 6 days if unanswered")
    assert action.due == d(21)


def test_a_weak_fit_or_an_opted_out_prospect_only_waits() -> None:
    weak = act(ProspectFacts(priority=3), ThreadState(connect_requested_on=d(1)))
    assert weak == NextAction("Wait for the connection request (sent 14 days ago)")
    opted_out = act(
        ProspectFacts(priority=5, accepts_inmail=False), ThreadState(connect_requested_on=d(14))
    )
    assert opted_out == NextAction("Wait for the connection request (sent yesterday)")


def test_wait_and_fit_are_settings() -> None:
    action = act(
        ProspectFacts(priority=2),
        ThreadState(connect_requested_on=d(12)),
        connect_wait_days=3,
        strong_fit=2,
    )
    assert action == NextAction(
        "InMail due today: connection request unanswered for 3 days", TODAY, Channel.INMAIL
    )


def test_waiting_for_replies() -> None:
    sent = act(thread=ThreadState(inmail_pending=True), status=Status.INMAIL_SENT, status_on=d(12))
    assert sent == NextAction("Wait for a reply (InMail sent 3 days ago)")
    assert (
        act(status=Status.MESSAGED, status_on=TODAY).label
        == "Wait for a reply (message sent today)"
    )
    assert (
        act(status=Status.EMAILED, status_on=d(14)).label
        == "Wait for a reply (email sent yesterday)"
    )
    later = act(thread=ThreadState(inmail_pending=True), status=Status.CONNECT_REQUESTED)
    assert later == NextAction("Wait for a reply")


def test_answers() -> None:
    replied = act(status=Status.REPLIED, status_on=d(13))
    assert replied == NextAction("Reply to them: they replied 2 days ago", d(13), Channel.MESSAGE)
    accepted = act(status=Status.ACCEPTED, status_on=TODAY)
    assert accepted.label == "Reply to them: they accepted your InMail today"
    assert act(status=Status.DECLINED, status_on=d(3)) == NextAction("Nothing to do: they declined")
    assert act(status=Status.NO_RESPONSE, status_on=d(1)) == NextAction(
        "No response (14 days ago): try another way later, or let it go"
    )


def test_history_feeds_the_next_action() -> None:
    status, on, thread = thread_from_history([(Status.CONNECT_REQUESTED, d(8))])
    action = next_action(STRANGER, thread, status, on, TODAY)
    assert action.label == "InMail due today: connection request unanswered for 7 days"
    status, on, thread = thread_from_history(
        [(Status.CONNECT_REQUESTED, d(1)), (Status.CONNECTED, d(4))]
    )
    assert next_action(STRANGER, thread, status, on, TODAY).channel == Channel.MESSAGE
