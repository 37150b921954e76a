"""Does this send cost a credit? The rules engine, and the cheapest path (docs/rules.md).

:func:`decide` walks the channel's rule table (:mod:`inmail_tui.core.rules_table`) in order and
the first rule that matches decides; a decision that is not free lists the cheaper ways to reach
the prospect. :func:`best_path` applies the outreach strategy (docs/rules.md, "Cheaper ways and
the cheapest path"): free paths first, then a connection request, and an InMail only for a strong
fit whose request went unanswered.

Someone who blocked the sender gets no alternatives: no channel is suggested to reach them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from inmail_tui.core.model import Channel, ProspectFacts, ThreadState
from inmail_tui.core.rules_situation import PoolView, Situation, Words, days
from inmail_tui.core.rules_table import OFFERS, RULES, Verdict
from inmail_tui.core.team import NO_TEAM, TeamFacts
from inmail_tui.core.words import CANNOT_SEND
from inmail_tui.core.words import cost as cost_words

__all__ = ["Alternative", "Decision", "PoolView", "best_path", "decide"]


@dataclass(frozen=True, slots=True)
class Alternative:
    channel: Channel
    reason: str
    cost: int = 0
    wait_days: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "channel": self.channel.value,
            "reason": self.reason,
            "cost": self.cost,
            "wait_days": self.wait_days,
        }


@dataclass(frozen=True, slots=True)
class Decision:
    channel: Channel
    cost: int
    allowed: bool
    rule: str
    reason: str
    alternatives: tuple[Alternative, ...] = ()

    @property
    def cost_class(self) -> Verdict:
        if not self.allowed:
            return Verdict.BLOCKED
        return Verdict.CREDIT if self.cost > 0 else Verdict.FREE

    @property
    def cost_words(self) -> str:
        """``"free"``, ``"1 credit"`` or ``"cannot send"``: the cost as the listings print it."""
        if not self.allowed:
            return CANNOT_SEND
        return cost_words(self.cost)

    def to_json(self, *, with_alternatives: bool = False) -> dict[str, Any]:
        """The JSON ``decision`` object; ``with_alternatives`` adds ``cost``'s list."""
        out: dict[str, Any] = {
            "channel": self.channel.value,
            "cost": self.cost,
            "allowed": self.allowed,
            "rule": self.rule,
            "reason": self.reason,
        }
        if with_alternatives:
            out["alternatives"] = [a.to_json() for a in self.alternatives]
        return out


def decide(
    pool: PoolView,
    prospect: ProspectFacts,
    channel: Channel,
    thread: ThreadState,
    today: date,
    *,
    connect_wait_days: int = 7,
    team: TeamFacts | None = None,
    alternatives: bool = True,
) -> Decision:
    """What sending on ``channel`` to ``prospect`` costs today, by the first rule that matches.

    ``team``: what teammates did (a team pool); under the ``warn`` team policy the reason starts
    with it. ``alternatives=False`` leaves the cheaper ways out (empty): for callers that never
    show them (a listing of every prospect), as they cost a second walk of the rules."""
    situation = Situation(pool, prospect, thread, today, connect_wait_days, team or NO_TEAM)
    return _decide(situation, channel, alternatives)


def _decide(s: Situation, channel: Channel, alternatives: bool = True) -> Decision:
    rule = next(r for r in RULES[channel] if r.when(s))
    words = s.words()
    going = rule.channel or channel
    free = rule.verdict == Verdict.FREE
    return Decision(
        channel=going,
        cost=1 if rule.verdict == Verdict.CREDIT else 0,
        allowed=rule.verdict != Verdict.BLOCKED,
        rule=rule.id,
        reason=s.team_note + rule.reason.format_map(words),
        alternatives=()
        if not alternatives or free or s.prospect.blocked or s.thread.do_not_contact
        else _alternatives(s, words, channel, going),
    )


def _alternatives(
    s: Situation, words: Words, asked: Channel, going: Channel
) -> tuple[Alternative, ...]:
    found = [
        Alternative(
            offer.channel,
            offer.reason.format_map(words),
            wait_days=s.wait_left if offer.wait else 0,
        )
        for offer in OFFERS
        if offer.channel not in (asked, going) and offer.when(s)
    ]
    if Channel.INMAIL not in (asked, going):
        inmail = _decide(s, Channel.INMAIL)
        if inmail.allowed and inmail.channel == Channel.INMAIL:
            found.append(Alternative(Channel.INMAIL, inmail.reason, cost=inmail.cost))
    return tuple(found)


def best_path(
    pool: PoolView,
    prospect: ProspectFacts,
    thread: ThreadState,
    today: date,
    *,
    connect_wait_days: int = 7,
    strong_fit: int = 4,
) -> Decision:
    """The cheapest way to reach ``prospect`` now, with why.

    Free paths first (1st degree, a reply, Open Profile, applicant, shared group), then a verified
    email, then a connection request; an InMail only once the request has waited
    ``connect_wait_days`` unanswered and the prospect's priority is at least ``strong_fit``.
    """
    s = Situation(pool, prospect, thread, today, connect_wait_days)
    inmail = _decide(s, Channel.INMAIL)
    if prospect.blocked or inmail.cost_class is Verdict.FREE:
        return inmail
    email = _decide(s, Channel.EMAIL)
    if email.allowed and prospect.verified_email:  # an unverified address may bounce
        return email
    strong = prospect.priority >= strong_fit
    fit = f"priority {prospect.priority} is " + (
        "a strong fit" if strong else f"below the strong fit of {strong_fit}"
    )
    connect = _decide(s, Channel.CONNECT)
    if s.request_pending:
        if s.wait_left > 0:
            asked = f"Connection request pending {days(s.pending_days)}"
            if strong:
                return replace(
                    connect,
                    reason=f"{asked}: wait {s.words()['wait_left']} before spending a credit",
                )
            return replace(connect, reason=f"{asked}: wait for it (no InMail: {fit})")
        unanswered = f"Connection request unanswered for {days(s.pending_days)}"
        if not strong:
            return replace(connect, reason=f"{unanswered}, but {fit}: spend no credit")
        if thread.inmail_pending:
            return replace(connect, reason=f"{unanswered}; an InMail awaits a response: wait")
        return replace(inmail, reason=f"{unanswered} and {fit}. {inmail.reason}")
    if connect.allowed:
        first = f"Send a connection request first: free ({s.words()['invitations']})"
        if strong:
            then = f"an InMail if it is unanswered after {days(connect_wait_days)} ({fit})"
        else:
            then = f"no InMail later: {fit}"
        return replace(connect, reason=f"{first}; {then}")
    if strong and inmail.allowed:
        return replace(inmail, reason=f"{connect.reason}; {fit}. {inmail.reason}")
    return connect
