"""Drafts and templates through the planner on a temp SQLite database."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from inmail_tui.core.model import Channel
from inmail_tui.errors import UserError
from inmail_tui.planner import Planner
from inmail_tui.planner.drafting import field_name
from inmail_tui.settings import Settings

TODAY = date(2026, 1, 15)
ANN = "https://www.linkedin.com/in/ann"
BOB = "https://www.linkedin.com/in/bob"


@pytest.fixture
def planner(tmp_path: Path, db_url: str) -> Planner:
    planner = Planner.open(db_url, TODAY, Settings())
    planner.credits.set_plan("sales_navigator_core", 1, 10)
    people = tmp_path / "people.csv"
    with people.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["LinkedIn URL", "Full Name", "First Name", "Company", "Title",
                         "Degree", "Company Size"])  # fmt: skip
        writer.writerow([ANN, "Ann Lee", "Ann", "Acme", "CTO", "2nd", "51-200"])
        writer.writerow([BOB, "Bob Ray", "", "", "", "1st", ""])
    planner.transfer.import_file(people)
    return planner


class TestContext:
    def test_inmail_context(self, planner: Planner) -> None:
        context = planner.drafts.draft_context(ANN, Channel.INMAIL)
        assert context.item.row.full_name == "Ann Lee"
        assert "2nd" in context.item.tags
        assert (context.decision.cost, context.decision.allowed) == (1, True)
        assert (context.balance, context.balance_after) == (10, 9)
        assert context.limits.body == 2000
        assert context.draft is None

    def test_free_send_leaves_the_balance(self, planner: Planner) -> None:
        context = planner.drafts.draft_context(BOB, Channel.MESSAGE)
        assert context.decision.cost == 0
        assert context.balance_after == 10

    def test_unknown_prospect_and_channel(self, planner: Planner) -> None:
        with pytest.raises(UserError, match="No prospect"):
            planner.drafts.draft_context("https://www.linkedin.com/in/nobody", Channel.INMAIL)
        with pytest.raises(UserError, match="not for email"):
            planner.drafts.draft_context(ANN, Channel.EMAIL)

    def test_templates_of_the_channel_only(self, planner: Planner) -> None:
        assert len(planner.drafts.templates()) == 3  # the first pool brought the starter templates
        context = planner.drafts.draft_context(ANN, Channel.CONNECT)
        assert [t.channel for t in context.templates] == [Channel.CONNECT]


class TestDrafts:
    def test_a_saved_draft_comes_back_and_updates_in_place(self, planner: Planner) -> None:
        first = planner.drafts.save_draft(ANN, Channel.INMAIL, "Hello", "One", variant=" A ")
        again = planner.drafts.save_draft(ANN, Channel.INMAIL, "Hi", "Two", draft_id=first)
        assert again == first
        draft = planner.drafts.draft_context(ANN, Channel.INMAIL).draft
        assert draft is not None
        assert (draft.id, draft.subject, draft.body, draft.variant) == (first, "Hi", "Two", "")
        assert planner.drafts.draft_context(ANN, Channel.MESSAGE).draft is None

    def test_a_draft_survives_a_new_session(
        self, planner: Planner, tmp_path: Path, db_url: str
    ) -> None:
        planner.drafts.save_draft(ANN, Channel.CONNECT, "ignored", "Hi Ann")
        reopened = Planner.open(db_url, TODAY, Settings())
        draft = reopened.drafts.draft_context(ANN, Channel.CONNECT).draft
        assert draft is not None
        assert (draft.subject, draft.body) == ("", "Hi Ann")

    def test_a_draft_belongs_to_its_prospect(self, planner: Planner) -> None:
        draft_id = planner.drafts.save_draft(ANN, Channel.INMAIL, "Hi", "One")
        with pytest.raises(UserError, match="someone else"):
            planner.drafts.save_draft(BOB, Channel.INMAIL, "Hi", "One", draft_id=draft_id)

    def test_discard(self, planner: Planner) -> None:
        draft_id = planner.drafts.save_draft(ANN, Channel.INMAIL, "Hi", "One")
        assert planner.drafts.discard_draft(draft_id)
        assert planner.drafts.draft_context(ANN, Channel.INMAIL).draft is None
        assert not planner.drafts.discard_draft(draft_id)

    def test_a_sent_draft_is_history_and_cannot_be_discarded(self, planner: Planner) -> None:
        body = "Hi Ann, your team's growth stood out. Is hiring a priority for you right now?"
        draft_id = planner.drafts.save_draft(ANN, Channel.INMAIL, "Hi", body)
        planner.outreach.mark_sent(ANN, Channel.INMAIL, "Hi", body, draft_id=draft_id)
        with pytest.raises(UserError, match="already sent"):
            planner.drafts.discard_draft(draft_id)
        with pytest.raises(UserError, match="already sent"):  # still there, still sent
            planner.drafts.save_draft(ANN, Channel.INMAIL, "Hi", "Changed", draft_id=draft_id)
        assert planner.drafts.draft_context(ANN, Channel.INMAIL).draft is None


class TestTemplates:
    def test_seeding_is_idempotent(self, planner: Planner) -> None:
        for template in planner.drafts.templates():  # the first pool brought them: start afresh
            planner.drafts.delete_template(template.id)
        assert planner.drafts.seed_starter_templates() == 3
        assert planner.drafts.seed_starter_templates() == 0
        assert {t.channel for t in planner.drafts.templates()} == {
            Channel.INMAIL,
            Channel.CONNECT,
            Channel.MESSAGE,
        }

    def test_create_edit_delete(self, planner: Planner) -> None:
        made = planner.drafts.save_template(
            "  Warm   intro ", Channel.INMAIL, " Hi ", "Body", " B "
        )
        assert (made.name, made.subject, made.variant, made.builtin) == (
            "Warm intro",
            "Hi",
            "B",
            False,
        )
        changed = planner.drafts.save_template(
            "Warm intro", Channel.CONNECT, "dropped", "New", template_id=made.id
        )
        assert (changed.channel, changed.subject, changed.body) == (Channel.CONNECT, "", "New")
        assert planner.drafts.delete_template(made.id)
        assert made.id not in {t.id for t in planner.drafts.templates()}
        with pytest.raises(UserError, match="no template"):
            planner.drafts.template(made.id)

    def test_bad_templates_are_refused_in_words(self, planner: Planner) -> None:
        with pytest.raises(UserError, match="needs a name"):
            planner.drafts.save_template("  ", Channel.INMAIL, "", "Body")
        with pytest.raises(UserError, match="no text"):
            planner.drafts.save_template("Empty", Channel.INMAIL, "", "  \n")
        planner.drafts.save_template("Taken", Channel.INMAIL, "", "Body")
        with pytest.raises(UserError, match="already exists"):
            planner.drafts.save_template("Taken", Channel.MESSAGE, "", "Other")

    def test_render_fills_the_prospect_and_user_fields(self, planner: Planner) -> None:
        made = planner.drafts.save_template(
            "Sized",
            Channel.INMAIL,
            "{company} at {company_size}",
            "Hi {first_name}, as {title} at {company} ({company_size} people)...",
        )
        rendered = planner.drafts.render_for(made.id, ANN)
        assert rendered.subject == "Acme at 51-200"
        assert rendered.body == "Hi Ann, as CTO at Acme (51-200 people)..."
        assert rendered.missing == ()

    def test_missing_values_stay_as_placeholders(self, planner: Planner) -> None:
        made = planner.drafts.save_template(
            "Gaps", Channel.MESSAGE, "", "Hi {first_name} at {company}"
        )
        rendered = planner.drafts.render_for(made.id, BOB)
        assert rendered.body == "Hi Bob at {company}"  # first name from the full name
        assert rendered.missing == ("company",)
        found = planner.outreach.check_text(Channel.MESSAGE, rendered.body)
        assert [f.check for f in found.findings] == ["placeholder"]


@pytest.mark.parametrize(
    ("header", "name"),
    [("Company Size", "company_size"), ("Industry", "industry"), ("  #Seats (est.) ", "seats_est")],
)
def test_field_name(header: str, name: str) -> None:
    assert field_name(header) == name
