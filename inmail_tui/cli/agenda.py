"""The daily agenda: ``agenda`` (the day's lines), ``agenda done|skip ID ACTION`` and
``agenda snooze ID ACTION --days N`` (docs/planning.md; the JSON keys are in the README)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, cast

import click

from inmail_tui.cli.render import day, say
from inmail_tui.cli.root import DATE, NamedType, command, echo_json, env_of
from inmail_tui.core.agenda import SNOOZE_DAYS, Action
from inmail_tui.core.words import first_up, plural

if TYPE_CHECKING:
    from inmail_tui.planner.agenda import AgendaView, HoldResult

AS_JSON = click.option("--json", "as_json", is_flag=True, help="Print JSON.")
ON = click.option(
    "--on", "on", type=DATE, default=None, help="The day (default: today, or --today)."
)
ACTION = NamedType(Action)


class _Agenda(click.Group):
    """``agenda`` alone prints the day's lines; its subcommands act on one line."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["invoke_without_command"] = True
        super().__init__(*args, **kwargs)


@command("agenda", cls=_Agenda)
@ON
@AS_JSON
@click.pass_context
def agenda_cmd(ctx: click.Context, on: date | None, as_json: bool) -> None:
    """What to do today, for whom, why and at what cost: connection requests, InMails due,
    replies to answer, acceptances to message, invitations to withdraw, credit-back windows
    ending, and the forfeit deadline.

    `agenda done ID ACTION` records a line done, `agenda skip ID ACTION` holds it until
    tomorrow, `agenda snooze ID ACTION --days N` for N days. ACTION is an action's word as
    `agenda --json` prints it, or its label.
    """
    if ctx.invoked_subcommand is not None:
        return
    view = env_of(ctx).planner().agenda.day(on)
    if as_json:
        echo_json(view.to_json())
        return
    _show(view)


def _show(view: AgendaView) -> None:
    a = view.agenda
    head = f"Agenda for {day(a.today)}"
    if view.pool is None:
        say(f"{head}: no credit pool set up (inmail-tui plan), so no InMails")
    else:
        said = f"{head} ({view.pool}): {plural(view.balance or 0, 'credit')}"
        if view.reserve:
            said += f", {a.available:,} above the reserve of {view.reserve:,}"
        say(said)
    if a.invitations_left is not None:
        say(f"Connection requests left this week: {a.invitations_left:,}")
    if view.forfeit is not None:
        say(view.forfeit.says())
    if not a.lines:
        say()
        say("Nothing on the agenda.")
        return
    for group in a.groups:
        if not group.lines:
            continue
        say()
        more = "; more wait" if group.more else ""
        label = group.action.label
        say(f"{first_up(label)} ({group.count}{more})")
        for line in group.lines:
            name = line.name or line.url
            say(f"  {line.prospect_id:>7}  {name}: {line.why} [{line.cost}]")


def _result(result: HoldResult, as_json: bool) -> None:
    if as_json:
        echo_json(
            {
                "id": result.prospect_id,
                "action": result.action.value,
                "until": None if result.until is None else result.until.isoformat(),
                "message": result.message,
            }
        )
        return
    say(result.message)


AGENDA = cast(click.Group, agenda_cmd)
PROSPECT = click.argument("prospect", metavar="ID")
ACTION_ARG = click.argument("action", type=ACTION, metavar="ACTION")


def _subcommands(group: click.Group) -> None:
    """``agenda done``, ``skip`` and ``snooze`` (defined here, not at module level: the
    module's commands are the names ``COMMAND_MODULES`` lists)."""

    @group.command("done")
    @PROSPECT
    @ACTION_ARG
    @ON
    @AS_JSON
    @click.pass_context
    def agenda_done(
        ctx: click.Context, prospect: str, action: Action, on: date | None, as_json: bool
    ) -> None:
        """Record the line ACTION of prospect ID (an id or a profile URL) done: a request marks
        them requested, an answer or a message messaged, a withdrawal no response; a
        credit-back line is held off. An InMail is marked sent with `inmail-tui sent`."""
        _result(env_of(ctx).planner().agenda.done(prospect, action, on), as_json)

    @group.command("skip")
    @PROSPECT
    @ACTION_ARG
    @ON
    @AS_JSON
    @click.pass_context
    def agenda_skip(
        ctx: click.Context, prospect: str, action: Action, on: date | None, as_json: bool
    ) -> None:
        """Hold the line ACTION of prospect ID off the agenda until tomorrow."""
        _result(env_of(ctx).planner().agenda.skip(prospect, action, on), as_json)

    @group.command("snooze")
    @PROSPECT
    @ACTION_ARG
    @click.option("--days", type=click.IntRange(*SNOOZE_DAYS), required=True, help="How many days.")
    @ON
    @AS_JSON
    @click.pass_context
    def agenda_snooze(
        ctx: click.Context,
        prospect: str,
        action: Action,
        days: int,
        on: date | None,
        as_json: bool,
    ) -> None:
        """Hold the line ACTION of prospect ID off the agenda for --days days."""
        _result(env_of(ctx).planner().agenda.snooze(prospect, action, days, on), as_json)


_subcommands(AGENDA)
