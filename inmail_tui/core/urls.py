"""LinkedIn profile URLs: the identity of a prospect.

Every spelling of a member's public profile URL maps to one canonical form,
``https://www.linkedin.com/in/<slug>``:

- the scheme is optional (``http``, ``https`` or none); the host may be ``linkedin.com``,
  ``www.``, a country subdomain (``uk.``, ``de.``), or the mobile ``m.``;
- trailing slashes, query strings, fragments and tails after the slug
  (``/in/<slug>/details/experience/``, ``/in/<slug>/overlay/contact-info/``) are dropped;
- the slug is percent-decoded and kept as NFC unicode (``chlo%C3%A9`` and ``chloé`` are the same
  person, written ``chloé``: friendlier to read, and browsers accept it as typed);
- vanity slugs are lower-cased (LinkedIn treats them case-insensitively). Member-id slugs
  (``/in/ACoAAB...``, ``/in/ACwAAB...``, as in PhantomBuster's ``linkedInProfileUrl``) keep their
  case: they are opaque ids and LinkedIn does not resolve them in another case.

Anything else (a Sales Navigator lead, a company page, another site, an empty cell) raises
``ValueError`` with a sentence saying what the text is and what is expected instead.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote, urlsplit

PROFILE_PREFIX = "https://www.linkedin.com/in/"

# The spelling LinkedIn's own exports use: already canonical except perhaps for a trailing slash.
_CANONICAL = re.compile(r"https://www\.linkedin\.com/in/([a-z0-9-]+)/?")
# The common spellings of a profile URL, read without a full URL parse (the slug is group 1).
_COMMON = re.compile(
    r"\s*(?:https?://)?(?:(?:www|m|[a-z]{2})\.)?linkedin\.com(?::(?:80|443))?/(?:mwlite/)?in/"
    r"([^/?#\s]+)(?:[/?#]\S*)?\s*",
    re.IGNORECASE,
)
_MEMBER_ID = re.compile(r"AC[a-zA-Z0-9]AA[A-Za-z0-9_-]+")
_HOST = re.compile(r"(?:(?:www|m|[a-z]{2})\.)?linkedin\.com")
_WHAT_ELSE = {
    "sales": "a Sales Navigator URL",
    "company": "a company page",
    "school": "a school page",
    "showcase": "a showcase page",
    "jobs": "a job posting",
    "feed": "a post",
    "posts": "a post",
    "pulse": "an article",
    "groups": "a group",
    "talent": "a Recruiter URL",
}


def normalize_profile_url(text: str) -> str:
    """The canonical ``https://www.linkedin.com/in/<slug>`` for any spelling of a profile URL."""
    canonical = _CANONICAL.fullmatch(text)
    if canonical is not None:
        return PROFILE_PREFIX + canonical.group(1)
    common = _COMMON.fullmatch(text)
    if common is not None:
        return PROFILE_PREFIX + _canonical_slug(common.group(1), text)
    if not text.strip():
        raise ValueError("the profile URL is empty")
    segments = _linkedin_path(text.strip())
    if segments is None:
        raise ValueError(
            f"{_shorten(text)} is not a LinkedIn URL (expected linkedin.com/in/<name>)"
        )
    if segments[:1] == ["mwlite"]:  # LinkedIn's lightweight mobile site
        segments = segments[1:]
    if len(segments) < 2 or segments[0].lower() != "in":
        what = _WHAT_ELSE.get(segments[0].lower() if segments else "", "not a profile URL")
        raise ValueError(f"{_shorten(text)} is {what}, not a profile URL (linkedin.com/in/<name>)")
    return PROFILE_PREFIX + _canonical_slug(segments[1], text)


def _linkedin_path(text: str) -> list[str] | None:
    """The path segments of a linkedin.com URL (empty ones dropped), or None for another site."""
    if "://" not in text:
        text = "https://" + text.removeprefix("//")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return None
    host = (parts.hostname or "").rstrip(".")
    if parts.scheme.lower() not in ("http", "https") or port not in (None, 80, 443):
        return None
    if _HOST.fullmatch(host) is None:
        return None
    return [segment for segment in parts.path.split("/") if segment]


def _canonical_slug(raw: str, text: str) -> str:
    slug = raw
    if "%" in slug:
        try:
            slug = unquote(slug, errors="strict")
        except UnicodeDecodeError:
            raise ValueError(f"{_shorten(text)} has a badly percent-encoded name") from None
    if not slug.isascii():
        slug = unicodedata.normalize("NFC", slug)
    # isprintable() is False for every space and control character except the ASCII space.
    if not slug.isprintable() or " " in slug or "/" in slug or not slug.strip("."):
        raise ValueError(
            f"{_shorten(text)} has no valid profile name after /in/ (it must not contain "
            "spaces, slashes or invisible characters)"
        )
    if slug.startswith("AC") and _MEMBER_ID.fullmatch(slug):
        return slug
    lowered = slug.lower()
    return lowered if lowered.isascii() else unicodedata.normalize("NFC", lowered)


def _shorten(text: str, limit: int = 80) -> str:
    """``text`` quoted for an error message, cut to ``limit`` characters."""
    text = text.strip()
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
