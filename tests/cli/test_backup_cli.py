"""Issue 9, item 13: ``inmail-tui backup FILE`` and ``inmail-tui restore FILE [--yes]``."""

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from inmail_tui.store.models import SCHEMA_VERSION

Run = Callable[..., Result]
# backup and restore copy SQLite files; PostgreSQL is pointed at pg_dump (the last test)
SQLITE_FILES = pytest.mark.sqlite_only("backup and restore copy the SQLite file")


def balance(run: Run) -> int:
    return int(json.loads(run("balance", "--json").stdout)["balance"])


@SQLITE_FILES
def test_backup_then_restore_with_yes(run: Run, db: str, tmp_path: Path) -> None:
    assert (
        run("plan", "sales_navigator_core", "--renewal-day", "1", "--balance", "40").exit_code == 0
    )
    target = tmp_path / "monday.sqlite"
    backed_up = run("backup", str(target))
    assert backed_up.exit_code == 0, backed_up.output
    assert backed_up.stdout == f"Backed up {db} to {target} (schema version {SCHEMA_VERSION}).\n"
    assert run("adjust", "12").exit_code == 0

    refused = run("restore", str(target))
    assert refused.exit_code == 1
    assert refused.stderr.startswith(f"inmail-tui: {db} holds 1 credit pool and 0 prospects;")
    assert "--yes" in refused.stderr
    assert balance(run) == 12

    restored = run("restore", str(target), "--yes", "--json")
    assert restored.exit_code == 0, restored.output
    assert json.loads(restored.stdout) == {
        "database": db,
        "restored_from": str(target),
        "schema_version": SCHEMA_VERSION,
        "replaced_kept_in": f"{db}.before-restore.bak",
    }
    assert balance(run) == 40


@SQLITE_FILES
def test_restore_checks_the_file_first(run: Run, tmp_path: Path) -> None:
    run("plan", "sales_navigator_core", "--renewal-day", "1", "--balance", "40")
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database", "utf-8")
    refused = run("restore", str(notes), "--yes")
    assert (refused.exit_code, refused.stderr) == (
        1,
        f"inmail-tui: {notes} is not a database file, so not an inmail-tui backup.\n",
    )
    assert balance(run) == 40


@pytest.mark.postgres
def test_postgresql_gets_pg_dump_advice(pg_url: str, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from inmail_tui.cli import cli

    result = CliRunner().invoke(cli, ["--db", pg_url, "backup", str(tmp_path / "b.sqlite")])
    assert result.exit_code == 1
    assert "pg_dump --format=custom --file=FILE 'postgresql://postgres@127.0.0.1" in result.stderr
