"""Counts and dates in plain words, the same on every screen and every printed line."""

from __future__ import annotations

from datetime import date

# Month names spelled here, not by strftime's %b, so a date reads the same in every locale.
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def noun(count: int, one: str, many: str | None = None) -> str:
    """The noun for ``count`` things: ``one``, or ``many`` (``one`` + s unless given)."""
    return one if abs(count) == 1 else many or one + "s"


def plural(count: int, one: str, many: str | None = None) -> str:
    """``"1 prospect"``, ``"2 prospects"``, ``"1,200 replies"``: the count and its noun."""
    return f"{count:,} {noun(count, one, many)}"


def first_up(words: str) -> str:
    """``"Send a connection request"``: the first letter capitalised, the rest as written."""
    return words[:1].upper() + words[1:]


def add_and_update(dry_run: bool) -> tuple[str, str]:
    """The verbs of an import's counts: ``("would add", "update")`` for a preview (a dry run
    that writes nothing), ``("added", "updated")`` once done."""
    return ("would add", "update") if dry_run else ("added", "updated")


def credits(n: int) -> str:
    """``"1 credit"``, ``"40 credits"``."""
    return plural(n, "credit")


CANNOT_SEND = "cannot send"  # what a blocked send costs, in words


def cost(n: int) -> str:
    """What a send costs in words: ``"free"``, ``"1 credit"``, ``"2 credits"``."""
    return credits(n) if n > 0 else "free"


def full_day(on: date) -> str:
    """``"1 Feb 2026"``."""
    return f"{on.day} {_MONTHS[on.month - 1]} {on.year}"


def short_day(on: date) -> str:
    """``"1 Feb"`` (for dates weeks away, where the year goes without saying)."""
    return f"{on.day} {_MONTHS[on.month - 1]}"


def in_days(days: int) -> str:
    """``"today"``, ``"tomorrow"``, ``"in 17 days"``."""
    if days <= 0:
        return "today"
    return "tomorrow" if days == 1 else f"in {days} days"
