"""A credit pool and its ledger entries as plain values, from a row of either read path.

No SQLAlchemy here: ``store/pools.py`` (SQLAlchemy Core, SQLite and PostgreSQL) and
``store/ledger_read.py`` (the ``sqlite3`` module alone, for the balance's first answer) both turn
rows into these. The columns read are the dataclasses' fields, by the name of their column.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from inmail_tui.core.model import EventKind, LedgerEvent

# The schema version this code works with (``meta.schema_version``): revision NNNN of
# ``migrations/versions`` brings a database to version N.
SCHEMA_VERSION = 5
VERSION_KEY = "schema_version"  # its key in ``meta``
# The tables the balance reads (``ledger_tables.py`` declares them under these names).
META_TABLE = "meta"
POOL_TABLE = "pool"
LEDGER_TABLE = "ledger_entry"


@dataclass(frozen=True, slots=True)
class PoolRow:
    id: int
    name: str
    plan_id: str
    renewal_day: int
    opened_on: date
    cancelled_on: date | None
    overrides: dict[str, Any] = field(hash=False)  # per-pool plan overrides (seats, policies)
    seat_limit: int | None = None
    active: bool = False


# The pool's columns, in ``PoolRow``'s field order (``overrides`` is stored as JSON text).
POOL_COLUMNS = tuple(f.name for f in fields(PoolRow))
# The one field of ``LedgerEvent`` named unlike its column.
LEDGER_COLUMN_OF = {"seat": "seat_id"}
LEDGER_COLUMNS = tuple(LEDGER_COLUMN_OF.get(f.name, f.name) for f in fields(LedgerEvent))


def pool_row(values: Mapping[Any, Any]) -> PoolRow:
    """A ``PoolRow`` from a pool row's values by column (dates and booleans already typed)."""
    return PoolRow(
        **{name: values[name] for name in POOL_COLUMNS if name != "overrides"},
        overrides=json.loads(values["overrides"]),
    )


def ledger_event(values: Mapping[Any, Any]) -> LedgerEvent:
    """A stored ``LedgerEvent`` from a ledger row's values by column (dates already typed)."""
    found = {f.name: values[LEDGER_COLUMN_OF.get(f.name, f.name)] for f in fields(LedgerEvent)}
    return LedgerEvent(**{**found, "kind": EventKind(found["kind"])})
