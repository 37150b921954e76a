"""``inmail-tui import`` of LinkedIn's data archive: the summary in words and in JSON, the spends
listed and recorded only with ``--apply-spends``, hostile names shown safely, refusals in a
sentence."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from tests.archive_data import (
    MESSAGES_HEADER,
    OWNER,
    PRIYA,
    SAMPLE,
    THAO,
    message,
    sample_zip,
    write_csv,
)

Run = Callable[..., Result]
TODAY = "2026-11-01"


def setup(run: Run) -> None:
    result = run("plan", "recruiter_lite", "--renewal-day", "1", "--balance", "20", today=TODAY)
    assert result.exit_code == 0, result.output


def test_the_json_summary_and_then_apply_spends(run: Run, tmp_path: Path) -> None:
    setup(run)
    source = str(sample_zip(tmp_path / "Basic_LinkedInDataExport_11-01-2026.zip"))
    dry = run("import", source, "--dry-run", "--json", today=TODAY)
    assert dry.exit_code == 0, dry.output
    summary = json.loads(dry.stdout)
    assert summary["format"] == "archive"
    assert summary["owner"] == OWNER
    assert summary["invitations"] == {"sent": 3, "accepted": 1, "rate": 0.3333}
    assert summary["inmails"] == {"sent": 2, "answered": 1, "rate": 0.5}
    assert summary["replies"] == 1
    assert [s["url"] for s in summary["spends"]["missing"]] == [PRIYA, THAO]
    assert summary["spends"]["missing"][0] == {
        "name": "Priya Andersson",
        "url": PRIYA,
        "on": "2026-10-02",
        "subject": "Re-delivery costs at Initech",
    }
    assert summary["touches"] == {"added": 8, "already_recorded": 0}
    assert summary["dry_run"] is True
    balance = json.loads(run("balance", "--json", today=TODAY).stdout)["balance"]

    applied = run("import", source, "--apply-spends", today=TODAY)
    assert applied.exit_code == 0, applied.output
    assert "InMails missing from the ledger, recorded as spends:" in applied.stdout
    assert "  2026-10-02  Priya Andersson  'Re-delivery costs at Initech'" in applied.stdout
    assert "Credits given back for replies in the window: 1 came back." in applied.stdout
    after = json.loads(run("balance", "--json", today=TODAY).stdout)["balance"]
    assert after == balance - 1  # two spends, one credit back

    again = json.loads(run("import", source, "--apply-spends", "--json", today=TODAY).stdout)
    assert again["touches"] == {"added": 0, "already_recorded": 8}
    assert again["spends"] == {"missing": [], "applied": 0}
    assert json.loads(run("balance", "--json", today=TODAY).stdout)["balance"] == after


def test_without_apply_spends_the_ledger_is_left_alone(run: Run, tmp_path: Path) -> None:
    setup(run)
    before = json.loads(run("balance", "--json", today=TODAY).stdout)["balance"]
    result = run("import", str(sample_zip(tmp_path / "a.zip")), today=TODAY)
    assert result.exit_code == 0, result.output
    assert "not recorded as spends until you say so (--apply-spends" in result.stdout
    assert "Ignored 1 row: group conversations" in result.stdout
    assert json.loads(run("balance", "--json", today=TODAY).stdout)["balance"] == before


def test_a_hostile_name_is_printed_as_symbols(run: Run, tmp_path: Path) -> None:
    setup(run)
    eve = ("Eve\x1b[31m [bold]Red[/bold]", "linkedin.com/in/eve")
    sam = ("Sam Rivera", OWNER)
    rows = [
        message("c1", sam, [eve], "2026-10-02 09:00:00 UTC", "Hi\x1b]0;pwned\x07"),
        message("c2", sam, [("Cy", "linkedin.com/in/cy")], "2026-10-03 09:00:00 UTC"),
    ]
    path = write_csv(tmp_path / "messages.csv", MESSAGES_HEADER, rows)
    result = run("import", str(path), today=TODAY)
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "Eve␛[31m [bold]Red[/bold]" in result.stdout
    as_json = run("import", str(path), "--dry-run", "--json", today=TODAY).stdout
    assert "\x1b" not in as_json
    missing = json.loads(as_json)["spends"]["missing"]  # still missing until applied
    assert [(m["name"], m["subject"]) for m in missing] == [
        ("Eve\x1b[31m [bold]Red[/bold]", "Hi\x1b]0;pwned\x07")
    ]


def test_refusals_are_one_sentence(run: Run, tmp_path: Path) -> None:
    setup(run)
    leads = tmp_path / "leads.csv"
    leads.write_text("Profile URL,Full Name\nlinkedin.com/in/ann,Ann\n", "utf-8")
    refused = run("import", str(leads), "--apply-spends", today=TODAY)
    assert refused.exit_code == 1
    assert refused.stderr.startswith("inmail-tui: --apply-spends is for LinkedIn's data archive")
    (tmp_path / "empty").mkdir()
    empty = run("import", str(tmp_path / "empty"), today=TODAY)
    assert empty.exit_code == 1
    assert empty.stderr.count("\n") == 1 and "Traceback" not in empty.output
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    bad = run("import", str(broken), today=TODAY)
    assert bad.exit_code == 1, bad.output
    assert bad.stderr.startswith("inmail-tui: ") and bad.stderr.count("\n") == 1


def test_a_dry_run_reports_the_prospects_the_import_then_updates(run: Run, tmp_path: Path) -> None:
    """People already known from Connections.csv whom the archive gives touches: the preview's
    added and updated are the real import's, in words and in JSON."""
    setup(run)
    known = run("import", str(SAMPLE / "Connections.csv"), today=TODAY)
    assert known.exit_code == 0, known.output
    source = str(sample_zip(tmp_path / "a.zip"))
    dry = json.loads(run("import", source, "--dry-run", "--json", today=TODAY).stdout)
    dry_words = run("import", source, "--dry-run", today=TODAY).stdout
    done = json.loads(run("import", source, "--json", today=TODAY).stdout)
    assert dry["touches"]["added"] == done["touches"]["added"] > 0
    assert dry["prospects"] == done["prospects"], (dry["prospects"], done["prospects"])
    assert f"would add {done['prospects']['added']}, update {done['prospects']['updated']}." in (
        dry_words
    )
