"""Issue 9, items 6 and 12: the files inmail-tui writes are private, and an export is replaced
atomically (a failed export leaves the previous file as it was, and nothing beside it).

Every test runs under umask 022, the usual default, under which files were 0644 and folders 0755.
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from inmail_tui.core.exporting import ExportRow, write_prospects_file
from inmail_tui.core.importing.synthetic import connections_csv, people
from inmail_tui.errors import UserError
from inmail_tui.paths import default_db_path
from inmail_tui.planner import Planner
from inmail_tui.settings import Settings

TODAY = date(2026, 1, 15)


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path: Path) -> str:
    return oct(stat.S_IMODE(path.stat().st_mode))


def companions(db: Path) -> list[Path]:
    return [db.with_name(db.name + suffix) for suffix in ("-wal", "-shm")]


def set_up(db: Path | None) -> Planner:
    """A planner with a pool, still open (so the -wal and -shm files exist)."""
    planner = Planner.open(db, TODAY, Settings())
    planner.credits.set_plan("sales_navigator_core", renewal_day=1, balance=10)
    return planner


def test_the_default_data_folder_and_database_files_are_private() -> None:
    planner = set_up(None)
    db = default_db_path()
    assert mode(db.parent) == "0o700"
    assert mode(db) == "0o600"
    assert [(path.name, mode(path)) for path in companions(db)] == [
        ("inmail.sqlite-wal", "0o600"),
        ("inmail.sqlite-shm", "0o600"),
    ]
    planner.ctx.engine.dispose()


def test_a_database_at_a_path_of_your_choice_is_private(tmp_path: Path) -> None:
    db = tmp_path / "team" / "inmail.sqlite"
    db.parent.mkdir()
    planner = set_up(db)
    assert [mode(path) for path in (db, *companions(db))] == ["0o600", "0o600", "0o600"]
    planner.ctx.engine.dispose()


def test_files_an_older_release_left_readable_become_private() -> None:
    set_up(None).ctx.engine.dispose()
    db = default_db_path()
    db.parent.chmod(0o755)
    db.chmod(0o644)
    planner = Planner.open(None, TODAY, Settings())
    planner.credits.balance()
    assert (mode(db.parent), mode(db)) == ("0o700", "0o600")
    planner.ctx.engine.dispose()


def test_an_export_is_private_even_over_a_readable_file(tmp_path: Path) -> None:
    target = tmp_path / "prospects.csv"
    target.write_text("old", "utf-8")
    assert mode(target) == "0o644"
    planner = set_up(tmp_path / "inmail.sqlite")
    assert planner.transfer.export_csv(target) == 0
    assert mode(target) == "0o600"
    assert target.read_bytes().startswith(b"\xef\xbb\xbfLinkedIn URL,")


def rows_then_disk_full(count: int) -> Iterator[ExportRow]:
    for n in range(count):
        yield ExportRow(url=f"https://www.linkedin.com/in/p{n}", notes="x" * 500)
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_failed_export_leaves_the_previous_file_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "prospects.csv"
    target.write_bytes(b"the previous export")
    with pytest.raises(OSError, match="No space left"):
        write_prospects_file(target, rows_then_disk_full(200))
    assert target.read_bytes() == b"the previous export"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["prospects.csv"]


# In a process of its own: open the planner and read (so the database files exist), then limit
# the size of any file it writes (RLIMIT_FSIZE: writes past it fail with EFBIG, a real OS error
# like a full disk) and export over the previous file.
_EXPORT_PAST_A_LIMIT = """
import resource, signal, sys
from datetime import date
from inmail_tui.errors import UserError
from inmail_tui.planner import Planner
from inmail_tui.settings import Settings

planner = Planner.open(sys.argv[1], date(2026, 1, 15), Settings())
planner.queue.total()
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (16384, resource.RLIM_INFINITY))
try:
    planner.transfer.export_csv(sys.argv[2])
except UserError as error:
    print(error)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_an_export_cut_short_by_the_system_keeps_the_previous_file(tmp_path: Path) -> None:
    db = tmp_path / "inmail.sqlite"
    planner = set_up(db)
    leads = tmp_path / "Connections.csv"
    leads.write_text(connections_csv(people(300, seed=3)), "utf-8")
    assert planner.transfer.import_file(leads).added == 300
    target = tmp_path / "prospects.csv"
    assert planner.transfer.export_csv(target) == 300
    previous = target.read_bytes()
    assert len(previous) > 16384
    planner.ctx.engine.dispose()
    result = subprocess.run(
        [sys.executable, "-c", _EXPORT_PAST_A_LIMIT, str(db), str(target)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stdout.strip() == f"Cannot write {target}: File too large.", result.stderr
    assert target.read_bytes() == previous
    assert not [path.name for path in tmp_path.iterdir() if path.name.endswith(".partial")]


def test_a_refused_export_is_a_sentence(tmp_path: Path) -> None:
    planner = set_up(tmp_path / "inmail.sqlite")
    with pytest.raises(UserError, match=r"Cannot write .*: No such file or directory"):
        planner.transfer.export_csv(tmp_path / "missing" / "prospects.csv")
