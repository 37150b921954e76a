"""What the queue does, from the command line (issue 8): mark, undo, tag, untag, note and
priority, each taking one or more prospects by URL or id; what the database holds afterwards is
read back by a planner opened on it, and a refusal leaves it as it was."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result

from inmail_tui.core.model import Status
from inmail_tui.planner import Planner
from inmail_tui.settings import Settings

Run = Callable[..., Result]
TODAY = date(2026, 1, 15)
ANA = "https://www.linkedin.com/in/ana"
BO = "https://www.linkedin.com/in/bo"
NOPE = "https://www.linkedin.com/in/nope"
LEADS = f"Profile URL,Full Name,Company,Degree\n{ANA},Ana Two,Acme,2nd\n{BO},Bo Chen,Initech,2nd\n"


def planner(db: str) -> Planner:
    return Planner.open(db, TODAY, Settings())


def status_of(db: str, url: str) -> Status:
    return Status(planner(db).queue.prospect(url).row.status)


@pytest.fixture
def queue(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "leads.csv"
    path.write_text(LEADS, "utf-8")
    assert run("plan", "sales_navigator_core", "--balance", "20").exit_code == 0
    assert run("import", str(path)).exit_code == 0


def refused(result: Result, *words: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    [line] = result.stderr.strip().splitlines()
    for word in words:
        assert word in line, line


class TestMarkAndUndo:
    def test_mark_takes_several_prospects_by_url_or_id(
        self, run: Run, db: str, queue: None
    ) -> None:
        bo = planner(db).queue.prospect(BO).row.id
        result = run("mark", "requested", "linkedin.com/in/ana", str(bo))
        assert result.exit_code == 0, result.output
        assert result.stdout == "Marked 2 prospects requested.\n"
        assert status_of(db, ANA) == status_of(db, BO) == Status.CONNECT_REQUESTED
        assert planner(db).queue.prospect(ANA).row.status_on == TODAY

    def test_a_move_the_pipeline_refuses_is_skipped_and_exits_1(
        self, run: Run, db: str, queue: None
    ) -> None:
        assert run("mark", "requested", ANA).exit_code == 0
        result = run("mark", "no response", ANA, BO, "--json")
        assert result.exit_code == 1
        shown = json.loads(result.stdout)
        assert (shown["changed"], [s["prospect"] for s in shown["skipped"]]) == (1, [BO])
        assert "cannot be marked no response" in shown["skipped"][0]["reason"]
        assert status_of(db, ANA) == Status.NO_RESPONSE and status_of(db, BO) == Status.NEW
        text = run("mark", "replied", BO)
        assert text.exit_code == 1
        assert text.stdout == "Marked 0 prospects replied.\n"
        assert text.stderr.startswith(f"Skipped {BO}: A prospect marked new cannot be marked")

    def test_an_unknown_prospect_refuses_the_whole_command(
        self, run: Run, db: str, queue: None
    ) -> None:
        refused(run("mark", "do not contact", ANA, NOPE), "No prospect", "nope")
        assert status_of(db, ANA) == Status.NEW

    def test_undo_takes_do_not_contact_back(self, run: Run, db: str, queue: None) -> None:
        assert run("mark", "requested", ANA).exit_code == 0
        assert run("mark", "do-not-contact", ANA, BO).exit_code == 0
        assert status_of(db, ANA) == status_of(db, BO) == Status.DO_NOT_CONTACT
        result = run("undo", ANA, BO)
        assert result.exit_code == 0, result.output
        assert result.stdout == f"{ANA}: back to requested\n{BO}: back to new\n"
        assert (status_of(db, ANA), status_of(db, BO)) == (Status.CONNECT_REQUESTED, Status.NEW)
        again = run("undo", BO, "--json")
        assert again.exit_code == 1
        shown = json.loads(again.stdout)
        assert (shown["changed"], shown["restored"]) == (0, [])
        assert shown["skipped"][0]["reason"] == (
            "Nothing to undo for Bo Chen: no status change is recorded."
        )
        assert status_of(db, BO) == Status.NEW

    def test_undo_json_names_where_each_went(self, run: Run, db: str, queue: None) -> None:
        run("mark", "requested", ANA)
        shown = json.loads(run("undo", ANA, "--json").stdout)
        ana = planner(db).queue.prospect(ANA).row.id
        assert shown == {
            "changed": 1,
            "restored": [{"id": ana, "prospect": ANA, "status": "new"}],
            "skipped": [],
        }


class TestTagsNotesPriority:
    def test_tag_and_untag(self, run: Run, db: str, queue: None) -> None:
        result = run("tag", "hot, fintech", ANA, BO)
        assert result.exit_code == 0, result.output
        assert result.stdout == "Tagged 2 prospects: hot, fintech (2 prospects changed).\n"
        assert planner(db).queue.prospect(ANA).row.user_tags == ("hot", "fintech")
        removed = run("untag", "hot", ANA, "--json")
        assert json.loads(removed.stdout) == {"prospects": 1, "changed": 1}
        assert planner(db).queue.prospect(ANA).row.user_tags == ("fintech",)
        assert planner(db).queue.prospect(BO).row.user_tags == ("hot", "fintech")

    def test_a_derived_tag_is_refused_and_nothing_changes(
        self, run: Run, db: str, queue: None
    ) -> None:
        refused(run("untag", "OPEN", ANA), "derived")
        refused(run("tag", "OPEN", ANA), "letter or digit")
        assert planner(db).queue.prospect(ANA).row.user_tags == ()

    def test_note_sets_appends_and_clears(self, run: Run, db: str, queue: None) -> None:
        assert run("note", "Met at SaaStr", ANA, BO).stdout == "Notes set for 2 prospects.\n"
        result = run("note", "Asked for a demo", ANA, "--append")
        assert result.stdout == "Note added to 1 prospect.\n"
        assert planner(db).queue.prospect(ANA).row.notes == "Met at SaaStr\nAsked for a demo"
        assert planner(db).queue.prospect(BO).row.notes == "Met at SaaStr"
        assert run("note", "", BO).stdout == "Notes cleared for 1 prospect.\n"
        assert planner(db).queue.prospect(BO).row.notes == ""

    def test_priority(self, run: Run, db: str, queue: None) -> None:
        result = run("priority", "5", ANA, "--json")
        assert json.loads(result.stdout) == {"prospects": 1, "changed": 1}
        assert planner(db).queue.prospect(ANA).row.priority == 5
        assert run("priority", "6", ANA).exit_code == 2  # a usage error
        assert planner(db).queue.prospect(ANA).row.priority == 5
