"""Typed messages between the screens, the app and its planner worker thread.

Screens never touch the database: they post a :class:`PlannerCall`, which bubbles up to the app;
the app runs its job in a thread worker and posts :class:`BalanceLoaded` back with the result.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from inmail_tui.planner import BalanceView, Planner


class FirstFramePainted(Message, bubble=False):
    """Sent to the current screen once the app's first frame is on the terminal."""


class PlannerOpened(Message):
    """The planner is open; ``view`` is None when there is no pool yet (first run)."""

    def __init__(self, planner: Planner, view: BalanceView | None) -> None:
        super().__init__()
        self.planner = planner
        self.view = view


class BalanceLoaded(Message):
    """A fresh view of the pool, after a read or a write; ``done`` is the toast to show."""

    def __init__(self, view: BalanceView, done: str | None) -> None:
        super().__init__()
        self.view = view
        self.done = done


class PlannerCall(Message):
    """Run ``job`` against the planner in a worker thread; toast ``done`` when it succeeds.

    ``done`` may be a function of the resulting view, for toasts that quote the new balance.
    """

    def __init__(
        self,
        job: Callable[[Planner], BalanceView],
        done: str | Callable[[BalanceView], str] | None = None,
    ) -> None:
        super().__init__()
        self.job = job
        self.done = done
