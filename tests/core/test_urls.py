"""Profile URL normalisation: every spelling of a profile maps to one identity."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inmail_tui.core.urls import PROFILE_PREFIX, normalize_profile_url

CANON = "https://www.linkedin.com/in/jane-doe"


@pytest.mark.parametrize(
    "text",
    [
        "https://www.linkedin.com/in/jane-doe",
        "https://www.linkedin.com/in/jane-doe/",
        "https://www.linkedin.com/in/jane-doe//",
        "http://www.linkedin.com/in/jane-doe",
        "www.linkedin.com/in/jane-doe",
        "linkedin.com/in/jane-doe",
        "//linkedin.com/in/jane-doe",
        "https://linkedin.com/in/jane-doe",
        "https://uk.linkedin.com/in/jane-doe",
        "https://de.linkedin.com/in/jane-doe/",
        "https://m.linkedin.com/in/jane-doe",
        "https://www.linkedin.com/mwlite/in/jane-doe",
        "HTTPS://WWW.LINKEDIN.COM/IN/JANE-DOE",
        "https://www.linkedin.com/in/Jane-Doe",
        "https://www.linkedin.com/in/jane-doe?trk=people-search&lipi=abc",
        "https://www.linkedin.com/in/jane-doe#experience",
        "https://www.linkedin.com/in/jane-doe/?originalSubdomain=uk",
        "https://www.linkedin.com/in/jane-doe/details/experience/",
        "https://www.linkedin.com/in/jane-doe/overlay/contact-info/",
        "https://www.linkedin.com:443/in/jane-doe",
        "https://www.linkedin.com./in/jane-doe",
        "  https://www.linkedin.com/in/jane-doe  ",
        "\thttps://www.linkedin.com/in/jane-doe\n",
        "https://www.linkedin.com/in/jane%2Ddoe",
    ],
)
def test_spellings_of_one_profile_normalise_to_one_url(text: str) -> None:
    assert normalize_profile_url(text) == CANON


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # percent-encoding is decoded; the canonical form is NFC unicode, lower-cased
        ("https://www.linkedin.com/in/chlo%C3%A9-sokolov", PROFILE_PREFIX + "chloé-sokolov"),
        ("https://www.linkedin.com/in/chlo%c3%a9-sokolov/", PROFILE_PREFIX + "chloé-sokolov"),
        ("https://www.linkedin.com/in/chloé-sokolov", PROFILE_PREFIX + "chloé-sokolov"),
        ("https://www.linkedin.com/in/CHLOÉ-Sokolov", PROFILE_PREFIX + "chloé-sokolov"),
        ("https://www.linkedin.com/in/chloe\u0301-sokolov", PROFILE_PREFIX + "chloé-sokolov"),
        ("https://www.linkedin.com/in/%E5%B1%B1%E7%94%B0", PROFILE_PREFIX + "山田"),
        ("https://www.linkedin.com/in/nnamdi-nguyễn-s02", PROFILE_PREFIX + "nnamdi-nguyễn-s02"),
        # member-id URLs are opaque ids: their case is kept
        (
            "https://www.linkedin.com/in/ACwAAB00000000/",
            PROFILE_PREFIX + "ACwAAB00000000",
        ),
        (
            "https://www.linkedin.com/in/ACoAAAbCdEf123_-xyz",
            PROFILE_PREFIX + "ACoAAAbCdEf123_-xyz",
        ),
        ("https://www.linkedin.com/in/john.smith_99", PROFILE_PREFIX + "john.smith_99"),
    ],
)
def test_slug_canonical_form(text: str, expected: str) -> None:
    assert normalize_profile_url(text) == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("https://www.linkedin.com/sales/lead/ACwAAB0,NAME_SEARCH,x1y2", "Sales Navigator"),
        ("https://www.linkedin.com/sales/people/ACwAAB0,NAME_SEARCH", "Sales Navigator"),
        ("https://www.linkedin.com/company/acme/", "company page"),
        ("https://www.linkedin.com/school/mit/", "school page"),
        ("https://www.linkedin.com/feed/", "post"),
        ("https://www.linkedin.com/in/", "not a profile URL"),
        ("https://www.linkedin.com/", "not a profile URL"),
        ("https://www.linkedin.com/pub/jane-doe/1/2/3", "not a profile URL"),
        ("https://example.com/in/jane-doe", "not a LinkedIn URL"),
        ("https://notlinkedin.com/in/jane-doe", "not a LinkedIn URL"),
        ("https://linkedin.com.evil.example/in/jane-doe", "not a LinkedIn URL"),
        ("https://www.linkedin.com:8443/in/jane-doe", "not a LinkedIn URL"),
        ("ftp://www.linkedin.com/in/jane-doe", "not a LinkedIn URL"),
        ("mailto:jane@example.org", "not a LinkedIn URL"),
        ("Jane Doe", "not a LinkedIn URL"),
        ("https://www.linkedin.com/in/jane%20doe", "no valid profile name"),
        ("https://www.linkedin.com/in/jane%1Bdoe", "no valid profile name"),
        ("https://www.linkedin.com/in/jane%2Fdoe", "no valid profile name"),
        ("https://www.linkedin.com/in/jane%E9doe", "percent-encoded"),
        ("https://www.linkedin.com/in/jane\u200bdoe", "no valid profile name"),
        ("https://www.linkedin.com/in/../x", "no valid profile name"),
    ],
)
def test_non_profile_urls_are_refused_with_a_reason(text: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        normalize_profile_url(text)


def test_error_messages_quote_long_input_shortened() -> None:
    with pytest.raises(ValueError) as caught:
        normalize_profile_url("https://example.com/" + "x" * 500)
    assert len(str(caught.value)) < 160


slugs = st.text(
    alphabet=st.characters(categories=("Ll", "Lu", "Lo", "Nd"), include_characters="-_."),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip(".") != "")  # "." and ".." are path steps, not names (refused below)


@pytest.mark.parametrize("slug", [".", ".."])
def test_a_dot_step_is_not_a_profile_name(slug: str) -> None:
    with pytest.raises(ValueError, match="no valid profile name"):
        normalize_profile_url(f"https://www.linkedin.com/in/{slug}")


@given(slugs)
def test_normalising_is_idempotent(slug: str) -> None:
    once = normalize_profile_url(f"https://www.linkedin.com/in/{slug}")
    assert once.startswith(PROFILE_PREFIX)
    assert normalize_profile_url(once) == once


@given(slugs, st.sampled_from(["", "/", "?trk=x", "#a", "/details/skills/"]))
def test_host_scheme_and_tail_variants_agree(slug: str, tail: str) -> None:
    plain = normalize_profile_url(f"https://www.linkedin.com/in/{slug}")
    assert normalize_profile_url(f"linkedin.com/in/{slug}{tail}") == plain
    assert normalize_profile_url(f"http://uk.linkedin.com/in/{quote(slug)}{tail}") == plain
