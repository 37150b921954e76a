"""Issue 8 defect 8, the CLI side: ``inmail-tui keys`` reads the settings file, shows the keys in
force and the conflicts a remap makes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

Run = Callable[..., Result]


@pytest.fixture
def remapped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    settings = tmp_path / "settings.toml"
    settings.write_text('[keys]\n"queue.tag" = "n"\n"balance.reconcile" = "ctrl+r"\n')
    monkeypatch.setenv("INMAIL_TUI_CONFIG", str(settings))
    return settings


def test_keys_shows_the_keys_in_force_and_the_conflicts(run: Run, remapped: Path) -> None:
    result = run("keys")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    tag = next(line for line in lines if " queue.tag " in line)
    assert tag.split()[:3] == ["Queue", "n", "queue.tag"] and tag.endswith("(default t)"), tag
    reconcile = next(line for line in lines if " balance.reconcile " in line)
    assert reconcile.split()[:2] == ["Balance", "ctrl+r"], reconcile
    assert (
        "Key n is bound to both queue.tag and queue.note on the Queue screen: one hides the "
        "other. Change one under [keys] in the settings file." in lines
    )


def test_keys_json_names_the_key_in_force_and_what_it_collides_with(
    run: Run, remapped: Path
) -> None:
    keys = {k["id"]: k for k in json.loads(run("keys", "--json").stdout)}
    assert keys["queue.tag"]["key"] == "n" and keys["queue.tag"]["default"] == "t"
    assert keys["queue.tag"]["remapped"] is True
    assert keys["queue.tag"]["conflicts_with"] == ["queue.note"]
    assert keys["queue.note"]["conflicts_with"] == ["queue.tag"]
    assert keys["balance.reconcile"]["conflicts_with"] == []


def test_keys_without_a_settings_file_shows_the_defaults_and_no_conflict(run: Run) -> None:
    result = run("keys")
    assert result.exit_code == 0, result.output
    assert "bound to both" not in result.stdout
