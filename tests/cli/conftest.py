from collections.abc import Callable
from datetime import date

import pytest
from click.testing import CliRunner, Result

from inmail_tui.cli import cli


@pytest.fixture
def db(db_url: str) -> str:
    """The database ``run`` passes as ``--db``: a SQLite file, then PostgreSQL (``db_url``)."""
    return db_url


@pytest.fixture
def run(db: str) -> Callable[..., Result]:
    runner = CliRunner()

    def invoke(
        *args: str, today: str = "2026-01-15", input: str | None = None, clock: str | None = None
    ) -> Result:
        """``inmail-tui --db DB --today TODAY ARGS``, the computer's clock reading ``clock``
        (by default ``today``, when it is a date: no test depends on the real date)."""
        try:
            now: date | None = date.fromisoformat(clock or today)
        except ValueError:  # a test of a bad --today
            now = None
        return runner.invoke(cli, ["--db", db, "--today", today, *args], input=input, obj=now)

    return invoke
