"""``inmail-tui spend-plan``: the readable plan, its JSON shape (README, "Planning") and errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from tests.cli.people import ana_bo_cy, readme_key_table

Run = Callable[..., Result]

JSON_KEYS = {
    "pool", "plan", "today", "until", "balance", "reserve", "keep_value", "credits_used",
    "credits_lost", "expected_replies", "expected_credit_backs", "candidates", "waiting",
    "inmails", "requests", "losses", "rate_sources", "days", "weeks",
}  # fmt: skip
INMAIL_KEYS = {
    "on", "id", "name", "url", "fit", "reply_rate", "credit_back_chance", "value", "ready",
    "route", "uses_forfeit", "rate_source", "why",
}  # fmt: skip
SOURCE_KEYS = {
    "kind", "label", "sends", "replies", "responses", "reply_rate", "response_rate", "says",
}  # fmt: skip
DAY_KEYS = {"on", "grant", "lost", "inmails", "requests", "balance", "available", "at_risk"}


def test_the_plan_as_text(run: Run, tmp_path: Path) -> None:
    ana_bo_cy(run, tmp_path)
    result = run("spend-plan", today="2026-01-15")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Spend plan for Sales Navigator Core (main), 15 Jan 2026 to 1 Mar 2026" in out
    assert "\x1b" not in out and "Ana ␛[31mRed: expected" in out  # user text is shown safe
    assert "request  Bo (fit 5): free; InMail from 22 Jan 2026 if unanswered" in out
    assert "Cy" not in out  # a connection: messaged for free
    assert "Credits used: 2 (of 2 candidates)" in out
    assert "Credits lost on 1 Feb 2026: 38 (over the cap at the grant: no candidates" in out
    assert "Expected replies: 0.3: the prior of 15% (no InMail history yet) (2 InMails)" in out


def test_the_plan_as_json(run: Run, tmp_path: Path) -> None:
    ana_bo_cy(run, tmp_path)
    result = run("spend-plan", "--json", "--reserve", "139", "--until", "2026-01-31",
                 today="2026-01-15")  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == JSON_KEYS
    assert (data["until"], data["reserve"], data["credits_used"]) == ("2026-01-31", 139, 1)
    [inmail] = data["inmails"]
    assert set(inmail) == INMAIL_KEYS and set(inmail["rate_source"]) == SOURCE_KEYS
    assert (inmail["name"], inmail["on"], inmail["route"]) == ("Ana \x1b[31mRed", "2026-01-15",
                                                               "pending")  # fmt: skip
    assert "\\u001b" in result.stdout  # escaped as JSON does
    assert all(set(day) == DAY_KEYS for day in data["days"] + data["weeks"])
    assert len(data["days"]) == 17 and data["days"][0]["balance"] == 139
    assert {s["kind"] for s in data["rate_sources"]} == {"prior"}
    assert data["requests"][0]["inmail_from"] == "2026-01-22"


def test_user_errors_are_one_sentence(run: Run, tmp_path: Path) -> None:
    result = run("spend-plan")
    assert result.exit_code == 1 and "No credit pool yet" in result.stderr
    ana_bo_cy(run, tmp_path)
    result = run("spend-plan", "--until", "2026-01-01", today="2026-01-15")
    assert result.exit_code == 1
    assert result.stderr.startswith("inmail-tui: The plan cannot end (2026-01-01) before today")
    assert "Traceback" not in result.output
    assert run("spend-plan", "--reserve", "-1").exit_code == 2


def test_the_readme_lists_the_json_keys() -> None:
    """README's "Planning" table of ``--json`` keys is the document's: the top-level keys, and
    those of each day and week."""
    rows = readme_key_table("`--json` prints one document whose keys are stable:")
    assert {key for keys, _ in rows for key in keys} == JSON_KEYS
    [days] = [what for keys, what in rows if keys == ["days"]]
    assert days == DAY_KEYS
