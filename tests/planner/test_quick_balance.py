"""Issue 13: the balance read over the ``sqlite3`` module alone (``quick_balance``), for
``balance --json`` and the balance screen's first data, gives the view the planner gives; where
it cannot answer plainly (PostgreSQL, no pool, another schema version, a lost plan) it says
None and the commands ask the planner, as before.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from inmail_tui.core.model import Channel, Outcome
from inmail_tui.planner import Planner
from inmail_tui.planner.ledger_view import quick_balance
from inmail_tui.settings import Settings

TODAY = date(2026, 1, 15)
URL = "https://www.linkedin.com/in/"
BODY = "Hi Ana, saw your talk on hiring. Is this a priority for you right now?"
LEADS = (
    "Profile URL,Full Name,Degree\n"
    "https://www.linkedin.com/in/ana,Ana Two,2nd\n"
    "https://www.linkedin.com/in/bo,Bo Three,3rd\n"
)


def planner_on(db: str, today: date = TODAY, settings: Settings | None = None) -> Planner:
    return Planner.open(db, today, settings or Settings())


@pytest.fixture
def history(db_url: str, tmp_path: Path) -> str:
    """A Recruiter Lite pool with a year behind it: grants, forfeits, a purchase, two InMails
    (one replied: a credit back), a reconciliation, and a second pool that is not active."""
    planner_on(db_url, date(2025, 1, 20)).credits.set_plan("recruiter_lite", 20, 30)
    planner = planner_on(db_url, date(2025, 12, 28))
    planner.credits.purchase(1)
    leads = tmp_path / "leads.csv"
    leads.write_text(LEADS, "utf-8")
    planner.transfer.import_file(leads)
    for who in ("ana", "bo"):
        sent = planner.outreach.mark_sent(URL + who, Channel.INMAIL, "Your hiring", BODY)
        assert sent.decision.cost == 1
    planner_on(db_url, date(2026, 1, 5)).outreach.record_outcome(URL + "ana", Outcome.REPLIED)
    planner_on(db_url, date(2026, 1, 10)).credits.adjust(140)
    planner_on(db_url).credits.set_plan("premium_career", 3, 5, pool="career")
    planner_on(db_url).credits.set_plan("recruiter_lite", pool="main")  # active again
    return db_url


@pytest.mark.parametrize("today", [TODAY, date(2026, 3, 21), date(2027, 6, 1)])
@pytest.mark.parametrize("pool", [None, "main", "career"])
def test_the_fast_read_gives_the_planners_view_or_none_on_postgresql(
    history: str, backend: str, today: date, pool: str | None
) -> None:
    expected = planner_on(history, today).credits.balance(pool)
    found = quick_balance(history, today, Settings(), pool)
    if backend == "postgresql":
        assert found is None
        return
    assert found == expected
    assert expected.history and expected.forecast


@pytest.mark.sqlite_only("the fast read is SQLite's; the dates ahead are a file written by hand")
def test_entries_dated_after_today_are_set_apart_as_the_planner_does(history: str) -> None:
    later = planner_on(history, date(2026, 2, 25))
    later.credits.adjust(100)
    view = quick_balance(history, TODAY, Settings())
    assert view == planner_on(history).credits.balance()
    assert view is not None and view.ahead >= 1 and view.clock_warning


@pytest.mark.sqlite_only("what the fast read leaves to the planner is a SQLite file's")
def test_what_the_fast_read_cannot_answer_plainly_is_left_to_the_planner(
    history: str, tmp_path: Path
) -> None:
    settings = Settings()
    assert quick_balance(history, TODAY, settings, "nobody") is None  # the planner lists pools
    assert quick_balance(str(tmp_path / "none.sqlite"), TODAY, settings) is None  # not there
    assert quick_balance(f"sqlite:///{history}", TODAY, settings) is None  # a URL
    assert quick_balance(history, date(1, 1, 1), settings) is None  # a date out of range
    with sqlite3.connect(history) as raw:
        raw.execute("UPDATE pool SET plan_id = 'retired_plan' WHERE name = 'main'")
    assert quick_balance(history, TODAY, settings) is None  # the planner says which plan
    with sqlite3.connect(history) as raw:
        raw.execute("UPDATE pool SET plan_id = 'recruiter_lite' WHERE name = 'main'")
        raw.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    assert quick_balance(history, TODAY, settings) is None  # the planner refuses it
    empty = tmp_path / "empty.sqlite"
    planner_on(str(empty)).credits.has_pool()  # a database with no pool yet
    assert quick_balance(str(empty), TODAY, settings) is None


@pytest.mark.sqlite_only("the fast read is SQLite's")
def test_balance_json_answers_without_sqlalchemy_pydantic_or_sqlmodel(history: str) -> None:
    code = (
        "import sys; from inmail_tui.cli import cli;"
        f" cli.main(['--db', {history!r}, '--today', '2026-01-15', 'balance', '--json'],"
        " standalone_mode=False); print(' '.join(sys.modules), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    loaded = {name.split(".")[0] for name in done.stderr.split()}
    assert not {"sqlalchemy", "sqlmodel", "pydantic", "alembic"} & loaded
    import json

    assert json.loads(done.stdout) == planner_on(history).credits.balance().to_json()
