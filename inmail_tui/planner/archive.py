"""Importing LinkedIn's data archive: prospects, the pipeline and the ledger reconciled in one
transaction (docs/archive.md).

The archive is read and reconciled in the core (``core.archive``); this service reads what the
database knows about the people in it, writes the plan (new prospects, touches, statuses), and
moves the ledger through the same core decisions as marking by hand: ``spend_event`` for an
InMail recorded as a spend (only with ``apply_spends``: the user may have reconciled the balance
already) and ``credit_back_event`` for a reply inside the pool's credit-back window.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from inmail_tui.core.archive import Known, ReconcilePlan, read_archive, reconcile
from inmail_tui.core.archive.reconcile import InMailFound, KnownTouch, archive_people
from inmail_tui.core.archive.rows import Archive, load
from inmail_tui.core.ledger import InsufficientCredits, balance, credit_back_event, spend_event
from inmail_tui.core.model import Degree, EventKind, LedgerEvent, Outcome, ProspectRecord, Status
from inmail_tui.core.pipeline import can_move
from inmail_tui.errors import UserError
from inmail_tui.planner.archive_summary import (
    ArchiveError,
    ArchiveResult,
    SpendLine,
    UnmatchedLine,
)
from inmail_tui.planner.context import Context, user_facing
from inmail_tui.planner.derive import DECISION_INPUTS, Derivation
from inmail_tui.planner.pools import Pools
from inmail_tui.store import pools as pool_store
from inmail_tui.store import reconcile as store
from inmail_tui.store.importer import ImportSummary, merge_records
from inmail_tui.store.tx import dry_tx

ARCHIVE_SOURCE = "archive"  # the source of a prospect first seen in the archive
ARCHIVE_NOTE = "from LinkedIn's data archive"  # the note of every touch an archive adds
_STATUS_OF = {status.value: status for status in Status}  # a touch's kind, when a status
# What the reconcile reads of each prospect the archive names.
_KNOWN_COLUMNS = ("url", "full_name", "connected_on", "degree", "open_profile")

Progress = Callable[[int, int], None]
_AS_STORED: Mapping[str, Any] = {}  # no derived column changed: derived after the touches


@dataclass
class _Ledger:
    """The pool's ledger as the reconcile moves it (events in force, and what was added)."""

    events: list[LedgerEvent]
    new: list[LedgerEvent]


class ArchiveService:
    def __init__(self, ctx: Context, pools: Pools, derivation: Derivation) -> None:
        self._ctx = ctx
        self._pools = pools
        self._derivation = derivation

    @user_facing
    def import_archive(
        self,
        path: str | Path,
        dry_run: bool = False,
        apply_spends: bool = False,
        progress: Progress | None = None,
    ) -> ArchiveResult:
        """Read the archive at ``path`` (a ZIP, a folder, or one of its CSV files) and
        reconcile the prospects, the pipeline and (with ``apply_spends``) the ledger with it,
        all in one transaction; a dry run writes nothing and takes no write lock."""
        source = Path(path)
        if not source.exists():
            raise UserError(f"No file or folder at {source}.")
        if not dry_run:
            self._ctx.check_writable()
        files = read_archive(source)
        total = sum(file.size for file in files)
        if progress is not None:
            progress(0, total)
        archive = load(files)
        if progress is not None:
            progress(total // 2, total)
        pool = self._pools.active()

        def reconciled() -> None:  # inside the transaction, before anything is written
            if progress is not None:
                progress(total * 3 // 4, total)

        if dry_run:
            with dry_tx(self._ctx.engine) as conn:
                result = self._run(conn, archive, pool, dry_run, apply_spends, reconciled)
        else:
            with self._ctx.write(pool.id if pool else None) as conn:
                result = self._run(conn, archive, pool, dry_run, apply_spends, reconciled)
        if progress is not None:
            progress(total, total)
        return replace(result, source=str(source))

    def _run(
        self,
        conn: Connection,
        archive: Archive,
        pool: pool_store.PoolRow | None,
        dry_run: bool,
        apply_spends: bool,
        reconciled: Callable[[], None],
    ) -> ArchiveResult:
        if apply_spends and pool is None:
            raise UserError("Set up a credit pool (inmail-tui plan) before recording spends.")
        ledger = self._ledger(conn, pool, dry_run)
        urls = archive_people(archive) | {record.url for record in archive.connections}
        rows = store.by_url(conn, urls, _KNOWN_COLUMNS)
        known = self._known(conn, rows, ledger)
        plan = reconcile(archive, known, self._ctx.today)
        reconciled()
        merged = self._merge(conn, archive, plan, dry_run, [row["id"] for row in rows.values()])
        spends_applied = 0
        if apply_spends and plan.missing_spends:
            assert pool is not None
            spends_applied = self._spend(plan.missing_spends, ledger)
        backs = self._credit_backs(pool, plan.inmails, ledger)
        if not dry_run:
            stored = self._pools.append(conn, pool, ledger.new) if pool and ledger.new else []
            self._settle(conn, self._write_touches(conn, plan, stored))
        return ArchiveResult(
            files=list(archive.files.values()),
            owner=plan.owner.url if plan.owner else None,
            owner_how=plan.owner.how if plan.owner else "",
            prospects_added=merged.added,
            prospects_updated=merged.updated,
            touches_added=len(plan.touches),
            touches_matched=plan.matched,
            invitations_sent=plan.invitations_sent,
            invitations_accepted=plan.invitations_accepted,
            inmails_sent=len(plan.inmails),
            inmails_answered=sum(1 for found in plan.inmails if found.answered_on),
            replies=plan.replies,
            spends=[SpendLine(s.name, s.url, s.on, s.subject) for s in plan.missing_spends],
            spends_applied=spends_applied,
            credit_backs=backs,
            ignored=dict(plan.ignored),
            unmatched=[UnmatchedLine(u.name, u.url, u.on, u.reason) for u in plan.unmatched],
            errors=[ArchiveError(e.file, e.line, e.message) for e in archive.errors],
            dry_run=dry_run,
        )

    # -- reading -------------------------------------------------------------------------------
    def _ledger(self, conn: Connection, pool: pool_store.PoolRow | None, dry_run: bool) -> _Ledger:
        if pool is None:
            return _Ledger([], [])
        if dry_run:  # the grants due, derived without storing them (a dry run writes nothing)
            return _Ledger(list(self._pools.read(conn, pool).events), [])
        return _Ledger(self._pools.synced_events(conn, pool), [])

    def _known(
        self, conn: Connection, rows: dict[str, dict[str, Any]], ledger: _Ledger
    ) -> dict[str, Known]:
        spends: dict[str, list[date]] = {}
        for event in ledger.events:
            if event.kind == EventKind.SPEND and event.ref:
                spends.setdefault(event.ref, []).append(event.on)
        by_id = store.all_touches(conn, [row["id"] for row in rows.values()])
        known = {}
        for url, row in rows.items():
            touches = tuple(
                KnownTouch(_STATUS_OF[t.kind], t.on, t.note == ARCHIVE_NOTE)
                for t in by_id.get(row["id"], ())
                if t.kind in _STATUS_OF
            )
            known[url] = Known(
                name=row["full_name"],
                connected_on=row["connected_on"],
                first_degree=row["degree"] == Degree.FIRST,
                open_profile=bool(row["open_profile"]),
                touches=touches,
                spends=tuple(spends.get(url, ())),
            )
        return known

    # -- writing -------------------------------------------------------------------------------
    def _merge(
        self,
        conn: Connection,
        archive: Archive,
        plan: ReconcilePlan,
        dry_run: bool,
        known_ids: list[int],
    ) -> ImportSummary:
        """The new people and Connections.csv's rows, merged as any import merges them
        (``known_ids``: the stored prospects among them, whose histories the decisions read)."""
        people = [
            ProspectRecord(url=url, source=ARCHIVE_SOURCE, line=0, full_name=name or None)
            for url, name in plan.new_people.items()
        ]
        derive = self._derivation.deriver(conn, known_ids)
        later = {touch.url for touch in plan.touches}  # derived once their touches are in

        def derived(values: Mapping[str, Any]) -> Mapping[str, Any]:
            # Their derived columns stay as they are (a new row's are empty) until the touches
            # are in; the same in a dry run, so that it counts the rows the import updates.
            if values["url"] in later:
                return _AS_STORED
            return derive(values)

        return merge_records(
            conn,
            [*people, *archive.connections],
            now=self._ctx.now,
            dry_run=dry_run,
            derive=derived,
        )

    def _spend(self, missing: list[InMailFound], ledger: _Ledger) -> int:
        """One spend per InMail missing from the ledger, on its day; refused as a whole when
        the balance cannot pay for them."""
        events = ledger.events
        added = []
        for found in sorted(missing, key=lambda f: f.on):
            try:
                spent = spend_event(events, found.on, ref=found.url, note=found.name)
            except InsufficientCredits:
                raise UserError(
                    f"Recording the {len(missing):,} InMails as spends would take the balance"
                    f" below 0 (it is {balance(ledger.events):,}): nothing was written. Check"
                    " the balance LinkedIn shows (`inmail-tui adjust`) and import again, or"
                    " import without --apply-spends."
                ) from None
            events = [*events, spent]
            added.append(spent)
        ledger.events, ledger.new = events, [*ledger.new, *added]
        return len(added)

    def _credit_backs(
        self, pool: pool_store.PoolRow | None, inmails: list[InMailFound], ledger: _Ledger
    ) -> int:
        """A reply to an InMail that spent a credit gives it back when the pool's policy says
        so: ``credit_back_event``, the one rule hand-marking uses too."""
        if pool is None:
            return 0
        spec = self._pools.spec_of(pool)
        given = 0
        for found in inmails:
            if found.answered_on is None:
                continue
            spend = _spend_for(ledger.events, found)
            if spend is None:
                continue
            # A send marked by hand a day late may be dated after the reply: as of the send.
            on = max(found.answered_on, spend.on)
            event = credit_back_event(spec, spend, Outcome.REPLIED, on, ledger.events)
            if event is not None:
                ledger.events = [*ledger.events, event]
                ledger.new.append(event)
                given += 1
        return given

    def _write_touches(
        self, conn: Connection, plan: ReconcilePlan, stored: list[LedgerEvent]
    ) -> dict[int, tuple[Status, date]]:
        """Add the plan's touches (each new spend and credit-back linked to its touch); returns
        each prospect's latest event (by id)."""
        ids = store.ids_by_url(conn, {touch.url for touch in plan.touches})
        links = {(event.ref, event.on, event.kind): event.id for event in stored}
        new = []
        latest: dict[int, tuple[Status, date]] = {}
        for touch in plan.touches:
            prospect_id = ids[touch.url]
            kind = {
                Status.INMAIL_SENT: EventKind.SPEND,
                Status.REPLIED: EventKind.CREDIT_BACK,
            }.get(touch.status)
            new.append(
                store.NewTouch(
                    prospect_id,
                    touch.status.value,
                    touch.on,
                    touch.channel.value if touch.channel else None,
                    links.get((touch.url, touch.on, kind)) if kind else None,
                    ARCHIVE_NOTE,
                )
            )
            latest[prospect_id] = (touch.status, touch.on)  # touches come by date
        store.add_touches(conn, new)
        return latest

    def _settle(self, conn: Connection, latest: dict[int, tuple[Status, date]]) -> None:
        """Move each prospect to its latest event where that is its status now (``_moves``),
        and derive its columns from that status and its history with the new touches: one read
        of the columns the decision needs, one write of the status and the derived columns."""
        derive = self._derivation.deriver(conn, latest)
        rows = []
        for found in store.column_values(conn, latest, DECISION_INPUTS):
            status, on = latest[found["id"]]
            if _moves(Status(found["status"]), found["status_on"], status, on):
                found["status"], found["status_on"] = status.value, on
            derived = derive(found)
            rows.append((found["id"], found["status"], found["status_on"], derived))
        store.set_statuses_and_derived(conn, rows)


def _moves(current: Status, since: date | None, status: Status, on: date) -> bool:
    """Whether the archive's latest event for a prospect (``status`` on ``on``) becomes its
    status: it is newer than the status it has (``current`` since ``since``; on the same day,
    only where the pipeline allows the move), and the user has not said do not contact."""
    if current == Status.DO_NOT_CONTACT or current == status:
        return False
    if since is None or on > since:
        return True
    return on == since and can_move(current, status)


def _spend_for(events: list[LedgerEvent], found: InMailFound) -> LedgerEvent | None:
    """The ledger's spend for this InMail: the person's spend within a day of it."""
    for event in reversed(events):
        if (
            event.kind == EventKind.SPEND
            and event.ref == found.url
            and abs((event.on - found.on).days) <= 1
        ):
            return event
    return None
