"""Issue 9, item 4: text from the user's data never reaches the terminal as an escape sequence.

A name imported from a lead list carries OSC 0 (sets the window title), OSC 52 (writes the
clipboard), the C1 forms of CSI and OSC (no ESC needed), DEL and a right-to-left override. Every
command that prints it, in text or JSON, shows it harmlessly; JSON gives the same value back.
"""

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

Run = Callable[..., Result]

EVIL = "Eve\x1b]0;pwned\x07\x1b]52;c;ZWNobyBoaQ==\x07\x9b2J\x9d0;t\x9c\x7f\u202elive"
URL = "https://www.linkedin.com/in/eve"
# Control characters, DEL, the C1 range, bidi controls, line and paragraph separators.
UNSAFE = {
    *map(chr, range(0x20)),
    *map(chr, range(0x7F, 0xA0)),
    *"\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029",
} - {"\n"}


def raw_controls(text: str) -> list[str]:
    """The unsafe code points in ``text`` (its line breaks aside), in order."""
    return [char for char in text if char in UNSAFE]


@pytest.fixture
def hostile(run: Run, tmp_path: Path) -> Path:
    """A Recruiter Lite pool (credit-backs pending) and one prospect whose every text is EVIL."""
    path = tmp_path / "leads.csv"
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["LinkedIn URL", "First Name", "Last Name", "Company", "Title", "Notes"])
        writer.writerow([URL, EVIL, EVIL, EVIL, EVIL, EVIL])
        writer.writerow([f"https://www.linkedin.com/in/{EVIL}", "x", "y", "", "", ""])
        writer.writerow([EVIL, "x", "y", "", "", ""])
    assert run("plan", "recruiter_lite", "--renewal-day", "1", "--balance", "20").exit_code == 0
    return path


def shown_safely(result: Result) -> None:
    assert raw_controls(result.stdout) == [], result.stdout
    assert raw_controls(result.stderr) == [], result.stderr


def test_import_errors_show_the_bad_cells_safely(run: Run, hostile: Path) -> None:
    result = run("import", str(hostile))
    assert result.exit_code == 0, result.output
    shown_safely(result)
    assert "2 rows could not be read" in result.stdout


def test_prospects_cost_sent_outcome_and_analytics_show_names_safely(
    run: Run, hostile: Path
) -> None:
    run("import", str(hostile))
    listed = run("prospects")
    shown_safely(listed)
    assert "Eve␛]0;pwned␇" in listed.stdout
    shown_safely(run("cost", URL))
    sent = run("sent", URL, "--subject", "Hi", "--variant", EVIL, "--yes")
    assert sent.exit_code == 0, sent.output
    shown_safely(sent)
    analytics = run("analytics")
    shown_safely(analytics)
    assert "May come back: Eve␛]0;pwned␇" in analytics.stdout
    assert "variant: Eve␛]0;pwned␇" in analytics.stdout
    shown_safely(run("outcome", URL, "replied"))


def test_json_escapes_them_as_json_does_and_keeps_the_value(run: Run, hostile: Path) -> None:
    run("import", str(hostile))
    run("sent", URL, "--subject", "Hi", "--variant", EVIL, "--yes")
    for args in (("prospects", "--json"), ("analytics", "--json"), ("import", str(hostile))):
        result = run(*args, *(("--json",) if args[0] == "import" else ()))
        shown_safely(result)
    (prospect,) = json.loads(run("prospects", "--json").stdout)
    assert prospect["name"] == f"{EVIL} {EVIL}" and prospect["company"] == EVIL
    raw = run("prospects", "--json").stdout
    assert "\\u001b]52;c;" in raw and "\\u009b2J" in raw and "\\u202e" in raw


def test_export_lint_and_errors_show_user_text_safely(
    run: Run, hostile: Path, tmp_path: Path
) -> None:
    run("import", str(hostile))
    exported = run("export", str(tmp_path / f"{EVIL}.csv"))
    assert exported.exit_code == 0, exported.output
    shown_safely(exported)
    draft = tmp_path / "draft.txt"
    draft.write_text(f"Hi {{{{first{EVIL}}}}}, {EVIL} synergy", "utf-8")
    linted = run("lint", str(draft), "--subject", EVIL)
    shown_safely(linted)
    assert "{{first" in linted.stdout
    refused = run("cost", f"https://www.linkedin.com/in/nobody{EVIL}")
    assert refused.exit_code == 1
    shown_safely(refused)


def test_every_command_prints_through_say() -> None:
    """``say`` (cli/render.py) is the one way a command prints text: no module of the CLI calls
    click.echo or print itself (root.py's error line and JSON output neutralise on their own)."""
    cli = Path(__file__).resolve().parents[2] / "inmail_tui" / "cli"
    offenders = [
        f"{path.name}:{number}"
        for path in sorted(cli.glob("*.py"))
        if path.name not in {"render.py", "root.py"}
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if "click.echo(" in line or "print(" in line.replace("blueprint(", "")
    ]
    assert offenders == []
