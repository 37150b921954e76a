"""What one send-cost decision looks at: the pool, the prospect, the thread and today.

:class:`Situation` holds the derived facts the rule predicates share, and :class:`Words` the
values the reason templates are filled with. Monthly and weekly limits (Open Profile, group
messages, invitations) follow the catalog's convention for ``group_message_monthly_cap``: a limit
of 0 means "no limit".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from inmail_tui.core.model import Degree, ProspectFacts, ThreadState
from inmail_tui.core.plans import CreditBackPolicy, Plan, TeamPolicy
from inmail_tui.core.team import NO_TEAM, TeamFacts, seat_left
from inmail_tui.core.words import full_day


def format_day(day: date) -> str:
    """``1 Feb 2026``: the same in every locale (``core.words.full_day``)."""
    return full_day(day)


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
    seat: str | None = None  # the sender's seat on a team pool (None: solo, or not chosen)
    seat_limit: int | None = None  # the admin's monthly limit on the seat's InMail credits
    seat_used_this_month: int = 0  # credits the seat spent since the 1st

    @property
    def seat_limit_reached(self) -> bool:
        return seat_left(self.seat_limit, self.seat_used_this_month) == 0


def _within(used: int, limit: int) -> bool:
    return limit == 0 or used < limit


def _usage(used: int, limit: int, what: str, period: str) -> str:
    if limit == 0:
        return f"no {period}ly limit on {what}"
    return f"{used} of {limit} {what} used this {period}"


_WHO = {
    Degree.UNKNOWN: "a member of unknown degree",
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
    team: TeamFacts = NO_TEAM

    @property
    def plan(self) -> Plan:
        return self.pool.plan

    @property
    def refuse_for_team(self) -> bool:
        return self.plan.team_policy == TeamPolicy.REFUSE

    @property
    def team_note(self) -> str:
        """Under the ``warn`` team policy, what teammates did, said before any decision's
        reason ("" under ``refuse``: rules refuse instead)."""
        if self.refuse_for_team:
            return ""
        notes = []
        if self.team.owner is not None:
            notes.append(f"Claimed by {self.team.owner}{_since(self.team.claimed_on)}")
        if self.team.inmailed_by is not None:
            notes.append(f"{self.team.inmailed_by} already sent them an InMail{_on(self)}")
        return "".join(f"{note}; " for note in notes)

    @property
    def connected(self) -> bool:
        """1st degree, or a connection request was accepted since the data was imported."""
        return self.prospect.degree == Degree.FIRST or self.thread.connected

    @property
    def degree_unknown(self) -> bool:
        """No source said how far they are, and no connection was recorded since."""
        return self.prospect.degree == Degree.UNKNOWN and not self.connected

    @property
    def email_known(self) -> bool:
        """An address is on record, verified or not (a verified one is always on record)."""
        return self.prospect.has_email or self.prospect.verified_email

    @property
    def unverified_email(self) -> bool:
        return self.email_known and not self.prospect.verified_email

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


def _since(day: date | None) -> str:
    return "" if day is None else f" since {format_day(day)}"


def _on(s: Situation) -> str:
    day = s.team.inmailed_on
    return "" if day is None else f" on {format_day(day)}"


def _next_month(s: Situation) -> str:
    first = s.today.replace(day=1)
    following = (
        first.replace(year=first.year + 1, month=1)
        if first.month == 12
        else (first.replace(month=first.month + 1))
    )
    return format_day(following)


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


def _reach(s: Situation) -> str:
    """What the plan cannot InMail, said when the degree that would decide it is unknown."""
    if s.plan.out_of_network_inmail:
        return ""
    return f"; {s.plan.name} cannot InMail them if they are beyond the 3rd degree"


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
    "reach": _reach,
    "owner": lambda s: s.team.owner or "",
    "claimed_since": lambda s: _since(s.team.claimed_on),
    "inmailed_by": lambda s: s.team.inmailed_by or "",
    "inmailed_on": _on,
    "seat": lambda s: s.pool.seat or "",
    "seat_used": lambda s: s.pool.seat_used_this_month,
    "seat_limit": lambda s: s.pool.seat_limit if s.pool.seat_limit is not None else 0,
    "next_month": _next_month,
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
