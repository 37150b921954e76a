"""The CLI's choices come from the registries: import formats, statuses and outcomes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from inmail_tui.core.importing import FORMAT_DESCRIPTIONS, FORMAT_NAMES
from inmail_tui.core.importing.synthetic import connections_csv, people

Run = Callable[..., Result]


def test_import_help_lists_every_registered_format(run: Run) -> None:
    result = run("import", "--help")
    assert "[" + "|".join(FORMAT_NAMES) + "]" in result.stdout
    formats = result.stdout.split("Formats:")[1]
    for name, text in FORMAT_DESCRIPTIONS.items():
        assert f"  {name} " in formats and text in " ".join(formats.split())


def test_import_accepts_each_registered_format(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_text(connections_csv(people(2, seed=3)), "utf-8")
    result = run("import", str(path), "--format", "connections")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("connections: read 2 rows")


def test_an_unknown_format_is_a_usage_error_naming_the_formats(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "leads.csv"
    path.write_text("URL\n", "utf-8")
    result = run("import", str(path), "--format", "xlsx")
    assert result.exit_code == 2
    assert all(repr(name) in result.stderr for name in FORMAT_NAMES)
