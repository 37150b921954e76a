"""Shared value types of the domain: channels, degrees, prospects' facts, ledger events, statuses.

These are the words every layer speaks; the store maps them to rows, the TUI shows them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import IntEnum, StrEnum


class Channel(StrEnum):
    INMAIL = "inmail"
    MESSAGE = "message"
    CONNECT = "connect"
    EMAIL = "email"


class Degree(IntEnum):
    FIRST = 1
    SECOND = 2
    THIRD = 3
    OUT = 4  # out of network (beyond the 3rd degree)

    @property
    def tag(self) -> str:
        return {1: "1st", 2: "2nd", 3: "3rd", 4: "OUT"}[self.value]


class EventKind(StrEnum):
    """Ledger events. Amounts are signed: what the event does to the balance."""

    OPEN = "open"  # the balance LinkedIn showed when the pool was set up
    GRANT = "grant"
    FORFEIT = "forfeit"  # over the cap at a grant
    SPEND = "spend"
    CREDIT_BACK = "credit_back"
    PURCHASE = "purchase"
    EXPIRE = "expire"  # a FIFO lot past its expiry (policy, off by default)
    ADJUST = "adjust"  # reconcile with the number LinkedIn shows
    CANCEL = "cancel"  # subscription ended: the pool goes to 0


@dataclass(frozen=True, slots=True)
class LedgerEvent:
    kind: EventKind
    on: date
    amount: int
    ref: str | None = None  # what caused it: a prospect URL, a draft id
    note: str = ""
    key: str | None = None  # idempotency key, unique per pool: "open", "grant:2026-02-01", ...
    id: int | None = None  # the store's id, once stored


class Status(StrEnum):
    """A prospect's place in the pipeline (recorded as Touch events with dates)."""

    NEW = "new"
    CONNECT_REQUESTED = "connection_requested"
    CONNECTED = "connected"
    INMAIL_SENT = "inmail_sent"
    MESSAGED = "messaged"
    EMAILED = "emailed"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    REPLIED = "replied"
    NO_RESPONSE = "no_response"
    DO_NOT_CONTACT = "do_not_contact"


class Outcome(StrEnum):
    ACCEPTED = "accepted"
    DECLINED = "declined"
    REPLIED = "replied"
    NO_RESPONSE = "no-response"


@dataclass(frozen=True, slots=True)
class ProspectFacts:
    """What the rules engine needs to know about a prospect."""

    degree: Degree = Degree.SECOND
    premium: bool = False
    open_profile: bool = False
    accepts_inmail: bool = True
    blocked: bool = False
    shares_group: bool = False
    applicant: bool = False
    verified_email: bool = False
    priority: int = 3  # fit, 1 (weak) .. 5 (strong)


@dataclass(frozen=True, slots=True)
class ThreadState:
    """The conversation so far with one prospect."""

    replied: bool = False  # the prospect replied in an existing thread
    inmail_pending: bool = False  # an InMail awaits a response
    connect_requested_on: date | None = None  # a connection request is pending since
    connected: bool = False
    do_not_contact: bool = False  # the user marked them so: nothing is sent until reopened


@dataclass(slots=True)
class ProspectRecord:
    """One prospect as read from an import file (before merging into the store).

    Not frozen: a frozen dataclass sets each of its fields through ``object.__setattr__``, which
    made building records a quarter of the parsing time of a 100k-row import. Treat it as
    read-only all the same.

    ``None`` means "this source does not say"; merging never overwrites a known value with it.
    """

    url: str  # normalised https://www.linkedin.com/in/<slug>
    source: str  # "connections" | "phantombuster" | "generic" | "export"
    line: int  # line number in the file (1-based, physical line where the row starts)
    first_name: str | None = None
    last_name: str | None = None
    full_name: str | None = None
    company: str | None = None
    title: str | None = None
    email: str | None = None
    degree: Degree | None = None
    premium: bool | None = None
    open_profile: bool | None = None
    accepts_inmail: bool | None = None
    blocked: bool | None = None
    shares_group: bool | None = None
    applicant: bool | None = None
    priority: int | None = None
    status: str | None = None
    user_tags: tuple[str, ...] = ()
    notes: str | None = None
    connected_on: date | None = None
    sales_nav_url: str | None = None
    extra: tuple[tuple[str, str], ...] = ()  # other columns kept from the file
    email_verified: bool | None = None  # LinkedIn's own export: True whenever it gives an email
    status_on: date | None = None  # when ``status`` was reached (an export re-imported)
    sources: tuple[str, ...] = ()  # earlier sources of this record (an export re-imported)
