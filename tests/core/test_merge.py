"""Merge rules: the newer source wins what it knows, never blanks, pins 1st degree, keeps the
user's own fields."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inmail_tui.core.merge import (
    DEFAULTS,
    MERGED_COLUMNS,
    clean_tags,
    merge_prospects,
    merge_record,
)
from inmail_tui.core.model import Degree, ProspectRecord

URL = "https://www.linkedin.com/in/ada"


def rec(source: str = "phantombuster", **fields: Any) -> ProspectRecord:
    return ProspectRecord(url=URL, source=source, line=2, **fields)


def test_new_prospect_gets_defaults_and_derived_names() -> None:
    row = merge_record(None, rec(first_name="Ada", last_name="Lovelace", company="Analytical"))
    assert set(row) == set(MERGED_COLUMNS)
    assert row["full_name"] == "Ada Lovelace"
    assert row["sort_name"] == "ada lovelace"
    assert row["company"] == "Analytical"
    assert row["title"] == ""
    assert row["degree"] == Degree.UNKNOWN  # no source said (issue 8, defect 10)
    assert row["sources"] == "phantombuster"
    assert row["status"] == "new" and row["priority"] == 3


@pytest.mark.parametrize(
    ("field", "old", "new", "expected"),
    [
        ("company", "Old Co", "New Co", "New Co"),  # newer source wins
        ("company", "Old Co", None, "Old Co"),  # unknown never blanks
        ("company", "Old Co", "", "Old Co"),  # an empty cell is unknown too
        ("company", "Old Co", "   ", "Old Co"),
        ("title", "", "CTO", "CTO"),
        ("premium", True, None, True),
        ("premium", True, False, False),
        ("open_profile", False, True, True),
        ("accepts_inmail", True, False, False),
        ("blocked", False, None, False),
    ],
)
def test_field_rules(field: str, old: Any, new: Any, expected: Any) -> None:
    existing = merge_record(None, rec(**{field: old}))
    assert merge_record(existing, rec(**{field: new}))[field] == expected


def test_text_is_stored_exactly() -> None:
    hostile = "[bold red]Mallory[/bold red] \x1b[31m\u202e 'quote\" ; DROP TABLE prospect;--"
    row = merge_record(None, rec(full_name=hostile, notes=hostile))
    assert row["full_name"] == hostile
    assert row["notes"] == hostile


def test_first_degree_from_connections_is_pinned_against_lead_lists() -> None:
    connection = merge_record(None, rec("connections", degree=Degree.FIRST))
    assert (connection["degree"], connection["degree_source"]) == (1, "connections")
    lead = merge_record(connection, rec("phantombuster", degree=Degree.SECOND, company="X"))
    assert lead["degree"] == Degree.FIRST
    assert lead["degree_source"] == "connections"
    assert lead["company"] == "X"  # the rest of the lead list still updates
    assert lead["sources"] == "connections phantombuster"


def test_connections_source_is_first_degree_even_without_a_degree() -> None:
    assert merge_record(None, rec("connections"))["degree"] == Degree.FIRST


def test_degree_from_a_lead_list_is_not_pinned() -> None:
    first = merge_record(None, rec("phantombuster", degree=Degree.FIRST))
    assert merge_record(first, rec("generic", degree=Degree.THIRD))["degree"] == Degree.THIRD


def test_lead_list_before_connections_upgrades_to_first() -> None:
    lead = merge_record(None, rec("phantombuster", degree=Degree.THIRD))
    assert merge_record(lead, rec("connections"))["degree"] == Degree.FIRST


def test_user_fields_are_kept_unless_carried() -> None:
    existing = merge_record(
        None,
        rec("export", priority=5, status="replied", status_on=date(2026, 3, 1), notes="met at X"),
    )
    existing["user_tags"] = "hot vip"
    row = merge_record(existing, rec("phantombuster", company="Y"))
    assert (row["priority"], row["status"], row["notes"]) == (5, "replied", "met at X")
    assert row["status_on"] == date(2026, 3, 1)
    assert row["user_tags"] == "hot vip"

    carried = merge_record(
        existing,
        rec("export", priority=2, status="declined", notes="no", user_tags=("Cold Lead", "hot")),
    )
    assert (carried["priority"], carried["status"], carried["notes"]) == (2, "declined", "no")
    assert carried["status_on"] is None  # a new status without its date has no date
    assert carried["user_tags"] == "hot vip cold-lead"


def test_out_of_range_priority_is_ignored() -> None:
    assert merge_record(None, rec(priority=9))["priority"] == 3


def test_email_verification() -> None:
    connection = merge_record(None, rec("connections", email="a@x.org", email_verified=True))
    assert connection["email_verified"] is True
    same = merge_record(connection, rec("generic", email="a@x.org"))
    assert same["email_verified"] is True
    changed = merge_record(connection, rec("generic", email="b@y.org"))
    assert (changed["email"], changed["email_verified"]) == ("b@y.org", False)
    assert merge_record(None, rec(email_verified=True))["email_verified"] is False  # no email


def test_full_name_follows_new_first_and_last_names() -> None:
    lead = merge_record(None, rec(full_name="Bob Smith"))
    # half a name never replaces a full one; both halves do
    assert merge_record(lead, rec(first_name="Robert"))["full_name"] == "Bob Smith"
    both = merge_record(lead, rec(first_name="Robert", last_name="Smith"))
    assert both["full_name"] == "Robert Smith"
    assert merge_record(lead, rec(company="Z"))["full_name"] == "Bob Smith"


def test_sources_and_extra_accumulate() -> None:
    one = merge_record(None, rec("generic", extra=(("city", "Oslo"),)))
    two = merge_record(one, rec("export", sources=("connections",), extra=(("zip", "0150"),)))
    # an export carries its rows' own sources: re-importing it adds no "export" source
    assert two["sources"] == "generic connections"
    assert two["extra"] == '{"city": "Oslo", "zip": "0150"}'


def test_derived_tags_are_not_user_tags() -> None:
    assert clean_tags(["1st", "OPEN", "email", " Hot  Lead ", "hot-lead", "vip"]) == (
        "hot-lead",
        "vip",
    )


texts = st.one_of(st.none(), st.text(max_size=8))
records = st.builds(
    rec,
    source=st.sampled_from(["connections", "phantombuster", "generic", "export"]),
    first_name=texts,
    last_name=texts,
    full_name=texts,
    company=texts,
    title=texts,
    degree=st.one_of(st.none(), st.sampled_from(list(Degree))),
    premium=st.one_of(st.none(), st.booleans()),
    priority=st.one_of(st.none(), st.integers(0, 6)),
    notes=texts,
    user_tags=st.lists(st.text(max_size=6), max_size=3).map(tuple),
)


@given(st.lists(records, min_size=1, max_size=6))
def test_merging_never_forgets(sequence: list[ProspectRecord]) -> None:
    row: dict[str, Any] | None = None
    for record in sequence:
        before = row
        row = merge_record(before, record)
        assert set(row) == set(MERGED_COLUMNS)
        assert record.source in row["sources"].split()
        if before is not None:
            for name in ("company", "title", "notes"):
                if before[name] and not (getattr(record, name) or "").strip():
                    assert row[name] == before[name]
            assert set(before["user_tags"].split()) <= set(row["user_tags"].split())
            assert set(before["sources"].split()) <= set(row["sources"].split())
            if before["degree_source"] == "connections" and before["degree"] == 1:
                assert row["degree"] == 1
        assert 1 <= row["priority"] <= 5
        assert row["sort_name"] == " ".join(row["full_name"].casefold().split())


def test_merge_is_idempotent() -> None:
    record = rec("connections", first_name="Ada", email="a@x.org", user_tags=("x",))
    once = merge_record(None, record)
    assert merge_record(once, record) == once
    assert merge_record(once, replace(record, source="connections")) == once
    assert DEFAULTS["status"] == "new"


def test_an_unknown_degree_never_overwrites_a_known_one() -> None:
    """Issue 8, defect 10: a lead list without a degree, or an export's ``unknown``."""
    known = merge_record(None, rec(degree=Degree.THIRD))
    assert (known["degree"], known["degree_source"]) == (Degree.THIRD, "phantombuster")
    for incoming in (rec("generic"), rec("generic", degree=Degree.UNKNOWN)):
        assert merge_record(known, incoming)["degree"] == Degree.THIRD
    unknown = merge_record(None, rec("generic"))
    assert (unknown["degree"], unknown["degree_source"]) == (Degree.UNKNOWN, "")
    assert merge_record(unknown, rec(degree=Degree.SECOND))["degree"] == Degree.SECOND


def test_a_degree_no_source_stated_becomes_unknown_when_merged_again() -> None:
    """A row an older release stored with the default 2nd degree and no degree source."""
    older = merge_record(None, rec("generic")) | {"degree": int(Degree.SECOND)}
    assert merge_record(older, rec("generic"))["degree"] == Degree.UNKNOWN


def prospect(url: str, **values: Any) -> dict[str, Any]:
    return {**DEFAULTS, "url": url, **values}


def test_merging_two_prospects_keeps_what_the_kept_one_knows_and_fills_what_it_lacks() -> None:
    """A likely duplicate merged by the user (``planner.dedupe.merge``)."""
    kept = prospect("k", full_name="Ann Lee", email="ann@x.org", notes="met", user_tags="hot")
    other = prospect(
        "o",
        full_name="Lee Ann",
        email="other@x.org",
        title="CTO",
        degree=int(Degree.THIRD),
        degree_source="generic",
        open_profile=True,
        accepts_inmail=False,
        priority=5,
        user_tags="fintech hot",
        notes="replied to a post",
        status="inmail_sent",
        status_on=date(2026, 1, 10),
    )
    row = merge_prospects(kept, other)
    assert (row["url"], row["full_name"], row["email"]) == ("k", "Ann Lee", "ann@x.org")
    assert (row["title"], row["degree"], row["priority"]) == ("CTO", Degree.THIRD, 5)
    assert row["open_profile"] and not row["accepts_inmail"]  # either says so: the cautious one
    assert row["user_tags"] == "hot fintech"
    assert row["notes"] == "met\nreplied to a post"
    assert (row["status"], row["status_on"]) == ("inmail_sent", date(2026, 1, 10))
    assert set(row) == set(MERGED_COLUMNS)


def test_the_status_that_moved_last_is_kept_and_a_first_degree_connection_wins() -> None:
    later = prospect("k", status="replied", status_on=date(2026, 1, 12))
    earlier = prospect(
        "o", status="inmail_sent", status_on=date(2026, 1, 2), degree=1, degree_source="connections"
    )
    row = merge_prospects(later, earlier)
    assert (row["status"], row["status_on"]) == ("replied", date(2026, 1, 12))
    assert (row["degree"], row["degree_source"]) == (1, "connections")
    assert merge_prospects(later, prospect("o"))["status"] == "replied"  # new never wins
