"""Likely duplicates: find them, merge a pair the user confirmed, or dismiss it for good.

Nothing is ever merged without the user asking: :meth:`DedupeService.duplicates` only offers
pairs (``core.duplicates`` decides which, with a score and a reason), and a pair the user
dismissed (:meth:`DedupeService.dismiss`) is never offered again. :meth:`DedupeService.merge` is
one transaction: the other prospect's touches, drafts and ledger references move to the kept
one, the kept one gains the facts it lacked (``core.merge.merge_prospects``), the other row is
deleted, and the kept one's decision is derived again from its whole (now joined) history.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from inmail_tui.core.duplicates import likely_duplicates
from inmail_tui.core.model import Status
from inmail_tui.core.words import plural
from inmail_tui.errors import UserError
from inmail_tui.planner.context import Context, user_facing
from inmail_tui.planner.derive import Derivation, find
from inmail_tui.store import duplicates as store
from inmail_tui.store import prospects
from inmail_tui.store.prospect_rows import ProspectRow

__all__ = ["DedupeService", "DuplicatePair", "MergeResult", "ProspectRow"]


@dataclass(frozen=True)
class DuplicatePair:
    """Two prospects that may be one person, as the user sees them."""

    first: ProspectRow
    second: ProspectRow
    score: int  # 0-100
    reason: str  # e.g. "same email", "names 94% alike at the same company"

    def to_json(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "reason": self.reason,
            "prospects": [_brief(self.first), _brief(self.second)],
        }


@dataclass(frozen=True)
class MergeResult:
    kept: ProspectRow
    merged: ProspectRow  # the other one, as it was before it was merged and deleted
    touches: int
    drafts: int
    ledger_entries: int

    def text(self) -> str:
        moved = ", ".join(
            plural(n, one, many)
            for n, one, many in (
                (self.touches, "touch", "touches"),
                (self.drafts, "draft", "drafts"),
                (self.ledger_entries, "ledger entry", "ledger entries"),
            )
        )
        return (
            f"Merged {self.merged.full_name or self.merged.url} (id {self.merged.id}) into "
            f"{self.kept.full_name or self.kept.url} (id {self.kept.id}); moved {moved}."
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "kept": _brief(self.kept),
            "merged": _brief(self.merged),
            "moved": {
                "touches": self.touches,
                "drafts": self.drafts,
                "ledger_entries": self.ledger_entries,
            },
        }


def _brief(row: ProspectRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "url": row.url,
        "name": row.full_name,
        "company": row.company,
        "title": row.title,
        "email": row.email,
        "status": Status(row.status).label,
    }


class DedupeService:
    def __init__(self, ctx: Context, derivation: Derivation) -> None:
        self._ctx = ctx
        self._derivation = derivation

    @user_facing
    def duplicates(self) -> list[DuplicatePair]:
        """Every likely duplicate pair not dismissed, the best score first."""
        with self._ctx.read() as conn:
            found = likely_duplicates(store.candidates(conn), store.dismissed(conn))
            rows: dict[int, ProspectRow] = {}
            for pair in found:
                for prospect_id in (pair.first, pair.second):
                    if prospect_id not in rows:
                        row = prospects.get(conn, prospect_id)
                        assert row is not None  # read in the same snapshot
                        rows[prospect_id] = row
        return [
            DuplicatePair(rows[pair.first], rows[pair.second], pair.score, pair.reason)
            for pair in found
        ]

    @user_facing
    def count(self) -> int:
        """How many likely duplicate pairs are waiting for a look."""
        with self._ctx.read() as conn:
            return len(likely_duplicates(store.candidates(conn), store.dismissed(conn)))

    @user_facing
    def merge(self, keep: str | int, other: str | int) -> MergeResult:
        """Merge prospect ``other`` into ``keep`` (ids or profile URLs), in one transaction."""
        with self._ctx.write() as conn:
            kept, merged = find(conn, keep), find(conn, other)
            if kept.id == merged.id:
                raise UserError(f"Prospect {kept.id} cannot be merged into itself.")
            moved = store.merge(conn, kept.id, merged.id, self._ctx.now)
            self._derivation.refresh(conn, [kept.id])
            after = prospects.get(conn, kept.id)
            assert after is not None
        return MergeResult(after, merged, moved.touches, moved.drafts, moved.ledger_entries)

    @user_facing
    def dismiss(self, a: str | int, b: str | int) -> bool:
        """Remember that ``a`` and ``b`` are two people: the pair is never offered again. False
        when that was known already."""
        with self._ctx.write() as conn:
            first, second = find(conn, a), find(conn, b)
            if first.id == second.id:
                raise UserError(f"Prospect {first.id} is one person: give two prospects.")
            return store.dismiss(conn, first.id, second.id, self._ctx.now)
