"""Finding the files of LinkedIn's data archive: a ZIP as LinkedIn sends it
(``Basic_LinkedInDataExport_MM-DD-YYYY.zip``, ``Complete_LinkedInDataExport_...``), a folder
holding the unzipped files, or one of its CSV files alone.

Each CSV file is recognised by its header row, never by its name (a copy may be renamed, and the
archive holds dozens of other files, which are skipped). Every file is read as the importer reads
any CSV (``core.importing.source``): UTF-8 with or without a BOM, UTF-16, or Windows-1252, CRLF
or LF, separated by ``,`` or ``;`` (a copy saved again by Excel on Windows).
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from inmail_tui.core.importing.connections import LAYOUT as CONNECTIONS_LAYOUT
from inmail_tui.core.importing.layout import ImportFormatError, header_key
from inmail_tui.core.importing.source import SNIFF_BYTES, choose_encoding

_HEADER_LINES = 50  # Connections.csv has a Notes: preamble; the others start with their header
_DELIMITERS = (",", ";", "\t")
_MAX_MEMBER_BYTES = 2 * 1024**3  # a ZIP member larger than this is not one of LinkedIn's files


class ArchiveKind(StrEnum):
    """The archive's files that inmail-tui reads; everything else in it is skipped."""

    MESSAGES = "messages.csv"
    INVITATIONS = "Invitations.csv"
    CONNECTIONS = "Connections.csv"
    PROFILE = "Profile.csv"


# The header keys (``header_key``) that recognise each file; Connections.csv is recognised by
# the importer's own layout.
_REQUIRED: dict[ArchiveKind, frozenset[str]] = {
    ArchiveKind.MESSAGES: frozenset(
        {"conversationid", "from", "senderprofileurl", "recipientprofileurls", "date"}
    ),
    ArchiveKind.INVITATIONS: frozenset(
        {"from", "to", "sentat", "direction", "inviterprofileurl", "inviteeprofileurl"}
    ),
    ArchiveKind.PROFILE: frozenset({"firstname", "lastname", "headline"}),
}


@dataclass(frozen=True, slots=True)
class ArchiveFile:
    """One recognised file: its kind, its name as found, and its text from the header row on."""

    kind: ArchiveKind
    name: str
    headers: tuple[str, ...]
    delimiter: str
    header_line: int  # the header's physical line (1-based)
    text: str  # the file's text after the header row
    size: int  # bytes, for progress

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(first physical line, cells) of each row after the header."""
        reader = csv.reader(io.StringIO(self.text, newline=""), delimiter=self.delimiter)
        before = 0
        try:
            for row in reader:
                line = self.header_line + before + 1
                before = reader.line_num
                if row:
                    yield line, row
        except csv.Error as error:
            raise ImportFormatError(
                f"{self.name} cannot be read as CSV after line {self.header_line + before}:"
                f" {error}."
            ) from None


def _kind_of(cells: list[str]) -> ArchiveKind | None:
    keys = [header_key(cell) for cell in cells]
    present = set(keys)
    for kind, required in _REQUIRED.items():
        if required <= present and (kind is not ArchiveKind.PROFILE or "url" not in present):
            return kind
    if CONNECTIONS_LAYOUT.matches(keys):
        return ArchiveKind.CONNECTIONS
    return None


def recognise(data: bytes, name: str) -> ArchiveFile | None:
    """The archive file these bytes are, or None when they are not one inmail-tui reads."""
    binary = io.BytesIO(data)
    try:
        encoding = choose_encoding(binary)
        text = data.decode(encoding)
    except (ImportFormatError, UnicodeDecodeError):
        return None
    text = text.removeprefix("\ufeff")
    position = 0
    for number in range(1, _HEADER_LINES + 1):
        end = text.find("\n", position)
        line = text[position:] if end < 0 else text[position : end + 1]
        if not line:
            return None
        for delimiter in _DELIMITERS:
            if delimiter not in line:
                continue
            try:
                cells = next(csv.reader([line], delimiter=delimiter))
            except (csv.Error, StopIteration):
                continue
            kind = _kind_of(cells)
            if kind is not None:
                rest = "" if end < 0 else text[end + 1 :]
                return ArchiveFile(kind, name, tuple(cells), delimiter, number, rest, len(data))
        if end < 0:
            return None
        position = end + 1
    return None


def sniff_archive(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is read as (part of) a data archive: a ZIP, a folder, or a
    ``messages.csv`` or ``Invitations.csv`` alone (``Connections.csv`` alone is a prospect
    import)."""
    source = Path(path)
    if source.is_dir():
        return True
    head = _head(source)
    if head is None:
        return False
    if head.startswith(b"PK\x03\x04"):  # a ZIP holding CSV files (an .xlsx holds none)
        try:
            with zipfile.ZipFile(source) as archive:
                return any(name.lower().endswith(".csv") for name in archive.namelist())
        except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile):
            return False
    found = recognise(head, source.name)
    return found is not None and found.kind in (ArchiveKind.MESSAGES, ArchiveKind.INVITATIONS)


def holds_archive(folder: str | os.PathLike[str]) -> bool:
    """Whether ``folder`` is an unzipped data archive: one of the CSV files right in it is a
    file inmail-tui reads (judged by its header). Only the folder's own files are looked at,
    not its subfolders' (``read_archive`` reads those too): the import dialog asks this as a
    folder's path is entered, and a folder such as the home folder must answer at once;
    LinkedIn's archive holds the files inmail-tui reads at its top."""
    try:
        files = sorted(Path(folder).glob("*.csv"))
    except OSError:
        return False
    for file in files:
        head = _head(file)
        if head is not None and recognise(head, file.name) is not None:
            return True
    return False


def _head(file: Path) -> bytes | None:
    """The first ``SNIFF_BYTES`` of ``file``; None when it cannot be read."""
    try:
        with open(file, "rb") as handle:
            return handle.read(SNIFF_BYTES)
    except OSError:
        return None


def read_archive(path: str | os.PathLike[str]) -> list[ArchiveFile]:
    """Every file of the archive at ``path`` (a ZIP, a folder or one CSV) that inmail-tui reads,
    one per kind (the first found). ``ImportFormatError`` when there is none."""
    source = Path(path)
    found: dict[ArchiveKind, ArchiveFile] = {}
    for name, data in _members(source):
        file = recognise(data, name)
        if file is not None:
            found.setdefault(file.kind, file)
    if not found:
        what = "folder" if source.is_dir() else "file"
        raise ImportFormatError(
            f"This {what} holds none of the data archive's files inmail-tui reads"
            " (messages.csv, Invitations.csv, Connections.csv)."
        )
    return [found[kind] for kind in ArchiveKind if kind in found]


def _members(source: Path) -> Iterator[tuple[str, bytes]]:
    if source.is_dir():
        for file in sorted(source.rglob("*.csv"), key=lambda p: (len(p.parts), str(p))):
            try:
                yield str(file.relative_to(source)), file.read_bytes()
            except OSError as error:
                raise ImportFormatError(f"Cannot read {file}: {error.strerror}.") from None
        return
    try:
        is_zip = zipfile.is_zipfile(source)
    except OSError as error:
        raise ImportFormatError(f"Cannot open {source}: {error.strerror}.") from None
    if not is_zip:
        try:
            yield source.name, source.read_bytes()
        except OSError as error:
            raise ImportFormatError(f"Cannot open {source}: {error.strerror}.") from None
        return
    try:
        with zipfile.ZipFile(source) as archive:
            members = [
                info
                for info in archive.infolist()
                if not info.is_dir() and info.filename.lower().endswith(".csv")
            ]
            members.sort(key=lambda info: (info.filename.count("/"), info.filename))
            for info in members:
                if info.file_size > _MAX_MEMBER_BYTES:
                    continue
                yield info.filename, archive.read(info)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as error:
        raise ImportFormatError(
            f"{source.name} is a damaged or unsupported ZIP archive ({error}); unzip it and"
            " import the folder instead."
        ) from None
