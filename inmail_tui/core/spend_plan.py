"""The credit spend plan: who gets an InMail credit, on which day, up to a date (docs/planning.md).

Pure: the planner hands over the pool (today's balance, the coming grants, the cap, a
cancellation, the credit-back policy), the reserve, the prospects that may need a credit (as
compact :class:`Entry` tuples) and the expected rates (:mod:`inmail_tui.core.spend_rates`).

The rules, in order:

1. **Free routes first.** A prospect with a free route (``Route.FREE``: 1st degree, an open
   thread, Open Profile, a shared group, applicant, a known email) is never planned an InMail.
2. **Connection request first.** A prospect who can still be sent a request (``Route.CONNECT``)
   is planned one, strong fits first, within the weekly invitation budget (counted over every
   7 days, today's past requests included). An InMail follows only for a strong fit, and only
   on the day the request has waited ``connect_wait_days``; a pending request
   (``Route.PENDING``) likewise. A prospect whose request route is closed (``Route.DIRECT``:
   a request or message went unanswered, no InMail yet) may be planned an InMail at once.
3. **The objective.** Each planned InMail *i* is worth ``fit_i x reply_i`` (fit-weighted
   expected replies). A credit kept is worth ``keep = min_fit x`` the overall expected reply
   rate: what it would buy from the weakest prospect still worth a credit. The plan maximises

       sum over planned i of (fit_i x reply_i + keep x back_i) + keep x (balance left at the end)

   where ``back_i`` is the chance the credit comes back (the plan's credit-back policy times the
   expected rate of the responses it counts). A credit the next grant would forfeit is not in
   the balance left, so spending it costs nothing; one that will probably come back costs less.
4. **Never below the reserve, never more than the balance holds**, on any day. Credit-backs are
   never counted on to pay for a planned send (they may not come).

The schedule is greedy: candidates by ``fit x reply + keep x back``, best first, each on the
earliest day it is ready and the balance allows. Spending earlier never leaves less for later
days (a grant tops up to the cap), and the earliest feasible day is the one most likely to use a
credit that would be forfeited, so the greedy choice is the best for each candidate in turn. The
tests compare it with every feasible plan on small cases (within 1%).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple

from inmail_tui.core.model import Status
from inmail_tui.core.rules_situation import format_day
from inmail_tui.core.spend_rates import RateBook, RateSource

EPSILON = 1e-12


class Route(StrEnum):
    """How a prospect may be reached, as far as the spend plan cares."""

    FREE = "free"  # a free route: never an InMail
    CONNECT = "connect"  # a connection request can be sent: first that, then maybe an InMail
    PENDING = "pending"  # a connection request waits since ``requested_on``
    DIRECT = "direct"  # the request route is closed; an InMail may go at once
    CLOSED = "closed"  # nothing to plan (blocked, do not contact, an InMail awaits, ...)


def route_of(status: Status, inmail_before: bool) -> Route:
    """The route of a prospect an InMail would cost a credit and with no email known (the only
    ones the store reads: ``store.spend_candidates``), from its status and whether an InMail was
    ever sent to them."""
    if status == Status.NEW:
        return Route.CONNECT
    if status == Status.CONNECT_REQUESTED:
        return Route.PENDING
    if status == Status.NO_RESPONSE and not inmail_before:
        return Route.DIRECT
    return Route.CLOSED


class Entry(NamedTuple):
    """One prospect as the plan reads it."""

    id: int
    fit: int  # priority 1..5
    route: Route
    requested_on: date | None  # PENDING: when the request was sent
    tags: tuple[str, ...]  # the user's tags (the expected rate is looked up by them)


@dataclass(frozen=True, slots=True)
class PoolState:
    """The pool as the plan sees it from ``today`` to ``until`` (inclusive)."""

    today: date
    until: date
    balance: int  # today, every due grant applied
    cap: int
    allowance: int
    grants: tuple[date, ...]  # grant days in (today, until]
    cancelled_on: date | None = None  # the first day without the subscription
    credit_back: bool = False
    back_counts_declines: bool = False  # the policy counts any response, not only replies

    def __post_init__(self) -> None:
        if self.until < self.today:
            raise ValueError("the plan's last day comes before today")


@dataclass(frozen=True, slots=True)
class Knobs:
    """The settings the plan follows."""

    reserve: int = 0
    min_fit: int = 3  # the least fit worth a credit
    strong_fit: int = 4  # the least fit for an InMail after an unanswered request
    connect_wait_days: int = 7
    invitation_weekly_budget: int = 100  # 0: no limit
    invitations_sent: Mapping[date, int] = field(default_factory=dict)  # requests of past days


@dataclass(frozen=True, slots=True)
class PlannedInMail:
    id: int
    on: date
    fit: int
    reply: float  # expected chance of a reply
    back: float  # chance the credit comes back
    value: float  # fit x reply
    source: RateSource
    ready: date  # the first day it could be sent
    route: Route
    uses_forfeit: bool  # the credit would otherwise be lost at a grant or cancellation

    def why(self, wait_days: int) -> str:
        """Why this InMail, in one line."""
        asked = self.ready - timedelta(days=wait_days)
        route = {
            Route.PENDING: f"connection request of {format_day(asked)} unanswered",
            Route.CONNECT: f"if the request planned for {format_day(asked)} goes unanswered",
            Route.DIRECT: "an earlier request or message went unanswered",
        }.get(self.route, "")
        parts = [
            f"fit {self.fit} x {self.reply:.0%} reply ({self.source.describe()})",
            route,
        ]
        if self.uses_forfeit:
            parts.append("uses a credit that would otherwise be lost")
        if self.back:
            parts.append(f"{self.back:.0%} chance the credit comes back")
        return "; ".join(part for part in parts if part)


class PlannedRequest(NamedTuple):
    """A connection request planned on a day (a tuple: the plan and each agenda make hundreds)."""

    id: int
    on: date
    fit: int
    inmail_from: date | None  # a strong fit: the day an InMail may follow if unanswered


@dataclass(frozen=True, slots=True)
class PlanDay:
    """One day of the plan's timeline (what a chart shows)."""

    on: date
    grant: int  # credits that arrive this day
    lost: int  # credits lost this day (over the cap at a grant, or cancellation)
    inmails: int  # InMails planned
    requests: int  # connection requests planned
    balance: int  # after the day's planned InMails
    available: int  # credits still spendable that day beyond the plan (above the reserve)
    at_risk: int  # credits the next grant or cancellation (this day's included) will take


@dataclass(frozen=True, slots=True)
class Loss:
    on: date
    credits: int
    why: str


@dataclass(frozen=True)
class SpendPlan:
    today: date
    until: date
    reserve: int
    keep_value: float  # what a credit kept is worth, in fit-weighted replies
    inmails: tuple[PlannedInMail, ...]  # by day, then best value first
    requests: tuple[PlannedRequest, ...]  # by day
    days: tuple[PlanDay, ...]
    losses: tuple[Loss, ...]
    candidates: int  # prospects that could be planned an InMail by ``until``
    waiting: int  # candidates left unplanned
    wait_days: int = 7  # the connection request's wait before an InMail

    @property
    def credits_used(self) -> int:
        return len(self.inmails)

    @property
    def credits_lost(self) -> int:
        return sum(loss.credits for loss in self.losses)

    @property
    def expected_replies(self) -> float:
        return sum(i.reply for i in self.inmails)

    @property
    def expected_credit_backs(self) -> float:
        return sum(i.back for i in self.inmails)

    def weeks(self) -> list[PlanDay]:
        """The timeline by week from today (7 days each, the last one shorter): what arrives,
        is lost, planned and requested is summed; the balance and what is available are the
        week's last day's; what is at risk is the week's most."""
        out = []
        for start in range(0, len(self.days), 7):
            week = self.days[start : start + 7]
            out.append(
                PlanDay(
                    on=week[0].on,
                    grant=sum(d.grant for d in week),
                    lost=sum(d.lost for d in week),
                    inmails=sum(d.inmails for d in week),
                    requests=sum(d.requests for d in week),
                    balance=week[-1].balance,
                    available=week[-1].available,
                    at_risk=max(d.at_risk for d in week),
                )
            )
        return out

    def sources(self) -> list[tuple[RateSource, int, float]]:
        """Each rate source used, with how many planned InMails used it and their expected
        replies; most InMails first."""
        found: dict[tuple[str, str], tuple[RateSource, int, float]] = {}
        for item in self.inmails:
            key = (item.source.kind, item.source.label)
            source, n, replies = found.get(key, (item.source, 0, 0.0))
            found[key] = (source, n + 1, replies + item.reply)
        return sorted(found.values(), key=lambda t: (-t[1], t[0].label))


# -- the pool, day by day --------------------------------------------------------------------


class _Pool:
    """The balance day by day under a plan: ``spends[d]`` InMails on day index ``d``."""

    def __init__(self, state: PoolState, reserve: int) -> None:
        self.state = state
        self.days = (state.until - state.today).days + 1
        self.grant_at = {
            (g - state.today).days
            for g in state.grants
            if state.today < g <= state.until
            and (state.cancelled_on is None or g < state.cancelled_on)
        }
        cancel = state.cancelled_on
        self.cancel_at = (
            (cancel - state.today).days
            if cancel is not None and state.today < cancel <= state.until
            else None
        )
        self.spends = [0] * self.days
        self.base = self.run()[0]
        self.floor = [min(reserve, b) for b in self.base]

    def post(self, d: int, held: int) -> int:
        """The balance after day ``d``'s grant or cancellation, from ``held`` before it."""
        if d == self.cancel_at:
            return 0
        if d in self.grant_at:
            cap, allowance = self.state.cap, self.state.allowance
            return max(held, min(cap, held + allowance))
        return held

    def run(self) -> tuple[list[int], list[int], list[int], list[int]]:
        """Balance after each day, what arrived, what was lost and the balance before each
        day's event."""
        held = self.state.balance
        after, granted, lost, before = [], [], [], []
        for d in range(self.days):
            before.append(held)
            if d and (d in self.grant_at or d == self.cancel_at):
                new = self.post(d, held)
                if d == self.cancel_at:
                    granted.append(0)
                    lost.append(held)
                else:
                    granted.append(self.state.allowance)
                    lost.append(held + self.state.allowance - new)
                held = new
            else:
                granted.append(0)
                lost.append(0)
            held -= self.spends[d]
            after.append(held)
        return after, granted, lost, before

    def options(
        self, optimistic: bool = False
    ) -> tuple[list[int | None], list[int | None], list[bool]]:
        """For each day: the earliest feasible day from it for one more InMail, the earliest
        feasible one whose credit would otherwise be lost, and whether a send on it lowers the
        balance left at the end.

        ``optimistic``: a balance over the cap before a grant counts as lost too. It is not (a
        grant never takes credits already held), but spending it down is what lets the sends
        after it save the grant: the plan tries both ways and keeps the better."""
        after, _granted, _lost, before = self.run()
        n = self.days
        feasible = [False] * n
        to_end = [False] * n
        low = 1 << 62
        reaches_end = True
        for d in range(n - 1, -1, -1):
            nxt = d + 1
            if nxt < n and self._absorbs(nxt, before[nxt]):
                low, reaches_end = 1 << 62, False
            elif optimistic and nxt in self.grant_at and before[nxt] > self.state.cap:
                reaches_end = False
            low = min(low, after[d] - self.floor[d])
            feasible[d] = low >= 1
            to_end[d] = reaches_end
        next_ok: list[int | None] = [None] * (n + 1)
        next_free: list[int | None] = [None] * (n + 1)
        for d in range(n - 1, -1, -1):
            next_ok[d] = d if feasible[d] else next_ok[d + 1]
            next_free[d] = d if feasible[d] and not to_end[d] else next_free[d + 1]
        return next_ok, next_free, to_end

    def _absorbs(self, d: int, held: int) -> bool:
        """Whether one credit fewer before day ``d``'s event changes nothing after it."""
        if d != self.cancel_at and d not in self.grant_at:
            return False
        return self.post(d, held) == self.post(d, held - 1)


# -- connection requests ---------------------------------------------------------------------


_new = tuple.__new__  # a named tuple made without its generated __new__


def schedule_requests(
    entries: Iterable[Entry], today: date, until: date, knobs: Knobs
) -> list[PlannedRequest]:
    """A request for every ``CONNECT`` prospect, strongest fit first (then by id), each on the
    first day from today the weekly budget has room: at most ``invitation_weekly_budget`` in
    any 7 days, the requests already sent counted."""
    waiting = sorted((e for e in entries if e.route == Route.CONNECT), key=lambda e: (-e.fit, e.id))
    budget = knobs.invitation_weekly_budget
    wait = timedelta(days=knobs.connect_wait_days)
    planned: list[PlannedRequest] = []

    def request(entry: Entry, on: date) -> PlannedRequest:
        strong = entry.fit >= knobs.strong_fit and entry.fit >= knobs.min_fit
        return _new(PlannedRequest, (entry.id, on, entry.fit, on + wait if strong else None))

    if budget <= 0:
        return [request(entry, today) for entry in waiting]
    sent: dict[date, int] = dict(knobs.invitations_sent)
    queue = iter(waiting)
    day = today
    done = False
    while day <= until and not done:
        used = sum(sent.get(day - timedelta(days=k), 0) for k in range(7))
        room = budget - used
        count = 0
        while count < room:
            entry = next(queue, None)
            if entry is None:
                done = True
                break
            planned.append(request(entry, day))
            count += 1
        sent[day] = sent.get(day, 0) + count
        day += timedelta(days=1)
    return planned


# -- the plan ---------------------------------------------------------------------------------


class _Candidate(NamedTuple):
    """A candidate placed in the plan, with what its InMail is worth."""

    id: int
    fit: int
    ready: date
    reply: float
    back: float
    source: RateSource
    route: Route


# A candidate as the greedy ranks them: (minus the score, the ready day, the id, its index in
# the entries). Plain tuples sort fast, and most candidates are never placed: the full
# ``_Candidate`` is made only for those that are.
_Ranked = tuple[float, date, int, int]
# What a tag set gives: its rate source, the reply rate and the chance of a credit back.
_Terms = tuple[RateSource, float, float]


def _ranked(
    entries: Sequence[Entry],
    requests: Sequence[PlannedRequest],
    state: PoolState,
    knobs: Knobs,
    rates: RateBook,
    keep: float,
) -> tuple[list[_Ranked], dict[tuple[str, ...], _Terms]]:
    """The candidates ready by the last day, best score (fit x reply + keep x back) first, then
    the earliest ready, then by id; and the terms of each tag set met."""
    wait = timedelta(days=knobs.connect_wait_days)
    requested = {r.id: r.inmail_from for r in requests}
    terms: dict[tuple[str, ...], _Terms] = {}
    found: list[_Ranked] = []
    # tens of thousands of entries: their fields unpacked, the knobs read once
    min_fit, strong_fit, today, until = knobs.min_fit, knobs.strong_fit, state.today, state.until
    direct, pending, connect = Route.DIRECT, Route.PENDING, Route.CONNECT
    for index, (entry_id, fit, route, requested_on, tags) in enumerate(entries):
        if fit < min_fit:
            continue
        if route == direct:
            ready: date | None = today
        elif route == pending and requested_on is not None:
            ready = max(today, requested_on + wait) if fit >= strong_fit else None
        elif route == connect:
            ready = requested.get(entry_id)
        else:
            ready = None
        if ready is None or ready > until:
            continue
        known = terms.get(tags)
        if known is None:
            source = rates.for_tags(tags)
            back = 0.0
            if state.credit_back:
                back = source.response_rate if state.back_counts_declines else source.reply_rate
            known = terms[tags] = (source, source.reply_rate, back)
        found.append((-(fit * known[1] + keep * known[2]), ready, entry_id, index))
    found.sort()  # ids are unique: the index is never compared
    return found, terms


def keep_value(knobs: Knobs, rates: RateBook) -> float:
    """What a credit kept is worth: the weakest fit still worth one, at the overall rate."""
    return knobs.min_fit * rates.overall.reply_rate


def plan_spend(
    state: PoolState, entries: Sequence[Entry], rates: RateBook, knobs: Knobs
) -> SpendPlan:
    """The spend plan (see the module's docstring for the rules and the objective)."""
    keep = keep_value(knobs, rates)
    requests = schedule_requests(entries, state.today, state.until, knobs)
    candidates, terms = _ranked(entries, requests, state, knobs, rates, keep)
    best = _greedy(state, knobs, keep, entries, candidates, terms, optimistic=False)
    if any(d in best[0].grant_at and held > state.cap for d, held in enumerate(best[0].run()[3])):
        other = _greedy(state, knobs, keep, entries, candidates, terms, optimistic=True)
        if _objective(other, keep) > _objective(best, keep) + EPSILON:
            best = other
    pool, placed, left = best
    return _result(state, knobs, keep, pool, placed, left, requests, len(candidates))


_Greedy = tuple[_Pool, list[tuple[_Candidate, int, bool]], list[_Ranked]]


def _greedy(
    state: PoolState,
    knobs: Knobs,
    keep: float,
    entries: Sequence[Entry],
    candidates: Sequence[_Ranked],
    terms: Mapping[tuple[str, ...], _Terms],
    *,
    optimistic: bool,
) -> _Greedy:
    """Each candidate in turn on its best day, if its gain is not negative."""
    pool = _Pool(state, knobs.reserve)
    placed: list[tuple[_Candidate, int, bool]] = []
    left: list[_Ranked] = []
    next_ok, next_free, to_end = pool.options(optimistic)
    for ranked in candidates:
        score, ready = -ranked[0], ranked[1]
        if next_ok[0] is None or (score + EPSILON < keep and next_free[0] is None):
            left.append(ranked)
            continue
        d = next_ok[(ready - state.today).days]
        if d is None or score - (keep if to_end[d] else 0.0) < -EPSILON:  # the gain
            left.append(ranked)
            continue
        entry = entries[ranked[3]]
        source, reply, back = terms[entry.tags]
        cand = _Candidate(entry.id, entry.fit, ready, reply, back, source, entry.route)
        placed.append((cand, d, not to_end[d]))
        pool.spends[d] += 1
        next_ok, next_free, to_end = pool.options(optimistic)
    return pool, placed, left


def _objective(found: _Greedy, keep: float) -> float:
    """The plan's objective (the module's docstring): what its InMails are worth, and what the
    credits left at the end are."""
    pool, placed, _left = found
    worth = sum(c.fit * c.reply + keep * c.back for c, _d, _f in placed)
    return worth + keep * pool.run()[0][-1]


def _result(
    state: PoolState,
    knobs: Knobs,
    keep: float,
    pool: _Pool,
    placed: Sequence[tuple[_Candidate, int, bool]],
    left: Sequence[_Ranked],
    requests: Sequence[PlannedRequest],
    candidates: int,
) -> SpendPlan:
    today = state.today
    after, granted, lost, before = pool.run()
    inmails = tuple(
        sorted(
            (
                PlannedInMail(
                    c.id,
                    today + timedelta(days=d),
                    c.fit,
                    c.reply,
                    c.back,
                    c.fit * c.reply,
                    c.source,
                    c.ready,
                    c.route,
                    forfeit,
                )
                for c, d, forfeit in placed
            ),
            key=lambda i: (i.on, -i.value, i.id),
        )
    )
    per_day_inmails = [0] * pool.days
    for _c, d, _f in placed:
        per_day_inmails[d] += 1
    per_day_requests = [0] * pool.days
    for r in requests:  # schedule_requests plans none after the last day
        per_day_requests[(r.on - today).days] += 1
    risk = [0] * pool.days
    upcoming = 0
    for d in range(pool.days - 1, -1, -1):
        if lost[d]:
            upcoming = lost[d]
        risk[d] = upcoming
    days = tuple(
        PlanDay(
            on=today + timedelta(days=d),
            grant=granted[d],
            lost=lost[d],
            inmails=per_day_inmails[d],
            requests=per_day_requests[d],
            balance=after[d],
            available=max(0, after[d] - knobs.reserve),
            at_risk=risk[d],
        )
        for d in range(pool.days)
    )
    losses = tuple(
        Loss(today + timedelta(days=d), lost[d], _why_lost(d, before[d], pool, left, knobs, state))
        for d in range(pool.days)
        if lost[d]
    )
    return SpendPlan(
        today=today,
        until=state.until,
        reserve=knobs.reserve,
        keep_value=keep,
        inmails=inmails,
        requests=tuple(requests),
        days=days,
        losses=losses,
        candidates=candidates,
        waiting=len(left),
        wait_days=knobs.connect_wait_days,
    )


def _why_lost(
    d: int, held: int, pool: _Pool, left: Sequence[_Ranked], knobs: Knobs, state: PoolState
) -> str:
    """Why ``held`` credits (the balance before day ``d``'s event) lose some on day ``d``."""
    on = state.today + timedelta(days=d)
    what = "the subscription ends" if d == pool.cancel_at else "over the cap at the grant"
    if d != pool.cancel_at and held - 1 >= state.cap:
        return (
            f"{what}: the balance is still over the cap of {state.cap} when it comes,"
            " so the grant is lost whole"
        )
    earlier = [c for c in left if c[1] < on]
    if not earlier:
        later = sum(1 for c in left if c[1] >= on)
        more = f"; {later} become ready on or after {format_day(on)}" if later else ""
        after = (
            f" (after a connection request: fit {knobs.strong_fit} or more)"
            if knobs.strong_fit > knobs.min_fit
            else ""
        )
        return (
            f"{what}: no candidates of fit {knobs.min_fit} or more are ready before"
            f" {format_day(on)}{after}{more}"
        )
    if knobs.reserve:
        return f"{what}: your reserve of {knobs.reserve} keeps them"
    return f"{what}: the balance cannot pay for more before {format_day(on)}"
