"""Shared value types of the domain: channels, degrees, prospects' facts, ledger events, statuses.

These are the words every layer speaks; the store maps them to rows, the TUI shows them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import IntEnum, StrEnum
from typing import Self, cast


def word_key(word: str) -> str:
    """A word as compared: any case, with spaces, underscores and hyphens alike."""
    return " ".join(word.casefold().replace("_", " ").replace("-", " ").split())


class Named(StrEnum):
    """A stored value (never changed: the database holds it) with one name users see, ``label``.

    Every member's label is in ``LABELS``; ``parse`` reads a member back from its label or its
    value, in any case, with spaces, underscores or hyphens.
    """

    @property
    def label(self) -> str:
        return LABELS[type(self)][self]

    @classmethod
    def labels(cls) -> list[str]:
        return [member.label for member in cls]

    @classmethod
    def parse(cls, word: str) -> Self:
        """The member named ``word``; ``ValueError`` (listing the labels) when none is."""
        words = _BY_WORD.get(cls)
        if words is None:
            words = {word_key(w): member for member in cls for w in (member.label, member.value)}
            _BY_WORD[cls] = words
        found = words.get(word_key(word))
        if found is None:
            noun = cls.__name__.lower()
            raise ValueError(f"unknown {noun} {word!r}; use one of: {', '.join(cls.labels())}")
        return cast(Self, found)


_BY_WORD: dict[type[Named], dict[str, Named]] = {}  # each kind's members by word_key, once used


class Channel(Named):
    INMAIL = "inmail"
    MESSAGE = "message"
    CONNECT = "connect"
    EMAIL = "email"


# The channels drafts and templates are written for (an email is written in the mail client).
DRAFT_CHANNELS = (Channel.INMAIL, Channel.CONNECT, Channel.MESSAGE)


class Degree(IntEnum):
    UNKNOWN = 0  # no source said (a lead list without a degree column): its own value
    FIRST = 1
    SECOND = 2
    THIRD = 3
    OUT = 4  # out of network (beyond the 3rd degree)

    @property
    def tag(self) -> str:
        """How the degree is shown: the queue's tag, the CLI's and the export's word."""
        return {0: "unknown", 1: "1st", 2: "2nd", 3: "3rd", 4: "OUT"}[self.value]


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
    VOID = "void"  # voids the entries dated after its day, recorded under a wrong clock (0)


@dataclass(frozen=True, slots=True)
class LedgerEvent:
    kind: EventKind
    on: date
    amount: int
    ref: str | None = None  # what caused it: a prospect URL, a draft id
    note: str = ""
    key: str | None = None  # idempotency key, unique per pool: "open", "grant:2026-02-01", ...
    id: int | None = None  # the store's id, once stored
    seat: int | None = None  # the seat that caused it (team pools); the balance stays the pool's


class Status(Named):
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


class Outcome(Named):
    """How a prospect responded to a send: recorded as the status of the same value."""

    ACCEPTED = "accepted"
    DECLINED = "declined"
    REPLIED = "replied"
    NO_RESPONSE = "no_response"

    @property
    def status(self) -> Status:
        return Status(self.value)

    @property
    def label(self) -> str:
        return self.status.label


# The one name users see for each member: in the queue, the mark list, toasts, messages and the
# CLI (which also accepts the stored value). ``Outcome`` speaks of its status.
LABELS: Mapping[type[Named], Mapping[Named, str]] = {
    Channel: {
        Channel.INMAIL: "InMail",
        Channel.MESSAGE: "message",
        Channel.CONNECT: "connection request",
        Channel.EMAIL: "email",
    },
    Status: {
        Status.NEW: "new",
        Status.CONNECT_REQUESTED: "requested",
        Status.CONNECTED: "connected",
        Status.INMAIL_SENT: "InMail sent",
        Status.MESSAGED: "messaged",
        Status.EMAILED: "emailed",
        Status.ACCEPTED: "accepted",
        Status.DECLINED: "declined",
        Status.REPLIED: "replied",
        Status.NO_RESPONSE: "no response",
        Status.DO_NOT_CONTACT: "do not contact",
    },
}


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
    has_email: bool = False  # an address is known, verified or not (a lead list's Email column)


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
