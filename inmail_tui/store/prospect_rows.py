"""``ProspectRow``: a prospect as the queue, the CLI and the export see it (never an ORM object)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from sqlalchemy import Select, Table, select
from sqlmodel import SQLModel

from inmail_tui.core.model import Degree, ProspectFacts
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
        """The tags the data implies: ``1st``..``OUT``, ``OPEN``, ``PREMIUM``, ``NO-INMAIL``,
        ``EMAIL`` (a verified email is known)."""
        tags = [self.degree.tag]
        if self.open_profile:
            tags.append("OPEN")
        if self.premium or self.open_profile:  # only Premium members can turn Open Profile on
            tags.append("PREMIUM")
        if self.blocked or not self.accepts_inmail:
            tags.append("NO-INMAIL")
        if self.email_verified:
            tags.append("EMAIL")
        return tuple(tags)

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
        return ProspectFacts(
            degree=self.degree,
            premium=self.premium or self.open_profile,
            open_profile=self.open_profile,
            accepts_inmail=self.accepts_inmail,
            blocked=self.blocked,
            shares_group=self.shares_group,
            applicant=self.applicant,
            verified_email=self.email_verified,
            priority=self.priority,
        )


_COLUMNS = (
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
    return select(*(PROSPECT.c[name] for name in _COLUMNS))


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
