"""Import cells that used to crash an import are row errors, the same on SQLite and PostgreSQL
(issue 9, item 7): a year too large for a date, an ``Extra`` cell nested 50,000 deep, a profile
URL longer than the database keeps, a NUL character. The other rows import."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from inmail_tui.core.importing.exported import HEADER
from inmail_tui.planner import Planner
from inmail_tui.settings import Settings

TODAY = date(2026, 1, 15)
GOOD = "https://www.linkedin.com/in/good"
LONG_URL = "https://www.linkedin.com/in/" + "a" * 600


@pytest.fixture
def db(db_url: str) -> str:
    return db_url


def planner_on(db: str) -> Planner:
    return Planner.open(db, TODAY, Settings())


def lead_list(tmp_path: Path) -> Path:
    rows = [
        ["Profile URL", "Full Name", "Connected On", "Status", "Status On"],
        # past the first 64 KiB, where a NUL byte makes the whole file "not text"
        [GOOD, "Good Row " + "x" * 70_000, "24 Aug 2023", "", ""],
        ["https://www.linkedin.com/in/huge-year", "Huge Year", "1 Jan 20000000000000", "", ""],
        ["https://www.linkedin.com/in/big-year", "Big Year", "1 Jan 99999999999999999999", "", ""],
        ["https://www.linkedin.com/in/far", "Far Away", "9999-12-31", "", ""],
        [LONG_URL, "Long Url", "", "", ""],
        ["https://www.linkedin.com/in/nul", "Nul\x00Byte", "", "", ""],
    ]
    path = tmp_path / "leads.csv"
    with path.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream).writerows(rows)
    return path


def export_file(tmp_path: Path) -> Path:
    stream = io.StringIO()
    writer = csv.writer(stream)
    writer.writerow(HEADER)
    good = dict.fromkeys(HEADER, "")
    good.update({"LinkedIn URL": GOOD, "Full Name": "Good Row"})
    deep = dict(good, **{"LinkedIn URL": "https://www.linkedin.com/in/deep", "Extra": "[" * 50_000})
    huge = dict(good, **{"LinkedIn URL": "https://www.linkedin.com/in/ints", "Extra": "9" * 5_000})
    for row in (good, deep, huge):
        writer.writerow([row[name] for name in HEADER])
    path = tmp_path / "export.csv"
    path.write_text(stream.getvalue(), "utf-8")
    return path


def test_cells_that_crashed_are_row_errors_and_the_rest_imports(db: str, tmp_path: Path) -> None:
    result = planner_on(db).transfer.import_file(lead_list(tmp_path))
    assert (result.read, result.added) == (6, 1)
    by_line = {error.line: error.message for error in result.errors}
    assert sorted(by_line) == [3, 4, 5, 6, 7]
    assert by_line[3].startswith("Connected On: '1 Jan 20000000000000' is not a date")
    assert by_line[4].startswith("Connected On: '1 Jan 99999999999999999999' is not a date")
    assert "between 1900-01-01 and 2999-12-31" in by_line[5]
    assert "longer than 512 characters" in by_line[6]
    assert "NUL character" in by_line[7]
    stored = planner_on(db)
    assert stored.queue.total() == 1
    assert stored.queue.prospect(GOOD).row.connected_on == date(2023, 8, 24)
    assert len(stored.queue.prospect(GOOD).row.full_name) == 70_009


def test_an_extra_cell_too_deep_or_too_long_is_a_row_error(db: str, tmp_path: Path) -> None:
    result = planner_on(db).transfer.import_file(export_file(tmp_path))
    assert (result.read, result.added) == (3, 1)
    assert [(e.line, e.message) for e in result.errors] == [
        (3, "Extra: is not a JSON object of text values"),
        (4, "Extra: is not a JSON object of text values"),
    ]
    assert planner_on(db).queue.total() == 1
