"""The pipeline: sends, responses and status marks; the one place a credit is spent or given back.

``mark_sent`` checks the draft against the hard limits and the rules engine, then, in one
transaction that holds the pool's write lock, spends the credit through the ledger, stores the
final text, records the touch and moves the prospect's status. ``record_outcome`` records a
response and gives the credit back where the pool's policy says so; ``mark`` records any other
status change (a response among them goes through ``record_outcome``), so a credit-back follows
the pool's policy whichever screen or command recorded it. ``undo`` takes the last status change
back with a new touch (``core.undo``): the history is only ever appended to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from sqlalchemy import Connection

from inmail_tui.core.ledger import balance as ledger_balance
from inmail_tui.core.ledger import credit_back_event, spend_event
from inmail_tui.core.lint import Limits, LintResult, Severity, WordLists, lint
from inmail_tui.core.model import Channel, EventKind, LedgerEvent, Outcome, Status
from inmail_tui.core.pipeline import check_move
from inmail_tui.core.rules import Decision
from inmail_tui.core.undo import NothingToUndo, explained, plan_undo, replaced_note
from inmail_tui.errors import UserError
from inmail_tui.planner.context import Context, user_facing
from inmail_tui.planner.derive import Derivation, find
from inmail_tui.planner.pools import Pools
from inmail_tui.store import drafts, prospects, touches
from inmail_tui.store.prospect_rows import ProspectRow

SENT_STATUS = {
    Channel.INMAIL: Status.INMAIL_SENT,
    Channel.MESSAGE: Status.MESSAGED,
    Channel.CONNECT: Status.CONNECT_REQUESTED,
    Channel.EMAIL: Status.EMAILED,
}
STATUS_OUTCOME = {outcome.status: outcome for outcome in Outcome}  # the statuses that respond


@dataclass(frozen=True)
class SendResult:
    decision: Decision
    balance_after: int | None
    draft_id: int


@dataclass(frozen=True)
class MarkResult:
    changed: int
    skipped: list[tuple[int, str]]
    credited_back: int = 0  # credits the marked responses gave back
    restored: list[tuple[int, Status]] = field(default_factory=list)  # an undo: where each went


@dataclass(frozen=True)
class OutcomeResult:
    credit_back: bool
    message: str


class OutreachService:
    def __init__(self, ctx: Context, pools: Pools, derivation: Derivation) -> None:
        self._ctx = ctx
        self._pools = pools
        self._derivation = derivation

    @cached_property
    def word_lists(self) -> WordLists:
        """The drafting checks' word lists: the shipped ones extended by the settings."""
        return self._ctx.settings.word_lists()

    def limits(self) -> Limits:
        return self._pools.limits()

    def check_text(self, channel: Channel, body: str, subject: str = "") -> LintResult:
        """The drafting checks for the active pool's plan and the user's word lists."""
        subject = subject if channel == Channel.INMAIL else ""
        return lint(
            channel,
            body,
            subject,
            limits=self.limits(),
            words=self.word_lists,
            today=self._ctx.today,
        )

    @user_facing
    def preview_send(self, prospect_id: int | str, channel: Channel) -> Decision:
        """What marking this send would cost, without doing it (nothing is written)."""
        with self._ctx.read() as conn:
            return self._derivation.decision(conn, find(conn, prospect_id), channel)

    @user_facing
    def mark_sent(
        self,
        prospect_id: int | str,
        channel: Channel,
        subject: str,
        body: str,
        *,
        template_id: int | None = None,
        variant: str = "",
        draft_id: int | None = None,
    ) -> SendResult:
        """Record that this text was sent on LinkedIn; spends the credit exactly once."""
        checked = self.check_text(channel, body, subject)
        errors = [f.message for f in checked.findings if f.severity is Severity.ERROR]
        if errors:
            raise UserError(f"Not marked sent: {errors[0]}")
        today, now = self._ctx.today, self._ctx.now
        pool = self._pools.active()
        with self._ctx.write(pool.id if pool else None) as conn:
            # Everything below runs under the pool's write lock: the balance and the seat's use
            # of its monthly limit are read, checked and spent in this one transaction.
            seat = self._pools.sender_seat(conn, pool)
            events = self._pools.synced_events(conn, pool) if pool else []
            row = find(conn, prospect_id)
            decision = self._derivation.decision(conn, row, channel)
            if not decision.allowed:
                raise UserError(f"Not marked sent: {decision.reason}")
            status = SENT_STATUS[decision.channel]
            try:
                check_move(Status(row.status), status)
            except ValueError as exc:
                raise UserError(f"Not marked sent: {exc}") from None
            ledger_id = None
            if decision.cost > 0:
                if pool is None:  # decide() never charges without a pool; kept for mypy
                    raise UserError("Set up a credit pool before sending an InMail.")
                spent = spend_event(
                    events, today, ref=row.url, note=row.full_name, seat=seat.id if seat else None
                )
                stored = self._pools.append(conn, pool, [spent])
                ledger_id = stored[0].id
                events = [*events, *stored]
            draft = drafts.save_draft(
                conn,
                prospect_id=row.id,
                channel=decision.channel,
                subject=subject if decision.channel == Channel.INMAIL else "",
                body=body,
                now=now,
                draft_id=draft_id,
                template_id=template_id,
                variant=variant,
                pool_id=pool.id if pool else None,
            )
            drafts.mark_draft_sent(conn, draft.id, on=today, now=now)
            touches.add_touch(
                conn,
                row.id,
                status.value,
                today,
                channel=decision.channel.value,
                draft_id=draft.id,
                ledger_id=ledger_id,
                note=_replaced(conn, row),
                seat_id=seat.id if seat else None,
            )
            prospects.set_status(conn, [row.id], status.value, today, row.next_due)
            self._derivation.refresh(conn, [row.id])
        after = ledger_balance(events) if pool else None
        return SendResult(decision, after, draft.id)

    @user_facing
    def mark(self, ids: Sequence[int], status: Status, on: date | None = None) -> MarkResult:
        """Record a status change (a touch) for each prospect where the pipeline allows it.

        A response (accepted, declined, replied, no response) goes through ``record_outcome``:
        its credit-back follows the pool's policy whichever screen recorded it.
        """
        outcome = STATUS_OUTCOME.get(status)
        if outcome is not None:
            return self._mark_responses(ids, outcome, on)
        on = on or self._ctx.today
        changed, skipped = [], []
        with self._ctx.write() as conn:
            seat = self._pools.sender_seat(conn, self._pools.active(conn))
            for prospect_id in ids:
                row = prospects.get(conn, prospect_id)
                if row is None:
                    skipped.append((prospect_id, "no such prospect"))
                    continue
                try:
                    check_move(Status(row.status), status)
                except ValueError as exc:
                    skipped.append((prospect_id, str(exc)))
                    continue
                touches.add_touch(
                    conn,
                    prospect_id,
                    status.value,
                    on,
                    note=_replaced(conn, row),
                    seat_id=seat.id if seat else None,
                )
                prospects.set_status(conn, [prospect_id], status.value, on, row.next_due)
                changed.append(prospect_id)
            self._derivation.refresh(conn, changed)
        return MarkResult(len(changed), skipped)

    @user_facing
    def undo(self, ids: Sequence[int]) -> MarkResult:
        """Take back the last status change of each prospect: a new touch back to the status
        before it (the history is only ever appended to), undone ones left out of what decides.
        Do not contact is undone like any other change. A prospect with nothing to undo, or
        whose last change moved the ledger (an InMail that spent a credit, a response that gave
        one back), is skipped with a sentence saying why.
        """
        today = self._ctx.today
        changed: list[int] = []
        skipped: list[tuple[int, str]] = []
        restored: list[tuple[int, Status]] = []
        with self._ctx.write() as conn:
            for prospect_id in dict.fromkeys(ids):  # each once: one undo is one change back
                row = prospects.get(conn, prospect_id)
                if row is None:
                    skipped.append((prospect_id, "no such prospect"))
                    continue
                name = row.full_name or row.url
                try:
                    undo = plan_undo(touches.touches(conn, row.id), Status(row.status), name)
                except NothingToUndo as exc:
                    skipped.append((prospect_id, str(exc)))
                    continue
                touches.add_touch(conn, row.id, undo.to.value, today, note=undo.note)
                prospects.set_status(conn, [row.id], undo.to.value, undo.since, row.next_due)
                changed.append(row.id)
                restored.append((row.id, undo.to))
            self._derivation.refresh(conn, changed)
        return MarkResult(len(changed), skipped, restored=restored)

    def _mark_responses(self, ids: Sequence[int], outcome: Outcome, on: date | None) -> MarkResult:
        changed, skipped, back = 0, [], 0
        for prospect_id in ids:
            try:
                result = self.record_outcome(prospect_id, outcome, on)
            except UserError as exc:
                skipped.append((prospect_id, str(exc)))
            else:
                changed += 1
                back += result.credit_back
        return MarkResult(changed, skipped, back)

    @user_facing
    def record_outcome(
        self, prospect_id: int | str, outcome: Outcome, on: date | None = None
    ) -> OutcomeResult:
        """Record a response (or none) to the last send; gives the credit back when due."""
        on = on or self._ctx.today
        if on > self._ctx.today:
            raise UserError(f"{on} is in the future; record an outcome once it has happened.")
        pool = self._pools.active()
        with self._ctx.write(pool.id if pool else None) as conn:
            seat = self._pools.sender_seat(conn, pool)
            row = find(conn, prospect_id)
            status = outcome.status
            try:
                check_move(Status(row.status), status)
            except ValueError as exc:
                raise UserError(str(exc)) from None
            back: LedgerEvent | None = None
            if pool is not None:
                events = self._pools.synced_events(conn, pool)
                spend = _last_spend(events, row.url)
                if spend is not None:
                    if on < spend.on:
                        raise UserError(
                            f"The InMail was sent on {spend.on}; a response cannot come before."
                        )
                    spec = self._pools.spec_of(pool)
                    event = credit_back_event(spec, spend, outcome, on, events)
                    if event is not None:
                        back = self._pools.append(conn, pool, [event])[0]
            touches.add_touch(
                conn,
                row.id,
                status.value,
                on,
                ledger_id=back.id if back else None,
                note=_replaced(conn, row),
                seat_id=seat.id if seat else None,
            )
            prospects.set_status(conn, [row.id], status.value, on, row.next_due)
            self._derivation.refresh(conn, [row.id])
        words = outcome.label
        if back is not None:
            return OutcomeResult(True, f"Recorded {words}: the credit came back.")
        return OutcomeResult(False, f"Recorded {words}.")


def _replaced(conn: Connection, row: ProspectRow) -> str:
    """The note of a new status touch: what it replaces when no touch recorded the status it
    replaces (an import set it), so that an undo can bring that status back; "" otherwise."""
    status = Status(row.status)
    if explained(touches.touches(conn, row.id), status):
        return ""
    return replaced_note(status, row.status_on)


def _last_spend(events: list[LedgerEvent], url: str) -> LedgerEvent | None:
    spends = [e for e in events if e.kind == EventKind.SPEND and e.ref == url]
    return spends[-1] if spends else None
