"""The ``Planner``: one object holding every service over one shared :class:`Context`.

Each service is built on first use with its dependencies named in its constructor, so
``inmail-tui balance`` builds (and imports) the credit service alone::

    planner = Planner.open(db, today, settings)
    planner.credits.balance()           # the pool and its ledger
    planner.queue.page(query)           # prospects with their decisions
    planner.outreach.mark_sent(...)     # the one place a credit is spent
    planner.drafts.draft_context(...)   # drafts and templates
    planner.transfer.import_file(path)  # import and export
    planner.archive.import_archive(path)  # LinkedIn's data archive, reconciled
    planner.analytics.view()            # response rates and credit-backs
    planner.spending.plan()             # who gets a credit, on which day
    planner.agenda.day()                # what to do today: requests, InMails due, follow-ups
    planner.dedupe.duplicates()         # likely duplicates: merge or dismiss
    planner.maintenance.backup(path)    # backup and restore
    planner.team.claim(ids)             # seats, their limits and usage, claims

A service never reaches another through ``self``: what it needs it is given.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from inmail_tui.core.plans import Catalog
from inmail_tui.planner.context import Context
from inmail_tui.planner.pools import Pools
from inmail_tui.settings import Settings

if TYPE_CHECKING:
    from inmail_tui.planner.agenda import AgendaService
    from inmail_tui.planner.analytics import AnalyticsService
    from inmail_tui.planner.archive import ArchiveService
    from inmail_tui.planner.credits import CreditsService
    from inmail_tui.planner.dedupe import DedupeService
    from inmail_tui.planner.derive import Derivation
    from inmail_tui.planner.drafting import DraftService
    from inmail_tui.planner.maintenance import MaintenanceService
    from inmail_tui.planner.outreach import OutreachService
    from inmail_tui.planner.queue import QueueService
    from inmail_tui.planner.spending import SpendingService
    from inmail_tui.planner.team import TeamService
    from inmail_tui.planner.transfer import TransferService


class Planner:
    """Every use case of inmail-tui, by service; the CLI and the TUI use nothing else."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._pools = Pools(ctx)

    @classmethod
    def open(
        cls,
        db: str | Path | None,
        today: date,
        settings: Settings,
        clock: date | None = None,
        confirm_date: bool = False,
    ) -> Planner:
        """The planner on database ``db`` (None: the default one), as of ``today``.

        ``clock``: the computer's date, read where the program starts; a write dated more than
        two days after it is refused unless ``confirm_date`` (see ``Context``)."""
        return cls(Context.open(db, today, settings, clock, confirm_date))

    @property
    def today(self) -> date:
        return self.ctx.today

    @property
    def catalog(self) -> Catalog:
        return self.ctx.catalog

    @cached_property
    def _derivation(self) -> Derivation:
        from inmail_tui.planner.derive import Derivation

        return Derivation(self.ctx, self._pools)

    @cached_property
    def credits(self) -> CreditsService:
        from inmail_tui.planner.credits import CreditsService

        return CreditsService(self.ctx, self._pools, lambda: self._derivation)

    @cached_property
    def queue(self) -> QueueService:
        from inmail_tui.planner.queue import QueueService

        return QueueService(self.ctx, self._derivation)

    @cached_property
    def outreach(self) -> OutreachService:
        from inmail_tui.planner.outreach import OutreachService

        return OutreachService(self.ctx, self._pools, self._derivation)

    @cached_property
    def drafts(self) -> DraftService:
        from inmail_tui.planner.drafting import DraftService

        return DraftService(self.ctx, self._pools, self._derivation)

    @cached_property
    def transfer(self) -> TransferService:
        from inmail_tui.planner.transfer import TransferService

        return TransferService(self.ctx, self._derivation, self.queue, lambda: self.archive)

    @cached_property
    def archive(self) -> ArchiveService:
        from inmail_tui.planner.archive import ArchiveService

        return ArchiveService(self.ctx, self._pools, self._derivation)

    @cached_property
    def analytics(self) -> AnalyticsService:
        from inmail_tui.planner.analytics import AnalyticsService

        return AnalyticsService(self.ctx, self._pools)

    @cached_property
    def spending(self) -> SpendingService:
        from inmail_tui.planner.spending import SpendingService

        return SpendingService(self.ctx, self._pools, lambda: self.maintenance.change_marker())

    @cached_property
    def agenda(self) -> AgendaService:
        from inmail_tui.planner.agenda import AgendaService

        return AgendaService(
            self.ctx, self._pools, lambda: self.outreach, lambda: self.maintenance.change_marker()
        )

    @cached_property
    def dedupe(self) -> DedupeService:
        from inmail_tui.planner.dedupe import DedupeService

        return DedupeService(self.ctx, self._derivation)

    @cached_property
    def maintenance(self) -> MaintenanceService:
        from inmail_tui.planner.maintenance import MaintenanceService

        return MaintenanceService(self.ctx)

    @cached_property
    def team(self) -> TeamService:
        from inmail_tui.planner.team import TeamService

        return TeamService(self.ctx, self._pools)
