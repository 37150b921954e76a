"""PhantomBuster's "Sales Navigator Search Export" layout.

The identity is ``defaultProfileUrl`` (the vanity ``/in/`` URL), falling back to
``linkedInProfileUrl`` (built from the member id); ``profileUrl`` is the Sales Navigator lead URL,
kept as ``sales_nav_url``. A few descriptive columns are kept in ``extra``; the rest (summaries,
past experience, image URLs) are left out of the database.
"""

from __future__ import annotations

from inmail_tui.core.importing.layout import ImportFormat, Layout
from inmail_tui.core.importing.values import parse_bool, parse_degree

LAYOUT = Layout(
    format=ImportFormat.PHANTOMBUSTER,
    label="PhantomBuster's Sales Navigator export (defaultProfileUrl, linkedInProfileUrl, ...)",
    url_keys=("defaultprofileurl", "linkedinprofileurl"),
    fields=(
        ("full_name", None, ("fullname", "name")),
        ("first_name", None, ("firstname",)),
        ("last_name", None, ("lastname",)),
        ("company", None, ("companyname",)),
        ("title", None, ("title",)),
        ("degree", parse_degree, ("connectiondegree",)),
        ("premium", parse_bool, ("ispremium",)),
        ("open_profile", parse_bool, ("isopenlink",)),
        ("sales_nav_url", str.strip, ("profileurl",)),
    ),
    required=frozenset(),
    any_of=(frozenset({"defaultprofileurl", "vmid", "isopenlink"}),),
    keep_extra=frozenset(
        {
            "vmid",
            "location",
            "industry",
            "companylocation",
            "companyurl",
            "durationinrole",
            "durationincompany",
            "sharedconnectionscount",
            "timestamp",
        }
    ),
)
