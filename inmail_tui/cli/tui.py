"""The terminal app: bare ``inmail-tui``, ``inmail-tui demo``, and ``keys`` (its default keys)."""

from __future__ import annotations

import click

from inmail_tui.cli.render import say
from inmail_tui.cli.root import Env, command, env_of


def run_tui(env: Env, db: str | None = None) -> None:
    from inmail_tui.tui.app import InmailApp

    InmailApp(
        db=db or env.db,
        today=env.today,
        settings=env.settings(),
        clock=env.clock,
        confirm_date=env.confirm_date,
    ).run()


@command("demo")
@click.option("--keep", is_flag=True, help="Keep the demo database and print where it is.")
@click.pass_context
def demo_cmd(ctx: click.Context, keep: bool) -> None:
    """Open the app on a fresh temporary database filled with sample data."""
    import tempfile
    from pathlib import Path

    from inmail_tui.planner.demo import seed_demo

    env = env_of(ctx)
    with tempfile.TemporaryDirectory(prefix="inmail-tui-demo-") as tmp:
        path = Path(tmp) / "demo.sqlite"
        if keep:
            path = Path(tempfile.mkdtemp(prefix="inmail-tui-demo-")) / "demo.sqlite"
        seed_demo(str(path), env.today, env.settings())
        run_tui(env, db=str(path))
        if keep:
            say(f"Demo database kept at {path}")


@command("keys")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def keys_cmd(ctx: click.Context, as_json: bool) -> None:
    """Every key of the app in force (the settings file's [keys] applied), with its binding id,
    and the conflicts a remap makes."""
    from inmail_tui.cli.root import echo_json
    from inmail_tui.tui import app  # noqa: F401  (declares the app-wide keys)
    from inmail_tui.tui.commands import all_commands, unknown_key_ids
    from inmail_tui.tui.keymap import conflicts, keys_of
    from inmail_tui.tui.screens import load_all

    load_all()
    keymap = env_of(ctx).settings().keys
    commands = all_commands()
    clashes = conflicts(keymap)
    if as_json:
        echo_json(
            [
                {
                    "id": c.id,
                    "key": ",".join(keys_of(c, keymap)),
                    "default": c.key,
                    "remapped": c.id in keymap,
                    "conflicts_with": sorted(
                        {i for x in clashes if c.id in x.ids for i in x.ids} - {c.id}
                    ),
                    "group": c.group,
                    "label": c.label,
                    "help": c.help,
                }
                for c in commands
            ]
        )
        return
    for c in commands:
        key = ",".join(keys_of(c, keymap))
        mark = f" (default {c.key})" if c.id in keymap else ""
        say(f"{c.group:<10} {key:<16} {c.id:<26} {c.help}{mark}")
    for key_id in unknown_key_ids(keymap):
        say(f"keys.{key_id} in the settings file names no command")
    for clash in clashes:
        say(clash.sentence())
