"""Team pools: seats and their monthly limits, each seat's usage, and claims on prospects.

A pool's seats are the people working from it. The user's own seat is the ``seat`` setting (or
``--seat``). Claims say who works a prospect: a claim by one seat is seen by every other, and
the rules engine acts on it (docs/rules.md, "Teams and seats"). Spending against a seat's limit
happens in ``OutreachService.mark_sent``, under the pool's write lock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, exc

from inmail_tui.core.team import check_seat_limit, check_seat_name, seat_left, spent_by_seat
from inmail_tui.core.words import full_day
from inmail_tui.errors import UserError
from inmail_tui.planner.context import Context, user_facing
from inmail_tui.planner.pools import Pools, find_seat, seat_named
from inmail_tui.store import pools, prospects, seats
from inmail_tui.store.prospect_rows import ProspectRow


@dataclass(frozen=True)
class SeatUsage:
    """One seat and what it spent this month."""

    name: str
    monthly_limit: int | None  # None: no limit
    used_this_month: int
    mine: bool  # the user's own seat

    @property
    def left(self) -> int | None:
        """Credits the seat may still spend this month (None: no limit of its own)."""
        return seat_left(self.monthly_limit, self.used_this_month)

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "monthly_limit": self.monthly_limit,
            "used_this_month": self.used_this_month,
            "left_this_month": self.left,
            "mine": self.mine,
        }


@dataclass(frozen=True)
class TeamView:
    """The pool's seats with this month's usage (an empty list: a solo pool)."""

    pool: str
    balance: int
    seats: list[SeatUsage]
    without_seat: int  # credits spent this month by sends recorded without a seat

    @property
    def mine(self) -> SeatUsage | None:
        return next((seat for seat in self.seats if seat.mine), None)

    def to_json(self) -> dict[str, object]:
        mine = self.mine
        return {
            "pool": self.pool,
            "balance": self.balance,
            "seat": mine.name if mine else None,
            "seats": [seat.to_json() for seat in self.seats],
            "spent_without_seat_this_month": self.without_seat,
        }


@dataclass(frozen=True)
class ClaimResult:
    changed: int
    skipped: list[tuple[int, str]]


class TeamService:
    def __init__(self, ctx: Context, pools: Pools) -> None:
        self._ctx = ctx
        self._pools = pools

    @user_facing
    def view(self) -> TeamView:
        """The active pool's seats and what each spent this month (reading writes nothing)."""
        row = self._pools.row()
        with self._ctx.read() as conn:
            found = self._pools.seats(conn, row)
            me = self._pools.my_seat(conn, row, found)
            ledger = self._pools.read(conn, row)
        used = spent_by_seat(ledger.events, self._ctx.today)
        return TeamView(
            row.name,
            ledger.balance,
            [
                SeatUsage(
                    s.name, s.monthly_limit, used.get(s.id, 0), me is not None and me.id == s.id
                )
                for s in found
            ],
            used.get(None, 0),
        )

    @user_facing
    def add_seat(self, name: str, monthly_limit: int | None = None) -> TeamView:
        """A new seat on the active pool, with an optional monthly limit on its InMail credits."""
        name = check_seat_name(name)
        check_seat_limit(monthly_limit)
        row = self._pools.row()
        try:
            with self._ctx.write(row.id) as conn:
                if find_seat(self._pools.seats(conn, row), name) is not None:
                    raise UserError(f"Pool {row.name!r} already has a seat named {name!r}.")
                seats.add_seat(conn, row.id, name, monthly_limit, self._ctx.today)
        except exc.IntegrityError:  # another window added it meanwhile
            raise UserError(f"Pool {row.name!r} already has a seat named {name!r}.") from None
        return self.view()

    @user_facing
    def set_limit(self, name: str, monthly_limit: int | None) -> TeamView:
        """Set (or, with None, lift) a seat's monthly limit: the pool admin's setting."""
        check_seat_limit(monthly_limit)
        row = self._pools.row()
        with self._ctx.write(row.id) as conn:
            seat = self._seat_named(conn, row, name)
            seats.set_limit(conn, seat.id, monthly_limit)
        return self.view()

    @user_facing
    def claim(self, ids: Sequence[int], force: bool = False) -> ClaimResult:
        """Claim these prospects for the user's seat. One a teammate holds is skipped with a
        sentence naming them, unless ``force`` takes it over."""
        return self._own(ids, claim=True, force=force)

    @user_facing
    def release(self, ids: Sequence[int], force: bool = False) -> ClaimResult:
        """Release the user's claims on these prospects (``force``: a teammate's too)."""
        return self._own(ids, claim=False, force=force)

    def _own(self, ids: Sequence[int], *, claim: bool, force: bool) -> ClaimResult:
        row = self._pools.row()
        changed: list[int] = []
        skipped: list[tuple[int, str]] = []
        with self._ctx.write() as conn:
            found = self._pools.seats(conn, row)
            me = self._pools.sender_seat(conn, row, found)
            if me is None:
                raise UserError(
                    f"Pool {row.name!r} has no seats: claims are for team pools (add seats with"
                    " `inmail-tui seats add NAME`)."
                )
            names = {s.id: s.name for s in found}
            for prospect_id in dict.fromkeys(ids):
                prospect = prospects.get(conn, prospect_id)
                if prospect is None:
                    skipped.append((prospect_id, "no such prospect"))
                    continue
                why = _refusal(prospect, me.id, names, claim=claim, force=force)
                if why:
                    skipped.append((prospect_id, why))
                    continue
                changed.append(prospect_id)
            if claim:
                prospects.set_owner(conn, changed, me.id, self._ctx.today)
            else:
                prospects.set_owner(conn, changed, None, None)
        return ClaimResult(len(changed), skipped)

    def _seat_named(self, conn: Connection, row: pools.PoolRow, name: str) -> seats.SeatRow:
        found = self._pools.seats(conn, row)
        if not found:
            raise UserError(
                f"Pool {row.name!r} has no seats yet: add one with `inmail-tui seats add NAME`."
            )
        return seat_named(row, found, name)


def _refusal(
    prospect: ProspectRow, me: int, names: dict[int, str], *, claim: bool, force: bool
) -> str:
    """Why a claim or a release of ``prospect`` by seat ``me`` is skipped ("" when it is not)."""
    who = prospect.full_name or prospect.url
    owner = prospect.owner_seat
    if claim and owner == me:
        return f"{who} is already yours (since {_day(prospect.claimed_on)})"
    if not claim and owner is None:
        return f"{who} is not claimed"
    if owner is not None and owner != me and not force:
        holder = names.get(owner, "another seat")
        verb = "claim" if claim else "release"
        return (
            f"{who} is claimed by {holder} since {_day(prospect.claimed_on)}: ask them,"
            f" or {verb} with --force"
        )
    return ""


def _day(day: date | None) -> str:
    return "an unknown day" if day is None else full_day(day)
