"""A made-up LinkedIn data archive from a seed, for tests and the benchmark: ``messages.csv``,
``Invitations.csv``, ``Connections.csv`` and ``Profile.csv`` in LinkedIn's layouts, built on the
people of ``core.importing.synthetic`` (hostile names included).

Conversations come in the kinds a real archive holds, in turn: an InMail that gets a reply, an
InMail that does not, a message to a connection, a group conversation (never an InMail), a
sponsored message (no sender profile) and a message from a stranger. About one name in twenty
is written with mojibake (UTF-8 read as Latin-1: ``ChloÃ©``). ``expected`` counts what the
reconcile should find, so a test can check a big archive without re-deriving it.
"""

from __future__ import annotations

import csv
import io
import random
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path

from inmail_tui.core.importing.synthetic import SyntheticPerson, connections_csv, people

OWNER_SLUG = "sam-rivera-owner"
OWNER_NAME = ("Sam", "Rivera")
OWNER_URL = f"https://www.linkedin.com/in/{OWNER_SLUG}"
MESSAGES_HEADER = (
    "CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
    "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER", "ATTACHMENTS",
)  # fmt: skip
INVITATIONS_HEADER = (
    "From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl",
)  # fmt: skip
PROFILE_HEADER = (
    "First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline", "Summary",
    "Industry", "Zip Code", "Geo Location", "Twitter Handles", "Websites", "Instant Messengers",
)  # fmt: skip
KINDS = ("inmail_replied", "inmail_silent", "connection", "group", "sponsored", "stranger")
_BODY = (
    "Hi {first}, your post on last-mile costs stuck with me. Is cutting re-delivery a priority "
    "this year? We helped two teams like yours halve it; happy to share what worked, no pitch."
)


@dataclass
class Expected:
    """What reconciling the archive into an empty database finds."""

    invitations_sent: int = 0
    invitations_accepted: int = 0
    inmails: int = 0
    inmails_answered: int = 0
    messages_to_connections: int = 0
    group_rows: int = 0
    sponsored_rows: int = 0
    stranger_rows: int = 0


@dataclass
class SyntheticArchive:
    files: dict[str, str]  # file name -> text
    expected: Expected = field(default_factory=Expected)

    def write_folder(self, folder: Path, *, encoding: str = "utf-8", end: str = "\n") -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in self.files.items():
            (folder / name).write_bytes(text.replace("\n", end).encode(encoding))
        return folder

    def write_zip(self, path: Path) -> Path:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in self.files.items():
                archive.writestr(name, text)
        return path


def mojibake(text: str) -> str:
    """``text`` as it reads when its UTF-8 bytes are taken for Latin-1 (``é`` -> ``Ã©``)."""
    return text.encode("utf-8").decode("latin-1")


def _csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _stamp(at: datetime) -> str:
    return at.strftime("%Y-%m-%d %H:%M:%S UTC")


def _sent_at(at: datetime) -> str:
    hour, half = at.hour % 12 or 12, "AM" if at.hour < 12 else "PM"
    return f"{at.month}/{at.day}/{at.year % 100:02d}, {hour}:{at.minute:02d} {half}"


def synthetic_archive(
    messages: int, invitations: int, seed: int = 0, *, first_day: date = date(2026, 1, 5)
) -> SyntheticArchive:
    """An archive of about ``messages`` message rows and exactly ``invitations`` invitation
    rows, all dated from ``first_day`` over the following 300 days."""
    rng = random.Random(seed)
    owner_name = " ".join(OWNER_NAME)
    expected = Expected()
    start = datetime.combine(first_day, datetime.min.time())

    def when() -> datetime:
        return start + timedelta(minutes=rng.randrange(300 * 24 * 60))

    def name(person: SyntheticPerson) -> str:
        full = person.full_name
        return mojibake(full) if rng.random() < 0.05 and not full.isascii() else full

    invited = people(invitations, seed, start=0)
    rows_i: list[tuple[str, ...]] = []
    connected: list[SyntheticPerson] = []
    connected_on: dict[str, date] = {}
    for person in invited:
        at = when()
        if rng.random() < 0.15:  # an invitation received
            rows_i.append(
                (name(person), owner_name, _sent_at(at), "", "INCOMING", person.url_as_written,
                 OWNER_URL)
            )  # fmt: skip
            continue
        note = f"Hi {person.first_name}, we met at the meetup." if rng.random() < 0.3 else ""
        rows_i.append(
            (owner_name, name(person), _sent_at(at), note, "OUTGOING", OWNER_URL,
             person.url_as_written)
        )  # fmt: skip
        expected.invitations_sent += 1
        if rng.random() < 0.4:
            expected.invitations_accepted += 1
            connected.append(person)
            connected_on[person.slug] = (at + timedelta(days=rng.randrange(0, 20))).date()

    prospects = people(max(1, messages // 2), seed + 1, start=invitations)
    friends = people(max(1, messages // 10), seed + 2, start=invitations + len(prospects))
    for friend in friends:
        connected.append(friend)
        connected_on[friend.slug] = date(2020, 1, 1) + timedelta(days=rng.randrange(1500))
    rows_m: list[tuple[str, ...]] = []
    owner = (owner_name, OWNER_URL)
    number = 0
    p_next = f_next = 0
    while len(rows_m) < messages:
        kind = KINDS[number % len(KINDS)]
        number += 1
        conversation = f"2-{seed:x}{number:08x}"
        at = when()
        if kind in ("inmail_replied", "inmail_silent"):
            person = prospects[p_next % len(prospects)]
            p_next += 1
            them = (name(person), person.url_as_written)
            subject = f"Re-delivery costs at {person.company}"[:200]
            rows_m.append(_message(conversation, owner, [them], at, subject, person))
            expected.inmails += 1
            if kind == "inmail_replied":
                expected.inmails_answered += 1
                reply = at + timedelta(hours=rng.randrange(1, 24 * 20))
                rows_m.append(_message(conversation, them, [owner], reply, "", person))
                later = reply + timedelta(days=2)
                rows_m.append(_message(conversation, owner, [them], later, "", person))
        elif kind == "connection":
            person = friends[f_next % len(friends)]
            f_next += 1
            them = (name(person), person.url_as_written)
            rows_m.append(_message(conversation, owner, [them], at, "", person))
            expected.messages_to_connections += 1
        elif kind == "group":
            a, b = friends[rng.randrange(len(friends))], prospects[rng.randrange(len(prospects))]
            group = [(name(a), a.url_as_written), (name(b), b.url_as_written)]
            rows_m.append(_message(conversation, owner, group, at, "", a, title="Q4 planning"))
            rows_m.append(_message(conversation, group[0], [owner, group[1]], at, "", a))
            expected.group_rows += 2
        elif kind == "sponsored":
            rows_m.append(
                (conversation, "", "Acme Webinars", "", owner_name, OWNER_URL, _stamp(at),
                 "Join our webinar", "Sponsored content.", "INBOX", "")
            )  # fmt: skip
            expected.sponsored_rows += 1
        else:
            stranger = people(1, seed + number, start=10_000_000 + number)[0]
            rows_m.append(_message(conversation, (name(stranger), stranger.url_as_written),
                                   [owner], at, "", stranger))  # fmt: skip
            expected.stranger_rows += 1

    files = {
        "messages.csv": _csv(MESSAGES_HEADER, rows_m),
        "Invitations.csv": _csv(INVITATIONS_HEADER, rows_i),
        "Connections.csv": connections_csv(
            [_connected(person, connected_on[person.slug]) for person in connected]
        ),
        "Profile.csv": _csv(
            PROFILE_HEADER,
            [
                (
                    *OWNER_NAME,
                    "",
                    "",
                    "",
                    "Account Executive",
                    "",
                    "Logistics",
                    "",
                    "Lisbon",
                    "",
                    "",
                    "",
                )
            ],
        ),
    }
    return SyntheticArchive(files, expected)


def _connected(person: SyntheticPerson, on: date) -> SyntheticPerson:
    return replace(person, connected_on=on)


def _message(
    conversation: str,
    sender: tuple[str, str],
    recipients: Sequence[tuple[str, str]],
    at: datetime,
    subject: str,
    person: SyntheticPerson,
    *,
    title: str = "",
) -> tuple[str, ...]:
    return (
        conversation,
        title,
        sender[0],
        sender[1],
        ", ".join(r[0] for r in recipients),
        ";".join(r[1] for r in recipients),
        _stamp(at),
        subject,
        _BODY.format(first=person.first_name),
        "INBOX",
        "",
    )
