"""A PostgreSQL URL that does not lead to a database is one sentence, with the password masked,
and never a fall-back to a local file: a server out of reach, a user the server refuses, a
database that does not exist, a driver that is not installed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy.engine import make_url

from inmail_tui.cli import cli

SECRET = "s3cret-i10a"


def refused(url: str, *words: str) -> str:
    """``inmail-tui --db URL balance`` (and a write) fail with one line holding ``words``, the
    password masked, and no SQLite file created anywhere in the data folder."""
    lines = []
    for args in (("balance",), ("adjust", "5")):
        result: Result = CliRunner().invoke(cli, ["--db", url, "--today", "2026-01-15", *args])
        assert result.exit_code == 1, result.output
        assert result.stdout == ""
        [line] = result.stderr.splitlines()
        assert line.startswith("inmail-tui: "), line
        for word in words:
            assert word in line, line
        assert SECRET not in line and "***" in line, line
        lines.append(line)
    return lines[0]


@pytest.fixture(autouse=True)
def no_local_database(isolated_home: Path) -> object:
    yield None
    assert not list(isolated_home.rglob("*.sqlite*"))  # no fall-back to a local file


def test_a_server_that_does_not_answer() -> None:
    pytest.importorskip("psycopg")
    url = f"postgresql+psycopg://postgres:{SECRET}@127.0.0.1:1/inmail?connect_timeout=2"
    line = refused(url, "Cannot reach the database server", "127.0.0.1:1", "Connection refused")
    assert "check that it runs" in line


def test_a_host_name_that_does_not_resolve() -> None:
    pytest.importorskip("psycopg")
    url = f"postgresql+psycopg://postgres:{SECRET}@no-such-host.invalid/inmail?connect_timeout=2"
    refused(url, "Cannot reach the database server", "no-such-host.invalid")


@pytest.mark.postgres
def test_a_user_the_server_does_not_know(pg_server: str) -> None:
    url = make_url(pg_server).set(username="no_such_user_i10a", password=SECRET)
    line = refused(url.render_as_string(hide_password=False), "refused the login")
    assert 'role "no_such_user_i10a" does not exist' in line
    assert "check the user and password" in line


@pytest.mark.postgres
def test_a_database_that_does_not_exist(pg_server: str) -> None:
    url = make_url(pg_server).set(database="no_such_database_i10a", password=SECRET)
    line = refused(url.render_as_string(hide_password=False), '"no_such_database_i10a"')
    assert "does not exist on the server: create it" in line


def test_a_driver_that_is_not_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as on an install without [postgres]
    url = f"postgresql+psycopg://postgres:{SECRET}@127.0.0.1:5432/inmail"
    refused(url, "driver is not installed", "pip install 'inmail-tui[postgres]'")


def test_a_driver_inmail_tui_does_not_ship() -> None:
    pytest.importorskip("psycopg")
    if "pg8000" in sys.modules or _importable("pg8000"):
        pytest.skip("pg8000 is installed here")
    url = f"postgresql+pg8000://postgres:{SECRET}@127.0.0.1:5432/inmail"
    refused(url, "driver is not installed", "postgresql+psycopg://")


def _importable(name: str) -> bool:
    from importlib.util import find_spec

    return find_spec(name) is not None
