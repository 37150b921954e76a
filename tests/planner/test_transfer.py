"""Import and export through the planner: what the database holds afterwards, and refusals
that leave it as it was."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from inmail_tui.core.model import Channel, Status
from inmail_tui.errors import UserError
from inmail_tui.planner import Planner
from inmail_tui.settings import Settings

TODAY = date(2026, 1, 15)
ANN = "https://www.linkedin.com/in/ann"
BOB = "https://www.linkedin.com/in/bob"
LEADS = (
    "Profile URL,Full Name,Company,Title,Degree,Tags\n"
    f"{ANN},Ann Lee,Acme,CTO,2nd,fintech\n"
    f"{BOB},Bob Ray,Beta,VP Sales,1st,\n"
)


@pytest.fixture
def db(tmp_path: Path, db_url: str) -> str:
    db = db_url
    Planner.open(db, TODAY, Settings()).credits.set_plan("sales_navigator_core", balance=10)
    return db


def planner_on(db: str) -> Planner:
    return Planner.open(db, TODAY, Settings())


def leads(tmp_path: Path, text: str = LEADS, name: str = "leads.csv") -> str:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


class TestImport:
    def test_an_import_stores_each_prospect_with_its_facts_and_decision(
        self, db: str, tmp_path: Path
    ) -> None:
        result = planner_on(db).transfer.import_file(leads(tmp_path))
        assert (result.read, result.added, result.updated, result.errors) == (2, 2, 0, [])
        reread = planner_on(db)
        assert reread.queue.total() == 2
        ann = reread.queue.prospect(ANN)
        assert (ann.row.full_name, ann.row.company, ann.row.title) == ("Ann Lee", "Acme", "CTO")
        assert ann.row.status == Status.NEW
        assert {"2nd", "fintech"} <= set(ann.tags)
        assert (ann.decision.channel, ann.decision.cost) == (Channel.INMAIL, 1)
        assert reread.queue.prospect(BOB).decision.cost == 0  # a 1st-degree message is free

    def test_a_second_import_updates_the_same_prospects(self, db: str, tmp_path: Path) -> None:
        planner_on(db).transfer.import_file(leads(tmp_path))
        moved = LEADS.replace("Acme,CTO", "Globex,CEO")
        result = planner_on(db).transfer.import_file(leads(tmp_path, moved, "moved.csv"))
        assert (result.added, result.updated, result.unchanged) == (0, 1, 1)
        reread = planner_on(db)
        assert reread.queue.total() == 2
        ann = reread.queue.prospect(ANN).row
        assert (ann.company, ann.title) == ("Globex", "CEO")

    def test_a_dry_run_reports_and_writes_nothing(self, db: str, tmp_path: Path) -> None:
        result = planner_on(db).transfer.import_file(leads(tmp_path), dry_run=True)
        assert (result.added, result.dry_run) == (2, True)
        assert planner_on(db).queue.total() == 0

    def test_a_missing_file_or_unknown_format_is_refused(self, db: str, tmp_path: Path) -> None:
        with pytest.raises(UserError, match="No file at"):
            planner_on(db).transfer.import_file(tmp_path / "nowhere.csv")
        with pytest.raises(UserError, match="Unknown format 'xlsx'"):
            planner_on(db).transfer.import_file(leads(tmp_path), fmt="xlsx")
        assert planner_on(db).queue.total() == 0

    def test_a_file_without_profile_urls_is_refused_and_nothing_stored(
        self, db: str, tmp_path: Path
    ) -> None:
        path = leads(tmp_path, "Name,Employer\nAnn Lee,Acme\n")
        with pytest.raises(UserError) as refused:
            planner_on(db).transfer.import_file(path)
        assert "Name" in str(refused.value) and "Employer" in str(refused.value)
        assert planner_on(db).queue.total() == 0


class TestExport:
    def test_the_export_holds_every_prospect_and_reimports_unchanged(
        self, db: str, tmp_path: Path
    ) -> None:
        planner_on(db).transfer.import_file(leads(tmp_path))
        out = tmp_path / "out.csv"
        assert planner_on(db).transfer.export_csv(out) == 2
        with out.open(encoding="utf-8-sig", newline="") as stream:
            rows = list(csv.DictReader(stream))
        assert len(rows) == 2
        assert any("Ann Lee" in row.values() for row in rows)
        again = planner_on(db).transfer.import_file(out)
        assert (again.format, again.added, again.updated) == ("export", 0, 0)
        assert planner_on(db).queue.total() == 2

    def test_a_folder_is_refused_and_nothing_written(self, db: str, tmp_path: Path) -> None:
        folder = tmp_path / "exports"
        folder.mkdir()
        with pytest.raises(UserError, match="is a folder"):
            planner_on(db).transfer.export_csv(folder)
        assert list(folder.iterdir()) == []
