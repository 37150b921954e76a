"""What every planner service shares: one open database, the user's settings, the plan catalog
and an injected "today"; and the one translation of the lower layers' errors into ``UserError``.

Every use case runs in one transaction. Functions here that take a raw ``Connection`` are the
planner's own; the CLI and the TUI never see a connection.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from functools import wraps
from pathlib import Path
from typing import Generic, ParamSpec, TypeVar

from sqlalchemy import Connection, Engine, exc

from inmail_tui.core.calendar import check_day
from inmail_tui.core.errors import DomainError
from inmail_tui.core.plans import Catalog
from inmail_tui.errors import UserError
from inmail_tui.settings import Settings
from inmail_tui.store.engine import failure, is_failure, make_engine
from inmail_tui.store.schema import ensure_schema
from inmail_tui.store.tx import read_session, write_tx

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")


@contextmanager
def user_errors() -> Iterator[None]:
    """Re-raise the domain's and the store's own errors as ``UserError`` (same sentence); the
    database's own trouble that reached here untranslated (a full disk, a lost connection)
    says what happened too."""
    try:
        yield
    except DomainError as error:
        raise UserError(str(error)) from error
    except exc.DBAPIError as error:
        if not is_failure(error):
            raise
        raise UserError(str(failure(error, "in use"))) from error


def user_facing(method: Callable[P, R]) -> Callable[P, R]:
    """A use case: the domain's and the store's errors reach the caller as ``UserError``."""

    @wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with user_errors():
            return method(*args, **kwargs)

    return wrapper


# A write dated more than this many days after the computer's clock must be confirmed: a day or
# two covers time zones and a date line; more is a typo in --today or a clock gone wrong.
FAR_AHEAD_DAYS = 2
DATE_HINT = "; check the computer's date or the --today option."


class Kept(Generic[T]):
    """One value kept while the key it was made for stays equal: ``get(key, make)`` makes it
    again when the key differs (a key of None: always made, nothing kept)."""

    def __init__(self) -> None:
        self._kept: tuple[object, T] | None = None

    def get(self, key: object | None, make: Callable[[], T]) -> T:
        kept = self._kept
        if key is not None and kept is not None and kept[0] == key:
            return kept[1]
        value = make()
        self._kept = None if key is None else (key, value)
        return value


@dataclass(frozen=True)
class Context:
    """The one database, settings, catalog and day that every service of a planner works on.

    ``clock`` is the computer's date, read once where the program starts (None: not known, as
    for a library caller); a write dated more than ``FAR_AHEAD_DAYS`` after it is refused unless
    ``confirm_date`` says the date is meant.
    """

    engine: Engine
    settings: Settings
    today: date
    clock: date | None = None
    confirm_date: bool = False
    catalog: Catalog = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "catalog", self.settings.catalog())

    @classmethod
    def open(
        cls,
        db: str | Path | None,
        today: date,
        settings: Settings,
        clock: date | None = None,
        confirm_date: bool = False,
    ) -> Context:
        """Open (and create or upgrade) the database ``db``; None means the default one."""
        with user_errors():
            check_day(today, DATE_HINT)
            engine = make_engine(db)
            ensure_schema(engine)
        return cls(engine, settings, today, clock, confirm_date)

    def check_writable(self) -> None:
        """Refuse to write when "today" is far after the computer's clock, unless confirmed."""
        if self.clock is None or self.confirm_date:
            return
        ahead = (self.today - self.clock).days
        if ahead > FAR_AHEAD_DAYS:
            raise UserError(
                f"{self.today} is {ahead:,} days after the computer's clock ({self.clock}):"
                " nothing was written. Check --today and the computer's date, or confirm the"
                " date with --confirm-date."
            )

    @contextmanager
    def write(self, pool_id: int | None = None) -> Iterator[Connection]:
        """A write transaction (see ``store.tx.write_tx``), once the date may be written."""
        self.check_writable()
        with write_tx(self.engine, pool_id) as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read transaction: one snapshot, no write lock."""
        with read_session(self.engine) as conn:
            yield conn

    @property
    def now(self) -> datetime:
        """A timestamp for rows written "today" (noon UTC: deterministic under --today)."""
        return datetime.combine(self.today, time(12), tzinfo=UTC)
