"""Opening an import file: telling text from binary, choosing the encoding, and finding the header
row and the separator.

- Binary files (PDF, ZIP/XLSX, XLS, images, anything with NUL bytes) and empty files are refused
  with a sentence saying what the file is and what to do.
- The encoding is UTF-8 (with or without Excel's BOM) when the whole file is valid UTF-8, UTF-16
  when it starts with a UTF-16 BOM (Excel's "Unicode Text"), otherwise Windows-1252 (Excel's
  "CSV" on Western Windows), or Latin-1 when the file has bytes Windows-1252 leaves undefined.
- The header row is the first of the first 50 lines that a format recognises (LinkedIn's export
  starts with a ``Notes:`` preamble of varying length), and the separator is the one of
  ``, ; TAB |`` that splits that line into the most cells.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Sequence
from dataclasses import dataclass
from typing import BinaryIO, TextIO

from inmail_tui.core.importing.layout import ImportFormatError, Layout, header_key

HEADER_SEARCH_LINES = 50
DELIMITERS = (",", ";", "\t", "|")
SAVE_AS_CSV = "Save it as CSV (in Excel: File > Save As > 'CSV UTF-8') and import that file."

SNIFF_BYTES = 64 * 1024
_CHUNK = 1024 * 1024
_SIGNATURES = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (an Excel .xlsx workbook is one)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Excel (.xls) or Word document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")


def choose_encoding(binary: BinaryIO) -> str:
    """The encoding of the file, or ImportFormatError when it is empty or not text.

    Reads the whole file once when it looks like UTF-8 (a fast C-level check), then rewinds.
    """
    head = binary.read(SNIFF_BYTES)
    binary.seek(0)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            raise ImportFormatError(f"This file is {what}, not a CSV file. {SAVE_AS_CSV}")
    if not head.strip():
        raise ImportFormatError("The file is empty: there is nothing to import.")
    if b"\x00" in head:
        raise ImportFormatError(f"This file is not text (it holds binary data). {SAVE_AS_CSV}")
    encoding = "utf-8-sig" if _is_utf8(binary) else _single_byte_encoding(binary)
    binary.seek(0)
    return encoding


def _is_utf8(binary: BinaryIO) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := binary.read(_CHUNK):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        binary.seek(0)
    return True


def _single_byte_encoding(binary: BinaryIO) -> str:
    while chunk := binary.read(_CHUNK):
        if not _CP1252_UNDEFINED.isdisjoint(chunk):
            return "latin-1"
    return "cp1252"


@dataclass(frozen=True, slots=True)
class Header:
    layout: Layout
    cells: tuple[str, ...]
    delimiter: str
    line: int  # the header's physical line number (1-based)


def find_header(text: TextIO, layouts: Sequence[Layout], forced: bool) -> Header:
    """Read lines until one is the header row of one of ``layouts`` (tried in order).

    Leaves ``text`` positioned just after the header row. ``forced`` (a single layout the user
    asked for) only changes the wording of the error.
    """
    best: tuple[str, ...] = ()
    for number in range(1, HEADER_SEARCH_LINES + 1):
        line = text.readline()
        if not line:
            break
        if not line.strip():
            continue
        splits = _splits(line)
        for cells, delimiter in splits:
            keys = [header_key(cell) for cell in cells]
            for layout in layouts:
                if layout.matches(keys):
                    return Header(layout, cells, delimiter, number)
        if splits and len(splits[0][0]) > len(best):
            best = splits[0][0]
    raise ImportFormatError(_no_header_message(best, layouts, forced))


def _splits(line: str) -> list[tuple[tuple[str, ...], str]]:
    """The line split by each separator it contains, most cells first."""
    found = []
    for delimiter in DELIMITERS:
        if delimiter not in line:
            continue
        try:
            cells = next(csv.reader([line], delimiter=delimiter))
        except (csv.Error, StopIteration):
            continue
        found.append((tuple(cells), delimiter))
    if not found:
        found.append(((line.strip(),), ","))
    found.sort(key=lambda split: -len(split[0]))
    return found


def _no_header_message(best: tuple[str, ...], layouts: Sequence[Layout], forced: bool) -> str:
    if len(best) <= 1:
        return (
            "This file does not look like a CSV file: no line near its start has columns "
            f"separated by commas or semicolons. {SAVE_AS_CSV}"
        )
    shown = ", ".join(_shown(cell) for cell in best[:40]) + (", ..." if len(best) > 40 else "")
    if forced:
        return (
            f"This file does not have the header row of {layouts[0].label}. Its columns: {shown}."
        )
    return (
        f"No LinkedIn profile URL column found. The columns are: {shown}. Name the column of "
        "profile URLs (linkedin.com/in/...) 'LinkedIn URL' or 'Profile URL' and import again."
    )


def _shown(cell: str) -> str:
    cell = cell.strip()
    return repr(cell if len(cell) <= 40 else cell[:39] + "…")
