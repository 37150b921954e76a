"""Writing prospects as CSV: every stored field, then the derived tags, next action and decision.

The layout is ``importing.exported.COLUMNS`` (each column's header and the ``ExportRow`` field it
holds); importing the file back (format ``export``, which auto-detection picks) gives the stored
fields back unchanged. Values are written as stored (no markup, no
escaping of control characters: the csv module quotes what needs it), with one exception that
spreadsheet users expect: a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a CR (which a
spreadsheet would run as a formula) gets a leading apostrophe, as does a cell that already
starts with one (``values.guard_cell``). The import of this format takes the apostrophe off
again, so the round trip stays lossless.

Open the file with ``newline=""`` (the csv module writes CRLF row ends itself) and
``encoding=EXPORT_ENCODING``: UTF-8 with a BOM, so Excel shows accented names correctly.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Protocol, get_type_hints

from inmail_tui.core.files import replacing_text
from inmail_tui.core.importing.exported import COLUMNS, HEADER
from inmail_tui.core.importing.values import format_bool, format_date, format_extra, guard_cell
from inmail_tui.core.model import Degree

EXPORT_ENCODING = "utf-8-sig"


@dataclass(frozen=True, slots=True)
class ExportRow:
    """One prospect as the store holds it, with what is derived from it for the active pool."""

    url: str
    first_name: str = ""
    last_name: str = ""
    full_name: str = ""
    company: str = ""
    title: str = ""
    email: str = ""
    email_verified: bool = False
    degree: Degree = Degree.SECOND
    premium: bool = False
    open_profile: bool = False
    accepts_inmail: bool = True
    blocked: bool = False
    shares_group: bool = False
    applicant: bool = False
    priority: int = 3
    status: str = "new"
    status_on: date | None = None
    user_tags: tuple[str, ...] = ()
    notes: str = ""
    connected_on: date | None = None
    sales_nav_url: str = ""
    sources: tuple[str, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()
    # derived: recomputed on import, never read back
    tags: tuple[str, ...] = ()  # derived tags then the user's, as shown in the queue
    next_action: str = ""
    next_due: date | None = None
    channel: str = ""  # the decision for the active pool; empty when there is no pool
    cost: int | None = None
    allowed: bool | None = None
    rule: str = ""
    reason: str = ""


class TextSink(Protocol):
    """Where the CSV goes: an open text file, standard output, anything with ``write``."""

    def write(self, text: str, /) -> int: ...


def write_prospects_csv(stream: TextSink, rows: Iterable[ExportRow]) -> int:
    """Write the header and one line per row to ``stream``; return how many rows were written."""
    writer = csv.writer(stream)
    writer.writerow(HEADER)
    count = 0
    for row in rows:
        writer.writerow(_cells(row))
        count += 1
    return count


def write_prospects_file(path: Path, rows: Iterable[ExportRow]) -> int:
    """Write the export to ``path`` in the encoding Excel reads; return the count.

    The file is written beside ``path`` and renamed over it when complete, readable by its
    owner alone (``files.replacing``): a failed export leaves the previous file as it was.
    """
    with replacing_text(path, EXPORT_ENCODING, newline="") as stream:
        return write_prospects_csv(stream, rows)


def _optional(write: Callable[[Any], str]) -> Callable[[Any], str]:
    return lambda value: "" if value is None else write(value)


# How a value is written, by the type of its field (the spelling the import reads back).
_WRITERS: dict[object, Callable[[Any], str]] = {
    str: str,
    int: str,
    bool: format_bool,
    Degree: lambda degree: degree.tag,
    date | None: format_date,
    tuple[str, ...]: " ".join,
    tuple[tuple[str, str], ...]: format_extra,
    int | None: _optional(str),
    bool | None: _optional(format_bool),
}
_TYPES = get_type_hints(ExportRow)
# (field, writer) of each column of ``HEADER``, in order.
_CELLS = tuple((field, _WRITERS[_TYPES[field]]) for _, field in COLUMNS)


def _cells(row: ExportRow) -> list[str]:
    return [guard_cell(write(getattr(row, field))) for field, write in _CELLS]
