"""Reading prospects from import files: LinkedIn's Connections export, PhantomBuster's Sales
Navigator export, generic lead lists and inmail-tui's own export. Parsing only: merging the
records into the database is the store's job.
"""

from inmail_tui.core.importing.layout import ImportFormat, ImportFormatError, RowError
from inmail_tui.core.importing.reader import (
    AUTO,
    FORMAT_DESCRIPTIONS,
    FORMAT_NAMES,
    ImportReader,
    open_import,
)

__all__ = [
    "AUTO",
    "FORMAT_DESCRIPTIONS",
    "FORMAT_NAMES",
    "ImportFormat",
    "ImportFormatError",
    "ImportReader",
    "RowError",
    "open_import",
]
