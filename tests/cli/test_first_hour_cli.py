"""Issue 8, "The first hour of a real user": the CLI's defects and rough edges, each with a test
that failed before its fix."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import click
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


# -- rough edges ---------------------------------------------------------------------------


def test_prospects_text_has_a_header_row_and_readable_decisions(run: Run, leads: str) -> None:
    run("plan", "sales_navigator_core", "--balance", "20")
    run("import", leads)
    run("mark", "requested", BO)
    lines = run("prospects").stdout.splitlines()
    assert lines[0].split() == ["Name", "Company", "Tags", "Status", "Cost", "Send", "as", "Rule"]
    ana = next(line for line in lines if line.startswith("Ana Two"))
    assert "1 credit" in ana and "InMail" in ana and " new " in ana and "R12" in ana
    bo = next(line for line in lines if line.startswith("Bo Chen"))
    assert "free" in bo and "message" in bo and "requested" in bo and "R2" in bo


def test_counts_say_one_thing_in_the_singular(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "one.csv"
    path.write_text(f"Profile URL,Full Name,Degree\n{ANA},Ana Two,2nd\n", "utf-8")
    run("plan", "sales_navigator_core", "--balance", "20")
    imported = run("import", str(path)).stdout
    assert "read 1 row," in imported, imported
    body = tmp_path / "body.txt"
    body.write_text("Hi Ana, your talk on hiring stood out. Is this a priority right now?", "utf-8")
    sent = run("sent", ANA, "--subject", "Your hiring plans", "--body-file", str(body), "--yes")
    assert sent.exit_code == 0, sent.output
    shown = run("analytics").stdout
    assert shown.startswith("1 InMail sent, 0 responses"), shown


def test_a_mistyped_command_suggests_the_one_meant(run: Run) -> None:
    result = run("prospect")
    assert result.exit_code == 2
    assert "Did you mean 'prospects'?" in result.stderr, result.stderr
    assert "Did you mean 'import'?" in run("improt", "x.csv").stderr


def test_every_option_of_every_command_has_help() -> None:
    from inmail_tui.cli import cli
    from inmail_tui.cli.root import COMMAND_MODULES

    ctx = click.Context(cli)
    missing = [f"inmail-tui {p.opts[0]}" for p in cli.params if isinstance(p, click.Option)]
    missing = [m for m, p in zip(missing, cli.params, strict=False) if not getattr(p, "help", "")]
    for name in sorted(COMMAND_MODULES):
        command = cli.get_command(ctx, name)
        assert command is not None, name
        missing += [
            f"{name} {param.opts[0]}"
            for param in command.params
            if isinstance(param, click.Option) and not param.help
        ]
    assert not missing, f"options without help: {', '.join(missing)}"


def test_the_import_summary_names_unchanged_rows_alike_in_text_and_json(
    run: Run, leads: str
) -> None:
    run("import", leads)
    text = run("import", leads).stdout
    shown = json.loads(run("import", leads, "--json").stdout)
    assert "unchanged 2" in text, text
    assert shown.get("unchanged") == 2 and "skipped" not in shown, shown


def test_a_setting_that_is_not_a_number_says_whole_number(tmp_path: Path) -> None:
    from inmail_tui.settings import SettingsError, load_settings

    path = tmp_path / "settings.toml"
    path.write_text('connect_wait_days = "7"\n', "utf-8")
    with pytest.raises(SettingsError) as raised:
        load_settings(path)
    assert "'connect_wait_days' must be a whole number, not '7'" in str(raised.value)


def test_a_renewal_day_is_refused_for_a_plan_that_renews_on_the_first(run: Run, db: str) -> None:
    result = run("plan", "sales_navigator_core", "--renewal-day", "15", "--balance", "50")
    assert result.exit_code == 2, result.output
    assert "renew on the 1st of every month" in result.stderr, result.stderr
    assert "--renewal-day" in result.stderr
    assert json.loads(run("plan", "--json").stdout)["pool"] is None  # nothing was set up
    basic = run("plan", "free", "--renewal-day", "3")
    assert basic.exit_code == 2 and "no InMail credits" in basic.stderr, basic.stderr
    assert (
        run("plan", "sales_navigator_core", "--renewal-day", "1", "--balance", "50").exit_code == 0
    )
