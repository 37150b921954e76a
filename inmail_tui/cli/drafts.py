"""Drafting commands: ``lint`` and ``sent``."""

from __future__ import annotations

import sys

import click

from inmail_tui.cli.root import echo_json, env_of


def _read_text(file: str | None) -> str:
    if file is None or file == "-":
        return sys.stdin.read()
    try:
        with open(file, encoding="utf-8") as stream:
            return stream.read()
    except OSError as exc:
        raise click.UsageError(f"cannot read {file}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise click.UsageError(f"{file} is not UTF-8 text") from None


@click.command("lint")
@click.argument("file", required=False)
@click.option("--channel", type=click.Choice(["inmail", "connect", "message"]), default="inmail")
@click.option("--subject", default="", help="The InMail subject.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def lint_cmd(
    ctx: click.Context, file: str | None, channel: str, subject: str, as_json: bool
) -> None:
    """Check a draft (FILE, or standard input) against LinkedIn's limits and best practice.

    Exits 1 when a hard limit is broken.
    """
    from inmail_tui.core.lint import Limits, lint, load_word_lists
    from inmail_tui.core.model import Channel

    env = env_of(ctx)
    settings = env.settings()
    plan = _plan_for_limits(env)
    body = _read_text(file)
    result = lint(
        Channel(channel),
        body,
        subject if channel == "inmail" else "",
        limits=Limits.for_plan(plan),
        words=load_word_lists(settings.lint),
        today=env.today,
    )
    if as_json:
        echo_json(result.to_json())
    else:
        click.echo(f"{result.length:,} / {result.limit:,} characters")
        for f in result.findings:
            where = f"{f.field} {f.start}-{f.end}"
            click.echo(f"{f.severity:<8} {f.check:<22} {where:<14} {f.message}")
        if not result.findings:
            click.echo("No findings.")
    if not result.ok:
        ctx.exit(1)


def _plan_for_limits(env):  # type: ignore[no-untyped-def]
    """The active pool's plan when a database is given and set up; Premium otherwise.

    ``lint`` works without a database: it only needs the limits.
    """
    catalog = env.settings().catalog()
    if env.db is None:
        return catalog["premium_career"]
    planner = env.planner()
    return planner.limits_plan()


@click.command("sent")
@click.argument("profile_url")
@click.option(
    "--channel",
    type=click.Choice(["inmail", "message", "connect", "email"]),
    default="inmail",
    show_default=True,
)
@click.option("--subject", default="", help="The InMail subject as sent.")
@click.option("--body-file", default=None, help="The text as sent (a file, or - for stdin).")
@click.option("--variant", default="", help="A/B variant label.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def sent_cmd(
    ctx: click.Context,
    profile_url: str,
    channel: str,
    subject: str,
    body_file: str | None,
    variant: str,
    yes: bool,
    as_json: bool,
) -> None:
    """Mark a send to PROFILE_URL as done on LinkedIn: spends the credit it costs."""
    from inmail_tui.core.model import Channel

    planner = env_of(ctx).planner()
    body = _read_text(body_file) if body_file else ""
    preview = planner.preview_send(profile_url, Channel(channel))
    if not preview.allowed:
        raise click.ClickException(preview.reason)
    if not yes:
        cost = "1 credit" if preview.cost else "no credit"
        click.echo(f"{preview.channel.value} to {profile_url}: {cost}. {preview.reason}", err=True)
        if preview.channel == Channel.INMAIL:
            click.echo("An InMail cannot be unsent.", err=True)
        if not sys.stdin.isatty() and body_file != "-":
            click.confirm("Mark it sent?", abort=True, err=True)
        else:
            click.confirm("Mark it sent?", abort=True, err=True)
    result = planner.mark_sent(profile_url, Channel(channel), subject, body, variant=variant)
    if as_json:
        echo_json(
            {
                "decision": result.decision.to_json(),
                "balance_after": result.balance_after,
                "draft_id": result.draft_id,
            }
        )
        return
    after = "" if result.balance_after is None else f"; balance {result.balance_after}"
    click.echo(f"Marked sent ({result.decision.channel.value}, cost {result.decision.cost}{after}).")


COMMANDS = [lint_cmd, sent_cmd]
