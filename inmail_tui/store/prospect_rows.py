"""``ProspectRow``: a prospect as the queue, the CLI and the export see it (never an ORM object)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date
from functools import lru_cache
from typing import Any, cast, get_type_hints

from sqlalchemy import Select, Table, select
from sqlmodel import SQLModel

from inmail_tui.core.model import Degree, ProspectFacts
from inmail_tui.core.tags import derived_tags
from inmail_tui.store import models as _models  # noqa: F401  (registers the tables)

PROSPECT: Table = SQLModel.metadata.tables["prospect"]


@dataclass(frozen=True, slots=True)
class ProspectRow:
    id: int
    url: str
    first_name: str
    last_name: str
    full_name: str
    sort_name: str
    company: str
    title: str
    email: str
    email_verified: bool
    degree: Degree
    premium: bool
    open_profile: bool
    accepts_inmail: bool
    blocked: bool
    shares_group: bool
    applicant: bool
    priority: int
    status: str
    status_on: date | None
    next_due: date | None
    cost_class: str
    user_tags: tuple[str, ...]
    notes: str
    sources: tuple[str, ...]
    sales_nav_url: str
    connected_on: date | None
    extra_json: str = "{}"
    owner_seat: int | None = None  # the seat that claimed them (team pools)
    claimed_on: date | None = None

    @property
    def derived_tags(self) -> tuple[str, ...]:
        """The tags the data implies (``core.tags``): ``1st``..``OUT``, ``OPEN``, ``PREMIUM``,
        ``NO-INMAIL``, ``EMAIL``."""
        return tuple(derived_tags(self.facts))

    @property
    def tags(self) -> tuple[str, ...]:
        """Derived tags, then the user's own."""
        return self.derived_tags + self.user_tags

    @property
    def extra(self) -> dict[str, str]:
        """Columns kept from import files that the queue does not use."""
        return cast(dict[str, str], json.loads(self.extra_json or "{}"))

    @property
    def facts(self) -> ProspectFacts:
        """What the rules engine needs to know about this prospect."""
        return facts_of({name: getattr(self, name) for name in FACT_COLUMNS})


# The facts' columns: ``ProspectFacts``'s fields, by the name of their column.
_FACT_COLUMN_OF = {"verified_email": "email_verified", "has_email": "email"}
FACT_COLUMNS = tuple(_FACT_COLUMN_OF.get(f.name, f.name) for f in fields(ProspectFacts))


def facts_of(values: Mapping[str, Any]) -> ProspectFacts:
    """Facts from a prospect's column values (a row, or what the importer is about to write)."""
    return ProspectFacts(
        degree=Degree(values["degree"]),
        premium=bool(values["premium"] or values["open_profile"]),  # Open Profile implies it
        open_profile=bool(values["open_profile"]),
        accepts_inmail=bool(values["accepts_inmail"]),
        blocked=bool(values["blocked"]),
        shares_group=bool(values["shares_group"]),
        applicant=bool(values["applicant"]),
        verified_email=bool(values["email_verified"]),
        priority=int(values["priority"]),
        has_email=bool(values["email"]),
    )


# The one field named unlike its column: the ``extra`` column is the ``extra_json`` field (the
# ``extra`` property parses it).
_COLUMN_OF = {"extra_json": "extra"}
FIELDS = tuple(f.name for f in fields(ProspectRow))
# Every column a ``ProspectRow`` holds, in its field order: what ``select_rows`` reads.
ROW_COLUMNS = tuple(_COLUMN_OF.get(name, name) for name in FIELDS)


@lru_cache(maxsize=4096)
def tag_words(value: str) -> tuple[str, ...]:
    """A stored space-separated list (``user_tags``, ``sources``) as a tuple; each distinct
    list is split once (most prospects share a handful of tag sets)."""
    return tuple(value.split())


# How a stored value becomes a field's value, by the field's type (other types: as stored).
_FROM_STORED: Mapping[object, Callable[[Any], Any]] = {
    bool: bool,
    Degree: Degree,
    tuple[str, ...]: tag_words,
}
_TYPES = get_type_hints(ProspectRow)
# (position, converter) of each field that needs one: the paging hot path converts only those.
_CONVERTED = tuple(
    (index, convert)
    for index, name in enumerate(FIELDS)
    if (convert := _FROM_STORED.get(_TYPES[name])) is not None
)


def select_rows() -> Select[Any]:
    """SELECT of every column a ``ProspectRow`` holds, in its field order."""
    return select(*(PROSPECT.c[name] for name in ROW_COLUMNS))


def to_row(values: Sequence[Any]) -> ProspectRow:
    """A ``ProspectRow`` from a result row of ``select_rows()`` (its columns in field order)."""
    converted = list(values)
    for index, convert in _CONVERTED:
        converted[index] = convert(converted[index])
    return ProspectRow(*converted)
