"""The spend plan command: ``spend-plan`` (docs/planning.md; the JSON keys are in the README)."""

from __future__ import annotations

from datetime import date

import click

from inmail_tui.cli.render import day, say
from inmail_tui.cli.root import DATE, command, echo_json, env_of
from inmail_tui.core.words import plural
from inmail_tui.settings import BOUNDS


@command("spend-plan")
@click.option(
    "--until",
    type=DATE,
    default=None,
    help="Plan up to this day (default: the second coming grant).",
)
@click.option(
    "--reserve",
    type=click.IntRange(*BOUNDS["reserve"]),
    default=None,
    help="Credits never spent (default: the reserve setting, 0).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def spend_plan_cmd(
    ctx: click.Context, until: date | None, reserve: int | None, as_json: bool
) -> None:
    """Who gets an InMail credit, on which day, and what is lost otherwise."""
    view = env_of(ctx).planner().spending.plan(until=until, reserve=reserve)
    if as_json:
        echo_json(view.to_json())
        return
    plan = view.plan
    say(
        f"Spend plan for {view.plan_name} ({view.pool}), {day(plan.today)} to {day(plan.until)}:"
        f" {view.balance} credits, reserve {plan.reserve}"
    )
    by_day: dict[date, list[str]] = {}
    for r in plan.requests:
        then = f"; InMail from {day(r.inmail_from)} if unanswered" if r.inmail_from else ""
        by_day.setdefault(r.on, []).append(
            f"  request  {view.name(r.id)} (fit {r.fit}): free{then}"
        )
    for i in plan.inmails:
        by_day.setdefault(i.on, []).append(
            f"  InMail   {view.name(i.id)}: expected {i.value:.2f}; {i.why(plan.wait_days)}"
        )
    for d in plan.days:
        if d.grant or d.lost:
            lost = f", {d.lost} lost" if d.lost else ""
            by_day.setdefault(d.on, []).insert(0, f"  grant    +{d.grant}{lost}")
    for on in sorted(by_day):
        say()
        say(day(on))
        for line in by_day[on]:
            say(line)
    say()
    say(f"Credits used: {plan.credits_used} (of {plural(plan.candidates, 'candidate')})")
    if plan.losses:
        for loss in plan.losses:
            say(f"Credits lost on {day(loss.on)}: {loss.credits} ({loss.why})")
    else:
        say("Credits lost: none")
    sources = "; ".join(
        f"{source.describe()} ({plural(n, 'InMail')})" for source, n, _ in plan.sources()
    )
    replies = f"Expected replies: {plan.expected_replies:.1f}"
    say(f"{replies}: {sources}" if sources else replies)
    if plan.expected_credit_backs:
        say(f"Expected credit-backs: {plan.expected_credit_backs:.1f}")
