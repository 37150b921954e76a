"""Likely duplicates: ``duplicates`` lists them, ``merge`` joins a pair, ``not-duplicate``
dismisses one for good. Nothing is merged without the user asking."""

from __future__ import annotations

import sys

import click

from inmail_tui.cli.render import say
from inmail_tui.cli.root import command, echo_json, env_of
from inmail_tui.core.model import Status
from inmail_tui.core.words import plural
from inmail_tui.errors import UserError
from inmail_tui.planner.dedupe import DuplicatePair

HINT = (
    "Merge a pair with: inmail-tui merge KEEP OTHER (the first id is kept); "
    "not the same person: inmail-tui not-duplicate A B"
)


def pair_lines(pair: DuplicatePair) -> list[str]:
    """A pair as the CLI prints it: the score and reason, then each prospect on a line."""
    lines = [f"{pair.score:>3}%  {pair.reason}"]
    for row in (pair.first, pair.second):
        facts = [row.full_name or "(no name)", row.company, row.url, Status(row.status).label]
        lines.append(f"      {row.id:>7}  " + " · ".join(fact for fact in facts if fact))
    return lines


@command("duplicates")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def duplicates_cmd(ctx: click.Context, as_json: bool) -> None:
    """List likely duplicates (the same email, the same LinkedIn member under two URL forms,
    names alike at a like company), the best score first; nothing is merged."""
    pairs = env_of(ctx).planner().dedupe.duplicates()
    if as_json:
        echo_json({"pairs": [pair.to_json() for pair in pairs]})
        return
    if not pairs:
        say("No likely duplicates.")
        return
    say(f"{plural(len(pairs), 'likely duplicate pair')}:")
    for pair in pairs:
        say()
        for line in pair_lines(pair):
            say(line)
    say()
    say(HINT)


@command("merge")
@click.argument("keep")
@click.argument("other")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def merge_cmd(ctx: click.Context, keep: str, other: str, yes: bool, as_json: bool) -> None:
    """Merge prospect OTHER into KEEP (ids or profile URLs): OTHER's touches, drafts and ledger
    references move to KEEP, KEEP gains the facts it lacked, and OTHER is deleted."""
    planner = env_of(ctx).planner()
    if not yes:
        if not sys.stdin.isatty():
            raise UserError(
                "merge deletes a prospect and asks first, but the input is not a terminal: "
                "add --yes to merge without the question."
            )
        kept, merged = planner.queue.prospect(keep).row, planner.queue.prospect(other).row
        say(
            f"Merge {merged.full_name or merged.url} (id {merged.id}) into "
            f"{kept.full_name or kept.url} (id {kept.id})? Id {merged.id} is deleted.",
            err=True,
        )
        click.confirm("Merge them?", abort=True, err=True)
    result = planner.dedupe.merge(keep, other)
    if as_json:
        echo_json(result.to_json())
    else:
        say(result.text())


@command("not-duplicate")
@click.argument("first")
@click.argument("second")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def not_duplicate_cmd(ctx: click.Context, first: str, second: str, as_json: bool) -> None:
    """Say FIRST and SECOND (ids or profile URLs) are two people: the pair is never offered
    as a likely duplicate again."""
    new = env_of(ctx).planner().dedupe.dismiss(first, second)
    if as_json:
        echo_json({"dismissed": [first, second], "already_known": not new})
    else:
        known = "" if new else " (already known)"
        say(f"{first} and {second} are two people: not offered as duplicates again{known}.")
