"""Every test runs with its own user directories: none reads or writes the real ones."""

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Data and settings under the test's tmp_path; no stray env from the developer's shell."""
    monkeypatch.setenv("INMAIL_TUI_HOME", str(tmp_path / "home"))
    for name in ("INMAIL_TUI_DB", "INMAIL_TUI_TODAY", "INMAIL_TUI_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path / "home"
