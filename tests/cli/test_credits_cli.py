import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

from click.testing import Result

from inmail_tui.planner import Planner
from inmail_tui.planner.queue import QueueQuery
from inmail_tui.settings import Settings

Run = Callable[..., Result]


def test_issue_acceptance_sales_navigator(run: Run) -> None:
    result = run("plan", "sales_navigator_core", "--renewal-day", "1", "--balance", "140")
    assert result.exit_code == 0, result.output
    result = run("balance", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["balance"] == 140
    assert data["cap"] == 150
    assert data["allowance"] == 50
    assert data["next_grant"] == "2026-02-01"
    assert data["forfeit_at_next_grant"] == 40
    assert data["plan"] == "sales_navigator_core"
    assert set(data) >= {"pool", "pending_credit_back", "spent_this_cycle"}

    later = json.loads(run("balance", "--json", today="2026-02-01").stdout)
    assert later["balance"] == 150
    assert later["next_grant"] == "2026-03-01"
    again = json.loads(run("balance", "--json", today="2026-02-01").stdout)
    assert again["balance"] == 150  # grants are idempotent


def test_forecast_json_shape(run: Run) -> None:
    run("plan", "premium_career", "--renewal-day", "31", "--balance", "12")
    result = run("forecast", "--json", "--months", "3")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["date"] for r in rows] == ["2026-01-31", "2026-02-28", "2026-03-31"]
    assert rows[0] == {"date": "2026-01-31", "grant": 5, "forfeit": 2, "balance_after": 15}
    assert rows[1]["forfeit"] == 5


def test_balance_without_a_pool_is_a_user_error(run: Run) -> None:
    result = run("balance")
    assert result.exit_code == 1
    assert "inmail-tui plan" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_plan_is_a_user_error(run: Run) -> None:
    result = run("plan", "gold_plus", "--balance", "3")
    assert result.exit_code == 1
    assert "gold_plus" in result.stderr and "sales_navigator_core" in result.stderr


def test_bad_today_is_a_usage_error(run: Run) -> None:
    result = run("balance", today="2026-13-01")
    assert result.exit_code == 2


def test_bad_settings_file_is_one_clear_line(run: Run, isolated_home) -> None:  # type: ignore[no-untyped-def]
    config = isolated_home / "config"
    config.mkdir(parents=True)
    (config / "settings.toml").write_text("[plans.free]\nseats = 'many'\n", "utf-8")
    result = run("balance")
    assert result.exit_code == 1
    assert "line 2" in result.stderr and "seats" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_adjust_and_purchase(run: Run) -> None:
    run("plan", "recruiter_lite", "--renewal-day", "10", "--balance", "20")
    assert json.loads(run("adjust", "17", "--json").stdout)["balance"] == 17
    assert json.loads(run("purchase", "2", "--json").stdout)["balance"] == 37
    run("plan", "premium_career", "--renewal-day", "3", "--balance", "4", "--pool", "career")
    result = run("purchase", "1", "--pool", "career")
    assert result.exit_code == 1
    assert "cannot buy" in result.stderr


def test_paths_names_the_database_and_settings(run: Run, db: str, isolated_home) -> None:  # type: ignore[no-untyped-def]
    found = json.loads(run("paths", "--json").stdout)
    assert found["database"] == db
    assert found["settings"] == str(isolated_home / "config" / "settings.toml")


def test_a_write_before_the_ledger_says_how_to_mend_it(run: Run) -> None:
    run("plan", "sales_navigator_core", "--balance", "140")
    assert run("balance", today="2026-02-01").exit_code == 0  # the February grant: derived
    assert run("balance", today="2026-01-20").exit_code == 0  # so nothing is ahead of today
    assert run("adjust", "150", today="2026-02-01").exit_code == 0  # stores the grant
    result = run("adjust", "120", today="2026-01-20")
    assert result.exit_code == 1
    assert "2026-02-01" in result.stderr and "--today" in result.stderr
    assert "inmail-tui mend-clock" in result.stderr


def test_keys_lists_every_screen_with_binding_ids(run: Run) -> None:
    keys = json.loads(run("keys", "--json").stdout)
    ids = {k["id"] for k in keys}
    assert {"balance.reconcile", "drafter.send", "app.help"} <= ids
    assert any(i.startswith("queue.") for i in ids)
    assert len(ids) == len(keys)  # one entry per binding id


def test_cancel_empties_the_pool_at_the_end_of_the_cycle(run: Run) -> None:
    run("plan", "premium_business", "--renewal-day", "20", "--balance", "30")
    result = run("cancel", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["next_grant"] is None
    assert json.loads(run("balance", "--json", today="2026-01-19").stdout)["balance"] == 30
    assert json.loads(run("balance", "--json", today="2026-01-20").stdout)["balance"] == 0
    assert run("cancel", "--on", "2026-01-01").exit_code == 1


def test_a_plan_change_from_the_cli_derives_the_queue_again(
    run: Run, db: str, tmp_path: Path
) -> None:
    """Issue 7, defect 1: the CLI's ``plan`` re-derives stored cost classes, as the TUI does."""
    leads = tmp_path / "leads.csv"
    leads.write_text(
        "Profile URL,Degree\n"
        "https://www.linkedin.com/in/far,OUT\n"
        "https://www.linkedin.com/in/near,2nd\n",
        "utf-8",
    )
    pro = ("plan", "recruiter_professional", "--renewal-day", "3", "--balance", "50")
    assert run(*pro).exit_code == 0
    assert run("import", str(leads)).exit_code == 0
    assert run("plan", "recruiter_lite", "--renewal-day", "3", "--balance", "20").exit_code == 0
    cost = json.loads(run("cost", "linkedin.com/in/far", "--json").output)
    assert (cost["rule"], cost["allowed"]) == ("R9", False)
    planner = Planner.open(db, date(2026, 1, 15), Settings())
    summary = planner.queue.summary()
    assert (summary.credit, summary.blocked) == (1, 1)
    blocked = planner.queue.page(QueueQuery(cost_classes=("blocked",))).items
    assert [item.row.url for item in blocked] == ["https://www.linkedin.com/in/far"]
