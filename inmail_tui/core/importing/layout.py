"""How a row of an import file becomes a ``ProspectRecord``: formats, column plans, row errors.

A layout (one per format) looks at a header row and builds a ``RowPlan`` once: which column
feeds which field, through which converter. Per row the plan only indexes the row and calls the
converters of the non-empty cells, so reading stays cheap on a 100k-row file.

Text cells (names, company, title, notes) are kept exactly as written, spaces and all; a cell that
is empty or only whitespace means "this file does not say" and leaves the field ``None``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from inmail_tui.core.errors import DomainError
from inmail_tui.core.importing.values import unguard_cell
from inmail_tui.core.model import ProspectRecord
from inmail_tui.core.urls import normalize_profile_url

Converter = Callable[[str], object]
# The longest profile URL the database keeps (the store's ``prospect.url`` column: PostgreSQL
# refuses longer, so SQLite is given no more either).
URL_LIMIT = 512
# What a converter may raise for a cell it cannot read (besides ValueError: a number too large
# for C, JSON nested past Python's stack). Each is a row error, never a failed import.
CELL_ERRORS = (ValueError, OverflowError, RecursionError)


class ImportFormat(StrEnum):
    CONNECTIONS = "connections"  # LinkedIn's own data export, Connections.csv
    PHANTOMBUSTER = "phantombuster"  # PhantomBuster's Sales Navigator Search Export
    GENERIC = "generic"  # any lead list with recognisable headers
    EXPORT = "export"  # what ``inmail-tui export`` writes


class ImportFormatError(DomainError):
    """The file as a whole cannot be imported; the message is a sentence for the user."""


@dataclass(frozen=True, slots=True)
class RowError:
    """A row that could not be read: its first physical line (1-based) and the reason."""

    line: int
    message: str


@dataclass(frozen=True, slots=True)
class Column:
    index: int
    header: str  # as written in the file, for error messages
    field: str  # a ProspectRecord field
    convert: Converter


@dataclass(frozen=True, slots=True)
class RowPlan:
    source: str
    width: int  # rows shorter than this are padded with empty cells
    url_columns: tuple[tuple[int, str], ...]  # (index, header), tried in order: first URL wins
    texts: tuple[tuple[str, int], ...]  # (field, index) of text kept as written
    converted: tuple[Column, ...]  # columns read through a converter
    extra: tuple[tuple[int, str], ...] = ()  # (index, header) of other columns to keep
    fixed: tuple[tuple[str, object], ...] = ()  # fields every row of this format has
    emails_verified: bool = False  # an email in this file is a verified one
    derive_full_name: bool = True  # "first last" when the file has no full name
    unguard: bool = False  # cells may carry the export's spreadsheet guard: take it off

    def read(self, row: list[str], line: int) -> ProspectRecord | RowError | None:
        """The record of one row, a ``RowError``, or None for a blank row (skipped)."""
        if len(row) < self.width:
            row = row + [""] * (self.width - len(row))
        if self.unguard:
            row = [unguard_cell(cell) for cell in row]
        if "\x00" in "".join(row):  # (a NUL in the first 64 KiB makes the file "not text")
            return RowError(
                line, "this row holds a NUL character (\\x00), which databases cannot store"
            )
        url = None
        problem = None
        for index, header in self.url_columns:
            cell = row[index]
            if not cell or cell.isspace():
                continue
            try:
                url = normalize_profile_url(cell)
            except ValueError as error:
                problem = problem or f"{header}: {error}"
                continue
            if len(url) > URL_LIMIT:
                return RowError(
                    line, f"{header}: the profile URL is longer than {URL_LIMIT} characters"
                )
            break
        if url is None:
            if all(not cell or cell.isspace() for cell in row):
                return None
            headers = " or ".join(header for _, header in self.url_columns)
            return RowError(line, problem or f"no profile URL in {headers}")
        fields: dict[str, object] = {
            field: cell
            for field, index in self.texts
            if (cell := row[index]) and not cell.isspace()
        }
        for column in self.converted:
            cell = row[column.index]
            if cell and not cell.isspace():
                try:
                    fields[column.field] = column.convert(cell)
                except CELL_ERRORS as error:
                    return RowError(line, f"{column.header}: {error}")
        if self.fixed:
            fields.update(self.fixed)
        if self.extra:
            kept = tuple(
                [
                    (header, cell)
                    for i, header in self.extra
                    if (cell := row[i]) and not cell.isspace()
                ]
            )
            if kept:
                fields["extra"] = fields.get("extra", ()) + kept  # type: ignore[operator]
        if self.emails_verified and "email" in fields:
            fields["email_verified"] = True
        if self.derive_full_name and "full_name" not in fields:
            first, last = fields.get("first_name"), fields.get("last_name")
            if first and last:
                fields["full_name"] = f"{first} {last}"
            elif first or last:
                fields["full_name"] = first or last
        return ProspectRecord(url=url, source=self.source, line=line, **fields)  # type: ignore[arg-type]


def header_key(header: str) -> str:
    """A header as compared: case-folded, letters and digits only (``Person Linkedin Url`` ->
    ``personlinkedinurl``, ``linkedInProfileUrl`` -> ``linkedinprofileurl``)."""
    return "".join(ch for ch in header.casefold() if ch.isalnum())


FieldSpec = tuple[str, Converter | None, tuple[str, ...]]  # field, converter, header keys


@dataclass(frozen=True, slots=True)
class Layout:
    """One format: how to recognise its header row and how to read its rows."""

    format: ImportFormat
    url_keys: tuple[str, ...]  # header keys of the identity column, in order of preference
    fields: tuple[FieldSpec, ...]
    required: frozenset[str]  # header keys that must all be present to recognise the format
    any_of: tuple[frozenset[str], ...] = ()  # and at least one key of each of these sets
    keep_extra: frozenset[str] | None = frozenset()  # keys kept in ``extra``; None: all others
    ignore: frozenset[str] = frozenset()  # keys never kept (derived columns)
    fixed: tuple[tuple[str, object], ...] = ()
    emails_verified: bool = False
    derive_full_name: bool = True
    unguard: bool = False  # the export's spreadsheet guard (``values.guard_cell``) is undone
    label: str = ""  # how an error message names the format

    def matches(self, keys: Sequence[str]) -> bool:
        present = set(keys)
        return (
            self.required <= present
            and any(key in present for key in self.url_keys)
            and all(present & group for group in self.any_of)
        )

    def plan(self, headers: Sequence[str]) -> RowPlan:
        keys = [header_key(header) for header in headers]
        first: dict[str, int] = {}
        for index, key in enumerate(keys):
            first.setdefault(key, index)
        used: set[int] = set()

        def take(candidates: tuple[str, ...]) -> int:
            index = next(first[key] for key in candidates if key in first)
            used.add(index)
            return index

        urls = tuple(
            (index, headers[index].strip())
            for index in (take((key,)) for key in self.url_keys if key in first)
        )
        present = [spec for spec in self.fields if any(key in first for key in spec[2])]
        texts = tuple((field, take(keys)) for field, convert, keys in present if convert is None)
        converted = tuple(
            Column(index, headers[index].strip(), field, convert)
            for field, convert, keys in present
            if convert is not None
            for index in (take(keys),)
        )
        extra = tuple(
            (index, header.strip())
            for index, (header, key) in enumerate(zip(headers, keys, strict=True))
            if index not in used
            and key
            and key not in self.ignore
            and (self.keep_extra is None or key in self.keep_extra)
        )
        return RowPlan(
            source=self.format.value,
            width=len(headers),
            url_columns=urls,
            texts=texts,
            converted=converted,
            extra=extra,
            fixed=self.fixed,
            emails_verified=self.emails_verified,
            derive_full_name=self.derive_full_name,
            unguard=self.unguard,
        )
