from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from inmail_tui.cli import cli


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch the real user directories; no stray env from the developer's shell."""
    monkeypatch.setenv("INMAIL_TUI_HOME", str(tmp_path / "home"))
    for name in ("INMAIL_TUI_DB", "INMAIL_TUI_TODAY", "INMAIL_TUI_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path / "home"


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "inmail.sqlite")


@pytest.fixture
def run(db: str) -> Callable[..., Result]:
    runner = CliRunner()

    def invoke(*args: str, today: str = "2026-01-15", input: str | None = None) -> Result:
        return runner.invoke(cli, ["--db", db, "--today", today, *args], input=input)

    return invoke
