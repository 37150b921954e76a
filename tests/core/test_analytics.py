"""Response rates by variant, template and tag; the "too few to tell" rule; invariants."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inmail_tui.core.analytics import (
    DELETED_TEMPLATE,
    NO_TEMPLATE,
    NO_VARIANT,
    Rate,
    caveat,
    credits_per_reply,
    enough,
    outreach_stats,
    z_score,
)

DAY = date(2026, 1, 5)


@dataclass(frozen=True)
class T:
    prospect_id: int
    kind: str
    on: date = DAY
    channel: str | None = None
    variant: str = ""
    template_id: int | None = None
    user_tags: tuple[str, ...] = ()


def inmail(pid: int, variant: str = "", template: int | None = None, *tags: str) -> T:
    return T(pid, "inmail_sent", DAY, "inmail", variant, template, tags)


def later(pid: int, kind: str, days: int = 3) -> T:
    return T(pid, kind, DAY + timedelta(days=days))


def group(n_sent: int, n_hit: int, variant: str, start: int) -> list[T]:
    """``n_sent`` InMails of ``variant`` from prospect ``start`` on; the first ``n_hit`` replied."""
    rows = [inmail(start + i, variant) for i in range(n_sent)]
    return rows + [later(start + i, "replied") for i in range(n_hit)]


class TestCounting:
    def test_nothing_sent(self) -> None:
        stats = outreach_stats([])
        assert stats.inmails_sent == 0
        assert stats.overall.rate is None
        assert stats.overall.percent() == "-"
        assert stats.by_variant.rates == ()
        assert stats.by_variant.caveat == ""
        assert stats.connect == Rate("Connection requests", 0, 0)

    def test_responses_replies_and_declines(self) -> None:
        rows = [
            inmail(1, "A"),
            inmail(2, "A"),
            inmail(3, "B"),
            inmail(4, "B"),
            later(1, "replied"),
            later(2, "declined"),
            later(3, "accepted"),
            later(4, "no_response"),
        ]
        stats = outreach_stats(rows)
        assert (stats.inmails_sent, stats.responses, stats.replies) == (4, 3, 2)
        assert stats.overall.rate == pytest.approx(0.75)
        assert {r.label: (r.hits, r.total) for r in stats.by_variant.rates} == {
            "A": (2, 2),
            "B": (1, 2),
        }

    def test_an_outcome_belongs_to_the_latest_send_before_it(self) -> None:
        rows = [
            inmail(1, "A"),
            later(1, "no_response", 10),
            T(1, "inmail_sent", DAY + timedelta(days=20), "inmail", "B"),
            later(1, "replied", 25),
        ]
        stats = outreach_stats(rows)
        assert {r.label: (r.hits, r.total) for r in stats.by_variant.rates} == {
            "B": (1, 1),
            "A": (0, 1),
        }

    def test_a_late_reply_after_no_response_still_counts(self) -> None:
        stats = outreach_stats([inmail(1), later(1, "no_response", 10), later(1, "replied", 12)])
        assert (stats.responses, stats.replies) == (1, 1)

    def test_a_reply_after_a_decline_upgrades_it(self) -> None:
        stats = outreach_stats([inmail(1), later(1, "declined"), later(1, "replied", 5)])
        assert (stats.responses, stats.replies) == (1, 1)

    def test_outcomes_without_a_send_are_ignored(self) -> None:
        stats = outreach_stats([later(9, "replied"), later(9, "connected")])
        assert stats.inmails_sent == 0
        assert stats.connect.total == 0

    def test_connection_acceptance(self) -> None:
        rows = [
            T(1, "connection_requested"),
            T(2, "connection_requested"),
            T(3, "connection_requested"),
            later(1, "connected"),
            later(2, "no_response", 8),
        ]
        stats = outreach_stats(rows)
        assert (stats.connect.hits, stats.connect.total) == (1, 3)
        assert stats.inmails_sent == 0

    def test_groups_by_template_name_and_tag(self) -> None:
        rows = [
            inmail(1, "", 7, "fintech", "cfo"),
            inmail(2, "", 7, "fintech"),
            inmail(3, "", None),
            inmail(4, "", 99),
            later(1, "replied"),
        ]
        stats = outreach_stats(rows, {7: "Warm"})
        assert {r.label: (r.hits, r.total) for r in stats.by_template.rates} == {
            "Warm": (1, 2),
            NO_TEMPLATE: (0, 1),
            DELETED_TEMPLATE: (0, 1),
        }
        assert {r.label: (r.hits, r.total) for r in stats.by_tag.rates} == {
            "fintech": (1, 2),
            "cfo": (1, 1),
        }
        assert [r.label for r in stats.by_variant.rates] == [NO_VARIANT]

    def test_groups_are_best_rate_first(self) -> None:
        stats = outreach_stats(group(4, 1, "A", 0) + group(4, 3, "B", 100) + group(2, 0, "C", 200))
        assert [r.label for r in stats.by_variant.rates] == ["B", "A", "C"]


class TestTooFewToTell:
    def test_the_example_of_the_issue(self) -> None:
        stats = outreach_stats(group(7, 2, "A", 0) + group(9, 3, "B", 100))
        assert stats.by_variant.caveat == "B 3/9 vs A 2/7: too few to tell"

    def test_big_groups_with_a_real_difference(self) -> None:
        stats = outreach_stats(group(100, 30, "A", 0) + group(100, 10, "B", 1000))
        assert stats.by_variant.caveat == "A 30/100 vs B 10/100: A does better (30% vs 10%)"

    def test_big_groups_with_a_small_difference(self) -> None:
        stats = outreach_stats(group(60, 12, "A", 0) + group(60, 10, "B", 1000))
        assert stats.by_variant.caveat == "A 12/60 vs B 10/60: no clear difference yet"

    def test_enough_sends_but_too_few_responses(self) -> None:
        # 30 sends each, 1 response in all: the pooled rate expects under 5 responses per group.
        assert not enough(Rate("A", 1, 30), Rate("B", 0, 30))
        assert caveat([Rate("A", 1, 30), Rate("B", 0, 30)]).endswith("too few to tell")

    def test_one_group_has_no_caveat(self) -> None:
        assert caveat([Rate("A", 3, 9)]) == ""

    def test_z_score(self) -> None:
        assert z_score(Rate("A", 30, 100), Rate("B", 10, 100)) == pytest.approx(3.5355, abs=1e-3)
        assert z_score(Rate("A", 0, 10), Rate("B", 0, 10)) is None
        assert z_score(Rate("A", 0, 0), Rate("B", 1, 10)) is None


def test_credits_per_reply() -> None:
    assert credits_per_reply(12, 4) == 3
    assert credits_per_reply(5, 0) is None


KINDS = ["inmail_sent", "connection_requested", "messaged", "emailed", "connected", "accepted",
         "declined", "replied", "no_response", "note"]  # fmt: skip
touch = st.builds(
    T,
    prospect_id=st.integers(1, 6),
    kind=st.sampled_from(KINDS),
    on=st.just(DAY),
    variant=st.sampled_from(["", "A", "B"]),
    template_id=st.sampled_from([None, 1, 2]),
    user_tags=st.lists(st.sampled_from(["x", "y", "z"]), unique=True, max_size=2).map(tuple),
)


@given(st.lists(touch, max_size=60))
def test_rates_and_counts_add_up(rows: list[T]) -> None:
    stats = outreach_stats(rows, {1: "One"})
    sent = sum(r.kind == "inmail_sent" for r in rows)
    assert stats.inmails_sent == sent == stats.overall.total
    assert 0 <= stats.replies <= stats.responses <= sent
    for part in (stats.by_variant, stats.by_template):
        assert sum(r.total for r in part.rates) == sent
        assert sum(r.hits for r in part.rates) == stats.responses
    for part in stats.breakdowns:
        for rate in part.rates:
            assert 0 <= rate.hits <= rate.total <= sent
            assert rate.rate is not None and 0.0 <= rate.rate <= 1.0
        shown = [r.rate or 0.0 for r in part.rates]
        assert shown == sorted(shown, reverse=True)
        assert (part.caveat == "") == (len(part.rates) < 2)
    assert 0 <= stats.connect.hits <= stats.connect.total
    assert stats.connect.total == sum(r.kind == "connection_requested" for r in rows)
