"""Start-up stays cheap: the app module imports no database layer, the stylesheet is parsed once
before the first frame; themes fall back safely."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from textual.color import Color
from textual.css.stylesheet import Stylesheet

from inmail_tui.settings import Settings
from inmail_tui.tui.app import InmailApp
from tests.tui.pilot import Toasts, settle

HEAVY = ("sqlmodel", "sqlalchemy", "alembic", "pydantic", "inmail_tui.planner", "inmail_tui.store")


def test_importing_the_app_imports_no_database_layer() -> None:
    code = (
        "import sys, inmail_tui.tui.app\n"
        f"print(sorted({{m.split('.')[0] if not m.startswith('inmail_tui') else m "
        f"for m in sys.modules if m.startswith({HEAVY!r})}}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


async def test_an_unknown_theme_falls_back_and_says_so(
    db: Path, settings_path: Path, today: date
) -> None:
    app = InmailApp(str(db), today, Settings(path=settings_path, theme="no-such-theme"))
    toasts = Toasts(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        assert "Unknown theme 'no-such-theme': using textual-dark" in toasts.messages
    assert not settings_path.exists()  # nothing chosen, nothing written


async def test_the_stylesheet_is_not_parsed_again_before_the_first_frame(
    db: Path, settings_path: Path, today: date, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = InmailApp(str(db), today, Settings(path=settings_path))
    painted_at_reparse: list[bool] = []
    reparse = Stylesheet.reparse

    def noted(stylesheet: Stylesheet) -> None:
        painted_at_reparse.append(app.first_frame_painted)
        reparse(stylesheet)

    monkeypatch.setattr(Stylesheet, "reparse", noted)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.first_frame_painted
    assert False not in painted_at_reparse  # every re-parse came after the first frame


async def test_a_theme_from_the_settings_colours_the_first_frame(
    db: Path, settings_path: Path, today: date, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = InmailApp(str(db), today, Settings(path=settings_path, theme="nord"))
    borders: list[Color] = []
    on_ready = InmailApp.on_ready

    def first_frame(self: InmailApp) -> None:  # the first frame is on the terminal
        borders.append(self.screen.query_one("#balance-summary").styles.border_top[1])
        on_ready(self)

    monkeypatch.setattr(InmailApp, "on_ready", first_frame)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        primary = Color.parse(app.get_css_variables()["primary"])
    assert app.theme == "nord"
    assert borders == [primary.with_alpha(0.6)]  # app.tcss: border: round $primary 60%
