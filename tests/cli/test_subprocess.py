"""The CLI as a real process: the console entry point, exit codes and a clean stdout."""

import json
import os
import subprocess
import sys
from pathlib import Path


def cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "INMAIL_TUI_HOME": str(tmp_path / "home"),
        "INMAIL_TUI_DB": str(tmp_path / "db.sqlite"),
        "INMAIL_TUI_TODAY": "2026-01-15",
    }
    return subprocess.run(
        [sys.executable, "-m", "inmail_tui", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_plan_then_balance_json_as_a_process(tmp_path: Path) -> None:
    setup = cli(tmp_path, "plan", "sales_navigator_core", "--balance", "140")
    assert setup.returncode == 0, setup.stderr
    result = cli(tmp_path, "balance", "--json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)  # stdout holds one JSON document and nothing else
    assert (data["balance"], data["next_grant"], data["forfeit_at_next_grant"]) == (
        140,
        "2026-02-01",
        40,
    )


def test_exit_codes_as_a_process(tmp_path: Path) -> None:
    user_error = cli(tmp_path, "balance")
    assert user_error.returncode == 1
    assert "Traceback" not in user_error.stderr
    assert user_error.stderr.startswith("inmail-tui: ")
    usage_error = cli(tmp_path, "balance", "--no-such-option")
    assert usage_error.returncode == 2
