"""The layers stay one-way (tui -> planner -> store -> core), and cheap imports stay cheap."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import inmail_tui.core

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold() -> None:
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def _modules_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return set(out.split())


def test_importing_the_package_and_cli_does_not_import_textual_or_sql() -> None:
    loaded = _modules_after("import inmail_tui, inmail_tui.cli")
    assert not {"textual", "sqlalchemy", "sqlmodel", "alembic"} & loaded


def test_every_core_module_is_free_of_database_and_ui() -> None:
    names = [m.name for m in pkgutil.walk_packages(inmail_tui.core.__path__, "inmail_tui.core.")]
    assert len(names) > 3
    loaded = _modules_after("; ".join(f"import {name}" for name in names))
    assert not {"textual", "sqlalchemy", "sqlmodel", "alembic"} & loaded


def test_every_cli_command_is_the_one_its_module_defines() -> None:
    """Lazy command loading: each listed name loads the command of that name from its module,
    and every command the modules define is listed (for the module that defines it)."""
    import importlib

    import click

    from inmail_tui.cli.root import COMMAND_MODULES, cli

    defined = {}
    for module_name in set(COMMAND_MODULES.values()):
        module = importlib.import_module(f"inmail_tui.cli.{module_name}")
        commands = [v for v in vars(module).values() if isinstance(v, click.Command)]
        defined |= {c.name: module_name for c in commands if c is not cli}
    assert defined == COMMAND_MODULES
    for name in COMMAND_MODULES:
        loaded = cli.get_command(click.Context(cli), name)
        assert loaded is not None and loaded.name == name
    assert cli.get_command(click.Context(cli), "nonsense") is None


def test_a_command_missing_from_the_list_is_refused_when_its_module_loads() -> None:
    import pytest

    from inmail_tui.cli.root import command

    def orphan() -> None:
        """Not listed."""

    orphan.__module__ = "inmail_tui.cli.credits"
    with pytest.raises(LookupError, match=r"'orphan' defined in .*\.credits is not in"):
        command("orphan")(orphan)
    with pytest.raises(LookupError, match=r"'import' defined in .*\.credits belongs to cli\."):
        command("import")(orphan)


def test_the_balance_command_loads_no_queue_or_drafter_code() -> None:
    loaded = _modules_after(
        "from inmail_tui.cli.root import cli; cli.get_command(None, 'balance');"
        " import inmail_tui.planner.facade, inmail_tui.planner.credits"
    )
    assert "inmail_tui.cli.prospects" not in loaded
    assert (
        not {"inmail_tui.planner.queue", "inmail_tui.core.lint", "inmail_tui.store.models"} & loaded
    )
