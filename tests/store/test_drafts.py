"""Templates and drafts on SQLite: plain rows out, timestamps from the caller, sent is final."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Engine, exc, insert, text

from inmail_tui.core.model import Channel
from inmail_tui.store.drafts import (
    SENT,
    WRITING,
    delete_draft,
    get_draft,
    latest_draft,
    mark_draft_sent,
    save_draft,
)
from inmail_tui.store.engine import StoreError
from inmail_tui.store.models import Prospect
from inmail_tui.store.pools import set_pool
from inmail_tui.store.templates import (
    delete_template,
    get_template,
    list_templates,
    save_template,
    seed_templates,
)
from inmail_tui.store.tx import write_tx

NOW = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)
LATER = NOW + timedelta(hours=2)


@dataclass(frozen=True)
class Starter:
    name: str
    channel: Channel
    subject: str
    body: str
    variant: str = ""


STARTERS = [
    Starter("Warm InMail", Channel.INMAIL, "Quick question", "Hi {first_name}, ..."),
    Starter("Short note", Channel.CONNECT, "", "Hi {first_name}, we both ..."),
]


def add_prospect(engine: Engine, slug: str) -> int:
    with write_tx(engine) as conn:
        return int(
            conn.execute(
                insert(Prospect.__table__)  # type: ignore[attr-defined]
                .values(url=f"https://www.linkedin.com/in/{slug}", created_at=NOW, updated_at=NOW)
                .returning(text("id"))
            ).scalar_one()
        )


# -- templates -------------------------------------------------------------------------------


def test_seeding_adds_the_starters_once_and_never_overwrites_an_edit(engine: Engine) -> None:
    assert seed_templates(engine, STARTERS) == 2
    warm = next(t for t in list_templates(engine) if t.name == "Warm InMail")
    assert warm.builtin and warm.channel is Channel.INMAIL
    save_template(
        engine,
        template_id=warm.id,
        name="Warm InMail",
        channel=Channel.INMAIL,
        subject="My own subject",
        body=warm.body,
    )
    assert seed_templates(engine, STARTERS) == 0
    assert [t.subject for t in list_templates(engine, Channel.INMAIL)] == ["My own subject"]
    assert [t.name for t in list_templates(engine)] == ["Short note", "Warm InMail"]


def test_template_crud(engine: Engine) -> None:
    made = save_template(
        engine, name="Follow-up B", channel=Channel.MESSAGE, subject="", body="Hi", variant="B"
    )
    assert (made.name, made.channel, made.variant, made.builtin) == (
        "Follow-up B",
        Channel.MESSAGE,
        "B",
        False,
    )
    assert get_template(engine, made.id) == made
    renamed = save_template(
        engine,
        template_id=made.id,
        name="Follow-up (B)",
        channel=Channel.MESSAGE,
        subject="",
        body="Hello",
        variant="B",
    )
    assert (renamed.id, renamed.name, renamed.body) == (made.id, "Follow-up (B)", "Hello")
    assert delete_template(engine, made.id) is True
    assert delete_template(engine, made.id) is False
    assert get_template(engine, made.id) is None


def test_template_names_are_unique(engine: Engine) -> None:
    seed_templates(engine, STARTERS)
    with pytest.raises(StoreError, match="named 'Short note' already exists"):
        save_template(engine, name="Short note", channel=Channel.CONNECT, subject="", body="x")


def test_changing_a_template_that_is_gone_is_a_clear_error(engine: Engine) -> None:
    with pytest.raises(StoreError, match="no template with id 7"):
        save_template(
            engine, template_id=7, name="x", channel=Channel.INMAIL, subject="s", body="b"
        )


# -- drafts ----------------------------------------------------------------------------------


def test_a_draft_is_saved_then_updated_with_the_callers_timestamps(engine: Engine) -> None:
    ada = add_prospect(engine, "ada")
    first = save_draft(
        engine, prospect_id=ada, channel=Channel.INMAIL, subject="Hi", body="Hello Ada", now=NOW
    )
    assert (first.status, first.created_at, first.updated_at) == (WRITING, NOW, NOW)
    assert first.template_id is None and first.pool_id is None
    second = save_draft(
        engine,
        draft_id=first.id,
        prospect_id=ada,
        channel=Channel.INMAIL,
        subject="Hi Ada",
        body="Hello Ada, ...",
        variant="A",
        now=LATER,
    )
    assert (second.id, second.subject, second.variant) == (first.id, "Hi Ada", "A")
    assert (second.created_at, second.updated_at) == (NOW, LATER)
    assert get_draft(engine, first.id) == second


def test_latest_draft_is_the_last_unsent_one_for_that_channel(engine: Engine) -> None:
    ada, bob = add_prospect(engine, "ada"), add_prospect(engine, "bob")
    assert latest_draft(engine, ada, Channel.INMAIL) is None
    older = save_draft(
        engine, prospect_id=ada, channel=Channel.INMAIL, subject="1", body="one", now=NOW
    )
    newer = save_draft(
        engine, prospect_id=ada, channel=Channel.INMAIL, subject="2", body="two", now=LATER
    )
    save_draft(engine, prospect_id=ada, channel=Channel.CONNECT, subject="", body="x", now=LATER)
    save_draft(engine, prospect_id=bob, channel=Channel.INMAIL, subject="b", body="b", now=LATER)
    assert latest_draft(engine, ada, Channel.INMAIL) == newer
    mark_draft_sent(engine, newer.id, on=date(2026, 1, 15), now=LATER)
    assert latest_draft(engine, ada, Channel.INMAIL) == older


def test_a_sent_draft_is_final(engine: Engine) -> None:
    ada = add_prospect(engine, "ada")
    pool = set_pool(engine, "main", "sales_navigator_core", 1, date(2026, 1, 15), 10, now=NOW)
    draft = save_draft(
        engine,
        prospect_id=ada,
        pool_id=pool.id,
        channel=Channel.INMAIL,
        subject="Hi",
        body="Hello",
        now=NOW,
    )
    sent = mark_draft_sent(engine, draft.id, on=date(2026, 1, 16), now=LATER)
    assert (sent.status, sent.sent_on, sent.updated_at, sent.pool_id) == (
        SENT,
        date(2026, 1, 16),
        LATER,
        pool.id,
    )
    with pytest.raises(StoreError, match="already sent"):
        mark_draft_sent(engine, draft.id, on=date(2026, 1, 17), now=LATER)
    with pytest.raises(StoreError, match="already sent"):
        save_draft(
            engine,
            draft_id=draft.id,
            prospect_id=ada,
            channel=Channel.INMAIL,
            subject="edited",
            body="edited",
            now=LATER,
        )
    with pytest.raises(StoreError, match="already sent"):
        delete_draft(engine, draft.id)
    assert get_draft(engine, draft.id) == sent


def test_discarding_a_draft(engine: Engine) -> None:
    ada = add_prospect(engine, "ada")
    draft = save_draft(
        engine, prospect_id=ada, channel=Channel.MESSAGE, subject="", body="x", now=NOW
    )
    assert delete_draft(engine, draft.id) is True
    assert delete_draft(engine, draft.id) is False
    assert get_draft(engine, draft.id) is None
    with pytest.raises(StoreError, match="no draft with id"):
        mark_draft_sent(engine, draft.id, on=date(2026, 1, 15), now=NOW)


def test_a_draft_for_a_prospect_that_does_not_exist_is_refused(engine: Engine) -> None:
    with pytest.raises(exc.IntegrityError, match=r"(?i)foreign key"):
        save_draft(engine, prospect_id=404, channel=Channel.INMAIL, subject="", body="", now=NOW)


def test_drafts_go_with_their_prospect_and_outlive_their_template(engine: Engine) -> None:
    ada = add_prospect(engine, "ada")
    template = save_template(engine, name="t", channel=Channel.INMAIL, subject="s", body="b")
    draft = save_draft(
        engine,
        prospect_id=ada,
        channel=Channel.INMAIL,
        subject="s",
        body="b",
        template_id=template.id,
        now=NOW,
    )
    delete_template(engine, template.id)
    kept = get_draft(engine, draft.id)
    assert kept is not None and kept.template_id is None and kept.body == "b"
    with write_tx(engine) as conn:
        conn.execute(text("DELETE FROM prospect WHERE id = :id"), {"id": ada})
    assert get_draft(engine, draft.id) is None


def test_a_draft_saved_in_the_callers_transaction_rolls_back_with_it(engine: Engine) -> None:
    ada = add_prospect(engine, "ada")
    with pytest.raises(RuntimeError), write_tx(engine) as conn:
        draft = save_draft(
            conn, prospect_id=ada, channel=Channel.INMAIL, subject="s", body="b", now=NOW
        )
        raise RuntimeError("the send failed")
    assert get_draft(engine, draft.id) is None
