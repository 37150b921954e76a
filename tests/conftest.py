"""Every test runs with its own user directories: none reads or writes the real ones.

PostgreSQL, for the store's and the planner's tests: ``pg_url`` is a URL whose connections work
in a fresh schema of their own (dropped afterwards) on
``postgresql+psycopg://postgres@127.0.0.1:5432/test``; without a server answering within a
second, or without psycopg, the tests that use it are skipped with the reason.
"""

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PG_DSN = "host=127.0.0.1 port=5432 user=postgres dbname=test"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Data and settings under the test's tmp_path; no stray env from the developer's shell."""
    monkeypatch.setenv("INMAIL_TUI_HOME", str(tmp_path / "home"))
    for name in ("INMAIL_TUI_DB", "INMAIL_TUI_TODAY", "INMAIL_TUI_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path / "home"


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The PostgreSQL URL, or a skip saying why there is none."""
    try:
        import psycopg
    except ImportError:
        pytest.skip("psycopg is not installed")
    try:
        with psycopg.connect(PG_DSN, connect_timeout=1):
            pass
    except psycopg.Error as error:
        first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
        pytest.skip(f"no PostgreSQL server answers at 127.0.0.1:5432 ({first_line})")
    return PG_URL


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A URL whose connections work in a fresh schema of their own, dropped after the test.

    The schema is the connections' search path (libpq's ``options``), so anything that opens
    the URL, in this process or another, works in it: ``make_engine``, ``Planner.open`` and
    ``inmail-tui --db URL``.
    """
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_DSN, autocommit=True) as admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
    yield f"{pg_server}?options=-csearch_path%3D{schema}"
    with psycopg.connect(PG_DSN, autocommit=True) as admin:
        admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
