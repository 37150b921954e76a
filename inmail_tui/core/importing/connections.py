"""LinkedIn's own data export of a member's connections (``Connections.csv``).

A ``Notes:`` preamble, then the header row
``First Name,Last Name,URL,Email Address,Company,Position,Connected On``.
Everyone in it is a 1st-degree connection, and an email in it is one LinkedIn itself holds for the
member, so it counts as a verified email.
"""

from __future__ import annotations

from inmail_tui.core.importing.layout import ImportFormat, Layout
from inmail_tui.core.importing.values import parse_date
from inmail_tui.core.model import Degree

LAYOUT = Layout(
    format=ImportFormat.CONNECTIONS,
    label="LinkedIn's Connections export (First Name, Last Name, URL, ..., Connected On)",
    url_keys=("url",),
    fields=(
        ("first_name", None, ("firstname",)),
        ("last_name", None, ("lastname",)),
        ("email", str.strip, ("emailaddress",)),
        ("company", None, ("company",)),
        ("title", None, ("position",)),
        ("connected_on", parse_date, ("connectedon",)),
    ),
    required=frozenset({"firstname", "lastname", "url", "connectedon"}),
    fixed=(("degree", Degree.FIRST),),
    emails_verified=True,
)
