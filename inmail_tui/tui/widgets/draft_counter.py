"""A character counter, "312 / 2,000": amber past the advice, red past a hard limit."""

from __future__ import annotations

from typing import Literal

from textual.widgets import Static

Level = Literal["ok", "warn", "over"]


def counter_level(length: int, limit: int | None, advice: int | None, hard: bool = True) -> Level:
    """``over`` past a hard ``limit``; ``warn`` past the ``advice`` or a soft ``limit``."""
    if limit is not None and length > limit:
        return "over" if hard else "warn"
    if advice is not None and length > advice:
        return "warn"
    return "ok"


def counter_text(length: int, limit: int | None) -> str:
    """``"312 / 2,000"``, or ``"312"`` when there is no limit."""
    return f"{length:,}" if limit is None else f"{length:,} / {limit:,}"


class DraftCounter(Static):
    """One field's length against its limit; the level is a CSS class (``-warn``, ``-over``)."""

    DEFAULT_CSS = """
    DraftCounter {
        width: auto;
        height: 1;
        color: $text-muted;
    }
    DraftCounter.-warn {
        color: $text-warning;
    }
    DraftCounter.-over {
        color: $text-error;
        text-style: bold;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.level: Level = "ok"

    def show(self, length: int, limit: int | None, advice: int | None, hard: bool = True) -> None:
        self.level = counter_level(length, limit, advice, hard)
        self.update(counter_text(length, limit))
        self.set_class(self.level == "warn", "-warn")
        self.set_class(self.level == "over", "-over")
