"""Engines for the store's tests: a SQLite file in tmp_path, and PostgreSQL when one answers.

The PostgreSQL engine works in a schema of its own (dropped afterwards) on
``postgresql+psycopg://postgres@127.0.0.1:5432/test``; without a server answering within a
second, or without psycopg, its tests are skipped with the reason.
"""

from __future__ import annotations

import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from inmail_tui.store.engine import make_engine
from inmail_tui.store.schema import ensure_schema

PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
NOW = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)
TODAY = date(2026, 1, 15)
REPO = Path(__file__).resolve().parents[2]


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


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The PostgreSQL URL, or a skip saying why there is none."""
    try:
        import psycopg
    except ImportError:
        pytest.skip("psycopg is not installed")
    try:
        with psycopg.connect(
            "host=127.0.0.1 port=5432 user=postgres dbname=test", connect_timeout=1
        ):
            pass
    except psycopg.Error as error:
        first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
        pytest.skip(f"no PostgreSQL server answers at 127.0.0.1:5432 ({first_line})")
    return PG_URL


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A URL whose connections work in a fresh schema of their own, dropped after the test."""
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    dsn = "host=127.0.0.1 port=5432 user=postgres dbname=test"
    with psycopg.connect(dsn, autocommit=True) as admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
    yield f"{pg_server}?options=-csearch_path%3D{schema}"
    with psycopg.connect(dsn, autocommit=True) as admin:
        admin.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def pg_engine(pg_url: str) -> Iterator[Engine]:
    """A PostgreSQL engine with the current schema, in a schema of its own."""
    engine = make_engine(pg_url)
    ensure_schema(engine)
    yield engine
    engine.dispose()


_SPENDER = """
import sys, time
from datetime import UTC, date, datetime
from inmail_tui.core.model import EventKind, LedgerEvent
from inmail_tui.store.engine import make_engine
from inmail_tui.store.pools import spend_once

url, pool_id, me = sys.argv[1], int(sys.argv[2]), sys.argv[3]
engine = make_engine(url)

def make(events):
    time.sleep(0.3)  # hold the lock long enough for the others to be waiting on it
    if sum(e.amount for e in events) < 1:
        return None
    return LedgerEvent(EventKind.SPEND, date(2026, 1, 15), -1, ref=me, key=f"spend:{me}")

print("ready", flush=True)
sys.stdin.readline()
spent = spend_once(engine, pool_id, make, now=datetime(2026, 1, 15, tzinfo=UTC))
print("spent" if spent else "refused", flush=True)
"""


@pytest.fixture
def spend_race() -> Callable[[str, int, int], list[str]]:
    """Run ``n`` OS processes that all try to spend one credit of the pool at the same moment;
    returns what each reports ("spent" or "refused")."""

    def race(url: str, pool_id: int, n: int) -> list[str]:
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", _SPENDER, url, str(pool_id), f"p{i}"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                cwd=REPO,
            )
            for i in range(n)
        ]
        for proc in procs:  # every process has imported and built its engine
            assert proc.stdout is not None
            line = proc.stdout.readline()
            assert line == "ready\n", line + (proc.stderr.read() if proc.stderr else "")
        for proc in procs:  # go, all at once
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        results = []
        for proc in procs:
            out, err = proc.communicate(timeout=60)
            assert proc.returncode == 0, err
            results.append(out.strip())
        return results

    return race
