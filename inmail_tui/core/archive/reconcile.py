"""The reconcile: what the archive says happened, against what the database already holds.

Pure: :func:`reconcile` takes the archive as read, what the database knows about each person in
it (:class:`Known`), and today; it returns a :class:`ReconcilePlan` of the touches to add, the
people to add, the InMails found (with the spends the ledger lacks) and the counts of the
summary. The planner writes the plan (docs/archive.md says every rule in words).

- An outgoing invitation is a "connection requested" touch on its day. When the person's
  ``Connected On`` (Connections.csv, or the database) is on or after it, the invitation was
  accepted: a "connected" touch on that day.
- In a conversation with one other person, each message the owner sent is a sent touch on its
  day: an InMail when it is the message that opened the conversation, it has a subject and the
  person was not a connection that day; a message otherwise. The first message of the other
  person after one of the owner's is a "replied" touch.
- A conversation with several other people (a group) is never an InMail and is not outreach to
  one prospect: its rows are ignored, and so are sponsored messages (no sender profile), drafts,
  conversations someone who is not a prospect started, and anything dated after today.
- Nothing is recorded twice: an event matches a touch of the same person and status (so the
  same channel) within a day either way, whether marked by hand or by an earlier import.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from inmail_tui.core.archive.owner import Owner, find_owner
from inmail_tui.core.archive.rows import Archive, Message
from inmail_tui.core.model import Channel, Status

MATCH_DAYS = 1  # an event matches a touch dated within this many days either way
_DAY = timedelta(days=MATCH_DAYS)
SENT_BY_CHANNEL = {Channel.INMAIL: Status.INMAIL_SENT, Channel.MESSAGE: Status.MESSAGED}

# Why rows were left out: the key the summary's JSON counts them by, and how its text says it.
IGNORED: Mapping[str, str] = {
    "sponsored": "sponsored or from LinkedIn itself (no sender profile)",
    "draft": "drafts, never sent",
    "group": "group conversations (several people: never an InMail, not one prospect)",
    "stranger": "conversations started by someone who is not a prospect",
    "before_yours": "their messages before any of yours",
    "further": "their further messages (only the first after each of yours is a reply)",
    "invitation_received": "invitations you received",
    "future": "dated after today",
    "not_owner": "not sent or received by the archive's owner",
    "alone": "conversations with nobody else in them",
}
UNMATCHED_CONNECTED_BEFORE = "connected before the invitation was sent, so it was not accepted"


@dataclass(frozen=True, slots=True)
class KnownTouch:
    status: Status
    on: date
    from_archive: bool  # recorded by an earlier archive import (not marked by hand)


@dataclass(frozen=True, slots=True)
class Known:
    """What the database holds about one person of the archive."""

    name: str = ""
    connected_on: date | None = None
    first_degree: bool = False
    open_profile: bool = False  # an InMail to them is free: no spend to propose
    touches: tuple[KnownTouch, ...] = ()
    spends: tuple[date, ...] = ()  # the days of the ledger's spends for this person


@dataclass(frozen=True, slots=True)
class PlannedTouch:
    url: str
    status: Status
    on: date
    channel: Channel | None = None
    subject: str = ""


@dataclass(frozen=True, slots=True)
class InMailFound:
    url: str
    name: str
    on: date
    subject: str
    answered_on: date | None
    spend_missing: bool  # the ledger has no spend for it (within a day) and it was not free


@dataclass(frozen=True, slots=True)
class Unmatched:
    url: str
    name: str
    on: date
    reason: str


@dataclass
class ReconcilePlan:
    owner: Owner | None
    new_people: dict[str, str] = field(default_factory=dict)  # url -> name
    touches: list[PlannedTouch] = field(default_factory=list)  # to add, by date
    matched: int = 0  # events the database already holds
    invitations_sent: int = 0
    invitations_accepted: int = 0
    inmails: list[InMailFound] = field(default_factory=list)
    replies: int = 0
    ignored: Counter[str] = field(default_factory=Counter)  # IGNORED key -> rows
    unmatched: list[Unmatched] = field(default_factory=list)

    @property
    def missing_spends(self) -> list[InMailFound]:
        return sorted((f for f in self.inmails if f.spend_missing), key=lambda f: (f.on, f.url))


def archive_people(archive: Archive) -> set[str]:
    """Every profile URL the archive's messages and invitations name (to look up in the
    database before reconciling)."""
    found: set[str] = set()
    for message in archive.messages:
        found.update(message.recipients)
        if message.sender is not None:
            found.add(message.sender)
    for invitation in archive.invitations:
        found.update((invitation.inviter, invitation.invitee))
    return found


class _Events:
    """The events found, per person, matched against the database's touches and each other."""

    def __init__(self, plan: ReconcilePlan, known: Mapping[str, Known]) -> None:
        self._plan = plan
        self._known = known
        self._seen: dict[str, list[tuple[Status, date, bool]]] = {}

    def _history(self, url: str) -> list[tuple[Status, date, bool]]:
        history = self._seen.get(url)
        if history is None:
            found = self._known.get(url)
            history = [(t.status, t.on, t.from_archive) for t in found.touches] if found else []
            self._seen[url] = history
        return history

    def match(self, url: str, status: Status, on: date) -> tuple[Status, date, bool] | None:
        for touch in self._history(url):
            if touch[0] == status and abs(touch[1] - on) <= _DAY:
                return touch
        return None

    def add(
        self, url: str, status: Status, on: date, channel: Channel | None, subject: str = ""
    ) -> tuple[date, bool]:
        """Record the event unless it matches. Returns the day the history holds it on (the
        matching touch's, when one matches) and whether it was marked by hand (not recorded by
        an archive)."""
        found = self.match(url, status, on)
        if found is not None:
            self._plan.matched += 1
            return found[1], not found[2]
        self._history(url).append((status, on, True))
        self._plan.touches.append(PlannedTouch(url, status, on, channel, subject))
        return on, False


def reconcile(archive: Archive, known: Mapping[str, Known], today: date) -> ReconcilePlan:
    """The plan that brings the database in line with ``archive`` (see the module's rules)."""
    owner = find_owner(archive)
    plan = ReconcilePlan(owner)
    if owner is None:
        return plan
    me = owner.url
    connected: dict[str, date] = {
        url: found.connected_on for url, found in known.items() if found.connected_on
    }
    for record in archive.connections:
        if record.connected_on is not None:
            connected[record.url] = record.connected_on
    in_connections = {record.url for record in archive.connections}
    events = _Events(plan, known)

    def is_prospect(url: str) -> bool:
        return url in known or url in in_connections or url in plan.new_people

    _invitations(archive, plan, events, me, connected, today, is_prospect)
    _conversations(archive, plan, events, known, me, connected, today, is_prospect)
    plan.touches.sort(key=lambda touch: touch.on)
    return plan


def _invitations(
    archive: Archive,
    plan: ReconcilePlan,
    events: _Events,
    me: str,
    connected: Mapping[str, date],
    today: date,
    is_prospect: Callable[[str], bool],
) -> None:
    latest: dict[str, date] = {}
    names: dict[str, str] = {}
    for invitation in archive.invitations:
        if invitation.inviter != me:
            reason = "invitation_received" if invitation.invitee == me else "not_owner"
            plan.ignored[reason] += 1
            continue
        if invitation.on > today:
            plan.ignored["future"] += 1
            continue
        url = invitation.invitee
        plan.invitations_sent += 1
        if url not in plan.new_people and not is_prospect(url):
            plan.new_people[url] = invitation.invitee_name
        events.add(url, Status.CONNECT_REQUESTED, invitation.on, Channel.CONNECT)
        latest[url] = max(latest.get(url, invitation.on), invitation.on)
        names.setdefault(url, invitation.invitee_name)
    for url, sent_on in latest.items():
        accepted_on = connected.get(url)
        if accepted_on is None or accepted_on > today:
            continue
        if accepted_on < sent_on:
            plan.unmatched.append(Unmatched(url, names[url], sent_on, UNMATCHED_CONNECTED_BEFORE))
            continue
        plan.invitations_accepted += 1
        events.add(url, Status.CONNECTED, accepted_on, None)


def _conversations(
    archive: Archive,
    plan: ReconcilePlan,
    events: _Events,
    known: Mapping[str, Known],
    me: str,
    connected: Mapping[str, date],
    today: date,
    is_prospect: Callable[[str], bool],
) -> None:
    threads: dict[str, list[Message]] = {}
    for message in archive.messages:
        if message.draft:
            plan.ignored["draft"] += 1
        elif message.sender is None:
            plan.ignored["sponsored"] += 1
        elif message.on > today:
            plan.ignored["future"] += 1
        else:
            threads.setdefault(message.conversation, []).append(message)
    for thread in threads.values():
        thread.sort(key=lambda message: message.at)
        others = {url for m in thread for url in (m.sender, *m.recipients)} - {me, None}
        if len(others) != 1:
            plan.ignored["group" if others else "alone"] += len(thread)
            continue
        (url,) = others
        assert url is not None
        opened_by_me = thread[0].sender == me
        if not opened_by_me and not is_prospect(url):
            plan.ignored["stranger"] += len(thread)
            continue
        if opened_by_me and not is_prospect(url):
            plan.new_people[url] = thread[0].recipient_names
        _thread(thread, url, opened_by_me, plan, events, known.get(url), me, connected)


def _thread(
    thread: Iterable[Message],
    url: str,
    opened_by_me: bool,
    plan: ReconcilePlan,
    events: _Events,
    known: Known | None,
    me: str,
    connected: Mapping[str, date],
) -> None:
    awaiting = False
    first = True
    inmail: tuple[Message, bool] | None = None  # the InMail and whether a hand mark holds it
    answered: date | None = None
    sent_on = date.min  # the day the history holds the last send on
    name = plan.new_people.get(url) or (known.name if known else "")
    for message in thread:
        if message.sender == me:
            since = connected.get(url)
            was_connected = (since is not None and since <= message.on) or (
                since is None and known is not None and known.first_degree
            )
            is_inmail = first and opened_by_me and bool(message.subject) and not was_connected
            channel = Channel.INMAIL if is_inmail else Channel.MESSAGE
            sent_on, by_hand = events.add(
                url, SENT_BY_CHANNEL[channel], message.on, channel, message.subject
            )
            if is_inmail:
                inmail = (message, by_hand)
                name = name or message.recipient_names
            awaiting, first = True, False
        elif awaiting:
            plan.replies += 1
            # (never before the send it answers, as the history holds it: a send marked by
            # hand a day late is answered on that day at the earliest)
            replied_on = max(message.on, sent_on)
            events.add(url, Status.REPLIED, replied_on, None)
            if inmail is not None and answered is None:
                answered = replied_on
            awaiting = False
        else:
            plan.ignored["further" if not first else "before_yours"] += 1
    if inmail is not None:
        message, by_hand = inmail
        spends = known.spends if known else ()
        paid = any(abs(day - message.on) <= _DAY for day in spends)
        free = known is not None and known.open_profile
        plan.inmails.append(
            InMailFound(
                url,
                name,
                message.on,
                message.subject,
                answered,
                spend_missing=not (paid or by_hand or free),
            )
        )
