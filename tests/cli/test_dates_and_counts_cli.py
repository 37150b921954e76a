"""Wrong dates and extreme numbers on the command line (issue 9, items 1, 2 and 9): each is
refused in one ``inmail-tui: <sentence>`` line with exit code 1, or works; nothing is written by
a refusal and no traceback is ever printed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from sqlalchemy import inspect

from inmail_tui.store.engine import make_engine

Run = Callable[..., Result]
CLOCK = "2026-01-15"  # the computer's clock in these tests


def refused(result: Result, *words: str) -> str:
    """The one line a refusal printed; it names every one of ``words``."""
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("inmail-tui: ")
    for word in words:
        assert word in line, line
    return line


def entries(db: str) -> list[tuple[str, str, int]]:
    """The ledger as stored (kind, ISO day, amount), read without the planner."""
    if "://" not in db and not Path(db).exists():
        return []
    engine = make_engine(db)
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("ledger_entry"):
                return []
            rows = conn.exec_driver_sql('SELECT kind, "on", amount FROM ledger_entry ORDER BY id')
            return [(kind, str(on), amount) for kind, on, amount in rows]
    finally:
        engine.dispose()


class TestAFutureDate:
    def test_reading_far_ahead_writes_nothing_and_the_real_date_still_works(
        self, run: Run, db: str
    ) -> None:
        assert run("plan", "sales_navigator_core", "--balance", "100").exit_code == 0
        ahead = run("balance", today="2062-11-02", clock=CLOCK)
        assert ahead.exit_code == 0, ahead.output
        assert entries(db) == [("open", CLOCK, 100)]
        result = run("balance")
        assert result.exit_code == 0, result.output
        assert "100 of 150 credits" in result.stdout

    def test_the_last_day_of_the_calendar_is_a_sentence_and_commits_nothing(
        self, run: Run, db: str
    ) -> None:
        result = run("plan", "sales_navigator_core", "--balance", "10", today="9999-12-31")
        refused(result, "dates from 1900-01-01 to 2999-12-31", "--today")
        assert entries(db) == []
        refused(run("balance", today="0001-01-01"), "not 0001-01-01")

    def test_a_write_far_after_the_clock_asks_for_confirm_date(self, run: Run, db: str) -> None:
        assert run("plan", "sales_navigator_core", "--balance", "100").exit_code == 0
        line = refused(run("adjust", "120", today="2026-03-02", clock=CLOCK), "--confirm-date")
        assert "46 days after the computer's clock (2026-01-15)" in line
        assert entries(db) == [("open", CLOCK, 100)]
        confirmed = run("--confirm-date", "adjust", "120", today="2026-03-02", clock=CLOCK)
        assert confirmed.exit_code == 0, confirmed.output
        assert entries(db)[-1] == ("adjust", "2026-03-02", -30)

    def test_a_ledger_written_under_a_wrong_clock_is_mended(self, run: Run, db: str) -> None:
        assert run("plan", "sales_navigator_core", "--balance", "100").exit_code == 0
        jumped = run("adjust", "140", today="2062-11-02", clock="2062-11-02")  # the clock was wrong
        assert jumped.exit_code == 0, jumped.output
        written = len(entries(db))
        refused(run("adjust", "90"), "dated after today", "inmail-tui mend-clock")
        warned = run("balance")
        assert "not counted" in warned.stdout and "mend-clock" in warned.stdout
        declined = run("mend-clock", input="n\n")
        assert declined.exit_code == 1
        assert f"has {written - 1:,} entries dated after today" in declined.stderr
        assert declined.stderr.splitlines()[-1] == "inmail-tui: not confirmed; nothing was changed."
        assert len(entries(db)) == written
        mended = run("mend-clock", "--yes")
        assert mended.exit_code == 0, mended.output
        assert f"Voided {written - 1:,} entries dated after {CLOCK}; balance 100." in mended.stdout
        assert entries(db)[-1] == ("void", CLOCK, 0)
        assert run("adjust", "90").exit_code == 0
        again = run("mend-clock")
        assert "Nothing to mend" in again.stdout
        assert "mend-clock" not in run("balance").stdout


class TestLargeCounts:
    def test_the_cap_holds_on_an_existing_pool_too(self, run: Run, db: str) -> None:
        refused(
            run("plan", "sales_navigator_core", "--balance", "400"),
            "Sales Navigator Core holds at most 150 credits; LinkedIn cannot show 400.",
        )
        assert run("plan", "sales_navigator_core", "--balance", "100").exit_code == 0
        refused(run("plan", "sales_navigator_core", "--balance", "400"), "at most 150 credits")
        refused(run("adjust", "400"), "at most 150 credits")
        refused(run("adjust", "99999999999999999999"), "at most 150 credits")
        assert entries(db) == [("open", CLOCK, 100)]

    def test_purchases_have_a_bound(self, run: Run, db: str) -> None:
        assert (
            run("plan", "recruiter_lite", "--renewal-day", "10", "--balance", "20").exit_code == 0
        )
        refused(run("purchase", "1000000"), "at most 1,200 credits")
        refused(run("purchase", "9223372036854775807"), "at most 1,200 credits")
        assert entries(db) == [("open", CLOCK, 20)]
        assert run("purchase", "2").exit_code == 0

    def test_a_settings_number_out_of_bounds_names_its_line(
        self, run: Run, isolated_home: Path
    ) -> None:
        config = isolated_home / "config"
        config.mkdir(parents=True)
        (config / "settings.toml").write_text(
            "[plans.sales_navigator_core]\nlot_expiry = true\nexpiry_days = 99999999999\n", "utf-8"
        )
        refused(run("balance"), "line 3", "expiry_days", "at most 3,650")

    @pytest.mark.parametrize(
        ("key", "value"), [("connect_wait_days", "99999999999"), ("strong_fit", "6")]
    )
    def test_a_top_level_number_out_of_bounds_is_refused(
        self, run: Run, isolated_home: Path, key: str, value: str
    ) -> None:
        config = isolated_home / "config"
        config.mkdir(parents=True)
        (config / "settings.toml").write_text(f"{key} = {value}\n", "utf-8")
        refused(run("balance"), "line 1", key)
