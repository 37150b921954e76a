"""``ProspectRow``: a prospect as the queue, the CLI and the export see it (never an ORM object)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

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

    @property
    def derived_tags(self) -> tuple[str, ...]:
        """The tags the data implies (``core.tags``): ``1st``..``OUT``, ``OPEN``, ``PREMIUM``,
        ``NO-INMAIL``, ``EMAIL``."""
        return tuple(derived_tags(self.facts, has_email=bool(self.email)))

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


# The columns the rules engine's facts come from.
FACT_COLUMNS = (
    "degree",
    "premium",
    "open_profile",
    "accepts_inmail",
    "blocked",
    "shares_group",
    "applicant",
    "email_verified",
    "priority",
)


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
    )


ROW_COLUMNS = (
    "id",
    "url",
    "first_name",
    "last_name",
    "full_name",
    "sort_name",
    "company",
    "title",
    "email",
    "email_verified",
    "degree",
    "premium",
    "open_profile",
    "accepts_inmail",
    "blocked",
    "shares_group",
    "applicant",
    "priority",
    "status",
    "status_on",
    "next_due",
    "cost_class",
    "user_tags",
    "notes",
    "sources",
    "sales_nav_url",
    "connected_on",
    "extra",
)


def select_rows() -> Select[Any]:
    """SELECT of every column a ``ProspectRow`` holds, in its field order."""
    return select(*(PROSPECT.c[name] for name in ROW_COLUMNS))


def to_row(values: Sequence[Any]) -> ProspectRow:
    """A ``ProspectRow`` from a result row of ``select_rows()`` (positional)."""
    (
        id_,
        url,
        first,
        last,
        full,
        sort_name,
        company,
        title,
        email,
        email_verified,
        degree,
        premium,
        open_profile,
        accepts_inmail,
        blocked,
        shares_group,
        applicant,
        priority,
        status,
        status_on,
        next_due,
        cost_class,
        user_tags,
        notes,
        sources,
        sales_nav_url,
        connected_on,
        extra,
    ) = values
    return ProspectRow(
        id_,
        url,
        first,
        last,
        full,
        sort_name,
        company,
        title,
        email,
        bool(email_verified),
        Degree(degree),
        bool(premium),
        bool(open_profile),
        bool(accepts_inmail),
        bool(blocked),
        bool(shares_group),
        bool(applicant),
        priority,
        status,
        status_on,
        next_due,
        cost_class,
        tuple(user_tags.split()),
        notes,
        tuple(sources.split()),
        sales_nav_url,
        connected_on,
        extra,
    )
