"""The layout ``inmail-tui export`` writes, read back without loss.

One column per stored field of a prospect, then the derived columns (tags, next action, the
decision), which a re-import ignores: they are recomputed from the stored fields. Columns a user
adds in a spreadsheet are kept in ``extra``. The export guards cells a spreadsheet would run as a
formula with a leading apostrophe (``values.guard_cell``); reading takes the guard off again.
"""

from __future__ import annotations

from inmail_tui.core.importing.layout import Converter, FieldSpec, ImportFormat, Layout, header_key
from inmail_tui.core.importing.values import (
    parse_bool,
    parse_date,
    parse_degree,
    parse_extra,
    parse_priority,
    parse_sources,
    parse_status,
    parse_tags,
)

URL_HEADER = "LinkedIn URL"

# (header, ProspectRecord field, converter), in the order of the file's columns.
STORED: tuple[tuple[str, str, Converter | None], ...] = (
    ("First Name", "first_name", None),
    ("Last Name", "last_name", None),
    ("Full Name", "full_name", None),
    ("Company", "company", None),
    ("Title", "title", None),
    ("Email", "email", str.strip),
    ("Email Verified", "email_verified", parse_bool),
    ("Degree", "degree", parse_degree),
    ("Premium", "premium", parse_bool),
    ("Open Profile", "open_profile", parse_bool),
    ("Accepts InMail", "accepts_inmail", parse_bool),
    ("Blocked", "blocked", parse_bool),
    ("Shares Group", "shares_group", parse_bool),
    ("Applicant", "applicant", parse_bool),
    ("Priority", "priority", parse_priority),
    ("Status", "status", parse_status),
    ("Status On", "status_on", parse_date),
    ("User Tags", "user_tags", parse_tags),
    ("Notes", "notes", None),
    ("Connected On", "connected_on", parse_date),
    ("Sales Navigator URL", "sales_nav_url", str.strip),
    ("Sources", "sources", parse_sources),
    ("Extra", "extra", parse_extra),
)

# (header, ``exporting.ExportRow`` field) of the derived columns, after the stored ones: written
# for the reader of the file, recomputed (never read back) on import.
DERIVED: tuple[tuple[str, str], ...] = (
    ("Tags", "tags"),
    ("Next Action", "next_action"),
    ("Next Due", "next_due"),
    ("Channel", "channel"),
    ("Cost", "cost"),
    ("Allowed", "allowed"),
    ("Rule", "rule"),
    ("Reason", "reason"),
)

# The file's columns: each one's header and the field it holds, in order.
COLUMNS: tuple[tuple[str, str], ...] = (
    (URL_HEADER, "url"),
    *((header, field) for header, field, _ in STORED),
    *DERIVED,
)
HEADER: tuple[str, ...] = tuple(header for header, _ in COLUMNS)

_FIELDS: tuple[FieldSpec, ...] = tuple(
    (field, convert, (header_key(header),)) for header, field, convert in STORED
)

LAYOUT = Layout(
    format=ImportFormat.EXPORT,
    label="an inmail-tui export (" + ", ".join(HEADER[:4]) + ", ...)",
    url_keys=(header_key(URL_HEADER),),
    fields=_FIELDS,
    required=frozenset(header_key(header) for header in HEADER),
    keep_extra=None,
    ignore=frozenset(header_key(header) for header, _ in DERIVED),
    derive_full_name=False,
    unguard=True,
)
