"""The engine factory and transactions on SQLite files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Engine, event, text

from inmail_tui.store.engine import StoreError, make_engine
from inmail_tui.store.schema import ensure_schema
from inmail_tui.store.tx import read_session, write_tx


def pragma(engine: Engine, name: str) -> object:
    with engine.connect() as conn:
        return conn.exec_driver_sql(f"PRAGMA {name}").scalar()


@pytest.mark.parametrize("as_url", [False, True])
def test_sqlite_file_gets_wal_foreign_keys_and_busy_timeout(tmp_path: Path, as_url: bool) -> None:
    path = tmp_path / "x.sqlite"
    engine = make_engine(f"sqlite:///{path}" if as_url else path)
    assert pragma(engine, "journal_mode") == "wal"
    assert pragma(engine, "foreign_keys") == 1
    assert pragma(engine, "busy_timeout") == 5000
    assert path.exists()
    engine.dispose()


def test_plain_string_path_is_a_sqlite_file(tmp_path: Path) -> None:
    engine = make_engine(str(tmp_path / "plain.db"))
    assert engine.url.get_backend_name() == "sqlite"
    assert engine.url.database == str(tmp_path / "plain.db")
    engine.dispose()


def test_none_uses_the_default_path_and_creates_its_folder(isolated_home: Path) -> None:
    assert not isolated_home.exists()  # importing the store created nothing
    engine = make_engine(None)
    assert engine.url.database == str(isolated_home / "data" / "inmail.sqlite")
    assert (isolated_home / "data" / "inmail.sqlite").exists()
    engine.dispose()


def test_default_folder_that_cannot_be_created_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("INMAIL_TUI_HOME", str(blocker / "home"))
    with pytest.raises(StoreError, match="Cannot create the data folder"):
        make_engine(None)


def test_a_given_path_in_a_missing_folder_is_not_created(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        make_engine(tmp_path / "missing" / "x.sqlite")
    assert not (tmp_path / "missing").exists()


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="is not a database file"):
        make_engine(path)
    assert path.read_text().startswith("these are my notes")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://root@localhost/test", "SQLite and PostgreSQL"),
        ("postgresql+nosuchdriver://u:secret@h/db", "Cannot use the database URL"),
    ],
)
def test_unusable_urls_are_clear_errors(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message) as caught:
        make_engine(url)
    assert "secret" not in str(caught.value)


def test_write_tx_takes_the_write_lock_before_any_statement(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "x.sqlite")
    other = sqlite3.connect(tmp_path / "x.sqlite", timeout=0, isolation_level=None)
    with write_tx(engine), pytest.raises(sqlite3.OperationalError, match="locked"):
        other.execute("BEGIN IMMEDIATE")
    other.execute("BEGIN IMMEDIATE")  # released at the end of the transaction
    other.execute("ROLLBACK")
    other.close()
    engine.dispose()


def test_a_writer_holding_the_database_too_long_is_a_clear_error(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "x.sqlite")
    engine.dispose()  # reconnect with a short busy timeout, set after the factory's own
    event.listen(engine, "connect", lambda conn, _: conn.execute("PRAGMA busy_timeout = 50"))
    other = sqlite3.connect(tmp_path / "x.sqlite", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    with pytest.raises(StoreError, match="database is busy"), write_tx(engine):
        pass
    other.execute("ROLLBACK")
    with write_tx(engine) as conn:
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 50
    other.close()
    engine.dispose()


def test_write_tx_rolls_back_on_an_exception_ddl_included(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "x.sqlite")
    with write_tx(engine) as conn:
        conn.execute(text("CREATE TABLE kept (n INTEGER)"))
    with pytest.raises(RuntimeError), write_tx(engine) as conn:
        conn.execute(text("INSERT INTO kept VALUES (1)"))
        conn.execute(text("CREATE TABLE dropped (n INTEGER)"))
        raise RuntimeError("boom")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM kept")).scalar() == 0
        tables = conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'")).all()
    assert [t.name for t in tables] == ["kept"]
    engine.dispose()


def test_read_session_sees_one_snapshot(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "x.sqlite")
    with write_tx(engine) as conn:
        conn.execute(text("CREATE TABLE t (n INTEGER)"))
    with read_session(engine) as reader:
        before = reader.execute(text("SELECT count(*) FROM t")).scalar()
        with write_tx(engine) as writer:
            writer.execute(text("INSERT INTO t VALUES (1)"))
        assert reader.execute(text("SELECT count(*) FROM t")).scalar() == before == 0
    with read_session(engine) as reader:
        assert reader.execute(text("SELECT count(*) FROM t")).scalar() == 1
    engine.dispose()


def test_a_database_server_that_does_not_answer_is_a_clear_error() -> None:
    pytest.importorskip("psycopg")
    engine = make_engine("postgresql+psycopg://postgres:secret@127.0.0.1:1/test?connect_timeout=1")
    with pytest.raises(StoreError, match="Cannot reach the database server") as caught:
        ensure_schema(engine)
    assert "secret" not in str(caught.value)


@pytest.mark.parametrize("content", [b"x", b"notes\n", b"SQLite format"])
def test_a_short_file_that_is_not_a_database_is_left_alone(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_bytes(content)
    with pytest.raises(StoreError, match="is not a database file"):
        make_engine(path)
    assert path.read_bytes() == content  # SQLite would have written a database over it
