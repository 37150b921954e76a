"""Team pools, for scripts: ``seats`` (list, ``add``, ``limit``), ``claim`` and ``release``.

The seat acting is ``--seat NAME`` (env ``INMAIL_TUI_SEAT``) or the settings file's ``seat``.
``claim`` and ``release`` take prospects as ``mark`` does: a prospect that is not there refuses
the whole command; one a teammate holds is skipped with a line on stderr (exit code 1).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import click

from inmail_tui.cli.queue import AS_JSON, PROSPECTS, _changed, _finish, _skipped, _targets
from inmail_tui.cli.render import say
from inmail_tui.cli.root import UserFacing, command, echo_json, env_of
from inmail_tui.core.words import plural

if TYPE_CHECKING:
    from inmail_tui.planner.team import TeamView


def _limit_word(limit: int | None) -> str:
    return "no limit" if limit is None else f"limit {limit:,}"


def _show(view: TeamView, as_json: bool) -> None:
    if as_json:
        echo_json(view.to_json())
        return
    if not view.seats:
        say(f"Pool {view.pool} has no seats (a solo pool): add one with `inmail-tui seats add`.")
        return
    say(f"Pool {view.pool}: {view.balance:,} credits, shared by {plural(len(view.seats), 'seat')}")
    width = max(len(seat.name) for seat in view.seats)
    for seat in view.seats:
        mark = "*" if seat.mine else " "
        limit = "" if seat.monthly_limit is None else f" of {seat.monthly_limit:,}"
        say(f"{mark} {seat.name:<{width}}  {seat.used_this_month:,}{limit} used this month")
    if view.without_seat:
        say(f"  (no seat)  {view.without_seat:,} used this month")


class _Seats(click.Group):
    """``seats`` alone lists the seats; ``seats add`` and ``seats limit`` change them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["invoke_without_command"] = True
        super().__init__(*args, **kwargs)


@command("seats", cls=_Seats)
@AS_JSON
@click.pass_context
def seats_cmd(ctx: click.Context, as_json: bool) -> None:
    """The seats of the active pool with this month's usage against each limit (* marks
    yours); `seats add` adds one, `seats limit` sets a monthly limit.

    Your own seat is --seat NAME, or `seat = "NAME"` in settings.toml.
    """
    if ctx.invoked_subcommand is None:
        _show(env_of(ctx).planner().team.view(), as_json)


SEATS = cast(click.Group, seats_cmd)


def _parse_limit(value: str | None) -> int | None:
    if value is None or value.strip().casefold() == "none":
        return None
    try:
        return int(value)
    except ValueError:
        raise UserFacing(f"A monthly limit is a whole number or 'none', not {value!r}.") from None


def _subcommands(group: click.Group) -> None:
    """``seats add`` and ``seats limit`` (defined here, not at module level: the module's
    commands are the names ``COMMAND_MODULES`` lists)."""

    @group.command("add")
    @click.argument("name")
    @click.option("--limit", "limit", metavar="N", help="Monthly limit on its InMail credits.")
    @AS_JSON
    @click.pass_context
    def seats_add(ctx: click.Context, name: str, limit: str | None, as_json: bool) -> None:
        """Add the seat NAME to the active pool (a person working from it)."""
        monthly = _parse_limit(limit)
        view = env_of(ctx).planner().team.add_seat(name, monthly)
        if as_json:
            echo_json(view.to_json())
            return
        say(f"Added seat {name.strip()} ({_limit_word(monthly)}).")

    @group.command("limit")
    @click.argument("name")
    @click.argument("limit", metavar="N|none")
    @AS_JSON
    @click.pass_context
    def seats_limit(ctx: click.Context, name: str, limit: str, as_json: bool) -> None:
        """Set the monthly limit of seat NAME on InMail credits ('none' lifts it)."""
        monthly = _parse_limit(limit)
        view = env_of(ctx).planner().team.set_limit(name, monthly)
        if as_json:
            echo_json(view.to_json())
            return
        say(f"Seat {name.strip()}: {_limit_word(monthly)} a month.")


_subcommands(SEATS)


def _own(
    ctx: click.Context, prospects: tuple[str, ...], force: bool, as_json: bool, *, claim: bool
) -> None:
    planner = env_of(ctx).planner()
    named = _targets(planner, prospects)
    team = planner.team
    result = team.claim(list(named), force) if claim else team.release(list(named), force)
    skipped = _skipped(result.skipped, named)
    verb = "Claimed" if claim else "Released"
    if as_json:
        echo_json(
            {"changed": result.changed, verb.lower(): _changed(named, skipped), "skipped": skipped}
        )
    else:
        say(f"{verb} {plural(result.changed, 'prospect')}.")
    _finish(ctx, skipped, as_json)


FORCE = click.option("--force", is_flag=True, help="Take it over from the teammate who holds it.")


@command("claim")
@PROSPECTS
@FORCE
@AS_JSON
@click.pass_context
def claim_cmd(ctx: click.Context, prospects: tuple[str, ...], force: bool, as_json: bool) -> None:
    """Claim each PROSPECT for your seat: every teammate sees who works them, and since when."""
    _own(ctx, prospects, force, as_json, claim=True)


@command("release")
@PROSPECTS
@FORCE
@AS_JSON
@click.pass_context
def release_cmd(ctx: click.Context, prospects: tuple[str, ...], force: bool, as_json: bool) -> None:
    """Release your claim on each PROSPECT (--force: a teammate's claim too)."""
    _own(ctx, prospects, force, as_json, claim=False)
