"""Storage faults and damaged metadata on the command line (issue 9, items 8, 10 and 11).

A full disk, a read-only or immutable database, ``--db /dev/null``, a PostgreSQL server that
drops the connection mid-import, a damaged schema version and another program's SQLite file:
each is one ``inmail-tui: <sentence>`` line saying what happened and that nothing was changed,
never a traceback; on read-only media the commands that only read still work.
"""

from __future__ import annotations

import gc
import hashlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

import inmail_tui.store.engine as store_engine
import inmail_tui.store.importer as store_importer

# The faults here are the SQLite file's own (its disk, its media, its metadata); PostgreSQL's
# (a dropped connection, a server out of reach) have tests of their own that take pg_url.
pytestmark = pytest.mark.sqlite_only("faults of the SQLite file itself")

Run = Callable[..., Result]
TODAY = "2026-01-15"
ANA = "https://www.linkedin.com/in/ana"


def one_line(result: Result, *words: str) -> str:
    """The refusal's only line on stderr (exit code 1, nothing on stdout, no exception)."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("inmail-tui: "), line
    for word in words:
        assert word in line, line
    return line


def leads(tmp_path: Path, count: int, name: str = "leads.csv") -> Path:
    rows = "".join(
        f"https://www.linkedin.com/in/lead-{n},Lead {n},Acme,2nd\n" for n in range(count)
    )
    path = tmp_path / name
    path.write_text("Profile URL,Full Name,Company,Degree\n" + rows, "utf-8")
    return path


def prospects_in(db: str | Path) -> int:
    with sqlite3.connect(db) as raw:
        found: int = raw.execute("SELECT count(*) FROM prospect").fetchone()[0]
    return found


def settle(db: str | Path) -> None:
    """Close every connection the in-process runs left open, so SQLite folds its -wal file
    into the database and removes it: the database is one file, as on a copied disk."""
    gc.collect()
    raw = sqlite3.connect(db)
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class TestAFullDisk:
    def test_an_import_that_fills_the_disk_changes_nothing(
        self, run: Run, db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        assert run("plan", "sales_navigator_core", "--balance", "10").exit_code == 0
        assert run("import", str(leads(tmp_path, 3, "few.csv"))).exit_code == 0
        settle(db)
        with sqlite3.connect(db) as raw:
            pages = raw.execute("PRAGMA page_count").fetchone()[0]
        connect = store_engine._sqlite_on_connect

        def tiny_disk(dbapi_connection: sqlite3.Connection, record: Any) -> None:
            connect(dbapi_connection, record)  # then the disk holds only 8 more pages
            dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 8}")

        monkeypatch.setattr(store_engine, "_sqlite_on_connect", tiny_disk)
        result = run("import", str(leads(tmp_path, 5000)))
        one_line(result, "full", "nothing was changed")
        monkeypatch.undo()
        assert prospects_in(db) == 3
        assert run("balance").exit_code == 0


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Callable[[Path], None]]:
    """Makes a database's folder and file unwritable: immutable (chattr +i) when running as
    root, whom permissions do not stop; read-only permissions otherwise. Skips the test when
    neither works here, and undoes it afterwards."""
    locked: list[Path] = []

    def lock(path: Path) -> None:
        for item in (path, path.parent):
            if os.geteuid() == 0:
                if shutil.which("chattr") is None:
                    pytest.skip("running as root without chattr: cannot make a file read-only")
                done = subprocess.run(["chattr", "+i", str(item)], capture_output=True, check=False)
                if done.returncode != 0:
                    pytest.skip(f"chattr +i does not work here: {done.stderr.decode().strip()}")
            else:
                item.chmod(0o555 if item.is_dir() else 0o444)
            locked.append(item)
        try:
            path.with_name("probe").write_text("x")
        except OSError:
            return
        pytest.skip("the folder stays writable here")

    yield lock
    for item in reversed(locked):
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(item)], check=False)
        else:
            item.chmod(0o755 if item.is_dir() else 0o644)


class TestReadOnlyMedia:
    @pytest.fixture
    def on_read_only_media(
        self, run: Run, tmp_path: Path, read_only: Callable[[Path], None]
    ) -> Path:
        folder = tmp_path / "media"
        folder.mkdir()
        db = folder / "inmail.sqlite"
        assert (
            run("--db", str(db), "plan", "sales_navigator_core", "--balance", "40").exit_code == 0
        )
        assert run("--db", str(db), "import", str(leads(tmp_path, 3))).exit_code == 0
        settle(db)
        assert sorted(item.name for item in folder.iterdir()) == ["inmail.sqlite"]
        read_only(db)
        return db

    def test_reading_commands_still_work(
        self, run: Run, tmp_path: Path, on_read_only_media: Path
    ) -> None:
        db = on_read_only_media
        before = digest(db)
        for args in (
            ("balance",),
            ("forecast",),
            ("prospects",),
            ("cost", "https://www.linkedin.com/in/lead-1"),
            ("analytics",),
            ("export", str(tmp_path / "out.csv")),
            ("import", "--dry-run", str(leads(tmp_path, 5, "more.csv"))),
        ):
            result = run("--db", str(db), *args)
            assert result.exit_code == 0, (args, result.output, result.exception)
        assert "40 of 150 credits" in run("--db", str(db), "balance").stdout
        assert digest(db) == before

    def test_writing_commands_say_so_and_change_nothing(
        self, run: Run, tmp_path: Path, on_read_only_media: Path
    ) -> None:
        db = on_read_only_media
        before = digest(db)
        for args in (("adjust", "30"), ("import", str(leads(tmp_path, 5, "more.csv")))):
            one_line(run("--db", str(db), *args), "read-only", "nothing was changed")
        assert digest(db) == before


def test_dev_null_is_not_a_database(run: Run, tmp_path: Path) -> None:
    for args in (("balance",), ("plan", "sales_navigator_core", "--balance", "5")):
        one_line(run("--db", os.devnull, *args), os.devnull, "not a database file")


@pytest.mark.postgres
def test_a_server_that_drops_the_connection_mid_import_changes_nothing(
    run: Run, pg_url: str, pg_admin: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import psycopg

    assert run("--db", pg_url, "plan", "sales_navigator_core", "--balance", "10").exit_code == 0
    batch = store_importer._import_batch
    dropped: list[int] = []

    def drop_after_the_first_batch(conn: Any, *args: Any, **kwargs: Any) -> None:
        batch(conn, *args, **kwargs)
        if not dropped:
            pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar()
            with psycopg.connect(pg_admin, autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
            dropped.append(pid)

    monkeypatch.setattr(store_importer, "_import_batch", drop_after_the_first_batch)
    result = run("--db", pg_url, "import", str(leads(tmp_path, 5000)))
    monkeypatch.undo()
    assert dropped
    one_line(result, "connection", "nothing was changed")
    assert run("--db", pg_url, "prospects", "--json").stdout.strip() == "[]"


class TestDamagedMetadata:
    @pytest.fixture
    def ours(self, run: Run, db: str) -> Path:
        assert run("plan", "sales_navigator_core", "--balance", "40").exit_code == 0
        settle(db)
        return Path(db)

    @pytest.mark.parametrize(
        "damage",
        [
            "DELETE FROM meta WHERE key = 'schema_version'",
            "UPDATE meta SET value = '0' WHERE key = 'schema_version'",
            "UPDATE meta SET value = '-1' WHERE key = 'schema_version'",
        ],
    )
    def test_a_damaged_schema_version_is_refused_and_the_file_left_alone(
        self, run: Run, ours: Path, damage: str
    ) -> None:
        raw = sqlite3.connect(ours)
        with raw:
            raw.execute(damage)
        raw.close()
        settle(ours)
        before = digest(ours)
        for args in (("balance",), ("adjust", "30")):
            one_line(run(*args), "schema version", "nothing was changed")
        settle(ours)
        assert digest(ours) == before

    def test_another_programs_database_is_refused_and_left_alone(
        self, run: Run, tmp_path: Path
    ) -> None:
        other = tmp_path / "crm.sqlite"
        with sqlite3.connect(other) as raw:
            raw.execute("CREATE TABLE prospect (id INTEGER PRIMARY KEY, name TEXT, stage TEXT)")
            raw.execute("INSERT INTO prospect (name, stage) VALUES ('Ana', 'lead')")
        raw.close()
        before = digest(other)
        for args in (("balance",), ("plan", "sales_navigator_core", "--balance", "5")):
            line = one_line(run("--db", str(other), *args), "not an inmail-tui database")
            assert "prospect" in line and "nothing was changed" in line
        assert digest(other) == before
        assert sorted(item.name for item in tmp_path.iterdir() if "crm" in item.name) == [
            "crm.sqlite"
        ]
        with sqlite3.connect(other) as raw:
            assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


class TestOneShape:
    def test_a_send_refused_at_its_preview_reads_like_every_user_error(
        self, run: Run, tmp_path: Path
    ) -> None:
        assert run("plan", "sales_navigator_core", "--balance", "0").exit_code == 0
        assert run("import", str(leads(tmp_path, 1))).exit_code == 0
        url = "https://www.linkedin.com/in/lead-0"
        one_line(run("sent", url, "--yes"), "Not marked sent: ")

    def test_an_unreadable_body_file_is_a_user_error(self, run: Run, tmp_path: Path) -> None:
        missing = str(tmp_path / "missing.txt")
        one_line(run("lint", missing), "cannot read", "missing.txt")
        one_line(run("sent", ANA, "--body-file", missing, "--yes"), "cannot read")
        binary = tmp_path / "draft.bin"
        binary.write_bytes(b"\xff\xfe\x00hello")
        one_line(run("lint", str(binary)), "not UTF-8 text")

    def test_a_database_server_that_cannot_be_reached_is_one_line(self, run: Run) -> None:
        pytest.importorskip("psycopg")
        url = "postgresql+psycopg://postgres@/test?host=/nonexistent-inmail-tui-socket"
        line = one_line(run("--db", url, "balance"), "Cannot reach the database server")
        assert "\u240a" not in line  # no newline of the driver's message, shown as a symbol
