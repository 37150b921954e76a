"""Where inmail-tui keeps its data and settings (platformdirs), and how tests redirect them.

Nothing is created or read at import time. ``INMAIL_TUI_DB`` overrides the database and
``INMAIL_TUI_CONFIG`` the settings file; ``INMAIL_TUI_HOME`` moves both directories at once.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "inmail-tui"


def data_dir() -> Path:
    home = os.environ.get("INMAIL_TUI_HOME")
    if home:
        return Path(home) / "data"
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    home = os.environ.get("INMAIL_TUI_HOME")
    if home:
        return Path(home) / "config"
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def default_db_path() -> Path:
    return data_dir() / "inmail.sqlite"


def settings_path() -> Path:
    override = os.environ.get("INMAIL_TUI_CONFIG")
    return Path(override) if override else config_dir() / "settings.toml"
