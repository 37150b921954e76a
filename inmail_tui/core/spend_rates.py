"""Expected response rates for the spend plan: your own by tag, shrunk toward a prior.

A tag with many InMails sent says a lot about its prospects; a tag with three says almost
nothing. Each rate is the beta-binomial (empirical Bayes) estimate

    rate = (hits + strength x prior) / (sends + strength)

where ``prior`` is the expected InMail reply rate (a setting, 15% by default: the 10-25% usual
range) and ``strength`` the number of sends the prior weighs as (a setting, 20 by default). A
tag with no sends gets the prior itself; one with hundreds gets almost its own rate. The source
of every estimate is kept so the plan can say which it used ("your own rate for tag fintech, 14
of 61"). See docs/planning.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from inmail_tui.core.analytics import MIN_SENDS, TouchLike, inmail_counts

# Below this many sends a tag's estimate is called "mostly the prior" in words (the estimate is
# shrunk all the same): the analytics' own threshold for "too few to tell".
ENOUGH_SENDS = MIN_SENDS


@dataclass(frozen=True, slots=True)
class RateSource:
    """Where one expected rate comes from: a tag's history, all InMails, or the prior alone."""

    kind: str  # "tag" | "overall" | "prior"
    label: str  # the tag ("" for overall and prior)
    sends: int  # InMails sent in the group
    replies: int  # of them replied or accepted
    responses: int  # of them responded at all (a decline counts)
    reply_rate: float  # the shrunk estimate
    response_rate: float  # the same for any response (what some credit-back policies count)

    def describe(self) -> str:
        """``"your own rate for tag fintech, 14 of 61"``, ``"the prior of 15%"``..."""
        if self.kind == "prior":
            return f"the prior of {self.reply_rate:.0%} (no InMail history yet)"
        group = f"tag {self.label}" if self.kind == "tag" else "all your InMails"
        counts = f"{self.replies} of {self.sends}"
        if self.sends >= ENOUGH_SENDS:
            return f"your own rate for {group}, {counts}"
        return f"mostly the prior: your own rate for {group} is only {counts}"


def shrunk(hits: int, total: int, prior: float, strength: float) -> float:
    """The beta-binomial posterior mean of a rate: ``hits`` of ``total`` toward ``prior``."""
    if total + strength <= 0:
        return prior
    return (hits + strength * prior) / (total + strength)


@dataclass(frozen=True)
class RateBook:
    """Every estimate the plan may use: by tag, overall, and the prior."""

    by_tag: Mapping[str, RateSource]
    overall: RateSource

    def for_tags(self, tags: Iterable[str]) -> RateSource:
        """The estimate from the prospect's tag with the most history (ties: the first by
        name); the overall one when none of its tags has any."""
        best: RateSource | None = None
        for tag in tags:
            found = self.by_tag.get(tag)
            if found is not None and (
                best is None or (found.sends, best.label) > (best.sends, found.label)
            ):
                best = found
        return best or self.overall


def rate_book(
    counts: Mapping[str, tuple[int, int, int]],
    overall: tuple[int, int, int],
    prior: float,
    strength: float,
) -> RateBook:
    """Estimates from ``(sends, replies, responses)`` per tag and overall."""

    def source(kind: str, label: str, sends: int, replies: int, responses: int) -> RateSource:
        return RateSource(
            kind,
            label,
            sends,
            replies,
            responses,
            shrunk(replies, sends, prior, strength),
            shrunk(responses, sends, prior, strength),
        )

    sends, replies, responses = overall
    whole = (
        source("overall", "", sends, replies, responses) if sends else source("prior", "", 0, 0, 0)
    )
    return RateBook(
        {tag: source("tag", tag, *c) for tag, c in counts.items() if c[0] > 0},
        whole,
    )


def rates_from_history(touches: Sequence[TouchLike], prior: float, strength: float) -> RateBook:
    """The rate book of an outreach history (each prospect's touches in date order)."""
    by_tag, overall = inmail_counts(touches)
    return rate_book(by_tag, overall, prior, strength)
