"""The command line: ``inmail-tui`` opens the TUI; subcommands serve scripts and tests.

Importing this package imports click only: the planner, SQLModel and Textual load inside the
command that needs them, so ``inmail-tui balance`` never pays for the UI.
"""

from __future__ import annotations

import sys

from inmail_tui.cli.root import cli

__all__ = ["cli", "main"]


def main(argv: list[str] | None = None) -> None:
    cli.main(args=argv, prog_name="inmail-tui")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
