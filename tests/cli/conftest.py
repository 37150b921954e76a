from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from inmail_tui.cli import cli


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "inmail.sqlite")


@pytest.fixture
def run(db: str) -> Callable[..., Result]:
    runner = CliRunner()

    def invoke(*args: str, today: str = "2026-01-15", input: str | None = None) -> Result:
        return runner.invoke(cli, ["--db", db, "--today", today, *args], input=input)

    return invoke
