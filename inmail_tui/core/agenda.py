"""The agenda for one day: what to do today, for whom, why and at what cost (docs/planning.md).

Pure: the planner hands over the candidate prospects (as :class:`Candidate` facts, read by
index: ``store.agenda``), the InMail credit-backs still pending, the holds the user set (skip,
snooze, done) and the rules (:class:`AgendaRules`). :func:`build_agenda` gives the day's lines,
grouped by :class:`Action` in its declared order.

Who gets which line is decided by the rules the spend plan follows (``core.spend_plan``): a
connection request for a prospect whose route is ``Route.CONNECT`` (new, an InMail would cost a
credit, no email known), strongest fit first, within what the weekly invitation budget has left
(:func:`core.spend_plan.schedule_requests` for today alone); an InMail once the connection-first
clock has run (a pending request of a strong fit that waited ``connect_wait_days``, or a request
or message that went unanswered, ``Route.DIRECT``), never for anyone with a free route, at most
as many as the credits above the reserve. The follow-ups, the invitations to withdraw and the
credit-back windows ending soon come from the prospect's status alone.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple, Self

from inmail_tui.core.model import Channel, Named, Status
from inmail_tui.core.rules_situation import days, format_day
from inmail_tui.core.rules_table import Verdict
from inmail_tui.core.spend_plan import Entry, Knobs, Route, route_of, schedule_requests
from inmail_tui.core.words import cost, credits

# The most lines one action lists on a day (the rest wait, and the group says there are more):
# an agenda is a day's work, not the queue.
LINES_PER_ACTION = 100
# LinkedIn bars a withdrawn invitation from being sent again for this long (Help a551012).
RESEND_BAR_DAYS = 21
# How many days a line may be snoozed.
SNOOZE_DAYS = (1, 365)


class Action(Named):
    """What a line asks. The value is the word stored in ``agenda_hold.action`` and printed by
    ``agenda --json``; then the label users see, the channel it is done on (None: nothing is
    sent) and the status the pipeline records when it is done (None: nothing to record, a done
    hold keeps the line off). The agenda lists the actions in this order."""

    _label: str
    channel: Channel | None
    records: Status | None

    def __new__(
        cls, value: str, label: str, channel: Channel | None, records: Status | None
    ) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member._label = label
        member.channel = channel
        member.records = records
        return member

    REQUEST = "request", "send a connection request", Channel.CONNECT, Status.CONNECT_REQUESTED
    INMAIL = "inmail", "send an InMail", Channel.INMAIL, Status.INMAIL_SENT
    ANSWER = "answer", "answer their reply", Channel.MESSAGE, Status.MESSAGED
    MESSAGE = "message", "message them", Channel.MESSAGE, Status.MESSAGED
    # LinkedIn has no answer to a withdrawn invitation: the request went unanswered
    WITHDRAW = "withdraw", "withdraw the invitation", None, Status.NO_RESPONSE
    CREDIT_BACK = "credit_back", "credit-back window ends", None, None

    @property
    def label(self) -> str:
        return self._label

    @property
    def order(self) -> int:
        """The action's place on the agenda (0 first)."""
        return _ORDER[self]


_ORDER = {action: n for n, action in enumerate(Action)}


class HoldKind(Named):
    """Why a line is held off the agenda (``agenda_hold.kind``)."""

    SKIP = "skip"  # skipped today: back tomorrow
    SNOOZE = "snooze"  # back after N days
    DONE = "done"  # done, with nothing for the pipeline to record

    @property
    def label(self) -> str:
        return self.value


class Candidate(NamedTuple):
    """A prospect as the agenda reads it (a tuple: hundreds are made per agenda, and a frozen
    dataclass took about four times as long to make)."""

    id: int
    name: str
    url: str
    fit: int  # priority 1..5
    status: Status
    status_on: date | None
    cost_class: str  # the stored class of an InMail's decision (``Verdict``): free, credit, ...
    has_email: bool  # an address is known: an email is free
    inmail_before: bool = False  # an InMail was sent to them before (decides ``Route.DIRECT``)
    blocked: bool = False  # they blocked you: nothing is sent


@dataclass(frozen=True, slots=True)
class CreditBackDue:
    """An InMail whose credit comes back if they respond by ``deadline``."""

    prospect: Candidate
    sent_on: date
    deadline: date


@dataclass(frozen=True, slots=True)
class AgendaRules:
    """The settings and the pool's facts the agenda follows."""

    knobs: Knobs  # min and strong fit, the connection wait, the invitation budget and its use
    available: int  # credits above the reserve today: the most InMail lines
    withdraw_after_days: int = 21  # a request pending this long should be withdrawn
    credit_back_within_days: int = 7  # a credit-back window ending this soon gets a line
    lines_per_action: int = LINES_PER_ACTION


class Sentence(NamedTuple):
    """A sentence made when it is read, ``say(*facts)``; equal when its facts are."""

    say: Callable[..., str]
    facts: tuple[Any, ...]

    def __call__(self) -> str:
        return self.say(*self.facts)


class Line(NamedTuple):
    """One line of the agenda (a tuple, as ``Candidate``)."""

    prospect_id: int
    name: str
    url: str
    action: Action
    # why, in words: the sentence, or what makes it when it is read (``why``): a day lists up to
    # 500 lines, and a screen shows a few dozen of them
    reason: str | Sentence
    cost: str  # in words: "free", "1 credit", ...
    due: date  # the day it fell due (today or before)
    fit: int

    @property
    def why(self) -> str:
        reason = self.reason
        return reason if isinstance(reason, str) else reason()

    @property
    def channel(self) -> Channel | None:
        return self.action.channel


@dataclass(frozen=True, slots=True)
class Group:
    action: Action
    lines: tuple[Line, ...]
    more: bool = False  # lines beyond the day's most were left out

    @property
    def count(self) -> int:
        return len(self.lines)


@dataclass(frozen=True)
class Agenda:
    today: date
    groups: tuple[Group, ...]  # in Action order, every action (an empty group has no lines)
    invitations_left: int | None = None  # of this week's budget (None: no budget)
    available: int = 0  # credits above the reserve

    @property
    def lines(self) -> list[Line]:
        return [line for group in self.groups for line in group.lines]

    def group(self, action: Action) -> Group:
        return self.groups[action.order]


Hold = tuple[int, Action]  # (prospect id, action): a hold covering the day


def hold_until(kind: HoldKind, on: date, due: date, snooze_days: int = 0) -> date:
    """The first day a held line may show again: tomorrow for a skip, ``on`` plus the days for
    a snooze, and for a done line the day after it stops being due (``due``, the end of its
    window, or ``on``)."""
    if kind == HoldKind.SKIP:
        return on + timedelta(days=1)
    if kind == HoldKind.SNOOZE:
        return on + timedelta(days=snooze_days)
    return max(on, due) + timedelta(days=1)


def invitations_left(knobs: Knobs, today: date) -> int | None:
    """What the weekly invitation budget has left today (the 7 days up to today counted);
    None when the plan sets no budget."""
    if knobs.invitation_weekly_budget <= 0:
        return None
    used = sum(knobs.invitations_sent.get(today - timedelta(days=k), 0) for k in range(7))
    return max(0, knobs.invitation_weekly_budget - used)


_CREDIT = Verdict.CREDIT.value
FREE, ONE_CREDIT = cost(0), cost(1)  # what a line costs, in words


def _costs_credit(c: Candidate) -> bool:
    """An InMail would cost a credit and nothing free reaches them (no email)."""
    return c.cost_class == _CREDIT and not c.has_email and not c.blocked


def _inmail_due(c: Candidate, knobs: Knobs, today: date) -> tuple[date, Route] | None:
    """The day an InMail to ``c`` fell due (today or before) and the route that made it due,
    or None when none is due: the connection-first clock ran out on a strong fit's request
    (``PENDING``), or a request or message went unanswered (``DIRECT``); never for a free route
    or below the least fit worth a credit."""
    if not _costs_credit(c) or c.fit < knobs.min_fit:
        return None
    route = route_of(c.status, c.inmail_before)
    if route == Route.PENDING and c.status_on is not None and c.fit >= knobs.strong_fit:
        due = c.status_on + timedelta(days=knobs.connect_wait_days)
        return (due, route) if due <= today else None
    if route == Route.DIRECT:
        return min(c.status_on or today, today), route
    return None


# Lines and their sentences are made as plain tuples of their class, without the generated
# ``__new__``: an agenda makes up to 600 of each (bench/agenda.py).
_new = tuple.__new__


def _line(c: Candidate, action: Action, reason: str | Sentence, cost: str, due: date) -> Line:
    return _new(Line, (c.id, c.name, c.url, action, reason, cost, due, c.fit))


def _request_lines(
    candidates: Iterable[Candidate], rules: AgendaRules, today: date, left: int | None
) -> tuple[list[Line], bool]:
    """Connection requests for the new prospects (``Route.CONNECT``: the caller gives those)."""
    new = {c.id: c for c in candidates if _costs_credit(c)}
    entries = [_new(Entry, (c.id, c.fit, Route.CONNECT, None, ())) for c in new.values()]
    room = rules.lines_per_action if left is None else min(left, rules.lines_per_action)
    knobs = rules.knobs
    # today alone, within the budget's room (schedule_requests keeps it over every 7 days)
    planned = schedule_requests(entries, today, today, knobs)
    cost = FREE if left is None else f"{FREE}; 1 of the week's invitations"
    lines = [
        _line(
            new[request.id],
            Action.REQUEST,
            _new(Sentence, (_why_request, (request.fit, request.inmail_from))),
            cost,
            today,
        )
        for request in planned[:room]
    ]
    return lines, len(new) > len(lines)  # more wait: beyond the day's lines or the budget


def _why_request(fit: int, inmail_from: date | None) -> str:
    then = (
        f"; an InMail may follow on {format_day(inmail_from)} if unanswered" if inmail_from else ""
    )
    return f"fit {fit}: connect first{then}"


def _inmail_lines(
    candidates: Iterable[Candidate], rules: AgendaRules, today: date
) -> tuple[list[Line], bool]:
    knobs = rules.knobs
    due: list[tuple[int, date, int, Route, Candidate]] = []
    for c in candidates:
        found = _inmail_due(c, knobs, today)
        if found is not None:
            due.append((-c.fit, found[0], c.id, found[1], c))
    due.sort(key=_FIRST_THREE)
    room = min(max(0, rules.available), rules.lines_per_action)
    lines = []
    wait = timedelta(days=knobs.connect_wait_days)
    for _fit, on, _id, route, c in due[:room]:
        if route == Route.PENDING:
            why: str | Sentence = _new(Sentence, (_why_pending, (c.fit, on - wait, today)))
        else:
            why = f"fit {c.fit}: an earlier request or message went unanswered"
        lines.append(_line(c, Action.INMAIL, why, ONE_CREDIT, on))
    return lines, len(due) > room


_FIRST_THREE = itemgetter(0, 1, 2)


def _why_pending(fit: int, asked: date, today: date) -> str:
    waited = (today - asked).days
    return f"fit {fit}: connection request of {format_day(asked)} unanswered for {days(waited)}"


def _status_lines(
    of: Callable[[Status, Action], list[Candidate]], rules: AgendaRules, today: date
) -> dict[Action, list[Line]]:
    """The follow-ups and the invitations to withdraw, from the candidates of each status
    (``of(status, action)``: those not held off that action)."""
    answer = [
        _line(
            c,
            Action.ANSWER,
            _new(Sentence, (_why_replied, (c.status_on,))) if c.status_on else "they replied",
            FREE,
            c.status_on or today,
        )
        for c in of(Status.REPLIED, Action.ANSWER)
        if not c.blocked
    ]
    message = [
        _line(
            c,
            Action.MESSAGE,
            _new(Sentence, (_why_accepted, (status == Status.ACCEPTED, c.status_on))),
            FREE,
            c.status_on or today,
        )
        for status in (Status.ACCEPTED, Status.CONNECTED)
        for c in of(status, Action.MESSAGE)
        if not c.blocked
    ]
    withdraw_by = today - timedelta(days=rules.withdraw_after_days)
    after = timedelta(days=rules.withdraw_after_days)
    pending = [
        c
        for c in of(Status.CONNECT_REQUESTED, Action.WITHDRAW)
        if not c.blocked and c.status_on is not None and c.status_on <= withdraw_by
    ]
    # in the lines' order (due: the request's day plus the wait), one more than the most kept:
    # the InMail reads bring more requests than the day lists
    pending.sort(key=_REQUEST_ORDER)
    withdraw = [
        _line(
            c,
            Action.WITHDRAW,
            _new(Sentence, (_why_withdraw, ((today - c.status_on).days,))),
            FREE,
            c.status_on + after,
        )
        for c in pending[: rules.lines_per_action + 1]
        if c.status_on is not None
    ]
    return {Action.ANSWER: answer, Action.MESSAGE: message, Action.WITHDRAW: withdraw}


def _why_replied(since: date) -> str:
    return f"they replied on {format_day(since)}"


def _why_accepted(inmail: bool, since: date | None) -> str:
    did = "accepted your InMail" if inmail else "accepted your request"
    on = f" on {format_day(since)}" if since else ""
    return f"they {did}{on}"


def _why_withdraw(pending: int) -> str:
    return (
        f"invitation pending for {days(pending)}: many pending invitations get an account"
        f" restricted; once withdrawn it cannot be sent again for {RESEND_BAR_DAYS} days"
    )


def _credit_back_lines(
    dues: Iterable[CreditBackDue], rules: AgendaRules, today: date
) -> list[Line]:
    lines = []
    for due in dues:
        c = due.prospect
        left = (due.deadline - today).days
        if c.status != Status.INMAIL_SENT or not 0 <= left <= rules.credit_back_within_days:
            continue
        when = "today" if left == 0 else f"in {days(left)}"
        why = (
            f"InMail of {format_day(due.sent_on)} unanswered: a response by"
            f" {format_day(due.deadline)} ({when}) gives the credit back"
        )
        lines.append(_line(c, Action.CREDIT_BACK, why, FREE, due.deadline))
    return lines


_REQUEST_ORDER = attrgetter("status_on", "fit", "id")
# the longest due first; on the same day the weaker fit (the store's order), then by id
_DUE_ORDER = attrgetter("due", "fit", "prospect_id")


def build_agenda(
    today: date,
    candidates: Sequence[Candidate],
    rules: AgendaRules,
    *,
    credit_backs: Iterable[CreditBackDue] = (),
    holds: Collection[Hold] = (),
) -> Agenda:
    """The day's lines, grouped by action in ``Action`` order: a line held for the day (its
    prospect and action in ``holds``) is left out; each action lists at most
    ``rules.lines_per_action`` lines, oldest due first (requests and InMails: strongest fit
    first). A group says there are ``more`` when candidates beyond its lines were given: the
    reader gives one more than it needs."""
    held = set(holds)
    by_status: dict[Status, list[Candidate]] = {}
    for c in {c.id: c for c in candidates}.values():  # each prospect once (the last given)
        by_status.setdefault(c.status, []).append(c)

    def of(status: Status, unless: Action) -> list[Candidate]:
        found = by_status.get(status, [])
        return [c for c in found if (c.id, unless) not in held] if held else found

    left = invitations_left(rules.knobs, today)
    requests, more_requests = _request_lines(of(Status.NEW, Action.REQUEST), rules, today, left)
    waiting = of(Status.CONNECT_REQUESTED, Action.INMAIL) + of(Status.NO_RESPONSE, Action.INMAIL)
    inmails, more_inmails = _inmail_lines(waiting, rules, today)
    by_action: dict[Action, list[Line]] = {Action.REQUEST: requests, Action.INMAIL: inmails}
    by_action.update(_status_lines(of, rules, today))
    credit_back = _credit_back_lines(credit_backs, rules, today)
    if held:
        credit_back = [line for line in credit_back if (line.prospect_id, line.action) not in held]
    by_action[Action.CREDIT_BACK] = credit_back
    cut = {Action.REQUEST: more_requests, Action.INMAIL: more_inmails}
    most = rules.lines_per_action
    groups = []
    for action in Action:
        lines = by_action[action]
        if action not in cut:
            lines.sort(key=_DUE_ORDER)
        kept = lines[:most]
        groups.append(Group(action, tuple(kept), len(lines) > len(kept) or cut.get(action, False)))
    return Agenda(today, tuple(groups), left, max(0, rules.available))


@dataclass(frozen=True, slots=True)
class Forfeit:
    """Credits the next grant takes unless they are spent before it."""

    credits: int  # the fewest sends before the grant that lose nothing
    lost: int  # what the grant takes if nothing is sent
    before: date  # the grant's day
    days_left: int

    def says(self) -> str:
        return f"Spend {credits(self.credits)} before {format_day(self.before)} or lose them."


def forfeit_of(today: date, next_grant: date | None, lost: int, sends: int) -> Forfeit | None:
    """The forfeit deadline (``core.forecast.outlook``'s figures), or None when nothing is at
    risk at the next grant."""
    if next_grant is None or lost <= 0:
        return None
    return Forfeit(sends, lost, next_grant, (next_grant - today).days)


__all__ = [
    "Action",
    "Agenda",
    "AgendaRules",
    "Candidate",
    "CreditBackDue",
    "Forfeit",
    "Group",
    "HoldKind",
    "Line",
    "build_agenda",
]
