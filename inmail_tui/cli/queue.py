"""What the queue does, for scripts: ``mark``, ``undo``, ``tag``, ``untag``, ``note``,
``priority``.

Each takes one or more prospects (profile URLs in any form, or ids, as ``prospects --json``
lists them); a prospect that is not there refuses the whole command before anything is written.
A change the pipeline refuses for some of them is made for the others; each one skipped gets a
line on stderr saying why, and the exit code is 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import click

from inmail_tui.cli.render import say
from inmail_tui.cli.root import DATE, NamedType, command, echo_json, env_of
from inmail_tui.core.model import Status
from inmail_tui.core.words import plural

if TYPE_CHECKING:
    from inmail_tui.planner import Planner

STATUS = NamedType(Status)
PROSPECTS = click.argument("prospects", nargs=-1, required=True, metavar="PROSPECT...")
AS_JSON = click.option("--json", "as_json", is_flag=True, help="Print JSON.")


def _targets(planner: Planner, refs: Sequence[str]) -> dict[int, str]:
    """Each prospect's id and the word that named it (the first, when named twice)."""
    named: dict[int, str] = {}
    for prospect_id, ref in zip(planner.queue.ids(refs), refs, strict=True):
        named.setdefault(prospect_id, ref)
    return named


def _skipped(skipped: Sequence[tuple[int, str]], named: dict[int, str]) -> list[dict[str, Any]]:
    """Each prospect a change skipped, with the word that named it and why (JSON and stderr)."""
    return [
        {"id": prospect_id, "prospect": named.get(prospect_id, str(prospect_id)), "reason": why}
        for prospect_id, why in skipped
    ]


def _changed(named: dict[int, str], skipped: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each named prospect a change did not skip, for the JSON output."""
    gone = {one["id"] for one in skipped}
    return [
        {"id": prospect_id, "prospect": ref}
        for prospect_id, ref in named.items()
        if prospect_id not in gone
    ]


def _finish(ctx: click.Context, skipped: list[dict[str, Any]], as_json: bool) -> None:
    """Say why each skipped prospect was skipped (text output) and exit 1 when any was."""
    if not as_json:
        for one in skipped:
            say(f"Skipped {one['prospect']}: {one['reason']}", err=True)
    if skipped:
        ctx.exit(1)


@command("mark", epilog=f"STATUS is one of: {STATUS.labels()}.")
@click.argument("status", type=STATUS)
@PROSPECTS
@click.option("--on", "on", type=DATE, default=None, help="When it happened (default: today).")
@AS_JSON
@click.pass_context
def mark_cmd(
    ctx: click.Context, status: Status, prospects: tuple[str, ...], on: date | None, as_json: bool
) -> None:
    """Mark each PROSPECT with STATUS, where the pipeline allows it (undo takes it back).

    A response (accepted, declined, replied, no response) gives its credit back when the
    pool's policy says so, as the outcome command does.
    """
    planner = env_of(ctx).planner()
    named = _targets(planner, prospects)
    result = planner.outreach.mark(list(named), status, on)
    skipped = _skipped(result.skipped, named)
    if as_json:
        echo_json(
            {
                "status": status.value,
                "changed": result.changed,
                "credited_back": result.credited_back,
                "marked": _changed(named, skipped),
                "skipped": skipped,
            }
        )
    else:
        line = f"Marked {plural(result.changed, 'prospect')} {status.label}."
        if result.credited_back:
            line += f" {plural(result.credited_back, 'credit')} came back."
        say(line)
    _finish(ctx, skipped, as_json)


@command("undo")
@PROSPECTS
@AS_JSON
@click.pass_context
def undo_cmd(ctx: click.Context, prospects: tuple[str, ...], as_json: bool) -> None:
    """Take back the last status change of each PROSPECT (do not contact included).

    The history is kept: an undo is a new entry back to the status before. A send that spent a
    credit, or a response that gave one back, is not undone.
    """
    planner = env_of(ctx).planner()
    named = _targets(planner, prospects)
    result = planner.outreach.undo(list(named))
    skipped = _skipped(result.skipped, named)
    if as_json:
        echo_json(
            {
                "changed": result.changed,
                "restored": [
                    {"id": prospect_id, "prospect": named[prospect_id], "status": status.value}
                    for prospect_id, status in result.restored
                ],
                "skipped": skipped,
            }
        )
    else:
        for prospect_id, status in result.restored:
            say(f"{named[prospect_id]}: back to {status.label}")
    _finish(ctx, skipped, as_json)


def _counts(as_json: bool, line: str, prospects: int, changed: int) -> None:
    if as_json:
        echo_json({"prospects": prospects, "changed": changed})
    else:
        say(line)


@command("tag")
@click.argument("tag")
@PROSPECTS
@AS_JSON
@click.pass_context
def tag_cmd(ctx: click.Context, tag: str, prospects: tuple[str, ...], as_json: bool) -> None:
    """Add TAG to each PROSPECT (several tags: "hot, fintech"); your own tags only, derived ones
    such as 1st or OPEN come from the data."""
    from inmail_tui.core.tags import parse_user_tags

    planner = env_of(ctx).planner()
    ids = list(_targets(planner, prospects))
    added = planner.queue.add_tag(ids, tag)
    tags = ", ".join(parse_user_tags(tag))
    line = f"Tagged {plural(len(ids), 'prospect')}: {tags} ({plural(added, 'prospect')} changed)."
    _counts(as_json, line, len(ids), added)


@command("untag")
@click.argument("tag")
@PROSPECTS
@AS_JSON
@click.pass_context
def untag_cmd(ctx: click.Context, tag: str, prospects: tuple[str, ...], as_json: bool) -> None:
    """Remove your own TAG from each PROSPECT."""
    planner = env_of(ctx).planner()
    ids = list(_targets(planner, prospects))
    removed = planner.queue.remove_tag(ids, tag)
    line = f"Removed {tag.strip()} from {plural(removed, 'prospect')}."
    _counts(as_json, line, len(ids), removed)


@command("note")
@click.argument("text")
@PROSPECTS
@click.option("--append", is_flag=True, help="Add TEXT as a new line instead of replacing.")
@AS_JSON
@click.pass_context
def note_cmd(
    ctx: click.Context, text: str, prospects: tuple[str, ...], append: bool, as_json: bool
) -> None:
    """Set the notes of each PROSPECT to TEXT ("" clears them), or add a line with --append."""
    planner = env_of(ctx).planner()
    ids = list(_targets(planner, prospects))
    written = planner.queue.write_notes(ids, text, append=append)
    verb = "Note added to" if append else ("Notes cleared for" if not text else "Notes set for")
    _counts(as_json, f"{verb} {plural(written, 'prospect')}.", len(ids), written)


@command("priority")
@click.argument("priority", type=click.IntRange(1, 5))
@PROSPECTS
@AS_JSON
@click.pass_context
def priority_cmd(
    ctx: click.Context, priority: int, prospects: tuple[str, ...], as_json: bool
) -> None:
    """Set the fit of each PROSPECT to PRIORITY, from 1 (weak) to 5 (strong): a strong fit is
    worth a credit once a connection request goes unanswered."""
    planner = env_of(ctx).planner()
    ids = list(_targets(planner, prospects))
    changed = planner.queue.set_priority(ids, priority)
    line = f"Priority {priority} set for {plural(changed, 'prospect')}."
    _counts(as_json, line, len(ids), changed)
