"""Issue 8, "The first hour of a real user": the CLI's defects and rough edges, each with a test
that failed before its fix."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from inmail_tui.core.importing.exported import HEADER

Run = Callable[..., Result]
ANA = "https://www.linkedin.com/in/ana"
BO = "https://www.linkedin.com/in/bo"


@pytest.fixture
def leads(tmp_path: Path) -> str:
    path = tmp_path / "leads.csv"
    path.write_text(
        f"Profile URL,Full Name,Company,Degree\n{ANA},Ana Two,Acme,2nd\n{BO},Bo Chen,Initech,1st\n",
        "utf-8",
    )
    return str(path)


# -- defect 7: `export -` -------------------------------------------------------------------


def test_export_dash_writes_the_csv_to_standard_output(
    run: Run, leads: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("import", leads).exit_code == 0
    result = run("export", "-")
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "-").exists(), "export - wrote a file named '-'"
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == list(HEADER)
    assert sorted(row[0] for row in rows[1:]) == [ANA, BO]
    assert "Exported 2 prospects" in result.stderr


# -- defect 13: `lint FILE` and LinkedIn's count ----------------------------------------------


def test_lint_does_not_count_the_files_final_newline(run: Run, tmp_path: Path) -> None:
    draft = tmp_path / "note.txt"
    draft.write_text("Hi Ana, " + "a" * 292 + "\n", "utf-8")  # 300 characters and a newline
    result = run("lint", str(draft), "--channel", "connection request", "--json")
    assert json.loads(result.stdout)["length"] == 300
    assert result.exit_code == 0, result.stdout


def test_lint_shows_the_grapheme_count_and_refuses_on_the_utf16_count(
    run: Run, tmp_path: Path
) -> None:
    draft = tmp_path / "note.txt"  # 290 characters on screen, 310 UTF-16 code units
    draft.write_text("Hi Ana, " + "a" * 262 + "\U0001f680" * 20 + "\n", "utf-8")
    result = run("lint", str(draft), "--channel", "connection request")
    assert result.exit_code == 1, result.stdout
    assert "note-over-limit" in result.stdout
    first = result.stdout.splitlines()[0]
    assert first == "290 / 300 characters (310 as LinkedIn counts them)", first


def test_export_dash_to_a_terminal_shows_control_characters_as_symbols() -> None:
    from inmail_tui.cli.prospects import TerminalSafeWriter

    shown = io.StringIO()
    TerminalSafeWriter(shown).write('"Eve \x1b[31m",x\r\n')
    assert shown.getvalue() == '"Eve \u241b[31m",x\n'
