"""The rows the daily agenda reads, by index, and its holds (``agenda_hold``).

Every read names one status (or one cost class and fit) and reads it through an index, oldest
first, with a limit: the agenda never scans the prospect table, whatever its size.

- new prospects an InMail would cost a credit, for connection requests: the (cost_class,
  priority) index, one fit at a time in id order, as ``store.spend_candidates`` reads them;
- requests pending long enough for an InMail, and unanswered ones (no InMail before), one fit
  at a time, oldest first: ``ix_prospect_status_on`` (status, status_on, priority, cost_class),
  whose fit and cost class are read from the index before the row is;
- requests pending long enough to withdraw, and the follow-ups (replied, accepted, connected):
  the same index, oldest first and on the same day the weaker fit first, in the index's own
  order (undated rows after the dated ones).

Each function leaves out the prospects held off the agenda for that action (``held``); the core
(``core.agenda.build_agenda``) decides the lines. The caller owns the transaction.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    Integer,
    Select,
    String,
    Table,
    bindparam,
    exists,
    func,
    insert,
    literal,
    select,
)
from sqlmodel import SQLModel

from inmail_tui.core.agenda import Action, Candidate, HoldKind
from inmail_tui.core.calendar import LAST_DAY
from inmail_tui.core.model import Status
from inmail_tui.core.rules_table import Verdict
from inmail_tui.store import driver_rows
from inmail_tui.store.prospect_rows import PROSPECT
from inmail_tui.store.touches import TOUCH
from inmail_tui.store.tx import IN_CHUNK

HOLD: Table = SQLModel.metadata.tables["agenda_hold"]
_ACTIONS = {action.value: action for action in Action}
_STATUSES = {status.value: status for status in Status}
_p = PROSPECT.c

# The statuses whose follow-up is due (core.agenda: answer a reply; message an acceptance).
FOLLOW_UPS: dict[Action, tuple[Status, ...]] = {
    Action.ANSWER: (Status.REPLIED,),
    Action.MESSAGE: (Status.ACCEPTED, Status.CONNECTED),
}


def _never_inmailed() -> ColumnElement[bool]:
    """No InMail was ever sent to them: a request or message gone unanswered then leaves an
    InMail (``Route.DIRECT``); the rows read so say ``inmail_before`` False."""
    return ~exists().where(TOUCH.c.prospect_id == _p.id, TOUCH.c.kind == Status.INMAIL_SENT.value)


def _columns() -> Select[Any]:
    """The candidate columns (``core.agenda.Candidate``)."""
    return select(
        _p.id,
        _p.full_name,
        _p.url,
        _p.priority,
        _p.status,
        _p.status_on,
        _p.cost_class,
        _p.email != "",
        literal(False),
        _p.blocked,
    )


_new = tuple.__new__  # a Candidate made without its generated __new__ (hundreds per agenda)


def _candidates(rows: Iterable[Any], stored: bool) -> list[Candidate]:
    """The candidates of rows of ``_columns()``: as SQLAlchemy converts them, or as SQLite
    stores them (``stored``: the day as ISO text, the booleans as 0 or 1)."""
    statuses, day = _STATUSES, date.fromisoformat
    return [
        _new(
            Candidate,
            (
                pid, name, url, fit, statuses[status],
                (day(on) if on else None) if stored else on,
                cost or "", bool(email), bool(sent), bool(blocked),
            ),
        )
        for pid, name, url, fit, status, on, cost, email, sent, blocked in rows
    ]  # fmt: skip


def _credit_only() -> list[ColumnElement[bool]]:
    """An InMail would cost a credit and no email is known. ``cost_class`` is wrapped so that
    the status index, not the (cost_class, priority) one, reads the rows."""
    return [func.coalesce(_p.cost_class, "") == Verdict.CREDIT.value, _p.email == ""]


_LIMIT = bindparam("limit", type_=Integer)
_FIT = bindparam("fit", type_=Integer)
_STATUS = bindparam("status", type_=String)
_SINCE = bindparam("since", type_=Date)


@cache
def _statement(kind: str, held: bool) -> Select[Any]:
    """Each read's statement, built once: its values are bound parameters (``limit``, ``fit``,
    ``status``, ``since``, ``min_fit``, and ``held``, the ids left out, when ``held``)."""
    columns = _columns()
    if kind == "new":  # the (cost_class, priority) index, one fit at a time in id order
        statement = columns.where(
            _p.cost_class == Verdict.CREDIT.value,
            _p.priority == _FIT,
            _p.email == "",
            _p.status == Status.NEW.value,
        ).order_by(_p.id)
    elif kind in ("pending", "unanswered"):  # one fit at a time, the oldest first
        statement = columns.where(
            _p.status == _STATUS, _p.status_on <= _SINCE, _p.priority + 0 == _FIT, *_credit_only()
        ).order_by(_p.status_on, _p.id)
        if kind == "unanswered":
            statement = statement.where(_never_inmailed())
    elif kind == "unanswered_undated":  # due at once, after the dated ones
        statement = columns.where(
            _p.status == Status.NO_RESPONSE.value,
            _p.status_on.is_(None),
            _p.priority + 0 >= bindparam("min_fit", type_=Integer),
            *_credit_only(),
            _never_inmailed(),
        ).order_by(_p.id)
    else:  # "oldest": a status's rows dated on or before ``since``, or "undated"
        base = columns.where(_p.status == _STATUS, _p.blocked.is_(False))
        if kind == "oldest":
            # the index's own order (status_on, then the weaker fit): no sort, whatever the range
            order = (_p.status_on, _p.priority, _p.cost_class, _p.id)
            statement = base.where(_p.status_on <= _SINCE).order_by(*order)
        else:
            statement = base.where(_p.status_on.is_(None)).order_by(_p.id)
    if held:
        statement = statement.where(_p.id.not_in(bindparam("held", expanding=True)))
    return statement.limit(_LIMIT)


def _read(conn: Connection, kind: str, held: Collection[int], **values: object) -> list[Candidate]:
    """The candidates of one read. On SQLite the statement, compiled once, runs on the driver's
    connection and its stored rows become candidates in one step (``store.driver_rows``)."""
    if held:
        values["held"] = sorted(held)
    statement = _statement(kind, bool(held))
    if conn.dialect.name != "sqlite":
        return _candidates(conn.execute(statement, values).all(), stored=False)
    return _candidates(driver_rows.kept(statement, conn.dialect).stored(conn, values), stored=True)


def new_for_requests(conn: Connection, limit: int, held: Collection[int] = ()) -> list[Candidate]:
    """At most ``limit`` new prospects an InMail would cost a credit for (no email known), the
    strongest fit first, then the oldest in the database."""
    found: list[Candidate] = []
    for fit in range(5, 0, -1):  # one index range per fit: in id order without a sort
        left = limit - len(found)
        if left <= 0:
            break
        found += _read(conn, "new", held, fit=fit, limit=left)
    return found


def inmails_due(
    conn: Connection,
    *,
    today: date,
    wait_days: int,
    strong_fit: int,
    min_fit: int,
    limit: int,
    held: Collection[int] = (),
) -> list[Candidate]:
    """Prospects an InMail may go to today, the strongest fit first and within a fit the oldest
    first, enough that the first ``limit`` of them in that order are all there: requests of fit
    ``strong_fit`` or more pending since ``wait_days`` ago or before, and requests or messages
    gone unanswered (fit ``min_fit`` or more, never sent an InMail)."""
    ready_by = today - timedelta(days=wait_days)
    found: list[Candidate] = []
    for fit in range(5, max(1, min_fit) - 1, -1):
        reads = [("unanswered", Status.NO_RESPONSE, today)]
        if fit >= strong_fit:
            reads.insert(0, ("pending", Status.CONNECT_REQUESTED, ready_by))
        for kind, status, since in reads:
            left = limit - len(found)
            if left <= 0:
                return found
            found += _read(
                conn, kind, held, status=status.value, since=since, fit=fit, limit=left + 1
            )
    left = limit - len(found)
    if left > 0:
        found += _read(conn, "unanswered_undated", held, min_fit=min_fit, limit=left + 1)
    return found


def _oldest(
    conn: Connection, status: Status, limit: int, held: Collection[int], since: date | None = None
) -> list[Candidate]:
    """The ``limit`` rows of ``status`` that reached it the longest ago, on the same day the
    weaker fit first (those dated on or before ``since``, when given; else the dated ones, then
    the undated), not blocked."""
    last = since or LAST_DAY
    found = _read(conn, "oldest", held, status=status.value, since=last, limit=limit)
    if since is None and len(found) < limit:
        found += _read(conn, "undated", held, status=status.value, limit=limit - len(found))
    return found


def to_withdraw(
    conn: Connection, pending_since: date, limit: int, held: Collection[int] = ()
) -> list[Candidate]:
    """Connection requests pending since ``pending_since`` or before, the oldest first."""
    return _oldest(conn, Status.CONNECT_REQUESTED, limit, held, since=pending_since)


def follow_ups(
    conn: Connection, action: Action, limit: int, held: Collection[int] = ()
) -> list[Candidate]:
    """The prospects ``action`` (a follow-up of ``FOLLOW_UPS``) is due for, the oldest first."""
    found: list[Candidate] = []
    for status in FOLLOW_UPS[action]:
        found += _oldest(conn, status, limit, held)
    return found


def by_urls(conn: Connection, urls: Iterable[str]) -> dict[str, Candidate]:
    """The prospects of these profile URLs (by the URL's unique index), by URL."""
    found: dict[str, Candidate] = {}
    wanted = sorted(set(urls))
    for start in range(0, len(wanted), IN_CHUNK):
        statement = _columns().where(_p.url.in_(wanted[start : start + IN_CHUNK]))
        for candidate in _candidates(conn.execute(statement).all(), stored=False):
            found[candidate.url] = candidate
    return found


_HELD = select(HOLD.c.prospect_id, HOLD.c.action).where(HOLD.c.until > bindparam("day", type_=Date))


def holds(conn: Connection, day: date) -> dict[Action, set[int]]:
    """The prospects held off each action's lines on ``day`` (a hold until a later day)."""
    found: dict[Action, set[int]] = {}
    for prospect_id, word in driver_rows.rows(conn, _HELD, {"day": day}):
        action = _ACTIONS.get(word)
        if action is not None:  # else a word of a newer release: not ours to show
            found.setdefault(action, set()).add(prospect_id)
    return found


def add_hold(
    conn: Connection,
    prospect_id: int,
    action: Action,
    until: date,
    kind: HoldKind,
    now: datetime,
) -> None:
    conn.execute(
        insert(HOLD).values(
            prospect_id=prospect_id,
            action=action.value,
            until=until,
            kind=kind.value,
            created_at=now,
        )
    )
