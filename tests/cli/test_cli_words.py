"""The CLI's choices come from the registries: import formats, statuses and outcomes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from inmail_tui.core.importing import FORMAT_DESCRIPTIONS, FORMAT_NAMES
from inmail_tui.core.importing.synthetic import connections_csv, people
from inmail_tui.core.model import Channel, Status

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


STATUSES_CSV = (
    "LinkedIn URL,Name,Status\n"
    "linkedin.com/in/asked,Asked,Connection requested\n"
    "linkedin.com/in/sent,Sent,inmail_sent\n"
    "linkedin.com/in/fresh,Fresh,new\n"
)


def _urls(result: Result) -> list[str]:
    assert result.exit_code == 0, result.output
    return sorted(p["url"].rsplit("/", 1)[1] for p in json.loads(result.stdout))


def test_prospects_status_takes_the_label_or_the_stored_value(run: Run, tmp_path: Path) -> None:
    (tmp_path / "leads.csv").write_text(STATUSES_CSV, "utf-8")
    assert run("import", str(tmp_path / "leads.csv")).exit_code == 0
    for word in ("requested", "Requested", "connection_requested", "connection-requested"):
        assert _urls(run("prospects", "--status", word, "--json")) == ["asked"], word
    for word in ("InMail sent", "inmail-sent", "INMAIL_SENT"):
        assert _urls(run("prospects", "--status", word, "--json")) == ["sent"], word
    both = run("prospects", "--status", "new", "--status", "requested", "--json")
    assert _urls(both) == ["asked", "fresh"]


def test_an_unknown_status_is_a_usage_error_listing_the_labels(run: Run) -> None:
    result = run("prospects", "--status", "ghosted")
    assert result.exit_code == 2
    assert "status 'ghosted' is not one of: " + ", ".join(Status.labels()) in result.stderr


def test_help_lists_the_labels(run: Run) -> None:
    prospects = " ".join(run("prospects", "--help").stdout.split())
    assert ", ".join(Status.labels()) in prospects
    outcome = " ".join(run("outcome", "--help").stdout.split())
    assert "OUTCOME is one of: accepted, declined, replied, no response" in outcome
    cost = " ".join(run("cost", "--help").stdout.split())
    assert ", ".join(Channel.labels()) in cost and "[default: InMail]" in cost


@pytest.mark.parametrize("word", ["no-response", "No response", "no_response", "NO RESPONSE"])
def test_outcome_takes_the_label_any_spelling(run: Run, tmp_path: Path, word: str) -> None:
    path = tmp_path / "leads.csv"
    path.write_text("Profile URL,Full Name,Degree\nlinkedin.com/in/ana,Ana,2nd\n", "utf-8")
    run("plan", "recruiter_lite", "--renewal-day", "20", "--balance", "10")
    run("import", str(path))
    sent = run("sent", "linkedin.com/in/ana", "--channel", "InMail", "--yes")
    assert sent.exit_code == 0, sent.output
    assert sent.stdout.startswith("Marked sent (InMail, cost 1;")
    result = run("outcome", "linkedin.com/in/ana", word)
    assert result.exit_code == 0, result.output
    listed = json.loads(run("prospects", "--json").stdout)
    assert listed[0]["status"] == Status.NO_RESPONSE.value


def test_an_unknown_outcome_is_a_usage_error_listing_the_labels(run: Run) -> None:
    unknown = run("outcome", "linkedin.com/in/ana", "ghosted")
    assert unknown.exit_code == 2
    assert "outcome 'ghosted' is not one of: accepted, declined, replied, no response" in (
        unknown.stderr
    )


def test_cost_names_the_channel_by_its_label(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "leads.csv"
    path.write_text("Profile URL,Full Name,Degree\nlinkedin.com/in/ana,Ana,2nd\n", "utf-8")
    run("plan", "recruiter_lite", "--renewal-day", "20", "--balance", "10")
    run("import", str(path))
    for word in ("connect", "Connection request", "connection-request"):
        result = run("cost", "linkedin.com/in/ana", "--channel", word)
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith("connection request: ")
    lint = run("lint", "--channel", "email", input="Hi")
    assert lint.exit_code == 2
    assert "channel 'email' is not one of: InMail, connection request, message" in lint.stderr
