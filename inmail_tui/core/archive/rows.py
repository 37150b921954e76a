"""The rows of the archive's files, read into plain values: messages, invitations, the owner's
name, and the connections' records (read by the importer's own ``Connections.csv`` layout).

- ``messages.csv``: ``CONVERSATION ID, CONVERSATION TITLE, FROM, SENDER PROFILE URL, TO,
  RECIPIENT PROFILE URLS, DATE, SUBJECT, CONTENT, FOLDER`` (newer archives add ``ATTACHMENTS``
  and ``IS MESSAGE DRAFT``). ``RECIPIENT PROFILE URLS`` may hold several URLs separated by
  ``;``; ``DATE`` reads ``2026-06-11 15:33:58 UTC``. The content is never kept.
- ``Invitations.csv``: ``From, To, Sent At, Message, Direction, inviterProfileUrl,
  inviteeProfileUrl``; ``Sent At`` reads ``1/29/26, 2:37 PM``; ``Direction`` is ``INCOMING`` or
  ``OUTGOING``.
- Names that went through a wrong encoding on their way into the archive (``ChloÃ©`` for
  ``Chloé``) are repaired with ftfy.

A row that cannot be read (no date, a URL that is not a profile) is a ``RowError`` naming its
file and line; the other rows are read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

from inmail_tui.core.archive.files import ArchiveFile, ArchiveKind
from inmail_tui.core.calendar import FIRST_DAY, LAST_DAY
from inmail_tui.core.importing.layout import header_key
from inmail_tui.core.importing.reader import open_import
from inmail_tui.core.importing.values import shorten
from inmail_tui.core.model import ProspectRecord
from inmail_tui.core.urls import normalize_profile_url

_TRUE = frozenset({"true", "yes", "1", "y"})


@dataclass(frozen=True, slots=True)
class ArchiveRowError:
    """A row of one of the archive's files that could not be read."""

    file: str
    line: int
    message: str


@dataclass(frozen=True, slots=True)
class Message:
    line: int
    conversation: str
    sender: str | None  # normalised profile URL; None: no profile (sponsored, LinkedIn itself)
    sender_name: str
    recipients: tuple[str, ...]  # normalised profile URLs
    recipient_names: str
    at: datetime  # as written (UTC)
    on: date  # its day
    subject: str
    folder: str
    draft: bool


@dataclass(frozen=True, slots=True)
class Invitation:
    line: int
    inviter: str
    invitee: str
    inviter_name: str
    invitee_name: str
    on: date
    outgoing: bool
    has_note: bool


@dataclass
class Archive:
    """What the archive's files say, read; ``files`` names the files found, by kind."""

    files: dict[ArchiveKind, str] = field(default_factory=dict)
    messages: list[Message] = field(default_factory=list)
    invitations: list[Invitation] = field(default_factory=list)
    connections: list[ProspectRecord] = field(default_factory=list)
    owner_name: str = ""  # Profile.csv's first and last name
    errors: list[ArchiveRowError] = field(default_factory=list)
    size: int = 0  # bytes read, for progress


# Mojibake from UTF-8 read as Latin-1 or Windows-1252 always holds a UTF-8 lead byte (C2-F4)
# followed by a continuation byte (80-BF), as those code pages spell them: text without such a
# pair is left as it is, so ftfy reads only the few names that may need it.
_SUSPECT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a"
    "\u20ac\u2122]"
)


@lru_cache(maxsize=4096)
def _fixed(text: str) -> str:
    import ftfy  # (here: a lead list's import never needs it, and it takes ~0.1 s to import)

    return ftfy.fix_text(text, normalization="NFC")


def repair(text: str) -> str:
    """``text`` with mojibake repaired (``ChloÃ©`` -> ``Chloé``) and outer spaces trimmed."""
    text = text.strip()
    return _fixed(text) if not text.isascii() and _SUSPECT.search(text) else text


class _Urls:
    """``normalize_profile_url`` with a memo: the owner's URL is on every row."""

    def __init__(self) -> None:
        self._seen: dict[str, str] = {}

    def __call__(self, cell: str) -> str:
        found = self._seen.get(cell)
        if found is None:
            found = self._seen[cell] = normalize_profile_url(cell)
        return found


def parse_timestamp(cell: str) -> datetime:
    """``2026-06-11 15:33:58 UTC`` (or an ISO timestamp, or a date alone)."""
    text = cell.strip().removesuffix("UTC").strip().replace("T", " ")
    try:
        found = datetime.fromisoformat(text[:19]) if len(text) >= 10 else None
    except ValueError:
        found = None
    if found is None or not FIRST_DAY <= found.date() <= LAST_DAY:
        raise ValueError(f"{shorten(cell)} is not a date like 2026-06-11 15:33:58 UTC")
    return found


def parse_sent_at(cell: str) -> date:
    """``1/29/26, 2:37 PM`` (month/day/year, the year in two or four digits), or an ISO date."""
    text = cell.strip()
    try:
        if len(text) >= 10 and text[4] == "-":
            found = date.fromisoformat(text[:10])
        else:
            month, day, year = (int(part) for part in text.split(",")[0].split()[0].split("/"))
            found = date(year + 2000 if year < 100 else year, month, day)
    except (ValueError, IndexError, OverflowError):
        raise ValueError(f"{shorten(cell)} is not a date like 1/29/26, 2:37 PM") from None
    if not FIRST_DAY <= found <= LAST_DAY:
        raise ValueError(f"{shorten(cell)} is not a date between {FIRST_DAY} and {LAST_DAY}")
    return found


def _columns(file: ArchiveFile) -> Callable[[str], int | None]:
    index: dict[str, int] = {}
    for i, header in enumerate(file.headers):
        index.setdefault(header_key(header), i)
    return index.get


def read_messages(file: ArchiveFile, archive: Archive, urls: _Urls) -> None:
    col = _columns(file)
    c_conv, c_from, c_sender = col("conversationid"), col("from"), col("senderprofileurl")
    c_to, c_recipients, c_date = col("to"), col("recipientprofileurls"), col("date")
    c_subject, c_folder, c_draft = col("subject"), col("folder"), col("ismessagedraft")
    width = len(file.headers)
    assert c_conv is not None and c_sender is not None and c_recipients is not None
    assert c_date is not None and c_from is not None
    for line, row in file.rows():
        if len(row) < width:
            row = row + [""] * (width - len(row))
        try:
            cell = row[c_sender]
            sender = urls(cell) if cell.strip() else None
        except ValueError as error:
            archive.errors.append(ArchiveRowError(file.name, line, f"SENDER PROFILE URL: {error}"))
            continue
        try:
            recipients = tuple(urls(url) for url in row[c_recipients].split(";") if url.strip())
        except ValueError as error:
            message = f"RECIPIENT PROFILE URLS: {error}"
            archive.errors.append(ArchiveRowError(file.name, line, message))
            continue
        try:
            at = parse_timestamp(row[c_date])
        except ValueError as error:
            archive.errors.append(ArchiveRowError(file.name, line, f"DATE: {error}"))
            continue
        archive.messages.append(
            Message(
                line=line,
                conversation=row[c_conv].strip(),
                sender=sender,
                sender_name=repair(row[c_from]),
                recipients=recipients,
                recipient_names=repair(row[c_to]) if c_to is not None else "",
                at=at,
                on=at.date(),
                subject=repair(row[c_subject]) if c_subject is not None else "",
                folder=row[c_folder].strip().upper() if c_folder is not None else "",
                draft=c_draft is not None and row[c_draft].strip().lower() in _TRUE,
            )
        )


def read_invitations(file: ArchiveFile, archive: Archive, urls: _Urls) -> None:
    col = _columns(file)
    c_from, c_to, c_sent, c_note = col("from"), col("to"), col("sentat"), col("message")
    c_direction, c_inviter, c_invitee = (
        col("direction"),
        col("inviterprofileurl"),
        col("inviteeprofileurl"),
    )
    assert None not in (c_from, c_to, c_sent, c_direction, c_inviter, c_invitee)
    width = len(file.headers)
    for line, row in file.rows():
        if len(row) < width:
            row = row + [""] * (width - len(row))
        try:
            inviter = urls(row[c_inviter])  # type: ignore[index]
            invitee = urls(row[c_invitee])  # type: ignore[index]
        except ValueError as error:
            archive.errors.append(ArchiveRowError(file.name, line, f"profile URL: {error}"))
            continue
        try:
            on = parse_sent_at(row[c_sent])  # type: ignore[index]
        except ValueError as error:
            archive.errors.append(ArchiveRowError(file.name, line, f"Sent At: {error}"))
            continue
        archive.invitations.append(
            Invitation(
                line=line,
                inviter=inviter,
                invitee=invitee,
                inviter_name=repair(row[c_from]),  # type: ignore[index]
                invitee_name=repair(row[c_to]),  # type: ignore[index]
                on=on,
                outgoing=row[c_direction].strip().upper() == "OUTGOING",  # type: ignore[index]
                has_note=c_note is not None and bool(row[c_note].strip()),
            )
        )


def read_profile(file: ArchiveFile, archive: Archive) -> None:
    col = _columns(file)
    c_first, c_last = col("firstname"), col("lastname")
    assert c_first is not None and c_last is not None
    for _line, row in file.rows():
        if len(row) > max(c_first, c_last):
            archive.owner_name = " ".join(
                part for part in (repair(row[c_first]), repair(row[c_last])) if part
            )
            return


def read_connections(file: ArchiveFile, archive: Archive) -> None:
    header = file.delimiter.join(_quoted(h) for h in file.headers)
    text = header + "\n" + file.text
    with open_import(text.encode("utf-8"), "connections") as reader:
        for item in reader:
            if isinstance(item, ProspectRecord):
                item.line += file.header_line - 1
                archive.connections.append(item)
            else:
                line = item.line + file.header_line - 1
                archive.errors.append(ArchiveRowError(file.name, line, item.message))


def _quoted(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"'


def load(files: list[ArchiveFile]) -> Archive:
    """Read every recognised file of the archive into an ``Archive``."""
    archive = Archive()
    urls = _Urls()
    for file in files:
        archive.files[file.kind] = file.name
        archive.size += file.size
        if file.kind is ArchiveKind.MESSAGES:
            read_messages(file, archive, urls)
        elif file.kind is ArchiveKind.INVITATIONS:
            read_invitations(file, archive, urls)
        elif file.kind is ArchiveKind.CONNECTIONS:
            read_connections(file, archive)
        else:
            read_profile(file, archive)
    return archive
