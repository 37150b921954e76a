"""Credit commands: ``plan``, ``balance``, ``forecast``, ``adjust``, ``purchase``, ``cancel``,
``mend-clock``, ``paths``."""

from __future__ import annotations

from datetime import date

import click

from inmail_tui.cli.render import balance_lines, forecast_lines, say
from inmail_tui.cli.root import DATE, command, echo_json, env_of
from inmail_tui.core.plans import Plan, Renewal
from inmail_tui.core.words import plural


@command("plan")
@click.argument("plan_id", required=False)
@click.option("--renewal-day", type=click.IntRange(1, 31), help="Day of the month credits renew.")
@click.option("--balance", type=click.IntRange(min=0), help="The balance LinkedIn shows today.")
@click.option("--pool", default=None, help="Pool name (default: the active pool).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def plan_cmd(
    ctx: click.Context,
    plan_id: str | None,
    renewal_day: int | None,
    balance: int | None,
    pool: str | None,
    as_json: bool,
) -> None:
    """Show the plans, or set the pool's PLAN_ID, renewal day and opening balance."""
    planner = env_of(ctx).planner()
    if plan_id is None:
        if renewal_day is not None or balance is not None:
            raise click.UsageError("--renewal-day and --balance need a PLAN_ID")
        plans = [
            {"id": p.id, "name": p.name, "allowance": p.allowance, "cap": p.cap}
            for p in planner.catalog
        ]
        current = (
            planner.credits.balance(pool).to_json() if planner.credits.has_pool(pool) else None
        )
        if as_json:
            echo_json({"plans": plans, "pool": current})
            return
        for p in plans:
            say(f"{p['id']:<24} {p['name']:<34} {p['allowance']:>5}/month  cap {p['cap']}")
        if current:
            say()
            say(f"Pool {current['pool']!r} is on {current['plan']}.")
        return
    if renewal_day is not None and plan_id in planner.catalog:
        _check_renewal_day(planner.catalog[plan_id], renewal_day)
    view = planner.credits.set_plan(plan_id, renewal_day=renewal_day, balance=balance, pool=pool)
    if as_json:
        echo_json(view.to_json())
    else:
        say(f"Pool {view.pool!r} set to {view.plan.name}.")
        for line in balance_lines(view):
            say(line)


def _check_renewal_day(plan: Plan, day: int) -> None:
    """``--renewal-day`` is refused where it would be ignored: a plan without InMail credits,
    and a day other than the 1st for a plan whose credits come on the 1st of every month
    whatever the billing date (Sales Navigator)."""
    if not plan.can_send_inmail or plan.allowance == 0:
        raise click.UsageError(
            f"{plan.name} has no InMail credits to renew: leave out --renewal-day."
        )
    if plan.renewal is Renewal.CALENDAR_FIRST and day != 1:
        raise click.UsageError(
            f"{plan.name} credits renew on the 1st of every month, whatever the billing date:"
            " leave out --renewal-day."
        )


@command("balance")
@click.option("--pool", default=None, help="Pool name (default: the active pool).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def balance_cmd(ctx: click.Context, pool: str | None, as_json: bool) -> None:
    """Balance, cap, next grant, forfeit warning and pending credit-backs."""
    env = env_of(ctx)
    view = env.quick_balance(pool) or env.planner().credits.balance(pool)
    if as_json:
        echo_json(view.to_json())
        return
    for line in balance_lines(view):
        say(line)


@command("forecast")
@click.option(
    "--months",
    type=click.IntRange(1, 120),
    default=6,
    show_default=True,
    help="How many coming grants to show.",
)
@click.option(
    "--spend-per-month",
    type=click.IntRange(0, 1_000_000),
    default=0,
    show_default=True,
    help="Credits you expect to spend each month.",
)
@click.option("--pool", default=None, help="Pool name (default: the active pool).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def forecast_cmd(
    ctx: click.Context, months: int, spend_per_month: int, pool: str | None, as_json: bool
) -> None:
    """The coming grants: what each brings, forfeits, and the balance after."""
    rows = env_of(ctx).planner().credits.forecast(months, spend_per_month, pool)
    if as_json:
        echo_json(
            [
                {
                    "date": r.date.isoformat(),
                    "grant": r.grant,
                    "forfeit": r.forfeit,
                    "balance_after": r.balance_after,
                }
                for r in rows
            ]
        )
        return
    for line in forecast_lines(rows):
        say(line)


@command("adjust")
@click.argument("shown_balance", type=click.IntRange(min=0))
@click.option("--pool", default=None, help="Pool name (default: the active pool).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def adjust_cmd(ctx: click.Context, shown_balance: int, pool: str | None, as_json: bool) -> None:
    """Reconcile with the balance LinkedIn shows (records an adjust event)."""
    view = env_of(ctx).planner().credits.adjust(shown_balance, pool)
    if as_json:
        echo_json(view.to_json())
    else:
        say(f"Balance reconciled: {view.balance}.")


@command("purchase")
@click.argument("blocks", type=click.IntRange(min=1))
@click.option("--pool", default=None, help="Pool name (default: the active pool).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def purchase_cmd(ctx: click.Context, blocks: int, pool: str | None, as_json: bool) -> None:
    """Record a purchase of BLOCKS blocks of credits."""
    view = env_of(ctx).planner().credits.purchase(blocks, pool)
    if as_json:
        echo_json(view.to_json())
    else:
        say(f"Purchase recorded: balance {view.balance}.")


@command("cancel")
@click.option(
    "--on", "on", type=DATE, default=None, help="First day without it (default: renewal)."
)
@click.option("--pool", default=None, help="Pool name (default: the active pool).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def cancel_cmd(ctx: click.Context, on: date | None, pool: str | None, as_json: bool) -> None:
    """Record a cancelled subscription: the pool goes to 0 when the billing cycle ends."""
    view = env_of(ctx).planner().credits.cancel(on, pool)
    if as_json:
        echo_json(view.to_json())
    else:
        say(f"Pool {view.pool!r} cancelled: {view.forfeit_warning}")


@command("mend-clock")
@click.option("--pool", default=None, help="Pool name (default: the active pool).")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def mend_clock_cmd(ctx: click.Context, pool: str | None, yes: bool, as_json: bool) -> None:
    """Void the ledger entries dated after today, written under a wrong clock or --today.

    One correction is appended (a void entry, dated today, saying why); the entries stay in
    the history, marked void, and no longer count.
    """
    planner = env_of(ctx).planner()
    view = planner.credits.balance(pool)
    if view.ahead and not yes:
        say(
            f"Pool {view.pool!r} has {plural(view.ahead, 'entry', 'entries')} dated after today"
            f" ({planner.today}), up to {view.ahead_latest}.",
            err=True,
        )
        click.confirm("Void them?", abort=True, err=True)
    mended = planner.credits.mend_clock(pool) if view.ahead else None
    voided = mended.voided if mended else 0
    balance = mended.view.balance if mended else view.balance
    if as_json:
        echo_json({"pool": view.pool, "voided": voided, "balance": balance})
    elif mended is None:
        say(f"Nothing to mend: no entry of pool {view.pool!r} is dated after {planner.today}.")
    else:
        say(f"Voided {voided:,} entries dated after {planner.today}; balance {balance}.")


@command("paths")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def paths_cmd(ctx: click.Context, as_json: bool) -> None:
    """Where the database and the settings file are."""
    from inmail_tui.paths import default_db_path, settings_path

    env = env_of(ctx)
    found = {"database": env.db or str(default_db_path()), "settings": str(settings_path())}
    if as_json:
        echo_json(found)
        return
    for name, where in found.items():
        say(f"{name}: {where}")
