"""Fixtures for the TUI tests: temp home, temp database and settings, a fixed today.

The steps the Pilot tests share (waiting, pressing, reading toasts) are in ``pilot.py``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import textual._wait
from textual.widgets import Input, TextArea

from inmail_tui.planner import Planner
from inmail_tui.settings import Settings, load_settings
from inmail_tui.tui.app import InmailApp
from tests.tui.pilot import MakeApp, OpenPlanner

TODAY = date(2026, 1, 15)
IDLE_WINDOW = 0.005  # seconds: Textual's own is 0.02 (textual._wait.SLEEP_GRANULARITY)
IDLE_SHARE = textual._wait.SLEEP_IDLE / textual._wait.SLEEP_GRANULARITY  # 1/20 in Textual 8.2.8


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor makes screenshots depend on timing (the inputs' and the editors')."""
    monkeypatch.setattr(Input, "cursor_blink", False)
    monkeypatch.setattr(TextArea, "cursor_blink", False)


@pytest.fixture(autouse=True)
def shorter_idle_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """Waits for an idle app in windows of 5 ms, not 20 ms: the same test, a quarter of the wait.

    ``pilot.pause()``, each key of ``pilot.press`` (twice) and pytest-textual-snapshot's
    screenshot wait until the process is idle: they sleep a window at a time until one in which
    the process (every thread of it) used under 1/20 of the window in CPU. Each wait thus lasts
    at least one window, however soon the app was idle: with 20 ms windows this was about 0.4 s
    of sleep in each Pilot test (the run's idle CPU). The share that counts as idle is kept;
    only the window is shorter. The planner's work is not waited for by this guess anyway:
    ``settle`` (pilot.py) waits for it by its state.
    """
    monkeypatch.setattr(textual._wait, "SLEEP_GRANULARITY", IDLE_WINDOW)
    monkeypatch.setattr(textual._wait, "SLEEP_IDLE", IDLE_WINDOW * IDLE_SHARE)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "inmail.sqlite"


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "config" / "settings.toml"


@pytest.fixture
def make_app(db: Path, settings_path: Path) -> MakeApp:
    """``make_app(today=..., keys=..., settings=...)``: the app on the temp database."""

    def make(
        today: date = TODAY, settings: Settings | None = None, keys: dict[str, str] | None = None
    ) -> InmailApp:
        chosen = settings or load_settings(settings_path)
        if keys is not None:
            chosen = Settings(path=chosen.path, theme=chosen.theme, keys=keys)
        return InmailApp(str(db), today, chosen)

    return make


def open_planner(db: Path, today: date = TODAY, settings: Settings | None = None) -> Planner:
    return Planner.open(db, today, settings or Settings())


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def planner(db: Path) -> OpenPlanner:
    """A fresh planner on the temp database, to check what the app stored."""
    return lambda: open_planner(db)


@pytest.fixture
def sales_navigator(db: Path) -> Path:
    """A Sales Navigator pool with two months of history; at TODAY: 140 of 150, 40 at risk."""
    open_planner(db, date(2025, 11, 20)).credits.set_plan("sales_navigator_core", 1, 100)
    open_planner(db, date(2025, 12, 10)).credits.adjust(90)
    open_planner(db, TODAY).credits.balance()
    return db


@pytest.fixture
def recruiter_lite(db: Path) -> Path:
    """A Recruiter Lite pool (it can buy credits, in blocks of 10) holding 50."""
    open_planner(db).credits.set_plan("recruiter_lite", 10, 50)
    return db
