"""The send-cost rules as data: ordered tables, first match wins (docs/rules.md explains each).

Each channel has a table of :class:`Rule` entries: an id, a predicate over the
:class:`~inmail_tui.core.rules_situation.Situation`, a verdict (free, one credit, blocked), the
channel the send goes out on, and a reason template filled from its ``words()``. Every number
comes from the plan (the catalog) or from the pool's counters; nothing here is a LinkedIn figure.
The last rule of each table matches everything, so every decision names a rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from inmail_tui.core.model import Channel, Degree
from inmail_tui.core.plans import PendingPolicy
from inmail_tui.core.rules_situation import Situation


class Verdict(StrEnum):
    FREE = "free"
    CREDIT = "credit"
    BLOCKED = "blocked"


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


def _do_not_contact(s: Situation) -> bool:
    return s.thread.do_not_contact


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


def _claimed(s: Situation) -> bool:
    """A teammate's seat claimed them, and the team policy refuses."""
    return s.team.owner is not None and s.refuse_for_team


def _team_inmailed(s: Situation) -> bool:
    """Another seat of the team already sent them an InMail, and the team policy refuses."""
    return s.team.inmailed_by is not None and s.refuse_for_team


def _seat_limit(s: Situation) -> bool:
    return s.pool.seat_limit_reached


_BLOCKED = "They have blocked you: nothing can be sent to them"
_DNC = "You marked them do not contact: reopen them (mark them new) to reach out"
_REPLIED = "They replied in your thread: a follow-up there is free"
_OPEN = "Open Profile: free message ({op_usage})"
_GROUP = "Shares a group with you: free message request ({group_usage})"
_CLAIMED = (
    "Claimed by {owner}{claimed_since}: the team policy refuses a send to a teammate's prospect;"
    " ask {owner} to release them"
)

INMAIL_RULES: tuple[Rule, ...] = (
    Rule("R0", _do_not_contact, Verdict.BLOCKED, _DNC),
    Rule("R1", _blocked, Verdict.BLOCKED, _BLOCKED),
    Rule("R14", _claimed, Verdict.BLOCKED, _CLAIMED),
    Rule(
        "R2",
        _connected,
        Verdict.FREE,
        "1st-degree connection: send a regular message (free); InMail is never spent on a "
        "connection",
        Channel.MESSAGE,
    ),
    Rule("R3", _replied, Verdict.FREE, _REPLIED),
    Rule(
        "R15",
        _team_inmailed,
        Verdict.BLOCKED,
        "{inmailed_by} already sent them an InMail{inmailed_on}: the team policy refuses a second"
        " InMail from the team",
    ),
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
        "R16",
        _seat_limit,
        Verdict.BLOCKED,
        "{missed}Seat {seat} has spent {seat_used} of its {seat_limit} InMail credits this month"
        " (the admin's limit): cannot send until {next_month}",
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
        "R13",
        lambda s: s.degree_unknown,
        Verdict.CREDIT,
        "{missed}Degree unknown: if they are a 1st-degree connection a message is free; "
        "otherwise an InMail costs 1 credit of your {balance}{refund}{reach}. Their profile "
        "shows the degree (or import LinkedIn's Connections.csv)",
    ),
    Rule(
        "R12",
        _always,
        Verdict.CREDIT,
        "{missed}InMail to {who}: costs 1 credit of your {balance}{refund}",
    ),
)

CONNECT_RULES: tuple[Rule, ...] = (
    Rule("C0", _do_not_contact, Verdict.BLOCKED, _DNC),
    Rule("C1", _blocked, Verdict.BLOCKED, _BLOCKED),
    Rule("C6", _claimed, Verdict.BLOCKED, _CLAIMED),
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

_VERIFIED_EMAIL = "Has a verified email: email is free"
_UNVERIFIED_EMAIL = "Has an email, not verified (it may bounce): email is free"

EMAIL_RULES: tuple[Rule, ...] = (
    Rule("E0", _do_not_contact, Verdict.BLOCKED, _DNC),
    Rule("E1", _blocked, Verdict.BLOCKED, "They have blocked you: do not contact them"),
    Rule("E5", _claimed, Verdict.BLOCKED, _CLAIMED),
    Rule("E2", lambda s: s.prospect.verified_email, Verdict.FREE, _VERIFIED_EMAIL),
    Rule("E4", lambda s: s.unverified_email, Verdict.FREE, _UNVERIFIED_EMAIL),
    Rule("E3", _always, Verdict.BLOCKED, "No email known: cannot email"),
)

MESSAGE_RULES: tuple[Rule, ...] = (
    Rule("M0", _do_not_contact, Verdict.BLOCKED, _DNC),
    Rule("M1", _blocked, Verdict.BLOCKED, _BLOCKED),
    Rule("M8", _claimed, Verdict.BLOCKED, _CLAIMED),
    Rule("M2", _connected, Verdict.FREE, "1st-degree connection: a regular message is free"),
    Rule("M3", _replied, Verdict.FREE, _REPLIED),
    Rule("M4", _open_profile, Verdict.FREE, _OPEN),
    Rule("M5", _group, Verdict.FREE, _GROUP),
    Rule(
        "M7",
        lambda s: s.degree_unknown,
        Verdict.FREE,
        "{missed}Degree unknown: a regular message is free if they are a 1st-degree connection "
        "(LinkedIn offers Message on their profile); otherwise it needs a connection",
    ),
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
    Offer(
        Channel.MESSAGE,
        lambda s: s.degree_unknown,
        "Degree unknown: if they are a 1st-degree connection, a regular message is free",
    ),
    Offer(Channel.MESSAGE, _replied, _REPLIED),
    Offer(Channel.EMAIL, lambda s: s.prospect.verified_email, _VERIFIED_EMAIL),
    Offer(Channel.EMAIL, lambda s: s.unverified_email, _UNVERIFIED_EMAIL),
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
