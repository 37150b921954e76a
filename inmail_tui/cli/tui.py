"""Opening the terminal app: bare ``inmail-tui`` and ``inmail-tui demo``."""

from __future__ import annotations

import click

from inmail_tui.cli.root import Env, env_of


def run_tui(env: Env, db: str | None = None) -> None:
    from inmail_tui.tui.app import InmailApp

    InmailApp(db=db or env.db, today=env.today, settings=env.settings()).run()


@click.command("demo")
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
            click.echo(f"Demo database kept at {path}")


COMMANDS = [demo_cmd]
