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
from typing import ParamSpec, TypeVar

from sqlalchemy import Engine

from inmail_tui.core.errors import DomainError
from inmail_tui.core.plans import Catalog
from inmail_tui.errors import UserError
from inmail_tui.settings import Settings
from inmail_tui.store.engine import make_engine
from inmail_tui.store.schema import ensure_schema

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def user_errors() -> Iterator[None]:
    """Re-raise the domain's and the store's own errors as ``UserError`` (same sentence)."""
    try:
        yield
    except DomainError as exc:
        raise UserError(str(exc)) from exc


def user_facing(method: Callable[P, R]) -> Callable[P, R]:
    """A use case: the domain's and the store's errors reach the caller as ``UserError``."""

    @wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with user_errors():
            return method(*args, **kwargs)

    return wrapper


@dataclass(frozen=True)
class Context:
    """The one database, settings, catalog and day that every service of a planner works on."""

    engine: Engine
    settings: Settings
    today: date
    catalog: Catalog = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "catalog", self.settings.catalog())

    @classmethod
    def open(cls, db: str | Path | None, today: date, settings: Settings) -> Context:
        """Open (and create or upgrade) the database ``db``; None means the default one."""
        with user_errors():
            engine = make_engine(db)
            ensure_schema(engine)
        return cls(engine, settings, today)

    @property
    def now(self) -> datetime:
        """A timestamp for rows written "today" (noon UTC: deterministic under --today)."""
        return datetime.combine(self.today, time(12), tzinfo=UTC)
