"""``ProspectRow`` is the one declaration of a prospect's columns: the SELECT, the conversion of
each stored value and the facts' columns all derive from its fields."""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine, insert

from inmail_tui.core.merge import DEFAULTS, MERGED_COLUMNS
from inmail_tui.core.model import Degree, ProspectFacts
from inmail_tui.store.models import Prospect
from inmail_tui.store.prospect_rows import (
    FACT_COLUMNS,
    PROSPECT,
    ROW_COLUMNS,
    ProspectRow,
    facts_of,
    select_rows,
    to_row,
)

NOW = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)

# A value per column, each one different from the others of its type, so a field that read
# another column's value would not go unnoticed.
STORED: dict[str, Any] = {
    "url": "https://www.linkedin.com/in/ada",
    "first_name": "Ada",
    "last_name": "Lovelace",
    "full_name": "Ada King Lovelace",
    "sort_name": "ada king lovelace",
    "company": "Analytical Engines",
    "title": "Countess",
    "email": "ada@example.org",
    "email_verified": True,
    "degree": 3,
    "premium": False,
    "open_profile": True,
    "accepts_inmail": False,
    "blocked": True,
    "shares_group": False,
    "applicant": True,
    "priority": 5,
    "status": "connection_requested",
    "status_on": date(2026, 1, 2),
    "next_due": date(2026, 1, 9),
    "cost_class": "credit",
    "user_tags": "hot  alumni",
    "notes": "met at the [b]expo[/b]",
    "sources": "connections phantombuster",
    "sales_nav_url": "https://www.linkedin.com/sales/lead/ada",
    "connected_on": date(2025, 12, 24),
    "extra": '{"city": "London"}',
    "owner_seat": None,  # a seat id (a foreign key): none here
    "claimed_on": date(2026, 1, 3),
}


def test_the_columns_are_the_fields_with_extra_json_read_from_extra() -> None:
    names = [f.name for f in fields(ProspectRow)]
    assert tuple("extra" if name == "extra_json" else name for name in names) == ROW_COLUMNS
    assert set(ROW_COLUMNS) <= set(PROSPECT.c.keys())
    assert [c.name for c in select_rows().selected_columns] == list(ROW_COLUMNS)


def test_every_field_holds_its_own_column_read_back(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(insert(PROSPECT), [{**STORED, "created_at": NOW, "updated_at": NOW}])
        row = to_row(conn.execute(select_rows()).one())
    assert row == ProspectRow(
        id=row.id,
        url=STORED["url"],
        first_name="Ada",
        last_name="Lovelace",
        full_name="Ada King Lovelace",
        sort_name="ada king lovelace",
        company="Analytical Engines",
        title="Countess",
        email="ada@example.org",
        email_verified=True,
        degree=Degree.THIRD,
        premium=False,
        open_profile=True,
        accepts_inmail=False,
        blocked=True,
        shares_group=False,
        applicant=True,
        priority=5,
        status="connection_requested",
        status_on=date(2026, 1, 2),
        next_due=date(2026, 1, 9),
        cost_class="credit",
        user_tags=("hot", "alumni"),
        notes="met at the [b]expo[/b]",
        sources=("connections", "phantombuster"),
        sales_nav_url=STORED["sales_nav_url"],
        connected_on=date(2025, 12, 24),
        extra_json='{"city": "London"}',
        owner_seat=None,
        claimed_on=date(2026, 1, 3),
    )
    assert row.extra == {"city": "London"}


def test_stored_values_are_converted_by_the_field_type() -> None:
    raw = {name: STORED.get(name, 7) for name in ROW_COLUMNS}
    raw |= {"premium": 1, "blocked": 0, "degree": 1, "user_tags": "", "sources": "export"}
    row = to_row([raw[name] for name in ROW_COLUMNS])
    assert row.premium is True and row.blocked is False
    assert row.degree is Degree.FIRST
    assert row.user_tags == () and row.sources == ("export",)
    assert row.id == 7 and row.priority == 5 and row.status_on == date(2026, 1, 2)


class _Reads(dict[str, Any]):
    """A mapping that remembers which keys were read."""

    def __init__(self, values: dict[str, Any]) -> None:
        super().__init__(values)
        self.read: set[str] = set()

    def __getitem__(self, key: str) -> Any:
        self.read.add(key)
        return super().__getitem__(key)


def test_the_facts_read_exactly_the_fact_columns() -> None:
    values = _Reads({name: STORED.get(name, 1) for name in ROW_COLUMNS})
    facts = facts_of(values)
    assert values.read == set(FACT_COLUMNS)
    assert len(FACT_COLUMNS) == len(fields(ProspectFacts))
    assert facts.verified_email is True and facts.degree is Degree.THIRD


def test_a_rows_facts_come_from_its_fact_columns() -> None:
    row = to_row([{**STORED, "id": 1}[name] for name in ROW_COLUMNS])
    assert row.facts == facts_of({name: STORED[name] for name in FACT_COLUMNS})
    assert row.facts.premium  # an Open Profile is a premium one


def test_the_merge_defaults_are_the_tables_defaults() -> None:
    """``core.merge`` cannot import the store: this is what keeps its copy of the defaults true."""
    written_elsewhere = {"id", "url", "next_due", "cost_class", "created_at", "updated_at"}
    written_elsewhere |= {"owner_seat", "claimed_on"}  # claims (planner.team), not imports
    assert set(DEFAULTS) == set(Prospect.model_fields) - written_elsewhere
    assert {name: Prospect.model_fields[name].default for name in DEFAULTS} == dict(DEFAULTS)
    assert set(MERGED_COLUMNS) <= set(PROSPECT.c.keys())
