"""Start-up stays cheap: the app module imports no database layer; themes fall back safely."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

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
