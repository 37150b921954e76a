"""The send-cost rules as data (DOMAIN.md section 2): ordered tables, first match wins.

Each channel has a table of :class:`Rule` entries: an id, a predicate over the
:class:`Situation`, a verdict (free, one credit, blocked), the channel the send goes out on, and a
reason template filled from :meth:`Situation.words`. Every number comes from the plan (the
catalog) or from the pool's counters; nothing here is a LinkedIn figure. The last rule of each
table matches everything, so every decision names a rule.

Monthly and weekly limits (Open Profile, group messages, invitations) follow the catalog's
convention for ``group_message_monthly_cap``: a limit of 0 means "no limit".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from inmail_tui.core.model import Channel, Degree, ProspectFacts, ThreadState
from inmail_tui.core.plans import CreditBackPolicy, PendingPolicy, Plan

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_day(day: date) -> str:
    """``1 Feb 2026``: the same in every locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


@dataclass(frozen=True, slots=True)
class PoolView:
    """What the rules need to know about the sender's pool today."""

    plan: Plan
    balance: int
    next_grant: date | None
    open_profile_used_this_month: int = 0
    group_messages_this_month: int = 0
    invitations_this_week: int = 0


class Verdict(StrEnum):
    FREE = "free"
    CREDIT = "credit"
    BLOCKED = "blocked"


def _within(used: int, limit: int) -> bool:
    return limit == 0 or used < limit


def _usage(used: int, limit: int, what: str, period: str) -> str:
    if limit == 0:
        return f"no {period}ly limit on {what}"
    return f"{used} of {limit} {what} used this {period}"


_WHO = {
    Degree.FIRST: "a 1st-degree member",
    Degree.SECOND: "a 2nd-degree member",
    Degree.THIRD: "a 3rd-degree member",
    Degree.OUT: "an out-of-network member",
}

_REFUND_WHEN = {
    CreditBackPolicy.ACCEPTED_REPLIED: "they accept or reply",
    CreditBackPolicy.ACCEPTED_DECLINED_REPLIED: "they accept, decline or reply",
    CreditBackPolicy.ANY_RESPONSE: "they respond",
}


@dataclass(frozen=True, slots=True)
class Situation:
    """Everything one decision looks at, with the derived facts the predicates share."""

    pool: PoolView
    prospect: ProspectFacts
    thread: ThreadState
    today: date
    connect_wait_days: int

    @property
    def plan(self) -> Plan:
        return self.pool.plan

    @property
    def connected(self) -> bool:
        """1st degree, or a connection request was accepted since the data was imported."""
        return self.prospect.degree == Degree.FIRST or self.thread.connected

    @property
    def open_profile_free(self) -> bool:
        used, limit = self.pool.open_profile_used_this_month, self.plan.open_profile_monthly_limit
        return self.prospect.open_profile and _within(used, limit)

    @property
    def group_free(self) -> bool:
        used, cap = self.pool.group_messages_this_month, self.plan.group_message_monthly_cap
        return self.prospect.shares_group and _within(used, cap)

    @property
    def invitations_left(self) -> bool:
        return _within(self.pool.invitations_this_week, self.plan.invitation_weekly_budget)

    @property
    def request_pending(self) -> bool:
        return self.thread.connect_requested_on is not None and not self.connected

    @property
    def pending_days(self) -> int:
        """Days the connection request has waited (0 when none is pending)."""
        since = self.thread.connect_requested_on
        if since is None or self.connected:
            return 0
        return max(0, (self.today - since).days)

    @property
    def wait_left(self) -> int:
        """Days until the connection request has waited long enough to spend a credit."""
        return max(0, self.connect_wait_days - self.pending_days) if self.request_pending else 0

    def words(self) -> Words:
        """The values reason templates are filled with, each worked out when a template asks."""
        return Words(self)


def _grant(s: Situation) -> str:
    when = s.pool.next_grant
    if when is None:
        return "no grant is scheduled"
    amount = min(s.plan.allowance, s.plan.cap)
    ahead = (when - s.today).days
    soon = "today" if ahead <= 0 else f"in {days(ahead)}"
    return f"next grant of {amount} on {format_day(when)} ({soon})"


def _refund(s: Situation) -> str:
    if not s.plan.credit_back:
        return ""
    when = _REFUND_WHEN[s.plan.credit_back_on]
    return f"; refundable if {when} within {days(s.plan.credit_back_days)}"


def _missed(s: Situation) -> str:
    """Free paths that were there but used up, said before a paid or blocked outcome."""
    notes = []
    if s.prospect.open_profile and not s.open_profile_free:
        limit = s.plan.open_profile_monthly_limit
        notes.append(f"Open Profile limit reached ({limit} free InMails this month)")
    if s.prospect.shares_group and not s.group_free:
        notes.append(f"group message cap reached ({s.plan.group_message_monthly_cap} this month)")
    return "".join(f"{n}; " for n in notes)


_WORDS: dict[str, Callable[[Situation], str | int]] = {
    "plan": lambda s: s.plan.name,
    "balance": lambda s: s.pool.balance,
    "who": lambda s: _WHO[s.prospect.degree],
    "op_usage": lambda s: _usage(
        s.pool.open_profile_used_this_month,
        s.plan.open_profile_monthly_limit,
        "free InMails",
        "month",
    ),
    "group_usage": lambda s: _usage(
        s.pool.group_messages_this_month,
        s.plan.group_message_monthly_cap,
        "free group messages",
        "month",
    ),
    "invitations": lambda s: _usage(
        s.pool.invitations_this_week, s.plan.invitation_weekly_budget, "invitations", "week"
    ),
    "pending_for": lambda s: days(s.pending_days),
    "wait_left": lambda s: "1 more day" if s.wait_left == 1 else f"{s.wait_left} more days",
    "grant": _grant,
    "refund": _refund,
    "missed": _missed,
}


class Words(dict[str, str | int]):
    """A template's values, computed on first use (a decision fills one or two of them)."""

    def __init__(self, situation: Situation) -> None:
        super().__init__()
        self._situation = situation

    def __missing__(self, key: str) -> str | int:
        value = _WORDS[key](self._situation)
        self[key] = value
        return value


Predicate = Callable[[Situation], bool]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    when: Predicate
    verdict: Verdict
    reason: str  # a template over Situation.words()
    channel: Channel | None = None  # the channel the send goes out on; None: the one asked for


@dataclass(frozen=True, slots=True)
class Offer:
    """A cheaper way to reach the prospect, listed beside a decision that is not free."""

    channel: Channel
    when: Predicate
    reason: str
    wait: bool = False  # the offer is to wait ``Situation.wait_left`` days


def _always(s: Situation) -> bool:
    return True


def _blocked(s: Situation) -> bool:
    return s.prospect.blocked


def _replied(s: Situation) -> bool:
    return s.thread.replied


def _connected(s: Situation) -> bool:
    return s.connected


def _open_profile(s: Situation) -> bool:
    return s.open_profile_free


def _group(s: Situation) -> bool:
    return s.group_free


def _pending_policy(policy: PendingPolicy) -> Predicate:
    def when(s: Situation) -> bool:
        if not s.thread.inmail_pending or s.plan.second_inmail_while_pending != policy:
            return False
        return policy == PendingPolicy.BLOCK or s.pool.balance > 0

    return when


_BLOCKED = "They have blocked you: nothing can be sent to them"
_REPLIED = "They replied in your thread: a follow-up there is free"
_OPEN = "Open Profile: free message ({op_usage})"
_GROUP = "Shares a group with you: free message request ({group_usage})"

INMAIL_RULES: tuple[Rule, ...] = (
    Rule("R1", _blocked, Verdict.BLOCKED, _BLOCKED),
    Rule(
        "R2",
        _connected,
        Verdict.FREE,
        "1st-degree connection: send a regular message (free); InMail is never spent on a "
        "connection",
        Channel.MESSAGE,
    ),
    Rule("R3", _replied, Verdict.FREE, _REPLIED),
    Rule("R4", _open_profile, Verdict.FREE, _OPEN),
    Rule(
        "R5",
        lambda s: s.plan.applicant_free and s.prospect.applicant,
        Verdict.FREE,
        "Applied to your job: messaging an applicant is free on {plan}",
    ),
    Rule("R6", _group, Verdict.FREE, _GROUP, Channel.MESSAGE),
    Rule(
        "R7",
        lambda s: not s.prospect.accepts_inmail,
        Verdict.BLOCKED,
        "{missed}They do not accept InMail: cannot send",
    ),
    Rule(
        "R8",
        lambda s: not s.plan.can_send_inmail,
        Verdict.BLOCKED,
        "{missed}{plan} cannot send InMail: send a connection request (free) or upgrade",
    ),
    Rule(
        "R9",
        lambda s: not s.plan.out_of_network_inmail and s.prospect.degree == Degree.OUT,
        Verdict.BLOCKED,
        "{missed}{plan} cannot InMail members out of your network: cannot send",
    ),
    Rule(
        "R10",
        _pending_policy(PendingPolicy.BLOCK),
        Verdict.BLOCKED,
        "{missed}An InMail to them is still awaiting a response: {plan} does not allow a "
        "second one",
    ),
    Rule(
        "R10",
        _pending_policy(PendingPolicy.ALLOW_CHARGE),
        Verdict.CREDIT,
        "{missed}An InMail to them is still awaiting a response: {plan} allows a second one, "
        "and it costs 1 more credit of your {balance}{refund}",
    ),
    Rule(
        "R11",
        lambda s: s.pool.balance <= 0,
        Verdict.BLOCKED,
        "{missed}Balance is {balance}: cannot send now; {grant}",
    ),
    Rule(
        "R12",
        _always,
        Verdict.CREDIT,
        "{missed}InMail to {who}: costs 1 credit of your {balance}{refund}",
    ),
)

CONNECT_RULES: tuple[Rule, ...] = (
    Rule("C1", _blocked, Verdict.BLOCKED, _BLOCKED),
    Rule(
        "C2",
        _connected,
        Verdict.BLOCKED,
        "Already a 1st-degree connection: no request needed",
    ),
    Rule(
        "C3",
        lambda s: s.request_pending,
        Verdict.BLOCKED,
        "A connection request is already pending (sent {pending_for} ago): wait for it",
    ),
    Rule(
        "C4",
        lambda s: not s.invitations_left,
        Verdict.BLOCKED,
        "Weekly invitation budget used up ({invitations}): cannot send until next week",
    ),
    Rule("C5", _always, Verdict.FREE, "Connection request: free ({invitations})"),
)

EMAIL_RULES: tuple[Rule, ...] = (
    Rule("E1", _blocked, Verdict.BLOCKED, "They have blocked you: do not contact them"),
    Rule(
        "E2",
        lambda s: s.prospect.verified_email,
        Verdict.FREE,
        "Has a verified email: email is free",
    ),
    Rule("E3", _always, Verdict.BLOCKED, "No verified email known: cannot email"),
)

MESSAGE_RULES: tuple[Rule, ...] = (
    Rule("M1", _blocked, Verdict.BLOCKED, _BLOCKED),
    Rule("M2", _connected, Verdict.FREE, "1st-degree connection: a regular message is free"),
    Rule("M3", _replied, Verdict.FREE, _REPLIED),
    Rule("M4", _open_profile, Verdict.FREE, _OPEN),
    Rule("M5", _group, Verdict.FREE, _GROUP),
    Rule(
        "M6",
        _always,
        Verdict.BLOCKED,
        "{missed}Not connected: a regular message needs a connection",
    ),
)

RULES: dict[Channel, tuple[Rule, ...]] = {
    Channel.INMAIL: INMAIL_RULES,
    Channel.CONNECT: CONNECT_RULES,
    Channel.EMAIL: EMAIL_RULES,
    Channel.MESSAGE: MESSAGE_RULES,
}

# Cheaper ways to reach someone, cheapest first. An InMail offer is added by the engine from the
# InMail table itself.
OFFERS: tuple[Offer, ...] = (
    Offer(Channel.MESSAGE, _connected, "1st-degree connection: a regular message is free"),
    Offer(Channel.MESSAGE, _replied, _REPLIED),
    Offer(
        Channel.EMAIL, lambda s: s.prospect.verified_email, "Has a verified email: email is free"
    ),
    Offer(
        Channel.CONNECT,
        lambda s: not s.connected and not s.request_pending and s.invitations_left,
        "Send a connection request: free ({invitations})",
    ),
    Offer(
        Channel.CONNECT,
        lambda s: s.wait_left > 0,
        "Connection request pending {pending_for}: wait {wait_left} before spending a credit",
        wait=True,
    ),
)
