"""Drafts and templates: what the drafter screen loads, saves and renders.

Sending and outcomes stay in :mod:`inmail_tui.planner.outreach` (the one place a credit moves);
this service reads and writes the text around them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from inmail_tui.core.ledger import balance as ledger_balance
from inmail_tui.core.lint import Limits
from inmail_tui.core.model import DRAFT_CHANNELS, Channel
from inmail_tui.core.rules import Decision
from inmail_tui.core.templates import Rendered, Template, render, starter_templates
from inmail_tui.errors import UserError
from inmail_tui.planner.context import Context, user_facing
from inmail_tui.planner.derive import Derivation, QueueItem, find
from inmail_tui.planner.pools import Pools
from inmail_tui.store import drafts
from inmail_tui.store import templates as template_store
from inmail_tui.store.drafts import DraftRow
from inmail_tui.store.prospect_rows import ProspectRow
from inmail_tui.store.templates import TemplateRow
from inmail_tui.store.tx import read_session

__all__ = ["DraftContext", "DraftRow", "DraftService", "TemplateRow", "placeholder_values"]

_NOT_NAME = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True)
class DraftContext:
    """Everything the drafter shows for one prospect on one channel."""

    item: QueueItem
    channel: Channel
    decision: Decision  # what sending on ``channel`` costs today
    balance: int | None  # the active pool's balance (None without a pool)
    limits: Limits
    templates: list[TemplateRow]  # those for ``channel``
    draft: DraftRow | None  # the unsent draft last saved, if any

    @property
    def balance_after(self) -> int | None:
        """The balance once this send is marked (unchanged when it is free or refused)."""
        if self.balance is None:
            return None
        spent = self.decision.cost if self.decision.allowed else 0
        return self.balance - spent


def field_name(header: str) -> str:
    """The placeholder name of a user field: ``"Company Size"`` -> ``company_size``."""
    return _NOT_NAME.sub("_", header.casefold()).strip("_")


def placeholder_values(row: ProspectRow) -> dict[str, str]:
    """What a template's placeholders are filled with for this prospect.

    The user's own fields (columns kept from the import file) are named by :func:`field_name`
    (``{company_size}`` for a "Company Size" column); the prospect's own fields win over a user
    field of the same name. ``{first_name}`` falls back to the first word of the full name when
    the source gave no first name.
    """
    values = {field_name(header): value for header, value in row.extra.items()}
    first = row.first_name or (row.full_name.split()[0] if row.full_name.split() else "")
    values.update(
        first_name=first,
        last_name=row.last_name,
        full_name=row.full_name,
        company=row.company,
        title=row.title,
    )
    return values


def _channel(channel: Channel) -> Channel:
    if channel not in DRAFT_CHANNELS:
        names = ", ".join(c.label for c in DRAFT_CHANNELS)
        raise UserError(f"Drafts are written for {names}; not for {channel.value}.")
    return channel


class DraftService:
    def __init__(self, ctx: Context, pools: Pools, derivation: Derivation) -> None:
        self._ctx = ctx
        self._pools = pools
        self._derivation = derivation

    @user_facing
    def draft_context(self, prospect_id: int | str, channel: Channel) -> DraftContext:
        """The prospect, the cost of this send, the limits, templates and saved draft."""
        channel = _channel(channel)
        pool = self._pools.active()
        with self._ctx.read() as conn:
            events = self._pools.read(conn, pool).events if pool else None
            row = find(conn, prospect_id)
            item = self._derivation.items(conn, [row])[0]
            decision = self._derivation.decision(conn, row, channel)
            found = template_store.list_templates(conn, channel)
            draft = drafts.latest_draft(conn, row.id, channel)
        return DraftContext(
            item=item,
            channel=channel,
            decision=decision,
            balance=None if events is None else ledger_balance(events),
            limits=self._pools.limits(),
            templates=found,
            draft=draft,
        )

    @user_facing
    def save_draft(
        self,
        prospect_id: int | str,
        channel: Channel,
        subject: str,
        body: str,
        template_id: int | None = None,
        variant: str = "",
        draft_id: int | None = None,
    ) -> int:
        """Save the text being written (a new draft, or ``draft_id`` updated); returns its id."""
        channel = _channel(channel)
        pool = self._pools.active()
        with self._ctx.write() as conn:
            row = find(conn, prospect_id)
            saved = drafts.save_draft(
                conn,
                prospect_id=row.id,
                channel=channel,
                subject=subject if channel is Channel.INMAIL else "",
                body=body,
                now=self._ctx.now,
                draft_id=draft_id,
                template_id=template_id,
                variant=variant.strip(),
                pool_id=pool.id if pool else None,
            )
        return saved.id

    @user_facing
    def discard_draft(self, draft_id: int) -> bool:
        """Delete an unsent draft; False when there was none."""
        return drafts.delete_draft(self._ctx.engine, draft_id)

    # -- templates --------------------------------------------------------------------------
    def templates(self, channel: Channel | None = None) -> list[TemplateRow]:
        return template_store.list_templates(self._ctx.engine, channel)

    @user_facing
    def template(self, template_id: int) -> TemplateRow:
        found = template_store.get_template(self._ctx.engine, template_id)
        if found is None:
            raise UserError(f"There is no template with id {template_id}; it may be deleted.")
        return found

    @user_facing
    def save_template(
        self,
        name: str,
        channel: Channel,
        subject: str,
        body: str,
        variant: str = "",
        template_id: int | None = None,
    ) -> TemplateRow:
        """Add a template (``template_id`` None) or change one; names are unique."""
        channel = _channel(channel)
        name = " ".join(name.split())
        if not name:
            raise UserError("A template needs a name.")
        if not body.strip():
            raise UserError(f"Template {name!r} has no text.")
        return template_store.save_template(
            self._ctx.engine,
            name=name,
            channel=channel,
            subject=subject.strip() if channel is Channel.INMAIL else "",
            body=body,
            variant=variant.strip(),
            template_id=template_id,
        )

    @user_facing
    def delete_template(self, template_id: int) -> bool:
        """Delete a template; drafts made from it keep their text. False when there was none."""
        return template_store.delete_template(self._ctx.engine, template_id)

    @user_facing
    def seed_starter_templates(self) -> int:
        """Add the starter templates not added before; idempotent. Returns how many were added."""
        return template_store.seed_templates(self._ctx.engine, starter_templates())

    @user_facing
    def render_for(self, template_id: int, prospect_id: int | str) -> Rendered:
        """The template filled in for this prospect; placeholders without a value stay."""
        found = self.template(template_id)
        with read_session(self._ctx.engine) as conn:
            row = find(conn, prospect_id)
        template = Template(found.name, found.channel, found.subject, found.body, found.variant)
        return render(template, placeholder_values(row))
