"""The rows the daily agenda reads, by index, and its holds (``agenda_hold``).

Every read names one status (or one cost class and fit) and reads it through an index, oldest
first, with a limit: the agenda never scans the prospect table, whatever its size.

- new prospects an InMail would cost a credit, for connection requests: the (cost_class,
  priority) index, one fit at a time in id order, as ``store.spend_candidates`` reads them;
- requests pending long enough for an InMail, and unanswered ones (no InMail before), one fit
  at a time, oldest first: ``ix_prospect_status_on`` (status, status_on, id);
- requests pending long enough to withdraw, and the follow-ups (replied, accepted, connected):
  the same index, oldest first (undated rows after the dated ones).

Each function leaves out the prospects held off the agenda for that action (``held``); the core
(``core.agenda.build_agenda``) decides the lines. The caller owns the transaction.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    Table,
    exists,
    func,
    insert,
    literal,
    select,
)
from sqlmodel import SQLModel

from inmail_tui.core.agenda import Action, Candidate, HoldKind
from inmail_tui.core.model import Status
from inmail_tui.core.rules_table import Verdict
from inmail_tui.store.prospect_rows import PROSPECT
from inmail_tui.store.touches import TOUCH

HOLD: Table = SQLModel.metadata.tables["agenda_hold"]
_ACTIONS = {action.value: action for action in Action}
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


def _candidate(row: Any) -> Candidate:
    pid, name, url, fit, status, status_on, cost, email, sent, blocked = row
    return Candidate(
        pid, name, url, fit, Status(status), status_on, cost or "", bool(email), bool(sent),
        bool(blocked),
    )  # fmt: skip


def _not_held(statement: Select[Any], held: Collection[int]) -> Select[Any]:
    return statement.where(_p.id.not_in(sorted(held))) if held else statement


def _credit_only() -> list[ColumnElement[bool]]:
    """An InMail would cost a credit and no email is known. ``cost_class`` is wrapped so that
    the status index, not the (cost_class, priority) one, reads the rows."""
    return [func.coalesce(_p.cost_class, "") == Verdict.CREDIT.value, _p.email == ""]


def _read(conn: Connection, statement: Select[Any]) -> list[Candidate]:
    return [_candidate(row) for row in conn.execute(statement)]


def new_for_requests(conn: Connection, limit: int, held: Collection[int] = ()) -> list[Candidate]:
    """At most ``limit`` new prospects an InMail would cost a credit for (no email known), the
    strongest fit first, then the oldest in the database."""
    found: list[Candidate] = []
    for fit in range(5, 0, -1):  # one index range per fit: in id order without a sort
        left = limit - len(found)
        if left <= 0:
            break
        statement = (
            _columns()
            .where(
                _p.cost_class == Verdict.CREDIT.value,
                _p.priority == fit,
                _p.email == "",
                _p.status == Status.NEW.value,
            )
            .order_by(_p.id)
            .limit(left)
        )
        found += _read(conn, _not_held(statement, held))
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
        left = limit - len(found)
        if left <= 0:
            break
        queries = []
        if fit >= strong_fit:
            queries.append(
                _columns().where(
                    _p.status == Status.CONNECT_REQUESTED.value,
                    _p.status_on <= ready_by,
                    _p.priority + 0 == fit,
                    *_credit_only(),
                )
            )
        queries.append(
            _columns().where(
                _p.status == Status.NO_RESPONSE.value,
                _p.status_on <= today,
                _p.priority + 0 == fit,
                *_credit_only(),
                _never_inmailed(),
            )
        )
        for statement in queries:
            ordered = statement.order_by(_p.status_on, _p.id).limit(left + 1)
            found += _read(conn, _not_held(ordered, held))
    if len(found) < limit:  # unanswered without a date: due at once, after the dated ones
        statement = _columns().where(
            _p.status == Status.NO_RESPONSE.value,
            _p.status_on.is_(None),
            _p.priority + 0 >= min_fit,
            *_credit_only(),
            _never_inmailed(),
        )
        found += _read(conn, _not_held(statement.order_by(_p.id).limit(limit + 1), held))
    return found


def _oldest(
    conn: Connection, status: Status, limit: int, held: Collection[int], since: date | None = None
) -> list[Candidate]:
    """The ``limit`` rows of ``status`` that reached it the longest ago (those dated on or
    before ``since``, when given; else the dated ones, then the undated), not blocked."""
    base = _columns().where(_p.status == status.value, _p.blocked.is_(False))
    dated = base.where(_p.status_on <= since) if since else base.where(_p.status_on.is_not(None))
    found = _read(conn, _not_held(dated.order_by(_p.status_on, _p.id).limit(limit), held))
    if since is None and len(found) < limit:
        undated = base.where(_p.status_on.is_(None)).order_by(_p.id).limit(limit - len(found))
        found += _read(conn, _not_held(undated, held))
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
    for start in range(0, len(wanted), 500):
        statement = _columns().where(_p.url.in_(wanted[start : start + 500]))
        for candidate in _read(conn, statement):
            found[candidate.url] = candidate
    return found


def exists_prospect(conn: Connection, prospect_id: int) -> bool:
    return conn.execute(select(_p.id).where(_p.id == prospect_id)).first() is not None


def holds(conn: Connection, day: date) -> dict[Action, set[int]]:
    """The prospects held off each action's lines on ``day`` (a hold until a later day)."""
    found: dict[Action, set[int]] = {}
    statement = select(HOLD.c.prospect_id, HOLD.c.action).where(HOLD.c.until > day)
    for prospect_id, word in conn.execute(statement):
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
