"""The root command group: global options, error translation and command registration."""

from __future__ import annotations

import difflib
import importlib
import json
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import click

from inmail_tui.core.text import json_safe, json_safe_utf8, terminal_safe

if TYPE_CHECKING:
    from inmail_tui.core.model import Named
    from inmail_tui.planner import BalanceView, Planner
    from inmail_tui.settings import Settings


class UserFacing(click.ClickException):
    """A user error: one line on stderr, exit code 1 (usage errors keep click's 2)."""

    exit_code = 1

    def show(self, file: Any = None) -> None:
        click.echo(f"inmail-tui: {terminal_safe(self.format_message())}", err=True)


class DateType(click.ParamType):  # type: ignore[type-arg]
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is not a date like 2026-01-15", param, ctx)


DATE = DateType()


class NamedType(click.ParamType):  # type: ignore[type-arg]
    """A status, outcome or channel (``core.model.Named``) by the label the app shows or by its
    stored value, in any case, with spaces, underscores or hyphens; anything else is a usage
    error that lists the labels. ``only``: the members this parameter takes (default: all)."""

    def __init__(self, kind: type[Named], only: Sequence[Named] = ()) -> None:
        self.kind = kind
        self.members = list(only or kind)
        self.name = kind.__name__.lower()

    def labels(self) -> str:
        """The labels, for a help text."""
        return ", ".join(m.label for m in self.members) + " (any case; '-' or '_' for spaces)"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> Named:
        try:
            member = value if isinstance(value, self.kind) else self.kind.parse(str(value))
        except ValueError:
            member = None
        if member is None or member not in self.members:
            self.fail(f"{self.name} {value!r} is not one of: {self.labels()}", param, ctx)
        return member


@dataclass
class Env:
    db: str | None
    today: date
    clock: date | None = None  # the computer's date, read once in ``cli()``
    confirm_date: bool = False  # --confirm-date: write even when today is far after the clock
    seat: str | None = None  # --seat: the user's seat on a team pool, over the settings file's

    def settings(self) -> Settings:
        from inmail_tui.paths import settings_path
        from inmail_tui.settings import load_settings

        loaded = load_settings(settings_path())
        if self.seat is None:
            return loaded
        from dataclasses import replace

        return replace(loaded, seat=self.seat)

    def quick_balance(self, pool: str | None) -> BalanceView | None:
        """The balance read before the planner's database layers are imported, when a SQLite
        file can answer plainly (``planner.ledger_view.quick_balance``); None: ask the planner."""
        from inmail_tui.planner.ledger_view import quick_balance

        return quick_balance(self.db, self.today, self.settings(), pool)

    def planner(self) -> Planner:
        """The planner; its services load on first use, so ``balance`` loads credits alone."""
        from inmail_tui.planner import Planner

        return Planner.open(
            self.db, self.today, self.settings(), clock=self.clock, confirm_date=self.confirm_date
        )


def user_errors() -> tuple[type[BaseException], ...]:
    """The exception types that mean 'the user can fix this' (imported lazily)."""
    from inmail_tui.core.errors import DomainError
    from inmail_tui.errors import UserError
    from inmail_tui.settings import SettingsError

    return (UserError, SettingsError, DomainError)


class Root(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMAND_MODULES)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return _load(cmd_name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """The command ``args`` name; a mistyped one is a usage error naming the closest."""
        name = args[0] if args else ""
        if name and not name.startswith("-") and name not in COMMAND_MODULES:
            close = difflib.get_close_matches(name, list(COMMAND_MODULES), n=1, cutoff=0.6)
            if close:
                ctx.fail(f"No such command {name!r}. Did you mean {close[0]!r}?")
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except user_errors() as exc:
            raise UserFacing(str(exc)) from None
        except KeyboardInterrupt:
            raise UserFacing("interrupted; nothing was changed by the unfinished step") from None
        except click.Abort:  # a confirmation answered no
            raise UserFacing("not confirmed; nothing was changed.") from None


@click.group(
    cls=Root, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.option(
    "--db",
    envvar="INMAIL_TUI_DB",
    metavar="PATH_OR_URL",
    help="Database file or SQLAlchemy URL (default: the user data directory).",
)
@click.option(
    "--today",
    envvar="INMAIL_TUI_TODAY",
    type=DATE,
    help="Pretend today is this date (for planning and tests).",
)
@click.option(
    "--confirm-date",
    is_flag=True,
    help="Write even though --today is more than 2 days after the computer's clock.",
)
@click.option(
    "--seat",
    envvar="INMAIL_TUI_SEAT",
    metavar="NAME",
    help="Your seat on a team pool (default: the settings file's `seat`).",
)
@click.version_option(package_name="inmail-tui")
@click.pass_context
def cli(
    ctx: click.Context, db: str | None, today: date | None, confirm_date: bool, seat: str | None
) -> None:
    """inmail-tui: plan LinkedIn InMail credits, prospects and drafts.

    Without a command, opens the terminal app.
    """
    # The computer's clock is read here and nowhere else; a caller may hand in its own date as
    # click's ``obj`` (the tests do: no test depends on the real date).
    clock = ctx.obj if isinstance(ctx.obj, date) else computer_date()
    ctx.obj = Env(db=db, today=today or clock, clock=clock, confirm_date=confirm_date, seat=seat)
    if ctx.invoked_subcommand is None:
        from inmail_tui.cli.tui import run_tui

        run_tui(ctx.obj)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, default=str)


def echo_json(value: Any) -> None:
    """Print ``value`` as one JSON document; control characters in it are ``\\u`` escapes."""
    click.echo(json_safe(_dumps(value)))


def echo_json_list(items: Iterable[Any], *, batch: int = 1000) -> None:
    """Print ``items`` as one JSON list, the same bytes as ``echo_json(list(items))``, written
    ``batch`` items at a time as they come: memory stays flat however many there are.

    For lists of objects of strings, integers, booleans, None, and lists and objects of them
    (the listings): each batch is dumped as a list by orjson (the pure-Python encoder that
    ``indent`` needs was most of a million-row listing), whose 2-space layout is
    ``json.dumps``'s, and its items are spliced between the list's brackets. Dates and
    dataclasses go to ``default=str`` as with ``json``; what orjson refuses (a key that is not a
    string, a lone surrogate) makes that batch ``json.dumps``'s. (A float would be written in
    orjson's spelling: ``1e16``, not ``1e+16``.)
    """
    opened = False
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= batch:
            click.echo((",\n" if opened else "[\n") + _list_items(chunk), nl=False)
            opened, chunk = True, []
    if chunk:
        click.echo((",\n" if opened else "[\n") + _list_items(chunk), nl=False)
        opened = True
    click.echo("\n]" if opened else "[]")


def _list_items(chunk: list[Any]) -> str:
    """The items of ``chunk`` as ``echo_json(chunk)`` writes them between ``[\\n`` and
    ``\\n]``."""
    import orjson

    passed = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
    try:
        document = orjson.dumps(chunk, option=orjson.OPT_INDENT_2 | passed, default=str)
    except TypeError:  # (orjson.JSONEncodeError)
        return json_safe(_dumps(chunk)[2:-2])
    return json_safe_utf8(document[2:-2])


def env_of(ctx: click.Context) -> Env:
    obj = ctx.find_object(Env)
    if obj is None:  # pragma: no cover - click always builds it in cli()
        obj = Env(db=os.environ.get("INMAIL_TUI_DB"), today=computer_date())
    return obj


def computer_date() -> date:
    """The computer's clock: the date "today" is checked against before anything is written."""
    return date.today()


# Every command, with the module that defines it: the one list of commands. A command's module is
# imported only when it runs (or when --help lists them all), so ``inmail-tui balance`` does not
# load the queue's commands. Modules define their commands with ``command`` (below), which
# refuses a command this list does not give to that module.
COMMAND_MODULES = {
    "plan": "credits",
    "balance": "credits",
    "forecast": "credits",
    "adjust": "credits",
    "purchase": "credits",
    "cancel": "credits",
    "mend-clock": "credits",
    "paths": "credits",
    "import": "prospects",
    "export": "prospects",
    "prospects": "prospects",
    "cost": "prospects",
    "outcome": "prospects",
    "mark": "queue",
    "undo": "queue",
    "tag": "queue",
    "untag": "queue",
    "note": "queue",
    "priority": "queue",
    "lint": "drafts",
    "sent": "drafts",
    "analytics": "drafts",
    "spend-plan": "spending",
    "agenda": "agenda",
    "seats": "team",
    "claim": "team",
    "release": "team",
    "duplicates": "dedupe",
    "merge": "dedupe",
    "not-duplicate": "dedupe",
    "backup": "maintenance",
    "restore": "maintenance",
    "demo": "tui",
    "keys": "tui",
}


_DEFINED: dict[str, click.Command] = {}  # the commands of the modules imported so far


def command(
    name: str, cls: type[click.Command] = click.Command, epilog: str | None = None
) -> Callable[[Callable[..., Any]], click.Command]:
    """``click.command(name)`` for the command ``COMMAND_MODULES`` gives to the calling module;
    any other name is an error when the module is imported."""

    def define(callback: Callable[..., Any]) -> click.Command:
        module = callback.__module__
        listed = COMMAND_MODULES.get(name)
        if module != f"inmail_tui.cli.{listed}":
            where = "is not in COMMAND_MODULES" if listed is None else f"belongs to cli.{listed}"
            raise LookupError(f"command {name!r} defined in {module} {where}")
        _DEFINED[name] = defined = click.command(name, cls=cls, epilog=epilog)(callback)
        return defined

    return define


def _load(name: str) -> click.Command | None:
    module_name = COMMAND_MODULES.get(name)
    if module_name is None:
        return None
    importlib.import_module(f"inmail_tui.cli.{module_name}")
    return _DEFINED[name]
