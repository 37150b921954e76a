"""Message templates: stored, edited in the TUI, and the starter set seeded by name."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import Row, Table, delete, select, update

from inmail_tui.core.model import Channel
from inmail_tui.store.engine import StoreError, insert_or_skip
from inmail_tui.store.models import Template
from inmail_tui.store.tx import Bind, reading, writing

TEMPLATE: Table = Template.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class TemplateRow:
    id: int
    name: str
    channel: Channel
    subject: str
    body: str
    variant: str  # A/B label, "" when none
    builtin: bool  # shipped with the app (seeded), as opposed to written by the user


class TemplateSeed(Protocol):
    """What :func:`seed_templates` needs of a starter template."""

    @property
    def name(self) -> str: ...
    @property
    def channel(self) -> Channel: ...
    @property
    def subject(self) -> str: ...
    @property
    def body(self) -> str: ...
    @property
    def variant(self) -> str: ...


def list_templates(bind: Bind, channel: Channel | None = None) -> list[TemplateRow]:
    query = select(TEMPLATE).order_by(TEMPLATE.c.name)
    if channel is not None:
        query = query.where(TEMPLATE.c.channel == channel.value)
    with reading(bind) as conn:
        return [_template(row) for row in conn.execute(query)]


def get_template(bind: Bind, template_id: int) -> TemplateRow | None:
    with reading(bind) as conn:
        row = conn.execute(select(TEMPLATE).where(TEMPLATE.c.id == template_id)).first()
    return None if row is None else _template(row)


def save_template(
    bind: Bind,
    *,
    name: str,
    channel: Channel,
    subject: str,
    body: str,
    variant: str = "",
    template_id: int | None = None,
) -> TemplateRow:
    """Add a template (``template_id`` None) or change one. Names are unique."""
    values = {
        "name": name,
        "channel": channel.value,
        "subject": subject,
        "body": body,
        "variant": variant,
    }
    with writing(bind) as conn:
        taken = conn.execute(
            select(TEMPLATE.c.id).where(TEMPLATE.c.name == name, TEMPLATE.c.id != template_id)
        ).first()
        if taken is not None:
            raise StoreError(f"A template named {name!r} already exists; choose another name.")
        if template_id is None:
            template_id = conn.execute(
                TEMPLATE.insert().values(builtin=False, **values).returning(TEMPLATE.c.id)
            ).scalar_one()
        elif not conn.execute(
            update(TEMPLATE).where(TEMPLATE.c.id == template_id).values(**values)
        ).rowcount:
            raise StoreError(f"There is no template with id {template_id}.")
        row = conn.execute(select(TEMPLATE).where(TEMPLATE.c.id == template_id)).one()
    return _template(row)


def delete_template(bind: Bind, template_id: int) -> bool:
    """Delete a template (drafts made from it keep their text). False when there was none."""
    with writing(bind) as conn:
        return bool(conn.execute(delete(TEMPLATE).where(TEMPLATE.c.id == template_id)).rowcount)


def seed_templates(bind: Bind, templates: Iterable[TemplateSeed]) -> int:
    """Add the starter templates whose names are not taken; returns how many were added.

    A template the user has edited or renamed is never overwritten, so seeding is idempotent.
    """
    added = 0
    with writing(bind) as conn:
        for seed in templates:
            statement = (
                insert_or_skip(conn, TEMPLATE, unique=["name"])
                .values(
                    name=seed.name,
                    channel=seed.channel.value,
                    subject=seed.subject,
                    body=seed.body,
                    variant=seed.variant,
                    builtin=True,
                )
                .returning(TEMPLATE.c.id)
            )
            added += conn.execute(statement).first() is not None
    return added


def _template(row: Row[Any]) -> TemplateRow:
    return TemplateRow(
        id=row.id,
        name=row.name,
        channel=Channel(row.channel),
        subject=row.subject,
        body=row.body,
        variant=row.variant,
        builtin=row.builtin,
    )
