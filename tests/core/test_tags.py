"""Prospect tags: derived from the data, plus the user's own."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from inmail_tui.core.model import Degree, ProspectFacts
from inmail_tui.core.tags import DERIVED_TAGS, derived_tags, parse_user_tags


def test_degree_tags() -> None:
    tags = [derived_tags(ProspectFacts(degree=d), has_email=False) for d in Degree]
    assert tags == [["unknown"], ["1st"], ["2nd"], ["3rd"], ["OUT"]]


def test_every_derived_tag() -> None:
    facts = ProspectFacts(
        degree=Degree.THIRD, open_profile=True, accepts_inmail=False, verified_email=True
    )
    assert derived_tags(facts, has_email=True) == ["3rd", "OPEN", "PREMIUM", "NO-INMAIL", "EMAIL"]


def test_premium_without_open_profile() -> None:
    assert derived_tags(ProspectFacts(premium=True), has_email=False) == ["2nd", "PREMIUM"]


def test_blocked_is_no_inmail() -> None:
    assert derived_tags(ProspectFacts(blocked=True), has_email=False) == ["2nd", "NO-INMAIL"]


def test_email_tag_needs_an_address_on_record_verified_or_not() -> None:
    """Issue 8, defect 11: a lead list's unverified address is an email known too."""
    assert "EMAIL" not in derived_tags(ProspectFacts(verified_email=True), has_email=False)
    assert "EMAIL" in derived_tags(ProspectFacts(verified_email=False), has_email=True)
    assert "EMAIL" in derived_tags(ProspectFacts(has_email=True))
    assert "EMAIL" not in derived_tags(ProspectFacts())


def test_parse_user_tags_normalises_and_deduplicates() -> None:
    assert parse_user_tags("Hot, #fintech  hot\tVIP,,") == ("hot", "fintech", "vip")
    assert parse_user_tags("   ") == ()


def test_user_tags_never_clash_with_derived_ones() -> None:
    assert parse_user_tags("open Premium no-inmail 1ST out email EMAIL keep") == ("keep",)


def test_markup_like_tags_are_kept_as_text() -> None:
    assert parse_user_tags("[bold]x[/bold]") == ("[bold]x[/bold]",)


def test_user_tags_drop_clashes_with_derived_tags() -> None:
    assert parse_user_tags("lead, open Lead board member") == ("lead", "board", "member")


def test_an_exported_tag_list_reimports_as_the_same_user_tags() -> None:
    facts = ProspectFacts(degree=Degree.SECOND, premium=True)
    exported = " ".join([*derived_tags(facts, has_email=True), "cto", "q3"])
    assert parse_user_tags(exported) == ("cto", "q3")


@given(st.text())
def test_parsed_tags_are_stable_clean_and_unique(text: str) -> None:
    tags = parse_user_tags(text)
    assert len(set(tags)) == len(tags)
    reserved = {t.casefold() for t in DERIVED_TAGS}
    for tag in tags:
        assert tag and tag == tag.casefold() and tag not in reserved
        assert not any(c.isspace() or c == "," for c in tag)
    assert parse_user_tags(" ".join(tags)) == tags
