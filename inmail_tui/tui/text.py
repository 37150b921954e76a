"""Plain-words formatting shared by the screens: dates and counts."""

from __future__ import annotations

from datetime import date


def credits(n: int) -> str:
    """``"1 credit"``, ``"40 credits"``."""
    return f"{n:,} credit" if abs(n) == 1 else f"{n:,} credits"


def full_day(on: date) -> str:
    """``"1 Feb 2026"``."""
    return f"{on.day} {on:%b %Y}"


def short_day(on: date) -> str:
    """``"1 Feb"`` (for dates weeks away, where the year goes without saying)."""
    return f"{on.day} {on:%b}"


def in_days(days: int) -> str:
    """``"today"``, ``"tomorrow"``, ``"in 17 days"``."""
    if days <= 0:
        return "today"
    return "tomorrow" if days == 1 else f"in {days} days"
