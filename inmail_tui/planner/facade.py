"""The ``Planner``: every use case in one object, for the TUI and the CLI."""

from __future__ import annotations

from inmail_tui.planner.analytics import AnalyticsMixin
from inmail_tui.planner.credits import CreditsMixin
from inmail_tui.planner.drafting import DraftingMixin
from inmail_tui.planner.transfer import TransferMixin


class Planner(DraftingMixin, TransferMixin, AnalyticsMixin, CreditsMixin):
    """The facade the CLI and the TUI use: credits, queue, import/export, drafts, analytics."""
