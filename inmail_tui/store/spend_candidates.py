"""The rows the spend plan reads: only the prospects that may need a credit, by index.

An InMail to them costs a credit (the stored ``cost_class``), no email address is known, and
they are either new (a connection request comes first: the strongest fits only, as many as the
invitation budget can reach by the plan's last day), waiting on a connection request long enough
for an InMail to fall due by then, or left unanswered by a request or a message. Each query
names one status and reads it by an existing index (no migration: see ``_select``); the core
decides what each row's route is (``core.spend_plan.route_of``).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import cast

from sqlalchemy import Connection, Select, exists, func, literal, select

from inmail_tui.core.model import Status
from inmail_tui.core.rules_table import Verdict
from inmail_tui.store import driver_rows
from inmail_tui.store.prospect_rows import PROSPECT
from inmail_tui.store.touches import TOUCH, undone
from inmail_tui.store.tx import id_chunks

_p = PROSPECT.c


# id, priority, status, status_on, user_tags, an InMail was sent before: the rows as
# driver_rows gives them on SQLite (SQLAlchemy's rows elsewhere), which unpack like these
# tuples (tens of thousands: a named tuple made per row cost a fifth of the read)
CandidateRow = tuple[int, int, str, date | None, str, bool]


def _select(
    *, by_status: bool, inmail: bool = False
) -> Select[tuple[int, int, str, date | None, str, bool]]:
    """The candidate columns of prospects an InMail costs a credit and with no email known.

    ``by_status``: the query names one status, whose index (``ix_prospect_status``) then reads
    only that status's rows. ``cost_class`` and ``priority`` are wrapped so that SQLite does not
    pick the (cost_class, priority) index instead, which would read every credit row of those
    fits (measured in bench/spend_plan.py: 4 times slower on 1,000,000 prospects).
    ``inmail``: whether an InMail was ever sent to them (asked only where it decides).
    """
    cost = func.coalesce(_p.cost_class, "") if by_status else _p.cost_class
    sent = (
        exists().where(TOUCH.c.prospect_id == _p.id, TOUCH.c.kind == Status.INMAIL_SENT.value)
        if inmail
        else literal(False)
    )
    return select(_p.id, _p.priority, _p.status, _p.status_on, _p.user_tags, sent).where(
        cost == Verdict.CREDIT.value, _p.email == ""
    )


def candidates(
    conn: Connection, *, ready_by: date, strong_fit: int, min_fit: int, new_limit: int | None
) -> list[CandidateRow]:
    """The candidate rows: requests pending since ``ready_by`` or before (of fit
    ``strong_fit`` or more), unanswered ones of fit ``min_fit`` or more, and at most
    ``new_limit`` new prospects (None: all), by fit then id."""
    pending = _select(by_status=True).where(
        _p.status == Status.CONNECT_REQUESTED.value,
        _p.priority + 0 >= max(strong_fit, min_fit),
        _p.status_on <= ready_by,
    )
    unanswered = _select(by_status=True, inmail=True).where(
        _p.status == Status.NO_RESPONSE.value, _p.priority + 0 >= min_fit
    )
    found: list[CandidateRow] = []
    for statement in (pending, unanswered):
        found += cast("list[CandidateRow]", driver_rows.rows(conn, statement))
    left = new_limit
    for fit in range(5, 0, -1):  # one index range per fit: ordered by id without a sort
        if left is not None and left <= 0:
            break
        # the (cost_class, priority) index, in id order: no sort, stops at the limit
        statement = (
            _select(by_status=False)
            .where(_p.status == Status.NEW.value, _p.priority == fit)
            .order_by(_p.id)
        )
        if left is not None:
            statement = statement.limit(left)
        rows = cast("list[CandidateRow]", driver_rows.rows(conn, statement))
        found += rows
        if left is not None:
            left -= len(rows)
    return found


def invitations_by_day(conn: Connection, today: date) -> dict[date, int]:
    """Connection requests sent on each of the 7 days up to today (undone ones left out)."""
    c = TOUCH.c
    statement = select(c.id, c.prospect_id, c.on).where(
        c.kind == Status.CONNECT_REQUESTED.value, c.on > today - timedelta(days=7), c.on <= today
    )  # by ix_touch_on: a week of requests, a few hundred at most
    sent = conn.execute(statement).all()
    # the undos among those prospects' touches only (by ix_touch_prospect), not the whole table
    gone = undone(conn, sorted({prospect_id for _id, prospect_id, _on in sent})) if sent else set()
    counts: dict[date, int] = {}
    for touch_id, _prospect, on in sent:
        if touch_id not in gone:
            counts[on] = counts.get(on, 0) + 1
    return counts


def names(conn: Connection, ids: list[int]) -> dict[int, tuple[str, str]]:
    """The full name and profile URL of each of ``ids``."""
    found: dict[int, tuple[str, str]] = {}
    for chunk in id_chunks(ids):
        statement = select(_p.id, _p.full_name, _p.url).where(_p.id.in_(chunk))
        for prospect_id, name, url in conn.execute(statement):
            found[prospect_id] = (name, url)
    return found
