"""LinkedIn's own data archive ("Get a copy of your data"): reading its ``messages.csv``,
``Invitations.csv``, ``Connections.csv`` and ``Profile.csv`` (``files``, ``rows``), telling
whose archive it is (``owner``), and the pure reconcile of what it says happened against what
the database already knows (``reconcile``). Writing the result is the planner's job.
"""

from inmail_tui.core.archive.files import ArchiveFile, ArchiveKind, read_archive, sniff_archive
from inmail_tui.core.archive.reconcile import Known, ReconcilePlan, reconcile
from inmail_tui.core.archive.rows import Archive, Invitation, Message

__all__ = [
    "Archive",
    "ArchiveFile",
    "ArchiveKind",
    "Invitation",
    "Known",
    "Message",
    "ReconcilePlan",
    "read_archive",
    "reconcile",
    "sniff_archive",
]
