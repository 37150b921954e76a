"""The outreach pipeline: which status may follow which, the state a touch history leaves, and
the next action per prospect (docs/rules.md, "The pipeline" and "Cheaper ways and the cheapest
path").

A status moves only along :data:`TRANSITIONS` (a user action in the queue checks it with
:func:`check_move`); a touch history read back from the store is taken as it is, whatever its
order of statuses, since it may come from an import or another tool.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from inmail_tui.core.errors import DomainError
from inmail_tui.core.model import Channel, Degree, ProspectFacts, Status, ThreadState

_SENT = frozenset({Status.CONNECT_REQUESTED, Status.INMAIL_SENT, Status.MESSAGED, Status.EMAILED})
_REACH = _SENT | {Status.CONNECTED}
_LATE = frozenset({Status.ACCEPTED, Status.DECLINED, Status.REPLIED})

# Which statuses may follow each one. Any status may become DO_NOT_CONTACT; only NEW follows it
# (reopening a prospect is deliberate). An InMail never follows CONNECTED (rule R2).
TRANSITIONS: Mapping[Status, frozenset[Status]] = {
    Status.NEW: _REACH,
    Status.CONNECT_REQUESTED: _REACH - {Status.CONNECT_REQUESTED} | {Status.NO_RESPONSE},
    Status.CONNECTED: frozenset({Status.MESSAGED, Status.EMAILED, Status.REPLIED}),
    Status.INMAIL_SENT: _REACH | _LATE | {Status.NO_RESPONSE},
    Status.MESSAGED: _REACH | {Status.REPLIED, Status.NO_RESPONSE},
    Status.EMAILED: _REACH | {Status.REPLIED, Status.NO_RESPONSE},
    Status.ACCEPTED: _REACH - {Status.INMAIL_SENT} | {Status.REPLIED},
    Status.DECLINED: frozenset({Status.REPLIED}),
    Status.REPLIED: _REACH | {Status.REPLIED},
    Status.NO_RESPONSE: _REACH | _LATE,
    Status.DO_NOT_CONTACT: frozenset({Status.NEW}),
}


class TransitionError(DomainError):
    """A status change that makes no sense; the message says why in one sentence."""


def can_move(current: Status, to: Status) -> bool:
    if to == Status.DO_NOT_CONTACT:
        return current != Status.DO_NOT_CONTACT
    return to in TRANSITIONS[current]


def check_move(current: Status, to: Status) -> Status:
    """``to`` when it may follow ``current``; otherwise :class:`TransitionError`."""
    if can_move(current, to):
        return to
    allowed = sorted(s.label for s in TRANSITIONS[current])
    if current != Status.DO_NOT_CONTACT:
        allowed.append(Status.DO_NOT_CONTACT.label)
    raise TransitionError(
        f"A prospect marked {current.label} cannot be marked {to.label}; "
        f"it can be marked: {', '.join(allowed)}"
    )


@dataclass(frozen=True, slots=True)
class NextAction:
    label: str
    due: date | None = None  # when it is (or becomes) due; None: nothing to do by a date
    channel: Channel | None = None  # the channel the action sends on, if it sends


def thread_from_history(
    touches: Sequence[tuple[Status, date]],
) -> tuple[Status, date | None, ThreadState]:
    """The current status, its date and the thread state a prospect's touches leave.

    Touches are taken in date order (the given order within a day). An accepted InMail opens the
    thread like a reply does, so a follow-up there is free. ``NO_RESPONSE`` closes the pending
    InMail, or when none is pending, the pending connection request.
    """
    if not touches:
        return Status.NEW, None, ThreadState()
    replied = inmail_pending = connected = False
    requested_on: date | None = None
    ordered = sorted(touches, key=lambda touch: touch[1])
    for status, on in ordered:
        if status == Status.CONNECT_REQUESTED and not connected:
            requested_on = on
        elif status == Status.CONNECTED:
            connected, requested_on = True, None
        elif status == Status.INMAIL_SENT:
            inmail_pending = True
        elif status in (Status.ACCEPTED, Status.REPLIED):
            replied, inmail_pending = True, False
        elif status == Status.DECLINED:
            inmail_pending = False
        elif status == Status.NO_RESPONSE:
            if inmail_pending:
                inmail_pending = False
            else:
                requested_on = None
    status, on = ordered[-1]
    return status, on, ThreadState(replied, inmail_pending, requested_on, connected)


def thread_state(
    status: Status,
    status_on: date | None,
    degree: Degree,
    history: Sequence[tuple[Status, date]] = (),
) -> ThreadState:
    """The thread state of a prospect: what its touch history leaves, with its current status.

    The history says what happened before the current status: a prospect who replied and is
    then sent a connection request still has an open thread (a follow-up is free), and an
    InMail awaiting its response stays pending whatever is marked after it. The current status
    (which may come from an import, without touches) and the degree add what they imply.
    """
    replied = status in (Status.REPLIED, Status.ACCEPTED)
    inmail_pending = status == Status.INMAIL_SENT
    requested_on = status_on if status == Status.CONNECT_REQUESTED else None
    connected = status == Status.CONNECTED or degree == Degree.FIRST
    if history:
        _last, _on, past = thread_from_history(history)
        replied = replied or past.replied
        inmail_pending = inmail_pending or past.inmail_pending
        requested_on = requested_on or past.connect_requested_on
        connected = connected or past.connected
    return ThreadState(
        replied=replied,
        inmail_pending=inmail_pending,
        connect_requested_on=requested_on,
        connected=connected,
        do_not_contact=status == Status.DO_NOT_CONTACT,
    )


def _ago(on: date | None, today: date) -> str:
    if on is None:
        return ""
    n = (today - on).days
    if n <= 0:
        return "today"
    return "yesterday" if n == 1 else f"{n} days ago"


def next_action(
    facts: ProspectFacts,
    thread: ThreadState,
    status: Status,
    status_on: date | None,
    today: date,
    *,
    connect_wait_days: int = 7,
    strong_fit: int = 4,
) -> NextAction:
    """What to do next with this prospect, and by when (the cheapest path first)."""
    if status == Status.DO_NOT_CONTACT:
        return NextAction("Do not contact")
    if facts.blocked:
        return NextAction("Do not contact: they have blocked you")
    if status == Status.DECLINED:
        return NextAction("Nothing to do: they declined")
    if status in (Status.REPLIED, Status.ACCEPTED):
        did = "replied" if status == Status.REPLIED else "accepted your InMail"
        return NextAction(
            f"Reply to them: they {did} {_ago(status_on, today)}".rstrip(),
            due=status_on or today,
            channel=Channel.MESSAGE,
        )
    if thread.inmail_pending or status == Status.INMAIL_SENT:
        sent = _ago(status_on, today) if status == Status.INMAIL_SENT else ""
        return NextAction(f"Wait for a reply (InMail sent {sent})" if sent else "Wait for a reply")
    if status in (Status.MESSAGED, Status.EMAILED):
        what = "message" if status == Status.MESSAGED else "email"
        return NextAction(f"Wait for a reply ({what} sent {_ago(status_on, today)})")
    if status == Status.NO_RESPONSE:
        since = f" ({_ago(status_on, today)})" if status_on else ""
        return NextAction(f"No response{since}: try another way later, or let it go")
    connected = facts.degree == Degree.FIRST or thread.connected or status == Status.CONNECTED
    if connected or thread.replied:
        why = "connected" if connected else "they replied before"
        return NextAction(f"Send a message (free: {why})", today, Channel.MESSAGE)
    if facts.open_profile:
        return NextAction("Send a free InMail (Open Profile)", today, Channel.INMAIL)
    if facts.shares_group:
        return NextAction("Send a free message (shared group)", today, Channel.MESSAGE)
    if facts.verified_email:
        return NextAction("Send an email (free)", today, Channel.EMAIL)
    requested_on = thread.connect_requested_on
    if requested_on is None and status == Status.CONNECT_REQUESTED:
        requested_on = status_on
    if requested_on is None:
        return NextAction("Send connection request", today, Channel.CONNECT)
    return _after_request(facts, requested_on, today, connect_wait_days, strong_fit)


def _after_request(
    facts: ProspectFacts, requested_on: date, today: date, wait_days: int, strong_fit: int
) -> NextAction:
    waited = max(0, (today - requested_on).days)
    sent = f"sent {_ago(requested_on, today)}"
    if facts.priority < strong_fit or not facts.accepts_inmail:
        return NextAction(f"Wait for the connection request ({sent})")
    due = requested_on + timedelta(days=wait_days)
    if today < due:
        left = (due - today).days
        when = "tomorrow" if left == 1 else f"in {left} days"
        return NextAction(
            f"Wait for the connection request ({sent}); InMail due {when} if unanswered",
            due,
            Channel.INMAIL,
        )
    unanswered = f"connection request unanswered for {waited} days"
    if today == due:
        return NextAction(f"InMail due today: {unanswered}", due, Channel.INMAIL)
    late = (today - due).days
    overdue = "1 day" if late == 1 else f"{late} days"
    return NextAction(f"InMail overdue by {overdue}: {unanswered}", due, Channel.INMAIL)
