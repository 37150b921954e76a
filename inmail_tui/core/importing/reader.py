"""Reading an import file as a stream of records, for files of any size.

    with open_import(path) as reader:
        for item in reader:          # ProspectRecord | RowError, in file order
            ...
            progress(reader.bytes_read, reader.total_bytes)

Rows are yielded in file order, duplicates included: a URL seen earlier in the same file is
yielded again (``reader.duplicates`` counts them). Applying the records in order with the store's
merge rule (a known value replaces the old one, ``None`` never does) makes the later row win
field by field, exactly as a re-import of a newer file does.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from types import TracebackType
from typing import BinaryIO

from inmail_tui.core.importing import connections, exported, generic, phantombuster
from inmail_tui.core.importing.layout import ImportFormat, ImportFormatError, Layout, RowError
from inmail_tui.core.importing.source import SAVE_AS_CSV, choose_encoding, find_header
from inmail_tui.core.model import ProspectRecord

AUTO = "auto"  # not a format: find the format by its header row
# The import formats, one layout each (its name, its one-line description, how its rows are read),
# in the order ``auto`` tries them on each line until one recognises it as a header row. The
# names accepted, the CLI's choices and their help all derive from it.
LAYOUTS = (exported.LAYOUT, connections.LAYOUT, phantombuster.LAYOUT, generic.LAYOUT)
FORMAT_NAMES: tuple[str, ...] = (AUTO, *(layout.format.value for layout in LAYOUTS))
FORMAT_DESCRIPTIONS: dict[str, str] = {
    AUTO: "the first of these whose header row the file has",
    **{layout.format.value: layout.label for layout in LAYOUTS},
}


class ImportReader:
    """An open import file. Iterate it once; close it (or use ``with``) when done."""

    def __init__(self, binary: BinaryIO, total_bytes: int, format: str = AUTO) -> None:
        self._binary = binary
        self.total_bytes = total_bytes
        self.duplicates = 0
        try:
            layouts = LAYOUTS if format == AUTO else _layouts_for(format)
            self.encoding = choose_encoding(binary)
            self._text = io.TextIOWrapper(binary, encoding=self.encoding, newline="")
            header = find_header(self._text, layouts, forced=format != AUTO)
        except UnicodeDecodeError:
            binary.close()
            raise ImportFormatError(f"This file is not readable text. {SAVE_AS_CSV}") from None
        except BaseException:
            binary.close()
            raise
        self.format: ImportFormat = header.layout.format
        self.headers: tuple[str, ...] = header.cells
        self.delimiter = header.delimiter
        self.header_line = header.line
        self._plan = header.layout.plan(header.cells)

    @property
    def bytes_read(self) -> int:
        """How far reading has got, in bytes of the file (for a progress bar)."""
        if self._binary.closed:
            return self.total_bytes
        return min(self._binary.tell(), self.total_bytes)

    def __iter__(self) -> Iterator[ProspectRecord | RowError]:
        read = self._plan.read
        width = len(self.headers)
        offset = self.header_line
        rows = csv.reader(self._text, delimiter=self.delimiter)
        seen: set[str] = set()
        before = 0  # physical lines read before the current row, after the header
        while True:
            try:
                for row in rows:
                    line = offset + before + 1
                    after = rows.line_num
                    if after - before > 1 and len(row) < width:
                        yield RowError(line, _unclosed_quote(offset + after))
                        before = after
                        continue
                    before = after
                    item = read(row, line)
                    if item is None:
                        continue
                    if type(item) is ProspectRecord:
                        if item.url in seen:
                            self.duplicates += 1
                        else:
                            seen.add(item.url)
                    yield item
                return
            except csv.Error as error:
                yield RowError(offset + before + 1, f"this row cannot be read as CSV: {error}")
                before = rows.line_num
            except UnicodeDecodeError:
                raise ImportFormatError(
                    f"This file stops being readable {self.encoding} text after line "
                    f"{offset + before}. {SAVE_AS_CSV}"
                ) from None

    def close(self) -> None:
        self._text.close()

    def __enter__(self) -> ImportReader:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def open_import(source: str | os.PathLike[str] | bytes, format: str = AUTO) -> ImportReader:
    """Open a file (a path, or its bytes) for import.

    ``format`` is one of ``FORMAT_NAMES``: ``auto`` or an ``ImportFormat`` value. Raises
    ``ImportFormatError`` with a sentence for the user when the file cannot be opened or is not
    an import file at all.
    """
    if isinstance(source, bytes):
        return ImportReader(io.BytesIO(source), len(source), format)
    try:
        binary = open(source, "rb")  # noqa: SIM115 - the reader owns and closes it
    except OSError as error:
        raise ImportFormatError(f"Cannot open {os.fspath(source)}: {error.strerror}.") from None
    return ImportReader(binary, os.fstat(binary.fileno()).st_size, format)


def _layouts_for(format: str) -> tuple[Layout, ...]:
    try:
        wanted = ImportFormat(format)
    except ValueError:
        names = ", ".join(FORMAT_NAMES)
        raise ImportFormatError(f"Unknown import format {format!r}: use one of {names}.") from None
    return tuple(layout for layout in LAYOUTS if layout.format is wanted)


def _unclosed_quote(end: int) -> str:
    return (
        f"a quoted cell that starts on this line runs on to line {end}: "
        'a closing quote (") is probably missing'
    )
