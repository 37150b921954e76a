"""Prospect tags: the ones derived from a prospect's data, and the user's own.

Derived tags are upper-case names the app computes (``1st``/``2nd``/``3rd``/``OUT``, ``OPEN``,
``PREMIUM``, ``NO-INMAIL``, ``EMAIL``); they are never stored. User tags are normalised to lower
case, split on spaces and commas (a leading ``#`` is dropped), deduplicated in their first order,
and a user tag spelled like a derived one (in any case) is dropped: the app computes that tag from
the data, so an exported tag list re-imports without turning derived tags into user tags.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from inmail_tui.core.model import Degree, ProspectFacts

OPEN = "OPEN"
PREMIUM = "PREMIUM"
NO_INMAIL = "NO-INMAIL"
EMAIL = "EMAIL"

DERIVED_TAGS: tuple[str, ...] = (*(d.tag for d in Degree), OPEN, PREMIUM, NO_INMAIL, EMAIL)
_RESERVED = frozenset(t.casefold() for t in DERIVED_TAGS)
_SEPARATORS = re.compile(r"[\s,]+")


def derived_tags(facts: ProspectFacts, *, has_email: bool | None = None) -> list[str]:
    """The tags a prospect's data implies, in a fixed order.

    ``PREMIUM`` also follows from Open Profile (only Premium members can turn it on). ``EMAIL``:
    an address is on record (``has_email``, by default the facts' own), verified or not; the
    decision's reason says which. ``NO-INMAIL``: opted out of InMail, or has blocked the sender.
    """
    tags = [facts.degree.tag]
    if facts.open_profile:
        tags.append(OPEN)
    if facts.premium or facts.open_profile:
        tags.append(PREMIUM)
    if facts.blocked or not facts.accepts_inmail:
        tags.append(NO_INMAIL)
    if facts.has_email if has_email is None else has_email:
        tags.append(EMAIL)
    return tags


def parse_user_tags(text: str) -> tuple[str, ...]:
    """User tags from free text: ``"Hot, #fintech  hot OPEN"`` -> ``("hot", "fintech")``."""
    return _normalise([text])


def _normalise(texts: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for text in texts:
        for word in _SEPARATORS.split(text):
            tag = word.lstrip("#").casefold()
            if tag and tag not in _RESERVED:
                seen.setdefault(tag)
    return tuple(seen)
