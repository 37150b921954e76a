"""Backup and restore of the database.

SQLite: a backup is a copy taken with SQLite's online backup API (safe while the app or another
command uses the database), written beside its target and renamed over it, private (0600). A
restore checks the file first (a SQLite database with inmail-tui's tables at a schema version
this release knows), refuses to replace a database that holds anything unless told to, keeps
what it replaces in a backup beside the database, and upgrades an older backup's schema.

PostgreSQL: backups are ``pg_dump``'s and ``pg_restore``'s job; both use cases say how.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inmail_tui.core.words import plural
from inmail_tui.errors import UserError
from inmail_tui.planner.context import Context, user_facing
from inmail_tui.store import backup as store
from inmail_tui.store.changes import ChangeWatch, Marker
from inmail_tui.store.engine import StoreError
from inmail_tui.store.schema import ensure_schema

if TYPE_CHECKING:
    from inmail_tui.store.notify import ChangeListener


class WatchLost(UserError):
    """The connection that hears other sessions' changes failed: look for them another way."""


class ChangeWatcher:
    """Hears another session's writes as they commit (PostgreSQL's LISTEN/NOTIFY,
    ``store.notify``); the app's own writes are not heard. One thread uses it at a time."""

    def __init__(self, listener: ChangeListener) -> None:
        self._listener = listener

    def wait(self, timeout: float) -> bool:
        """Block up to ``timeout`` seconds; True once another session changed the data (a burst
        of changes is one True). Raises :class:`WatchLost` when the connection failed."""
        try:
            return self._listener.wait(timeout)
        except StoreError as error:
            raise WatchLost(str(error)) from error

    def close(self) -> None:
        self._listener.close()


@dataclass(frozen=True)
class BackupResult:
    database: Path
    path: Path
    schema_version: int

    def text(self) -> str:
        return f"Backed up {self.database} to {self.path} (schema version {self.schema_version})."

    def to_json(self) -> dict[str, Any]:
        return {
            "database": str(self.database),
            "backup": str(self.path),
            "schema_version": self.schema_version,
        }


@dataclass(frozen=True)
class RestoreResult:
    database: Path
    source: Path
    schema_version: int  # the backup's; an older one was upgraded to the current version
    replaced: Path | None  # a backup of what the restore replaced, beside the database

    def text(self) -> str:
        kept = f"; what it replaced is kept in {self.replaced}" if self.replaced else ""
        return f"Restored {self.database} from {self.source}{kept}."

    def to_json(self) -> dict[str, Any]:
        return {
            "database": str(self.database),
            "restored_from": str(self.source),
            "schema_version": self.schema_version,
            "replaced_kept_in": None if self.replaced is None else str(self.replaced),
        }


class MaintenanceService:
    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        self._watch: ChangeWatch | None = None

    def change_marker(self) -> Marker:
        """A value that differs once another connection (another process: a CLI ``sent``) changed
        the database; cheap enough to ask every few seconds (``store.changes``)."""
        if self._watch is None:
            self._watch = ChangeWatch(self._ctx.engine)
        return self._watch.marker()

    def watch_changes(self) -> ChangeWatcher | None:
        """A watcher that wakes when another session writes (PostgreSQL); None where the
        database cannot tell (SQLite: poll :meth:`change_marker` instead). Raises
        :class:`WatchLost` when the listening connection cannot be opened."""
        if self._ctx.engine.dialect.name != "postgresql":
            return None
        from inmail_tui.store.notify import ChangeListener

        try:
            return ChangeWatcher(ChangeListener(self._ctx.engine))
        except StoreError as error:
            raise WatchLost(str(error)) from error

    @user_facing
    def backup(self, target: str | Path) -> BackupResult:
        """Copy the database to the file ``target`` (replacing it once the copy is complete)."""
        database = self._sqlite_file("backup")
        path = Path(target).expanduser()
        if path.is_dir():
            raise UserError(f"{path} is a folder; give a file name such as inmail-backup.sqlite.")
        try:
            version = store.backup_to(self._ctx.engine, path)
        except OSError as exc:
            raise UserError(f"Cannot write {path}: {exc.strerror or exc}.") from None
        except sqlite3.Error as exc:
            raise UserError(f"Cannot back up {database}: {exc}.") from None
        return BackupResult(database, path, version)

    @user_facing
    def check(self, source: str | Path) -> int:
        """The schema version of the backup ``source``, or why it cannot be restored."""
        return store.check_backup(Path(source).expanduser())

    @user_facing
    def restore(self, source: str | Path, replace: bool = False) -> RestoreResult:
        """Replace the database's content with the backup ``source``, checked first. A database
        that holds a pool or a prospect is replaced only with ``replace``."""
        database = self._sqlite_file("restore")
        path = Path(source).expanduser()
        version = store.check_backup(path)
        pools, prospects = store.holdings(self._ctx.engine)
        replaced = None
        if pools or prospects:
            if not replace:
                raise UserError(
                    f"{database} holds {plural(pools, 'credit pool')} and "
                    f"{plural(prospects, 'prospect')}; restoring {path} replaces them all. "
                    "Run again with --yes to replace them (a backup of them is kept)."
                )
            try:
                replaced = store.backup_beside(database, "before-restore")
            except (OSError, sqlite3.Error) as exc:
                raise UserError(
                    f"Cannot keep a backup of {database} before restoring ({exc}); "
                    "nothing was changed."
                ) from None
        with self._ctx.engine.connect() as conn:
            store.restore_from(conn, path)
        ensure_schema(self._ctx.engine)  # an older backup's schema is upgraded now
        return RestoreResult(database, path, version, replaced)

    def _sqlite_file(self, action: str) -> Path:
        database = store.database_file(self._ctx.engine)
        if database is not None:
            return database
        if self._ctx.engine.dialect.name != "postgresql":
            raise UserError(f"Only a database file can be used for a {action}.")
        url = store.libpq_url(self._ctx.engine)
        if action == "backup":
            raise UserError(
                "A PostgreSQL database is backed up with PostgreSQL's own tool, safe while "
                f"inmail-tui runs: pg_dump --format=custom --file=FILE '{url}'"
            )
        raise UserError(
            "A PostgreSQL database is restored with PostgreSQL's own tool from a pg_dump "
            f"file: pg_restore --clean --if-exists --dbname='{url}' FILE"
        )
