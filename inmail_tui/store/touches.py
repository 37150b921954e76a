"""Outreach events (touches): the pipeline history of each prospect, and the raw rows that the
core's analytics group by variant, template and tag.

The table is only ever appended to. An undo is a touch too (``core.undo``): the history that
decides (``histories``), the analytics' rows and the monthly and weekly counts leave out the undo
touches and the touches they undid; ``touches`` gives every touch, as it happened."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    Exists,
    Select,
    Table,
    bindparam,
    exists,
    func,
    insert,
    select,
)
from sqlmodel import SQLModel

from inmail_tui.core.model import Status
from inmail_tui.core.undo import NOTE_KIND, UNDO_PREFIX, undone_by
from inmail_tui.store import driver_rows
from inmail_tui.store.prospect_rows import PROSPECT, tag_words
from inmail_tui.store.tx import id_chunks

TOUCH: Table = SQLModel.metadata.tables["touch"]
DRAFT: Table = SQLModel.metadata.tables["draft"]


@dataclass(frozen=True, slots=True)
class TouchRow:
    id: int
    prospect_id: int
    kind: str  # a core.model.Status value, or "note"
    on: date
    channel: str | None
    draft_id: int | None
    ledger_id: int | None
    note: str


class OutreachRow(NamedTuple):
    """One touch with what analytics group it by: the draft's variant and template, the
    prospect's user tags (a tuple: the spend plan's rates read every touch of the InMailed)."""

    prospect_id: int
    kind: str
    on: date
    channel: str | None
    variant: str  # "" when the touch has no draft or the draft no variant
    template_id: int | None
    user_tags: tuple[str, ...]


def add_touch(
    conn: Connection,
    prospect_id: int,
    kind: str,
    on: date,
    channel: str | None = None,
    draft_id: int | None = None,
    ledger_id: int | None = None,
    note: str = "",
    seat_id: int | None = None,
) -> int:
    """Record an outreach event (by ``seat_id``, on a team pool); returns its id."""
    result = conn.execute(
        insert(TOUCH).values(
            prospect_id=prospect_id,
            kind=kind,
            on=on,
            channel=channel,
            draft_id=draft_id,
            ledger_id=ledger_id,
            note=note,
            seat_id=seat_id,
        )
    )
    key = result.inserted_primary_key
    assert key is not None  # an INSERT of one row always has one
    return int(key[0])


def touches(conn: Connection, prospect_id: int) -> list[TouchRow]:
    """A prospect's history, oldest first."""
    c = TOUCH.c
    statement = (
        select(c.id, c.prospect_id, c.kind, c.on, c.channel, c.draft_id, c.ledger_id, c.note)
        .where(c.prospect_id == prospect_id)
        .order_by(c.on, c.id)
    )
    return [TouchRow(*row) for row in conn.execute(statement)]


def undone(conn: Connection, prospect_ids: Iterable[int] | None = None) -> set[int]:
    """The ids of the undo touches and of the touches they undid (of ``prospect_ids``, or of
    everyone): what the history that decides leaves out. Undo touches are few, so this is one
    small query."""
    c = TOUCH.c
    statement = select(c.id, c.note).where(c.kind != NOTE_KIND, c.note.like(UNDO_PREFIX + "%"))
    found: set[int] = set()
    chunks = [None] if prospect_ids is None else list(id_chunks(prospect_ids))
    for chunk in chunks:
        part = statement if chunk is None else statement.where(c.prospect_id.in_(chunk))
        for touch_id, note in conn.execute(part):
            target = undone_by(note)
            if target is not None:
                found.update((touch_id, target))
    return found


def outreach_rows(
    conn: Connection,
    since: date | None = None,
    until: date | None = None,
    *,
    inmailed_only: bool = False,
) -> list[OutreachRow]:
    """Every touch that stands (in a date range, both ends included; undone ones and undos left
    out) with its draft's variant and template and the prospect's user tags, by date: the input
    of the response-rate analytics. ``inmailed_only``: only the touches of prospects ever sent
    an InMail (what the spend plan's expected rates count). On SQLite the rows are read on the
    driver's connection (``store.driver_rows``) and made into rows in one step."""
    gone = undone(conn)
    statement = _outreach_statement(since is not None, until is not None, inmailed_only)
    values = {name: day for name, day in (("since", since), ("until", until)) if day is not None}
    if conn.dialect.name == "sqlite":
        day = date.fromisoformat
        stored = driver_rows.kept(statement, conn.dialect).stored(conn, values)
        rows: Iterable[tuple[Any, ...]] = (
            (touch_id, pid, kind, day(on), channel, variant, template_id, tags)
            for touch_id, pid, kind, on, channel, variant, template_id, tags in stored
        )
    else:
        rows = conn.execute(statement, values)
    return [
        _new(OutreachRow, (pid, kind, on, channel, variant or "", template_id, tag_words(tags)))
        for touch_id, pid, kind, on, channel, variant, template_id, tags in rows
        if touch_id not in gone
    ]


_new = tuple.__new__  # a row made without its generated __new__ (thousands per read)


@cache
def _outreach_statement(since: bool, until: bool, inmailed_only: bool) -> Select[Any]:
    """``outreach_rows``'s statement, built once for each set of filters (its values bound:
    ``since``, ``until``)."""
    c = TOUCH.c
    statement = (
        select(
            c.id,
            c.prospect_id,
            c.kind,
            c.on,
            c.channel,
            DRAFT.c.variant,
            DRAFT.c.template_id,
            PROSPECT.c.user_tags,
        )
        .join(PROSPECT, PROSPECT.c.id == c.prospect_id)
        .outerjoin(DRAFT, DRAFT.c.id == c.draft_id)
        .order_by(c.on, c.id)
    )
    if since:
        statement = statement.where(c.on >= bindparam("since", type_=Date))
    if until:
        statement = statement.where(c.on <= bindparam("until", type_=Date))
    if inmailed_only:
        statement = statement.where(
            c.prospect_id.in_(select(c.prospect_id).where(c.kind == Status.INMAIL_SENT.value))
        )
    return statement


@dataclass(frozen=True, slots=True)
class Usage:
    """What the sender used of LinkedIn's free allowances (the rules' monthly/weekly limits)."""

    open_profile_this_month: int  # free InMails to Open Profiles since the 1st
    group_messages_this_month: int  # free messages to fellow group members since the 1st
    invitations_this_week: int  # connection requests in the last 7 days, today included


def usage(conn: Connection, today: date) -> Usage:
    """Counts of today's month and week, from the touches (one query).

    The query reads the touches of the window and looks up each one's prospect by its id (a
    correlated ``EXISTS``), so it is driven by the touches, the user's own few, whatever the
    planner's statistics say. As a join, SQLite could pick the other order (every prospect,
    probing the touches of each) when ``ANALYZE`` had seen an empty ``touch`` table: a million
    prospects read on every page of the queue."""
    month = today.replace(day=1)
    week = today - timedelta(days=6)
    gone = undone(conn)
    values: dict[str, object] = {
        "month": month,
        "week": week,
        "start": min(month, week),
        "today": today,
    }
    if gone:
        values["gone"] = sorted(gone)
    [row] = driver_rows.rows(conn, _usage_statement(bool(gone)), values)
    return Usage(int(row[0]), int(row[1]), int(row[2]))


@cache
def _usage_statement(leaves_out: bool) -> Select[int, int, int]:
    """``usage``'s statement, built once (its values bound: ``month``, ``week``, ``start``,
    ``today``, and ``gone``, the undone touches, when ``leaves_out``)."""
    c, p = TOUCH.c, PROSPECT.c
    month = bindparam("month", type_=Date)
    week = bindparam("week", type_=Date)

    def prospect_is(*facts: ColumnElement[bool]) -> Exists:
        return exists().where(p.id == c.prospect_id, *facts)

    free_inmail = (
        (c.kind == Status.INMAIL_SENT.value)
        & c.ledger_id.is_(None)
        & prospect_is(p.open_profile.is_(True))
    )
    group_message = (c.kind == Status.MESSAGED.value) & prospect_is(
        p.shares_group.is_(True), p.degree != 1
    )
    statement = (
        select(
            func.count().filter(free_inmail & (c.on >= month)),
            func.count().filter(group_message & (c.on >= month)),
            func.count().filter((c.kind == Status.CONNECT_REQUESTED.value) & (c.on >= week)),
        )
        .select_from(TOUCH)
        .where(c.on >= bindparam("start", type_=Date), c.on <= bindparam("today", type_=Date))
    )
    if leaves_out:
        statement = statement.where(c.id.not_in(bindparam("gone", expanding=True)))
    return statement


def histories(
    conn: Connection, prospect_ids: Iterable[int] | None = None
) -> dict[int, list[tuple[str, date]]]:
    """Each prospect's status touches that stand (kind, date), oldest first: of ``prospect_ids``,
    or of every prospect that has any (touches are the user's own sends and marks: far fewer than
    rows). Undone touches and the undos are left out."""
    c = TOUCH.c
    statement = (
        select(c.id, c.prospect_id, c.kind, c.on).where(c.kind != NOTE_KIND).order_by(c.on, c.id)
    )
    ids = None if prospect_ids is None else list(prospect_ids)
    gone = undone(conn, ids)
    found: dict[int, list[tuple[str, date]]] = {}
    chunks = [None] if ids is None else list(id_chunks(ids))
    for chunk in chunks:
        part = statement if chunk is None else statement.where(c.prospect_id.in_(chunk))
        for touch_id, prospect_id, kind, on in conn.execute(part):
            if touch_id not in gone:
                found.setdefault(prospect_id, []).append((kind, on))
    return found


def seat_inmails(
    conn: Connection, prospect_ids: Iterable[int], but: int | None
) -> dict[int, tuple[int, date]]:
    """For each of ``prospect_ids``: the first InMail that stands sent to them by a seat other
    than ``but`` (its seat id and day). Touches recorded without a seat (a solo pool) are left
    out."""
    c = TOUCH.c
    ids = list(prospect_ids)
    statement = (
        select(c.id, c.prospect_id, c.seat_id, c.on)
        .where(c.kind == Status.INMAIL_SENT.value, c.seat_id.is_not(None))
        .order_by(c.on, c.id)
    )
    if but is not None:
        statement = statement.where(c.seat_id != but)
    gone = undone(conn, ids)
    found: dict[int, tuple[int, date]] = {}
    for chunk in id_chunks(ids):
        for touch_id, prospect_id, seat_id, on in conn.execute(
            statement.where(c.prospect_id.in_(chunk))
        ):
            if touch_id not in gone:
                found.setdefault(prospect_id, (seat_id, on))
    return found
