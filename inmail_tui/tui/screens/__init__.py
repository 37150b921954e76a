"""One module per screen.

:func:`load_all` imports every screen and widget module, so that the command registry
(:func:`inmail_tui.tui.commands.all_commands`) knows the commands of screens not opened yet:
the app imports the queue and the drafter only when they are first shown.
"""

from __future__ import annotations


def load_all() -> None:
    """Import every module of ``inmail_tui.tui.screens`` and ``inmail_tui.tui.widgets``."""
    import importlib
    import pkgutil

    from inmail_tui.tui import widgets

    for package in (__name__, widgets.__name__):
        path = importlib.import_module(package).__path__
        for module in sorted(info.name for info in pkgutil.iter_modules(path)):
            importlib.import_module(f"{package}.{module}")
