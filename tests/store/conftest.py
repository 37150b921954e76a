"""Engines for the store's tests: a SQLite file in tmp_path, and PostgreSQL when one answers.

The PostgreSQL engine works in the schema of the root conftest's ``pg_url`` (dropped
afterwards); without a server answering, its tests are skipped with the reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from inmail_tui.store.engine import make_engine
from inmail_tui.store.schema import ensure_schema


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch the real user directories."""
    monkeypatch.setenv("INMAIL_TUI_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("INMAIL_TUI_DB", raising=False)
    return tmp_path / "home"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "inmail.sqlite"


@pytest.fixture
def engine(db_path: Path) -> Iterator[Engine]:
    """A SQLite database file with the current schema."""
    engine = make_engine(db_path)
    ensure_schema(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def pg_engine(pg_url: str) -> Iterator[Engine]:
    """A PostgreSQL engine with the current schema, in a schema of its own."""
    engine = make_engine(pg_url)
    ensure_schema(engine)
    yield engine
    engine.dispose()
