"""Response rates from the outreach history: overall, by A/B variant, template and tag.

Pure: it reads touches (a prospect's status changes with their dates, the draft's variant and
template, the prospect's own tags) and counts. Definitions (docs/rules.md, "Response analytics"):

- A **send** is a touch that reaches out: ``inmail_sent``, ``connection_requested``,
  ``messaged`` or ``emailed``. An outcome touch belongs to the prospect's latest send before it.
- An InMail is **responded** when ``accepted``, ``declined`` or ``replied`` follows it (LinkedIn
  counts a decline as a response); it is **replied** when ``accepted`` or ``replied`` does (the
  prospect engaged). ``no_response`` never overrides a response recorded for the same send.
- A connection request is **accepted** when ``connected`` follows it (or ``accepted``).
- Groups: a send with no variant is grouped under ``(no variant)``, one with no template under
  ``(no template)``; a prospect with several tags counts in each tag's group.

**Too few to tell.** Two groups are compared, the best and the worst by rate, with a
two-proportion z-test. The comparison is only called when each group has at least
:data:`MIN_SENDS` sends and the pooled rate expects at least :data:`MIN_EXPECTED` responses and
non-responses in each group (the usual condition for the normal approximation); otherwise the
caveat says "too few to tell". A difference is called when ``|z| >= 1.96`` (5% two-sided);
otherwise "no clear difference yet".
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

MIN_SENDS = 20
MIN_EXPECTED = 5.0
Z_CRITICAL = 1.96
NO_VARIANT = "(no variant)"
NO_TEMPLATE = "(no template)"
DELETED_TEMPLATE = "(deleted template)"

INMAIL_SENT = "inmail_sent"
CONNECT_REQUESTED = "connection_requested"
SEND_KINDS = frozenset({INMAIL_SENT, CONNECT_REQUESTED, "messaged", "emailed"})
RESPONSES = frozenset({"accepted", "declined", "replied"})
REPLIES = frozenset({"accepted", "replied"})
CONNECTED = "connected"


class TouchLike(Protocol):
    """One touch as the store hands it over (``store.touches.OutreachRow`` fits)."""

    @property
    def prospect_id(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def on(self) -> date: ...
    @property
    def variant(self) -> str: ...
    @property
    def template_id(self) -> int | None: ...
    @property
    def user_tags(self) -> tuple[str, ...]: ...


@dataclass(frozen=True, slots=True)
class Rate:
    """``hits`` of ``total`` (responses of sends); ``rate`` is None when nothing was sent."""

    label: str
    hits: int
    total: int

    @property
    def rate(self) -> float | None:
        return self.hits / self.total if self.total else None

    @property
    def counts(self) -> str:
        """``"A 2/7"``."""
        return f"{self.label} {self.hits}/{self.total}"

    def percent(self) -> str:
        """``"29%"``, or ``"-"`` when nothing was sent."""
        return "-" if self.rate is None else f"{self.rate:.0%}"


@dataclass(frozen=True, slots=True)
class Breakdown:
    """Response rates of the groups of one kind (variant, template, tag), best rate first."""

    title: str
    rates: tuple[Rate, ...]
    caveat: str  # what the numbers allow one to say, in plain words ("" with one group or none)


@dataclass(frozen=True)
class OutreachStats:
    inmails_sent: int
    responses: int
    replies: int
    overall: Rate
    by_variant: Breakdown
    by_template: Breakdown
    by_tag: Breakdown
    connect: Rate  # connection requests: accepted of sent
    breakdowns: tuple[Breakdown, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "breakdowns", (self.by_variant, self.by_template, self.by_tag))


@dataclass(slots=True)
class _Send:
    kind: str
    variant: str
    template_id: int | None
    tags: tuple[str, ...]
    response: str | None = None  # the best response recorded: a reply beats a decline
    connected: bool = False


def _sends(touches: Iterable[TouchLike]) -> list[_Send]:
    """Every send with what followed it, per prospect, in the order given (by date)."""
    latest: dict[int, _Send] = {}
    sends: list[_Send] = []
    for touch in touches:
        if touch.kind in SEND_KINDS:
            send = _Send(touch.kind, touch.variant, touch.template_id, touch.user_tags)
            latest[touch.prospect_id] = send
            sends.append(send)
            continue
        last = latest.get(touch.prospect_id)
        if last is None:
            continue
        if last.kind == CONNECT_REQUESTED and touch.kind in (CONNECTED, "accepted"):
            last.connected = True
        if touch.kind in RESPONSES and last.response not in REPLIES:
            last.response = touch.kind  # a reply after a decline upgrades it
    return sends


def z_score(a: Rate, b: Rate) -> float | None:
    """The two-proportion z statistic of ``a`` against ``b``; None when it is undefined."""
    if not a.total or not b.total:
        return None
    pooled = (a.hits + b.hits) / (a.total + b.total)
    spread = math.sqrt(pooled * (1 - pooled) * (1 / a.total + 1 / b.total))
    if spread == 0:
        return None
    return (a.hits / a.total - b.hits / b.total) / spread


def enough(a: Rate, b: Rate) -> bool:
    """Whether two groups are big enough to compare (see the module's docstring)."""
    if min(a.total, b.total) < MIN_SENDS:
        return False
    pooled = (a.hits + b.hits) / (a.total + b.total)
    return all(
        n * pooled >= MIN_EXPECTED and n * (1 - pooled) >= MIN_EXPECTED for n in (a.total, b.total)
    )


def caveat(rates: Sequence[Rate]) -> str:
    """What may be said about the best and the worst of ``rates`` (sorted best first)."""
    compared = [r for r in rates if r.total]
    if len(compared) < 2:
        return ""
    best, worst = compared[0], compared[-1]
    pair = f"{best.counts} vs {worst.counts}"
    if not enough(best, worst):
        return f"{pair}: too few to tell"
    z = z_score(best, worst)
    if z is None or abs(z) < Z_CRITICAL:
        return f"{pair}: no clear difference yet"
    return f"{pair}: {best.label} does better ({best.percent()} vs {worst.percent()})"


def _sort_key(rate: Rate) -> tuple[float, int, str]:
    return (-(rate.rate or 0.0), -rate.total, rate.label)


def breakdown(title: str, groups: Mapping[str, Sequence[_Send]]) -> Breakdown:
    rates = sorted(
        (
            Rate(label, sum(s.response is not None for s in sends), len(sends))
            for label, sends in groups.items()
        ),
        key=_sort_key,
    )
    return Breakdown(title, tuple(rates), caveat(rates))


def _group(keys: Iterable[tuple[_Send, str]]) -> dict[str, list[_Send]]:
    groups: dict[str, list[_Send]] = {}
    for send, key in keys:
        groups.setdefault(key, []).append(send)
    return groups


def _counts(sends: Sequence[_Send]) -> tuple[int, int, int]:
    """``(sent, replied, responded)`` of ``sends``: a reply or acceptance, or any response."""
    return (
        len(sends),
        sum(s.response in REPLIES for s in sends),
        sum(s.response is not None for s in sends),
    )


def outreach_stats(
    touches: Iterable[TouchLike], template_names: Mapping[int, str] | None = None
) -> OutreachStats:
    """Counts and rates of the InMails and connection requests in ``touches`` (date order)."""
    names = template_names or {}
    sends = _sends(touches)
    inmails = [s for s in sends if s.kind == INMAIL_SENT]
    connects = [s for s in sends if s.kind == CONNECT_REQUESTED]
    sent, replies, responses = _counts(inmails)
    by_variant = _group((s, s.variant or NO_VARIANT) for s in inmails)
    by_template = _group(
        (
            (
                s,
                NO_TEMPLATE
                if s.template_id is None
                else names.get(s.template_id, DELETED_TEMPLATE),
            )
            for s in inmails
        ),
    )
    by_tag = _group((s, tag) for s in inmails for tag in s.tags)
    return OutreachStats(
        inmails_sent=sent,
        responses=responses,
        replies=replies,
        overall=Rate("InMail", responses, sent),
        by_variant=breakdown("Variant", by_variant),
        by_template=breakdown("Template", by_template),
        by_tag=breakdown("Tag", by_tag),
        connect=Rate("Connection requests", sum(s.connected for s in connects), len(connects)),
    )


def credits_per_reply(net_credits: int, replies: int) -> float | None:
    """Credits spent (net of credit-backs) for each InMail reply; None before the first reply."""
    return net_credits / replies if replies else None


def inmail_counts(
    touches: Iterable[TouchLike],
) -> tuple[dict[str, tuple[int, int, int]], tuple[int, int, int]]:
    """InMails ``(sent, replied, responded)`` by the prospect's tag, and over all of them: what
    the spend plan's expected rates are estimated from (``core.spend_rates``). Only each
    prospect's own touches need be in date order."""
    inmails = [s for s in _sends(touches) if s.kind == INMAIL_SENT]
    by_tag = _group((s, tag) for s in inmails for tag in s.tags)
    return {tag: _counts(sends) for tag, sends in by_tag.items()}, _counts(inmails)
