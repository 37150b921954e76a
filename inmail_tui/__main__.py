"""``python -m inmail_tui`` is the same as the ``inmail-tui`` command."""

from inmail_tui.cli import main

main()
