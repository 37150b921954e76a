"""Every test runs with its own user directories: none reads or writes the real ones.

Both backends. A test (or a fixture it uses) that asks for ``db_url`` runs twice: on a SQLite
file in its ``tmp_path``, and on PostgreSQL. ``INMAIL_TUI_TEST_PG_URL`` (a SQLAlchemy URL of a
database the user may create databases from, e.g.
``postgresql+psycopg://postgres@127.0.0.1:5432/postgres``) is the only way the tests find a
server; without it the PostgreSQL cases are skipped with a reason saying so. ``.ci/run`` sets it
when ``pg_isready`` answers on 127.0.0.1:5432.

Each run (each of its workers) creates its own database (``inmail_test_<random>``) at its start
and drops it at its end, whatever happened; each test works in a fresh schema of its own in it
(``pg_url``), so two runs on one server, or two tests, never share a table, an extension or a
lock.

A test that cannot run on PostgreSQL (it looks at the SQLite file itself: permissions, backups,
PRAGMAs, schema fixtures) says why with ``@pytest.mark.sqlite_only("reason")``; ``db_url`` then
gives it the SQLite case only.

The suite runs on every core (pytest-xdist, ``-n auto`` in pyproject.toml). Each worker is a
session of its own: its own PostgreSQL database (``pg_server``), its own temporary directories.
A test that takes far longer than the rest (the static checks, the racing processes) says so with
``@pytest.mark.long``: those start first, so that no worker is left running one alone at the end.

Python's garbage collector is tuned for the run (``pytest_collection_finish``): what the imports
and the collection made is frozen out of its walks, and it looks at new objects every 10,000
allocations instead of every 700. A Pilot test makes millions of objects; with the defaults a
third to a half of its CPU time went to the collector (full walks of 0.25 s each, about two a
test). Garbage is still collected, in fewer passes (docs/performance.md, "The test suite").
"""

from __future__ import annotations

import gc
import os
import uuid
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import URL, make_url

PG_ENV = "INMAIL_TUI_TEST_PG_URL"
HOW_TO_ENABLE = (
    f"no PostgreSQL for the tests: set {PG_ENV} to a server's URL to run them, e.g. "
    f"{PG_ENV}=postgresql+psycopg://postgres@127.0.0.1:5432/postgres (.ci/run sets it when "
    "pg_isready answers on 127.0.0.1:5432)"
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only(reason): runs on SQLite only (db_url gives no PostgreSQL case)"
    )
    config.addinivalue_line(
        "markers", "long: takes far longer than most tests; the run starts these first"
    )


GC_THRESHOLDS = (10_000, 10, 10)  # Python's defaults: (700, 10, 10)


def pytest_collection_finish(session: pytest.Session) -> None:
    """The collector tuned for the tests (see the module's docstring): in each worker, once
    everything is imported and collected."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The ``long`` tests first, the others in their order (a stable sort: every worker collects
    the same order, as pytest-xdist requires)."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """``backend`` (which ``db_url`` reads): SQLite, and PostgreSQL unless ``sqlite_only``."""
    if "backend" not in metafunc.fixturenames:
        return
    only_sqlite = metafunc.definition.get_closest_marker("sqlite_only") is not None
    params: list[Any] = ["sqlite"]
    if not only_sqlite:
        params.append(pytest.param("postgresql", marks=pytest.mark.postgres))
    metafunc.parametrize("backend", params)


def libpq(url: str | URL) -> str:
    """A SQLAlchemy PostgreSQL URL as the connection string psycopg takes."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Data and settings under the test's tmp_path; no stray env from the developer's shell."""
    monkeypatch.setenv("INMAIL_TUI_HOME", str(tmp_path / "home"))
    for name in ("INMAIL_TUI_DB", "INMAIL_TUI_TODAY", "INMAIL_TUI_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path / "home"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The URL of this run's own PostgreSQL database, created now and dropped at the end (also
    after a failure); a skip saying how to enable the PostgreSQL tests when none is configured.

    ``pg_trgm`` (the search's trigram index) is installed in it once, in ``public``, where every
    test's schema finds it.
    """
    configured = os.environ.get(PG_ENV, "").strip()
    if not configured:
        pytest.skip(HOW_TO_ENABLE)
    try:
        import psycopg
    except ImportError:
        pytest.skip(f"{PG_ENV} is set but psycopg is not installed: pip install -e '.[test]'")
    admin = make_url(configured)
    name = f"inmail_test_{uuid.uuid4().hex[:10]}"
    try:
        with psycopg.connect(libpq(admin), autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as error:
        pytest.fail(f"{PG_ENV} is set but no database could be created there: {error}")
    run_db = admin.set(database=name)
    try:
        # (without the contrib package the search works by a scan: store/search.py)
        with psycopg.connect(libpq(run_db), autocommit=True) as conn, suppress(psycopg.Error):
            conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public")
        yield run_db.render_as_string(hide_password=False)
    finally:
        with psycopg.connect(libpq(admin), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_admin(pg_server: str) -> str:
    """A psycopg connection string to this run's database (outside any test's schema)."""
    return libpq(pg_server)


class _Admin:
    """One autocommit connection to this run's database, outside every test's schema, that makes
    the tests' schemas and closes what they left open (a new one when a test broke it)."""

    def __init__(self, conninfo: str) -> None:
        self.conninfo = conninfo
        self.conn: Any = None

    def execute(self, sql: str, params: tuple[object, ...] = ()) -> None:
        import psycopg

        for attempt in (1, 2):
            if self.conn is None or self.conn.closed:
                self.conn = psycopg.connect(self.conninfo, autocommit=True)
            try:
                self.conn.execute(sql, params)
                return
            except psycopg.OperationalError:
                self.conn.close()
                if attempt == 2:
                    raise

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()


@pytest.fixture(scope="session")
def pg_schemas(pg_server: str) -> Iterator[_Admin]:
    admin = _Admin(libpq(pg_server))
    yield admin
    admin.close()


@pytest.fixture
def pg_url(pg_server: str, pg_schemas: _Admin) -> Iterator[str]:
    """A URL whose connections work in a fresh schema of their own.

    The schema is the connections' search path (libpq's ``options``), so anything that opens
    the URL, in this process or another, works in it: ``make_engine``, ``Planner.open`` and
    ``inmail-tui --db URL``. Its connections carry the schema's name as their
    ``application_name``: those a test left open are closed when it ends, so a run holds only
    the connections of the test in flight. The schema itself stays until the run's database is
    dropped (``pg_server``): no later test reads it (each has its own name), and one ``DROP
    DATABASE`` at the end costs less than a ``DROP SCHEMA ... CASCADE`` after every test.
    """
    schema = f"t_{uuid.uuid4().hex[:12]}"
    pg_schemas.execute(f'CREATE SCHEMA "{schema}"')
    query = {"options": f"-csearch_path={schema},public", "application_name": schema}
    yield make_url(pg_server).update_query_dict(query).render_as_string(hide_password=False)
    pg_schemas.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s",
        (schema,),
    )


@pytest.fixture
def db_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """The database a store, planner or CLI test works on: a SQLite file in ``tmp_path``, or a
    PostgreSQL schema of its own (``pg_url``), by ``backend``."""
    if backend == "sqlite":
        return str(tmp_path / "inmail.sqlite")
    url: str = request.getfixturevalue("pg_url")
    return url
