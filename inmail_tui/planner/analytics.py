"""Outreach analytics for the balance screen's panel: response rates, credits per reply and the
credit-backs still to come (see :mod:`inmail_tui.core.analytics` for the definitions)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from inmail_tui.core.analytics import OutreachStats, Rate, credits_per_reply, outreach_stats
from inmail_tui.core.ledger import pending_credit_backs
from inmail_tui.core.model import EventKind
from inmail_tui.planner.context import Context, user_facing
from inmail_tui.planner.pools import Pools
from inmail_tui.store import templates as template_store
from inmail_tui.store import touches


@dataclass(frozen=True)
class PendingBack:
    """An InMail whose credit may still come back, and until when."""

    who: str  # the prospect's name as recorded with the spend (or their profile URL)
    url: str | None
    sent_on: date
    deadline: date
    days_left: int


@dataclass(frozen=True)
class AnalyticsView:
    stats: OutreachStats
    credits_spent: int  # every InMail credit spent from the active pool
    credited_back: int
    pending: list[PendingBack] = field(default_factory=list)  # soonest deadline first

    @property
    def net_credits(self) -> int:
        return self.credits_spent - self.credited_back

    @property
    def credits_per_reply(self) -> float | None:
        return credits_per_reply(self.net_credits, self.stats.replies)

    def to_json(self) -> dict[str, Any]:
        def rate(r: Rate) -> dict[str, Any]:
            return {"label": r.label, "hits": r.hits, "total": r.total, "rate": r.rate}

        s = self.stats
        return {
            "inmails_sent": s.inmails_sent,
            "responses": s.responses,
            "replies": s.replies,
            "response_rate": s.overall.rate,
            "breakdowns": {
                b.title.lower(): {"rates": [rate(r) for r in b.rates], "caveat": b.caveat}
                for b in s.breakdowns
            },
            "connection_requests": rate(s.connect),
            "credits_spent": self.credits_spent,
            "credited_back": self.credited_back,
            "credits_per_reply": self.credits_per_reply,
            "pending_credit_backs": [
                {
                    "who": p.who,
                    "url": p.url,
                    "sent_on": p.sent_on.isoformat(),
                    "deadline": p.deadline.isoformat(),
                }
                for p in self.pending
            ],
        }


class AnalyticsService:
    def __init__(self, ctx: Context, pools: Pools) -> None:
        self._ctx = ctx
        self._pools = pools

    @user_facing
    def view(self) -> AnalyticsView:
        """Response rates of everything sent, and where the active pool's credits went."""
        today = self._ctx.today
        pool = self._pools.active()
        with self._ctx.read() as conn:
            events = self._pools.read(conn, pool).events if pool else []
            rows = touches.outreach_rows(conn)
            names = {t.id: t.name for t in template_store.list_templates(conn)}
        pending = []
        if pool is not None:
            for due in pending_credit_backs(self._pools.spec_of(pool), events, today):
                spend = due.spend
                pending.append(
                    PendingBack(
                        who=spend.note or spend.ref or "an InMail",
                        url=spend.ref,
                        sent_on=spend.on,
                        deadline=due.deadline,
                        days_left=(due.deadline - today).days,
                    )
                )
        return AnalyticsView(
            stats=outreach_stats(rows, names),
            credits_spent=-sum(e.amount for e in events if e.kind == EventKind.SPEND),
            credited_back=sum(e.amount for e in events if e.kind == EventKind.CREDIT_BACK),
            pending=pending,
        )
