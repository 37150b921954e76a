"""Maintenance commands: ``backup`` and ``restore``."""

from __future__ import annotations

import click

from inmail_tui.cli.render import say
from inmail_tui.cli.root import command, echo_json, env_of


@command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def backup_cmd(ctx: click.Context, file: str, as_json: bool) -> None:
    """Copy the database to FILE, safely while the app runs (PostgreSQL: says how to pg_dump)."""
    result = env_of(ctx).planner().maintenance.backup(file)
    if as_json:
        echo_json(result.to_json())
    else:
        say(result.text())


@command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option("--yes", is_flag=True, help="Replace a database that holds pools or prospects.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def restore_cmd(ctx: click.Context, file: str, yes: bool, as_json: bool) -> None:
    """Replace the database with the backup FILE, checked first; what it replaces is kept in a
    backup beside the database."""
    result = env_of(ctx).planner().maintenance.restore(file, replace=yes)
    if as_json:
        echo_json(result.to_json())
    else:
        say(result.text())
