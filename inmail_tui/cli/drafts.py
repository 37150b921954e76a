"""Drafting commands: ``lint``, ``sent`` and ``analytics``."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

import click

from inmail_tui.cli.render import say
from inmail_tui.cli.root import Env, NamedType, command, echo_json, env_of
from inmail_tui.core.model import DRAFT_CHANNELS, Channel
from inmail_tui.core.words import plural
from inmail_tui.errors import UserError

if TYPE_CHECKING:
    from inmail_tui.core.lint import LintResult

DRAFTED = NamedType(Channel, only=DRAFT_CHANNELS)
CHANNEL = NamedType(Channel)


def _read_text(file: str | None) -> str:
    """The text of ``file`` (or standard input), without the newline that ends a text file:
    an editor adds it, and it is not part of the draft."""
    if file is None or file == "-":
        return _without_final_newline(sys.stdin.read())
    try:
        with open(file, encoding="utf-8") as stream:
            return _without_final_newline(stream.read())
    except OSError as exc:
        raise UserError(f"cannot read {file}: {exc.strerror}.") from None
    except UnicodeDecodeError:
        raise UserError(f"{file} is not UTF-8 text; save it as UTF-8 and try again.") from None


def _without_final_newline(text: str) -> str:
    if text.endswith("\r\n"):
        return text[:-2]
    return text.removesuffix("\n")


@command("lint")
@click.argument("file", required=False)
@click.option(
    "--channel",
    type=DRAFTED,
    default=Channel.INMAIL.label,
    show_default=True,
    help=f"The draft's channel: {DRAFTED.labels()}.",
)
@click.option("--subject", default="", help="The InMail subject.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def lint_cmd(
    ctx: click.Context, file: str | None, channel: Channel, subject: str, as_json: bool
) -> None:
    """Check a draft (FILE, or standard input) against LinkedIn's limits and best practice.

    Exits 1 when a hard limit is broken.
    """
    env = env_of(ctx)
    body = _read_text(file)
    result = _checker(env)(channel, body, subject if channel is Channel.INMAIL else "")
    if as_json:
        echo_json(result.to_json())
    else:
        counter = f"{result.length:,} characters"
        if result.limit is not None:
            counter = f"{result.length:,} / {result.limit:,} characters"
        if result.utf16_length > result.length:
            counter += f" ({result.utf16_length:,} as LinkedIn counts them)"
        say(counter)
        for f in result.findings:
            where = f"{f.field} {f.start}-{f.end}"
            say(f"{f.severity:<8} {f.check:<22} {where:<14} {f.message}")
        if not result.findings:
            say("No findings.")
    if not result.ok:
        ctx.exit(1)


def _checker(env: Env) -> Callable[[Channel, str, str], LintResult]:
    """The active pool's checks when a database exists; Premium's limits otherwise.

    ``lint`` works without any database: it only needs the limits and the word lists.
    """
    from inmail_tui.core.lint import Limits, lint
    from inmail_tui.paths import default_db_path

    if env.db is not None or default_db_path().exists():
        return env.planner().outreach.check_text
    settings = env.settings()
    limits = Limits.for_plan(settings.catalog()["premium_career"])
    words = settings.word_lists()

    def check(channel: Channel, body: str, subject: str) -> LintResult:
        return lint(channel, body, subject, limits=limits, words=words, today=env.today)

    return check


@command("sent")
@click.argument("profile_url")
@click.option(
    "--channel",
    type=CHANNEL,
    default=Channel.INMAIL.label,
    show_default=True,
    help=f"The channel it was sent on: {CHANNEL.labels()}.",
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
    channel: Channel,
    subject: str,
    body_file: str | None,
    variant: str,
    yes: bool,
    as_json: bool,
) -> None:
    """Mark a send to PROFILE_URL as done on LinkedIn: spends the credit it costs."""
    planner = env_of(ctx).planner()
    body = _read_text(body_file) if body_file else ""
    preview = planner.outreach.preview_send(profile_url, channel)
    if not preview.allowed:
        raise UserError(f"Not marked sent: {preview.reason}")  # as mark_sent says it
    if not yes:
        cost = "1 credit" if preview.cost else "no credit"
        say(f"{preview.channel.label} to {profile_url}: {cost}. {preview.reason}", err=True)
        if preview.channel == Channel.INMAIL:
            say("An InMail cannot be unsent.", err=True)
        click.confirm("Mark it sent?", abort=True, err=True)
    result = planner.outreach.mark_sent(profile_url, channel, subject, body, variant=variant)
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
    say(f"Marked sent ({result.decision.channel.label}, cost {result.decision.cost}{after}).")


@command("analytics")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def analytics_cmd(ctx: click.Context, as_json: bool) -> None:
    """Response rates by variant, template and tag; credits per reply; pending credit-backs."""
    view = env_of(ctx).planner().analytics.view()
    if as_json:
        echo_json(view.to_json())
        return
    s = view.stats
    say(
        f"{plural(s.inmails_sent, 'InMail')} sent, {plural(s.responses, 'response')}"
        f" ({s.overall.percent()}), {plural(s.replies, 'reply', 'replies')}"
    )
    per_reply = view.credits_per_reply
    say(
        f"Credits spent {view.credits_spent:,}, came back {view.credited_back:,},"
        f" per reply {'-' if per_reply is None else f'{per_reply:.1f}'}"
    )
    for part in s.breakdowns:
        for rate in part.rates:
            say(f"  {part.title.lower()}: {rate.label}: {rate.hits}/{rate.total}")
        if part.caveat:
            say(f"  {part.caveat}")
    for due in view.pending:
        say(f"May come back: {due.who} (reply by {due.deadline.isoformat()})")
