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
from typing import Any

from sqlalchemy import Connection, Date, Integer, Select, bindparam, exists, func, literal, select

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


def _select(*, by_status: bool, inmail: bool = False) -> Select[Any]:
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


# The three reads, built once (their values bound): on SQLite each is compiled once and its
# rows read from the driver (store.driver_rows).
_PENDING = _select(by_status=True).where(
    _p.status == Status.CONNECT_REQUESTED.value,
    _p.priority + 0 >= bindparam("least_fit", type_=Integer),
    _p.status_on <= bindparam("ready_by", type_=Date),
)
_UNANSWERED = _select(by_status=True, inmail=True).where(
    _p.status == Status.NO_RESPONSE.value, _p.priority + 0 >= bindparam("min_fit", type_=Integer)
)
# one index range per fit: the (cost_class, priority) index, in id order (no sort)
_NEW = (
    _select(by_status=False)
    .where(_p.status == Status.NEW.value, _p.priority == bindparam("fit", type_=Integer))
    .order_by(_p.id)
)
_NEW_SOME = _NEW.limit(bindparam("limit", type_=Integer))


def _read(conn: Connection, statement: Select[Any], **values: object) -> list[CandidateRow]:
    """The rows of one read as ``CandidateRow`` tuples (on SQLite made from the stored values
    in one step: a generic per-cell conversion was a fifth of the plan)."""
    if conn.dialect.name != "sqlite":
        return [tuple(row) for row in conn.execute(statement, values).all()]
    day = date.fromisoformat
    return [
        (pid, fit, status, day(on) if on else None, tags, bool(sent))
        for pid, fit, status, on, tags, sent in driver_rows.kept(statement, conn.dialect).stored(
            conn, values
        )
    ]


def candidates(
    conn: Connection, *, ready_by: date, strong_fit: int, min_fit: int, new_limit: int | None
) -> list[CandidateRow]:
    """The candidate rows: requests pending since ``ready_by`` or before (of fit
    ``strong_fit`` or more), unanswered ones of fit ``min_fit`` or more, and at most
    ``new_limit`` new prospects (None: all), by fit then id."""
    found = _read(conn, _PENDING, least_fit=max(strong_fit, min_fit), ready_by=ready_by)
    found += _read(conn, _UNANSWERED, min_fit=min_fit)
    left = new_limit
    for fit in range(5, 0, -1):
        if left is None:
            found += _read(conn, _NEW, fit=fit)
            continue
        if left <= 0:
            break
        rows = _read(conn, _NEW_SOME, fit=fit, limit=left)
        found += rows
        left -= len(rows)
    return found


_c = TOUCH.c
# by ix_touch_on: a week of requests, a few hundred at most
_INVITATIONS = select(_c.id, _c.prospect_id, _c.on).where(
    _c.kind == Status.CONNECT_REQUESTED.value,
    _c.on > bindparam("after", type_=Date),
    _c.on <= bindparam("today", type_=Date),
)


def invitations_by_day(conn: Connection, today: date) -> dict[date, int]:
    """Connection requests sent on each of the 7 days up to today (undone ones left out)."""
    values = {"after": today - timedelta(days=7), "today": today}
    sent = driver_rows.rows(conn, _INVITATIONS, values)
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
