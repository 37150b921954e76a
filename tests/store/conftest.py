"""Engines for the store's tests: ``engine`` runs each test on both backends (the root
conftest's ``db_url``: a SQLite file in tmp_path, and a PostgreSQL schema of its own when
``INMAIL_TUI_TEST_PG_URL`` is set); ``pg_engine`` is PostgreSQL alone, for what only it has.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from inmail_tui.store.engine import make_engine
from inmail_tui.store.schema import ensure_schema


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "inmail.sqlite"


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """A database with the current schema: SQLite, then PostgreSQL (see ``db_url``)."""
    engine = make_engine(db_url)
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
