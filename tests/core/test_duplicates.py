"""core.duplicates: which prospects are likely one person, with a score and a reason to read."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from inmail_tui.core.duplicates import (
    NAME_ALIKE,
    Candidate,
    LikelyDuplicate,
    fold,
    likely_duplicates,
    member_id,
)

MEMBER = "ACwAAB00000042"


def pairs(*people: Candidate, dismissed: tuple[tuple[int, int], ...] = ()) -> list[tuple]:
    return [(d.first, d.second, d.score, d.reason) for d in likely_duplicates(people, dismissed)]


def test_the_same_email_in_any_case_is_one_person() -> None:
    found = pairs(
        Candidate(1, "Ann Lee", "Acme", email="Ann@Example.org"),
        Candidate(7, "A. Lee-Smith", "Globex", email="ann@example.org "),
        Candidate(3, "Bob Lee", "Acme", email="bob@example.org"),
    )
    assert found == [(1, 7, 100, "same email")]


def test_a_vanity_url_and_a_member_id_url_are_one_person_when_the_ids_agree() -> None:
    assert member_id("https://www.linkedin.com/in/ann-lee") == ""
    assert member_id(f"https://www.linkedin.com/in/{MEMBER}") == MEMBER
    assert member_id("", f"https://www.linkedin.com/sales/lead/{MEMBER},NAME_SEARCH,x1y2") == MEMBER
    assert member_id("", "", MEMBER) == MEMBER  # PhantomBuster's vmid column
    found = pairs(
        Candidate(2, "Ann Lee", "", member_id=MEMBER),
        Candidate(5, "Annie Lee", "", member_id=MEMBER),
    )
    assert found == [(2, 5, 100, "same LinkedIn member id")]


def test_names_alike_at_the_same_company_with_accents_case_and_order_folded() -> None:
    found = pairs(
        Candidate(1, "José García", "Acme Corp"),
        Candidate(2, "garcia jose", "ACME Corporation"),
        Candidate(3, "José García", "Globex"),  # another company: another person
        Candidate(4, "Josh Garner", "Acme Corp"),  # another name
    )
    assert len(found) == 1
    first, second, score, reason = found[0]
    assert (first, second) == (1, 2)
    assert (score, reason) == (100, "names 100% alike at the same company")


def test_a_pair_at_companies_alike_says_how_alike() -> None:
    [(_, _, score, reason)] = pairs(
        Candidate(1, "Chloé Leroy", "Umbrella Bio Labs"),
        Candidate(2, "Chloe Leroy", "Umbrella Biolabs"),
    )
    assert reason.startswith("names 100% alike, companies ") and reason.endswith("% alike")
    assert NAME_ALIKE <= score < 100


def test_known_different_people_and_people_without_a_company_are_not_paired() -> None:
    assert (
        pairs(
            Candidate(1, "Ann Lee", "Acme", email="ann@a.org"),
            Candidate(2, "Ann Lee", "Acme", email="ann@b.org"),
        )
        == []
    )
    assert (
        pairs(
            Candidate(1, "Ann Lee", "Acme", member_id=MEMBER),
            Candidate(2, "Ann Lee", "Acme", member_id="ACwAAB99999999"),
        )
        == []
    )
    assert pairs(Candidate(1, "Ann Lee", ""), Candidate(2, "Ann Lee", "")) == []


def test_a_dismissed_pair_is_never_offered_again_in_either_order() -> None:
    people = (Candidate(1, "Ann Lee", "Acme", email="a@x.org"), Candidate(2, "Ann", "", "a@x.org"))
    assert len(pairs(*people)) == 1
    assert pairs(*people, dismissed=((2, 1),)) == []


def test_the_best_score_comes_first_and_a_pair_is_offered_once() -> None:
    found = likely_duplicates(
        [
            Candidate(1, "Ann Lee", "Acme", email="ann@x.org"),
            Candidate(2, "Ann Lee", "Acme", email="ann@x.org"),  # email and name: once, 100
            Candidate(3, "Bob Stone", "Hooli"),
            Candidate(4, "Bob Stones", "Hooli Inc"),
        ]
    )
    assert [(d.first, d.second) for d in found] == [(1, 2), (3, 4)]
    assert found[0] == LikelyDuplicate(1, 2, 100, "same email")
    assert found[1].score < 100


@given(st.text(max_size=30))
def test_folding_is_idempotent_and_drops_case(text: str) -> None:
    assert fold(fold(text)) == fold(text)
    assert fold(text.upper()) == fold(text.lower()) or not text.isascii()
