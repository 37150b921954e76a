"""Any lead list whose headers name the columns: matched case-insensitively, ignoring spaces and
punctuation, against the synonyms below (the first synonym present wins for each field).

Columns that match nothing are kept in ``extra`` under their own header, so a lead list's
``Location`` or ``Industry`` is not lost.
"""

from __future__ import annotations

from inmail_tui.core.importing.layout import FieldSpec, ImportFormat, Layout, header_key
from inmail_tui.core.importing.values import (
    parse_bool,
    parse_date,
    parse_degree,
    parse_email_status,
    parse_priority,
    parse_status,
    parse_tags,
)


def _keys(*headers: str) -> tuple[str, ...]:
    return tuple(header_key(header) for header in headers)


URL_KEYS = _keys(
    "Person Linkedin Url",
    "LinkedIn URL",
    "LinkedIn Profile URL",
    "LinkedIn Profile",
    "Public Profile URL",
    "Profile URL",
    "Profile Link",
    "LinkedIn",
    "URL",
)

FIELDS: tuple[FieldSpec, ...] = (
    ("first_name", None, _keys("First Name", "Given Name", "First")),
    ("last_name", None, _keys("Last Name", "Surname", "Family Name", "Last")),
    ("full_name", None, _keys("Full Name", "Name", "Person Name", "Contact Name")),
    (
        "company",
        None,
        _keys("Company Name", "Company", "Current Company", "Organization", "Organisation"),
    ),
    ("title", None, _keys("Job Title", "Title", "Position", "Role", "Current Title")),
    ("email", str.strip, _keys("Email", "Email Address", "Work Email", "Business Email")),
    ("email_verified", parse_email_status, _keys("Email Verified", "Email Status")),
    ("degree", parse_degree, _keys("Degree", "Connection Degree", "Connection")),
    ("premium", parse_bool, _keys("Premium", "Is Premium", "Premium Member")),
    ("open_profile", parse_bool, _keys("Open Profile", "Is Open", "Is Open Profile", "Open Link")),
    ("accepts_inmail", parse_bool, _keys("Accepts InMail")),
    ("blocked", parse_bool, _keys("Blocked")),
    ("shares_group", parse_bool, _keys("Shares Group", "Shared Group")),
    ("applicant", parse_bool, _keys("Applicant", "Job Applicant")),
    ("priority", parse_priority, _keys("Priority", "Fit")),
    ("status", parse_status, _keys("Status", "Stage")),
    ("user_tags", parse_tags, _keys("Tags", "Tag", "Labels")),
    ("notes", None, _keys("Notes", "Note", "Comments")),
    ("connected_on", parse_date, _keys("Connected On", "Connection Date")),
    (
        "sales_nav_url",
        str.strip,
        _keys("Sales Navigator URL", "Sales Nav URL", "Sales Navigator Profile URL", "Lead URL"),
    ),
)

LAYOUT = Layout(
    format=ImportFormat.GENERIC,
    label="a lead list with a LinkedIn profile URL column (LinkedIn URL, Profile URL, ...)",
    url_keys=URL_KEYS,
    fields=FIELDS,
    required=frozenset(),
    keep_extra=None,
)
