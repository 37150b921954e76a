"""Issue 8, "The first hour of a real user": what a generic lead list tells the planner, read
back through a planner opened anew. Each test failed before its fix."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from inmail_tui.core.model import Channel
from inmail_tui.planner import Planner
from inmail_tui.settings import Settings

TODAY = date(2026, 1, 15)
ANA = "https://www.linkedin.com/in/ana"
BO = "https://www.linkedin.com/in/bo"
CY = "https://www.linkedin.com/in/cy"


@pytest.fixture
def db(tmp_path: Path, db_url: str) -> str:
    db = db_url
    Planner.open(db, TODAY, Settings()).credits.set_plan("sales_navigator_core", balance=20)
    return db


def planner_on(db: str) -> Planner:
    return Planner.open(db, TODAY, Settings())


def imported(db: str, tmp_path: Path, text: str, name: str = "leads.csv") -> Planner:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    result = planner_on(db).transfer.import_file(path)
    assert not result.errors, result.errors
    return planner_on(db)


# -- defect 11: an email from a lead list -----------------------------------------------------


class TestAnEmailFromALeadList:
    LEADS = (
        "Profile URL,Full Name,Degree,Email,Email Status\n"
        f"{ANA},Ana Two,2nd,ana@acme.test,\n"
        f"{BO},Bo Chen,2nd,bo@initech.test,verified\n"
        f"{CY},Cy Dee,2nd,,\n"
    )

    def test_a_known_email_gets_the_email_tag_verified_or_not(
        self, db: str, tmp_path: Path
    ) -> None:
        planner = imported(db, tmp_path, self.LEADS)
        tags = {url: planner.queue.prospect(url).tags for url in (ANA, BO, CY)}
        assert "EMAIL" in tags[ANA], tags[ANA]
        assert "EMAIL" in tags[BO]
        assert "EMAIL" not in tags[CY]

    def test_an_unverified_email_is_an_alternative_that_says_so(
        self, db: str, tmp_path: Path
    ) -> None:
        planner = imported(db, tmp_path, self.LEADS)
        emails = [a for a in planner.queue.cost(ANA).alternatives if a.channel is Channel.EMAIL]
        assert emails, "an email known from a lead list is no alternative to an InMail"
        [email] = emails
        assert "not verified" in email.reason and email.cost == 0
        [verified] = [a for a in planner.queue.cost(BO).alternatives if a.channel is Channel.EMAIL]
        assert "verified" in verified.reason and "not verified" not in verified.reason
        assert not [a for a in planner.queue.cost(CY).alternatives if a.channel is Channel.EMAIL]

    def test_emailing_an_unverified_address_is_free_and_says_it_may_bounce(
        self, db: str, tmp_path: Path
    ) -> None:
        planner = imported(db, tmp_path, self.LEADS)
        decision = planner.queue.cost(ANA, Channel.EMAIL)
        assert (decision.allowed, decision.cost) == (True, 0), decision.reason
        assert "not verified" in decision.reason
        assert planner.queue.cost(BO, Channel.EMAIL).rule == "E2"
        assert planner.queue.cost(CY, Channel.EMAIL).allowed is False

    def test_the_email_tag_filters_every_known_email(self, db: str, tmp_path: Path) -> None:
        from inmail_tui.planner.queue import QueueQuery

        planner = imported(db, tmp_path, self.LEADS)
        found = planner.queue.page(QueueQuery(tags=("EMAIL",), sort="name", descending=False))
        assert sorted(item.row.url for item in found.items) == [ANA, BO]


# -- defect 10: a lead list without a degree column -------------------------------------------


class TestAnUnknownDegree:
    NO_DEGREE = f"Profile URL,Full Name\n{ANA},Ana Two\n{BO},Bo Chen\n"

    def test_a_lead_list_without_a_degree_column_leaves_the_degree_unknown(
        self, db: str, tmp_path: Path
    ) -> None:
        planner = imported(db, tmp_path, self.NO_DEGREE)
        item = planner.queue.prospect(ANA)
        assert item.row.degree.tag == "unknown", f"stored as {item.row.degree.tag}"
        assert "unknown" in item.tags and "2nd" not in item.tags

    def test_the_decision_says_what_would_decide(self, db: str, tmp_path: Path) -> None:
        planner = imported(db, tmp_path, self.NO_DEGREE)
        decision = planner.queue.cost(ANA)
        assert decision.rule == "R13", (decision.rule, decision.reason)
        assert "Degree unknown" in decision.reason and "connection" in decision.reason
        assert (decision.allowed, decision.cost) == (True, 1)  # an InMail sent does cost one
        assert any(
            a.channel is Channel.MESSAGE and "1st-degree" in a.reason for a in decision.alternatives
        ), decision.alternatives

    def test_an_unknown_degree_never_overwrites_a_known_one(self, db: str, tmp_path: Path) -> None:
        known = f"Profile URL,Full Name,Degree\n{ANA},Ana Two,3rd\n"
        imported(db, tmp_path, known, "known.csv")
        planner = imported(db, tmp_path, self.NO_DEGREE)
        assert planner.queue.prospect(ANA).row.degree.tag == "3rd"
        assert planner.queue.prospect(BO).row.degree.tag == "unknown"
        exported = tmp_path / "export.csv"
        planner.transfer.export_csv(exported)  # writes "unknown" for Bo, "3rd" for Ana
        imported(db, tmp_path, f"Profile URL,Full Name,Degree\n{BO},Bo Chen,2nd\n", "bo.csv")
        again = planner_on(db).transfer.import_file(exported)
        assert (again.format, again.errors) == ("export", [])
        reread = planner_on(db)
        assert reread.queue.prospect(ANA).row.degree.tag == "3rd"
        assert reread.queue.prospect(BO).row.degree.tag == "2nd"  # the export's unknown did not win

    def test_the_unknown_tag_filters_them(self, db: str, tmp_path: Path) -> None:
        from inmail_tui.planner.queue import QueueQuery

        imported(db, tmp_path, f"Profile URL,Full Name,Degree\n{CY},Cy Dee,2nd\n", "cy.csv")
        planner = imported(db, tmp_path, self.NO_DEGREE)
        found = planner.queue.page(QueueQuery(tags=("unknown",), sort="name", descending=False))
        assert sorted(item.row.url for item in found.items) == [ANA, BO]


# -- the queue's use cases the CLI commands run ---------------------------------------------


class TestQueueUseCases:
    LEADS = f"Profile URL,Full Name,Degree\n{ANA},Ana Two,2nd\n{BO},Bo Chen,2nd\n"

    def test_ids_name_prospects_by_url_or_id_and_refuse_an_unknown_one(
        self, db: str, tmp_path: Path
    ) -> None:
        from inmail_tui.errors import UserError

        planner = imported(db, tmp_path, self.LEADS)
        bo = planner.queue.prospect(BO).row.id
        ana = planner.queue.prospect(ANA).row.id
        assert planner.queue.ids(["linkedin.com/in/ana/", str(bo), bo]) == [ana, bo, bo]
        with pytest.raises(UserError, match=re.escape(f"No prospect {CY!r}")):
            planner.queue.ids([ANA, CY])

    def test_notes_are_set_appended_and_cleared(self, db: str, tmp_path: Path) -> None:
        planner = imported(db, tmp_path, self.LEADS)
        ids = planner.queue.ids([ANA, BO])
        assert planner.queue.write_notes(ids, "Met at SaaStr") == 2
        assert planner.queue.write_notes(ids[:1], "Asked for a demo", append=True) == 1
        reread = planner_on(db)
        assert reread.queue.prospect(ANA).row.notes == "Met at SaaStr\nAsked for a demo"
        assert reread.queue.prospect(BO).row.notes == "Met at SaaStr"
        assert planner.queue.write_notes(ids, "") == 2
        assert planner_on(db).queue.prospect(ANA).row.notes == ""

    def test_removing_a_derived_tag_is_refused_in_a_sentence(self, db: str, tmp_path: Path) -> None:
        from inmail_tui.errors import UserError

        planner = imported(db, tmp_path, self.LEADS)
        with pytest.raises(UserError, match="derived from the prospect's data"):
            planner.queue.remove_tag(planner.queue.ids([ANA]), "OPEN")

    def test_the_export_goes_to_any_stream(self, db: str, tmp_path: Path) -> None:
        import csv
        import io

        from inmail_tui.core.importing.exported import HEADER

        planner = imported(db, tmp_path, self.LEADS)
        out = io.StringIO()
        assert planner.transfer.export_to(out) == 2
        rows = list(csv.reader(io.StringIO(out.getvalue())))
        assert rows[0] == list(HEADER) and sorted(r[0] for r in rows[1:]) == [ANA, BO]
