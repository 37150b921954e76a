"""Writing prospects as CSV: every stored field, then the derived tags, next action and decision.

The layout is ``importing.exported.HEADER``; importing the file back (format ``export``, which
auto-detection picks) gives the stored fields back unchanged. Values are written exactly as
stored: no markup, no escaping of control characters (the csv module quotes what needs it), and
no spreadsheet-formula guard (a leading ``=`` would have to be altered, and the file must
re-import without loss).

Open the file with ``newline=""`` (the csv module writes CRLF row ends itself) and
``encoding=EXPORT_ENCODING``: UTF-8 with a BOM, so Excel shows accented names correctly.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

from inmail_tui.core.importing.exported import HEADER
from inmail_tui.core.importing.values import format_bool, format_date, format_extra
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


def write_prospects_csv(stream: TextIO, rows: Iterable[ExportRow]) -> int:
    """Write the header and one line per row to ``stream``; return how many rows were written."""
    writer = csv.writer(stream)
    writer.writerow(HEADER)
    count = 0
    for row in rows:
        writer.writerow(_cells(row))
        count += 1
    return count


def write_prospects_file(path: Path, rows: Iterable[ExportRow]) -> int:
    """Write the export to ``path`` (replacing it) in the encoding Excel reads; return the count."""
    with path.open("w", encoding=EXPORT_ENCODING, newline="") as stream:
        return write_prospects_csv(stream, rows)


def _cells(row: ExportRow) -> tuple[str, ...]:
    return (
        row.url,
        row.first_name,
        row.last_name,
        row.full_name,
        row.company,
        row.title,
        row.email,
        format_bool(row.email_verified),
        row.degree.tag,
        format_bool(row.premium),
        format_bool(row.open_profile),
        format_bool(row.accepts_inmail),
        format_bool(row.blocked),
        format_bool(row.shares_group),
        format_bool(row.applicant),
        str(row.priority),
        row.status,
        format_date(row.status_on),
        " ".join(row.user_tags),
        row.notes,
        format_date(row.connected_on),
        row.sales_nav_url,
        " ".join(row.sources),
        format_extra(row.extra),
        " ".join(row.tags),
        row.next_action,
        format_date(row.next_due),
        row.channel,
        "" if row.cost is None else str(row.cost),
        "" if row.allowed is None else format_bool(row.allowed),
        row.rule,
        row.reason,
    )
