"""Prospect commands: ``import``, ``export``, ``prospects``, ``cost``, ``outcome``."""

from __future__ import annotations

import io
import sys
from datetime import date
from typing import Any, TextIO

import click

from inmail_tui.cli.render import say
from inmail_tui.cli.root import DATE, NamedType, command, echo_json, echo_json_list, env_of
from inmail_tui.core.importing import AUTO, FORMAT_DESCRIPTIONS, FORMAT_NAMES
from inmail_tui.core.model import Channel, Outcome, Status
from inmail_tui.core.text import terminal_safe
from inmail_tui.core.words import plural
from inmail_tui.planner.archive_summary import ArchiveError, ArchiveResult

STATUS = NamedType(Status)
OUTCOME = NamedType(Outcome)
CHANNEL = NamedType(Channel)


def _progress_bar() -> Any:
    """A progress bar on stderr when it is a terminal; None otherwise."""
    if not sys.stderr.isatty():
        return None
    return click.progressbar(length=1, label="Importing", file=sys.stderr)


class _ImportCommand(click.Command):
    """``import``: its help ends with the formats ``core.importing`` registers."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Formats"):
            formatter.write_dl(list(FORMAT_DESCRIPTIONS.items()))
        super().format_epilog(ctx, formatter)


@command("import", cls=_ImportCommand)
@click.argument("file", type=click.Path(path_type=str))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMAT_NAMES),
    default=AUTO,
    show_default=True,
    help="The file's layout (see Formats below).",
)
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
@click.option(
    "--apply-spends",
    is_flag=True,
    help="LinkedIn's data archive: record the InMails missing from the ledger as spends.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def import_cmd(
    ctx: click.Context, file: str, fmt: str, dry_run: bool, apply_spends: bool, as_json: bool
) -> None:
    """Import prospects from FILE (LinkedIn Connections.csv, a lead list, or an export), or
    reconcile with LinkedIn's data archive (its ZIP, its folder, messages.csv or
    Invitations.csv)."""
    planner = env_of(ctx).planner()
    bar = _progress_bar()
    if bar is None:
        result = planner.transfer.import_file(file, fmt, dry_run, apply_spends=apply_spends)
    else:
        with bar:

            def tick(done: int, total: int) -> None:
                bar.length = max(total, 1)
                bar.update(done - bar.pos)

            result = planner.transfer.import_file(
                file, fmt, dry_run, progress=tick, apply_spends=apply_spends
            )
    if as_json:
        echo_json(result.to_json())
        return
    for line in result.lines() if isinstance(result, ArchiveResult) else [result.text()]:
        say(line)
    for error in result.errors[:20]:
        where = f"{error.file}, " if isinstance(error, ArchiveError) else ""
        say(f"  {where}line {error.line}: {error.message}", err=True)
    if len(result.errors) > 20:
        say(f"  ... and {len(result.errors) - 20:,} more (use --json)", err=True)


class TerminalSafeWriter(io.TextIOBase):
    """Standard output when it is a terminal: what is written shows control characters as
    symbols (``core.text.terminal_safe``), row ends as plain newlines."""

    def __init__(self, out: TextIO) -> None:
        self._out = out

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self._out.write(terminal_safe(text.replace("\r\n", "\n"), keep_newlines=True))
        return len(text)


@command("export")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True, path_type=str))
@click.pass_context
def export_cmd(ctx: click.Context, file: str) -> None:
    """Write every prospect with tags, status and decision as CSV to FILE (re-imports without
    loss); - writes to standard output."""
    transfer = env_of(ctx).planner().transfer
    if file == "-":
        out = sys.stdout
        written = transfer.export_to(TerminalSafeWriter(out) if out.isatty() else out)
        out.flush()
        say(f"Exported {plural(written, 'prospect')} to standard output.", err=True)
        return
    written = transfer.export_csv(file)
    say(f"Exported {plural(written, 'prospect')} to {file}.")


def _prospect_json(item: Any) -> dict[str, Any]:
    r = item.row
    return {
        "url": r.url,
        "name": r.full_name,
        "company": r.company,
        "title": r.title,
        "degree": r.degree.tag,
        "premium": r.premium,
        "open_profile": r.open_profile,
        "tags": list(item.tags),
        "status": r.status,
        "priority": r.priority,
        "next_action": {
            "label": item.next_action.label,
            "due": item.next_action.due.isoformat() if item.next_action.due else None,
        },
        "decision": item.decision.to_json(),
    }


@command("prospects")
@click.option("--tag", "tags", multiple=True, help="Only prospects with this tag (repeatable).")
@click.option(
    "--status",
    "statuses",
    type=STATUS,
    multiple=True,
    help=f"Only prospects in this status (repeatable): {STATUS.labels()}.",
)
@click.option("--search", default="", help="Search names, companies, titles, notes.")
@click.option(
    "--sort",
    type=click.Choice(["priority", "due", "name"]),
    default="name",
    show_default=True,
    help="Order: by name, by priority (strongest first) or by the next action's due date.",
)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most N prospects.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def prospects_cmd(
    ctx: click.Context,
    tags: tuple[str, ...],
    statuses: tuple[Status, ...],
    search: str,
    sort: str,
    limit: int | None,
    as_json: bool,
) -> None:
    """List prospects with their tags and what reaching each one costs."""
    from inmail_tui.planner.queue import QueueQuery

    planner = env_of(ctx).planner()
    query = QueueQuery(
        search=search,
        tags=tags,
        statuses=tuple(status.value for status in statuses),
        sort=sort,  # type: ignore[arg-type]
        descending=sort == "priority",
    )
    items = planner.queue.iter_items(query, limit)
    if as_json:
        echo_json_list(_prospect_json(item) for item in items)
        return
    say(_ROW.format("Name", "Company", "Tags", "Status", "Cost", "Send as", "Rule").rstrip())
    for item in items:
        d = item.decision
        status = _status_label(item.row.status)
        row = _ROW.format(
            item.row.full_name[:28],
            item.row.company[:22],
            " ".join(item.tags)[:24],
            status[:14],
            d.cost_words,
            d.channel.label,
            d.rule,
        )
        say(row.rstrip())


# The text columns of ``prospects``: what it costs to reach each one now ("free", "1 credit",
# "cannot send"), on which channel the send goes, and the rule that decided (docs/rules.md).
_ROW = "{:<28} {:<22} {:<24} {:<14} {:<11} {:<18} {}"


def _status_label(value: str) -> str:
    try:
        return Status(value).label
    except ValueError:
        return value


@command("cost")
@click.argument("profile_url")
@click.option(
    "--channel",
    type=CHANNEL,
    default=Channel.INMAIL.label,
    show_default=True,
    help=f"The channel: {CHANNEL.labels()}.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def cost_cmd(ctx: click.Context, profile_url: str, channel: Channel, as_json: bool) -> None:
    """What a send to PROFILE_URL costs, which rule decided, and cheaper alternatives."""
    decision = env_of(ctx).planner().queue.cost(profile_url, channel)
    if as_json:
        echo_json(decision.to_json(with_alternatives=True))
        return
    costs = decision.allowed and decision.cost > 0
    verdict = f"costs {decision.cost_words}" if costs else decision.cost_words
    say(f"{decision.channel.label}: {verdict} ({decision.rule}) - {decision.reason}")
    for alt in decision.alternatives:
        say(f"  instead: {alt.channel.label}: {alt.reason}")


@command("outcome", epilog=f"OUTCOME is one of: {OUTCOME.labels()}.")
@click.argument("profile_url")
@click.argument("outcome", type=OUTCOME)
@click.option("--on", "on", type=DATE, default=None, help="When it happened (default: today).")
@click.pass_context
def outcome_cmd(ctx: click.Context, profile_url: str, outcome: Outcome, on: date | None) -> None:
    """Record how PROFILE_URL responded; credit-backs follow the pool's policy."""
    result = env_of(ctx).planner().outreach.record_outcome(profile_url, outcome, on)
    say(result.message)
