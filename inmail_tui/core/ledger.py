"""The credit ledger: a pool's append-only events, its balance, and the events a user's acts make.

Amounts are signed (what the event does to the balance) and the balance is their sum. Every
function here returns new events for the caller to append; none edits history. Keys make the
computed events idempotent: ``open``, ``grant:<day>``, ``forfeit:<day>``, ``expire:<lot>``,
``cancel``, ``spend:<day>#<n>``, ``credit_back:<spend key or id>``.

Entries written under a wrong clock (dated after the real day) are voided, never removed: a
``void`` event dated D voids every entry dated after D that was recorded before it
(:func:`in_force` leaves them out). An entry made later on a voided entry's day stores its key
with a ``~<n>`` suffix (:func:`storable`), which :func:`in_force` takes off again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from inmail_tui.core.calendar import LedgerError, PoolSpec
from inmail_tui.core.lots import Timeline
from inmail_tui.core.model import EventKind, LedgerEvent, Outcome
from inmail_tui.core.plans import MAX_CREDITS, CreditBackPolicy, Plan

__all__ = [
    "InsufficientCredits",
    "LedgerError",
    "PendingCreditBack",
    "PoolSpec",
    "adjust_event",
    "balance",
    "check_shown_balance",
    "credit_back_deadline",
    "credit_back_event",
    "due_events",
    "in_force",
    "most_held",
    "open_event",
    "pending_credit_backs",
    "purchase_event",
    "spend_event",
    "storable",
    "void_event",
]

# A pool whose plan buys credits holds at most this many times its cap (purchases on top of it).
HELD_CAPS = 10
KEY_SUFFIX = "~"  # a key stored again after a void: "<key>~<n>"


class InsufficientCredits(LedgerError):
    """A send was asked of a pool with no credits left."""


_COUNTS: dict[CreditBackPolicy, frozenset[Outcome]] = {
    CreditBackPolicy.ACCEPTED_REPLIED: frozenset({Outcome.ACCEPTED, Outcome.REPLIED}),
    CreditBackPolicy.ACCEPTED_DECLINED_REPLIED: frozenset(
        {Outcome.ACCEPTED, Outcome.DECLINED, Outcome.REPLIED}
    ),
    CreditBackPolicy.ANY_RESPONSE: frozenset({Outcome.ACCEPTED, Outcome.DECLINED, Outcome.REPLIED}),
}


def open_event(spec: PoolSpec, balance: int) -> LedgerEvent:
    """The pool's first event: the balance LinkedIn showed on the day it was set up."""
    if balance < 0:
        raise LedgerError(f"The opening balance cannot be negative ({balance}).")
    return LedgerEvent(
        kind=EventKind.OPEN,
        on=spec.opened_on,
        amount=balance,
        note="balance shown by LinkedIn at setup",
        key="open",
    )


def balance(events: Sequence[LedgerEvent]) -> int:
    return sum(event.amount for event in events)


def due_events(spec: PoolSpec, events: Sequence[LedgerEvent], today: date) -> list[LedgerEvent]:
    """Every grant, forfeit, expiry and cancellation due on or before ``today``, not yet recorded.

    At a grant the balance becomes ``min(cap, balance + allowance)``, but never less than it was:
    a balance above the cap (from purchases) keeps its credits and forfeits the whole grant.
    """
    return Timeline(spec, list(events)).advance(today)


def spend_event(
    events: Sequence[LedgerEvent],
    on: date,
    ref: str | None,
    note: str = "",
    seat: int | None = None,
) -> LedgerEvent:
    """One InMail sent on ``on`` (by ``seat``, on a team pool): one credit. Apply the due events
    up to ``on`` first."""
    if balance(events) <= 0:
        raise InsufficientCredits(
            "No InMail credits left: the balance is 0. Wait for the next grant"
            " (or buy credits, where the plan allows it)."
        )
    keys = {event.key for event in events}
    n = 1 + sum(1 for event in events if event.kind == EventKind.SPEND and event.on == on)
    while f"spend:{on.isoformat()}#{n}" in keys:
        n += 1
    return LedgerEvent(
        kind=EventKind.SPEND,
        on=on,
        amount=-1,
        ref=ref,
        note=note,
        key=f"spend:{on.isoformat()}#{n}",
        seat=seat,
    )


def most_held(plan: Plan) -> int:
    """The most credits a pool on ``plan`` can hold: its cap, or for a plan that buys credits
    ``HELD_CAPS`` times its cap (purchases may lift it over the cap); never over MAX_CREDITS."""
    return min(MAX_CREDITS, plan.cap * HELD_CAPS if plan.can_buy else plan.cap)


def _most_held_sentence(plan: Plan) -> str:
    most = most_held(plan)
    if not plan.can_buy or most == plan.cap:
        return f"{plan.name} holds at most {most:,} credits"
    return (
        f"{plan.name} holds at most {most:,} credits (purchases on top of its cap of {plan.cap:,})"
    )


def check_shown_balance(plan: Plan, shown: int) -> int:
    """``shown`` itself when a pool on ``plan`` can hold it (see :func:`most_held`)."""
    if shown > most_held(plan):
        raise LedgerError(f"{_most_held_sentence(plan)}; LinkedIn cannot show {shown:,}.")
    return shown


def purchase_event(spec: PoolSpec, blocks: int, on: date, held: int = 0) -> LedgerEvent:
    """Credits bought on ``on``, in the plan's blocks, by a pool holding ``held`` credits."""
    plan = spec.plan
    if not plan.can_buy or plan.purchase_block <= 0:
        raise LedgerError(f"{plan.name} cannot buy credits; upgrade instead.")
    if blocks < 1:
        raise LedgerError(f"Buy at least one block of {plan.purchase_block} credits.")
    if held + blocks * plan.purchase_block > most_held(plan):
        room = max(0, most_held(plan) - held) // plan.purchase_block
        raise LedgerError(
            f"{_most_held_sentence(plan)}; it holds {held:,}, so a purchase can add at most"
            f" {room:,} blocks of {plan.purchase_block}, not {blocks:,}."
        )
    if on < spec.opened_on:
        raise LedgerError(f"The pool was opened on {spec.opened_on}; a purchase cannot precede it.")
    if spec.cancelled_on is not None and on >= spec.cancelled_on:
        raise LedgerError(f"The pool was cancelled on {spec.cancelled_on}; it cannot buy credits.")
    plural = "block" if blocks == 1 else "blocks"
    return LedgerEvent(
        kind=EventKind.PURCHASE,
        on=on,
        amount=blocks * plan.purchase_block,
        note=f"bought {blocks} {plural} of {plan.purchase_block}",
    )


def adjust_event(
    events: Sequence[LedgerEvent], shown_balance: int, on: date, note: str = ""
) -> LedgerEvent | None:
    """Reconcile with the balance LinkedIn shows: the difference, or None when they agree."""
    if shown_balance < 0:
        raise LedgerError(
            f"LinkedIn never shows a negative balance; enter 0 or more, not {shown_balance}."
        )
    difference = shown_balance - balance(events)
    if difference == 0:
        return None
    return LedgerEvent(
        kind=EventKind.ADJUST,
        on=on,
        amount=difference,
        note=note or f"reconciled with LinkedIn: {shown_balance}",
    )


def void_event(events: Sequence[LedgerEvent], on: date) -> LedgerEvent | None:
    """The correction that voids every entry in force dated after ``on`` (written under a wrong
    clock), or None when there is none. It moves no credit: its amount is 0."""
    ahead = [event for event in in_force(events) if event.on > on]
    if not ahead:
        return None
    latest = max(event.on for event in ahead)
    entries = "entry" if len(ahead) == 1 else "entries"
    return LedgerEvent(
        kind=EventKind.VOID,
        on=on,
        amount=0,
        note=f"voided {len(ahead):,} {entries} dated after {on} (up to {latest}): a wrong date",
    )


def _recorded_before(event: LedgerEvent, void: LedgerEvent) -> bool:
    if event.id is None:  # not stored yet: newer than anything stored
        return False
    return void.id is None or event.id < void.id


def _voids(void: LedgerEvent, event: LedgerEvent) -> bool:
    return event is not void and event.on > void.on and _recorded_before(event, void)


def _canonical(event: LedgerEvent) -> LedgerEvent:
    key = event.key
    if key is None or KEY_SUFFIX not in key:
        return event
    stem, _, n = key.rpartition(KEY_SUFFIX)
    return replace(event, key=stem) if n.isdigit() else event


def in_force(events: Sequence[LedgerEvent]) -> list[LedgerEvent]:
    """The events that count: without those a ``void`` voids (a void voided by a later one
    voids nothing), each key as the ledger computes it (a ``~<n>`` suffix taken off)."""
    voids = sorted(
        (event for event in events if event.kind == EventKind.VOID),
        key=lambda v: (v.id is None, v.id or 0),
        reverse=True,
    )
    if not voids and not any(e.key is not None and KEY_SUFFIX in e.key for e in events):
        return list(events)
    standing: list[LedgerEvent] = []  # newest first
    for void in voids:
        if not any(_voids(later, void) for later in standing):
            standing.append(void)
    return [
        _canonical(event) for event in events if not any(_voids(void, event) for void in standing)
    ]


def storable(new: Sequence[LedgerEvent], recorded: Sequence[LedgerEvent]) -> list[LedgerEvent]:
    """``new`` as it can be stored after ``recorded`` (the events as stored, voided ones too): a
    key that only a voided entry holds gets the first free ``~<n>`` suffix."""
    taken = {event.key for event in recorded if event.key is not None}
    live = {event.key for event in in_force(recorded) if event.key is not None}
    stored = []
    for event in new:
        key = event.key
        if key is not None and key in taken and key not in live:
            n = 1
            while f"{key}{KEY_SUFFIX}{n}" in taken:
                n += 1
            event = replace(event, key=f"{key}{KEY_SUFFIX}{n}")
        if event.key is not None:
            taken.add(event.key)
        stored.append(event)
    return stored


def credit_back_deadline(spec: PoolSpec, sent_on: date) -> date | None:
    """The last day a response to an InMail sent on ``sent_on`` gives its credit back."""
    if not spec.plan.credit_back:
        return None
    return sent_on + timedelta(days=spec.plan.credit_back_days)


def _spend_handle(spend: LedgerEvent) -> str | None:
    if spend.key is not None:
        return spend.key
    return None if spend.id is None else f"id:{spend.id}"


def credit_back_event(
    spec: PoolSpec,
    spend: LedgerEvent,
    outcome: Outcome,
    outcome_on: date,
    events: Sequence[LedgerEvent],
) -> LedgerEvent | None:
    """The credit a response gives back, or None when the plan's policy gives nothing back.

    Nothing comes back when the plan has no credit-back, the outcome does not count under its
    policy (no response never does), the response came after the window (``sent_on + days`` is
    the last day), the pool was cancelled by then, or the spend has been credited back already.
    """
    if spend.kind != EventKind.SPEND or spend.amount >= 0:
        raise LedgerError("Only a spent credit can be given back.")
    if outcome_on < spend.on:
        raise LedgerError(
            f"The response ({outcome_on}) cannot come before the InMail was sent ({spend.on})."
        )
    handle = _spend_handle(spend)
    if handle is None:
        raise LedgerError("This spend has no key or id to credit back against.")
    deadline = credit_back_deadline(spec, spend.on)
    plan = spec.plan
    key = f"credit_back:{handle}"
    if (
        deadline is None
        or outcome not in _COUNTS[plan.credit_back_on]
        or outcome_on > deadline
        or (spec.cancelled_on is not None and outcome_on >= spec.cancelled_on)
        or any(event.key == key for event in events)
    ):
        return None
    return LedgerEvent(
        kind=EventKind.CREDIT_BACK,
        on=outcome_on,
        amount=-spend.amount,
        ref=spend.ref,
        note=f"{outcome} within {plan.credit_back_days} days",
        key=key,
        seat=spend.seat,  # the seat whose InMail was answered; the credit goes to the pool
    )


@dataclass(frozen=True, slots=True)
class PendingCreditBack:
    spend: LedgerEvent
    deadline: date


def pending_credit_backs(
    spec: PoolSpec, events: Sequence[LedgerEvent], today: date
) -> list[PendingCreditBack]:
    """Spends whose credit may still come back: inside their window, not credited back yet."""
    if spec.cancelled_on is not None and today >= spec.cancelled_on:
        return []
    keys = {event.key for event in events}
    pending = []
    for event in events:
        if event.kind != EventKind.SPEND or event.amount >= 0 or event.on > today:
            continue
        deadline = credit_back_deadline(spec, event.on)
        if deadline is None or deadline < today:
            continue
        handle = _spend_handle(event)
        if handle is None or f"credit_back:{handle}" not in keys:
            pending.append(PendingCreditBack(event, deadline))
    return sorted(pending, key=lambda p: p.deadline)
