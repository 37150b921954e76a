"""Use cases that join the core and the store, each in one transaction, grouped in services.

The CLI and the TUI call these, never SQL: ``Planner.open(db, today, settings)`` is the entry,
and ``planner.credits``, ``planner.queue``, ``planner.outreach``, ``planner.drafts``,
``planner.transfer``, ``planner.analytics`` and ``planner.maintenance`` are its services (see
``facade.py``). The names load on first use (PEP 562), so ``inmail-tui balance`` imports the
credit service alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from inmail_tui.errors import UserError

if TYPE_CHECKING:
    from inmail_tui.planner.facade import Planner
    from inmail_tui.planner.views import BalanceView

__all__ = ["BalanceView", "Planner", "UserError"]


def __getattr__(name: str) -> Any:
    if name == "Planner":
        from inmail_tui.planner.facade import Planner

        return Planner
    if name == "BalanceView":
        from inmail_tui.planner.views import BalanceView

        return BalanceView
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
