"""Issue 10, team pools from the command line: ``seats`` (list, add, limit), ``--seat`` and
``INMAIL_TUI_SEAT``, ``claim`` and ``release``, and ``sent`` refused past the seat's limit; what
the database holds afterwards is read back by a planner opened on it."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result

from inmail_tui.planner import Planner
from inmail_tui.settings import Settings

Run = Callable[..., Result]
TODAY = date(2026, 1, 15)
ANA = "https://www.linkedin.com/in/ana"
BO = "https://www.linkedin.com/in/bo"
LEADS = f"Profile URL,Full Name,Company,Degree\n{ANA},Ana Two,Acme,2nd\n{BO},Bo Chen,Initech,2nd\n"
BODY = "Hi, your team's growth this year stood out. Is hiring a priority for you right now?"


def planner(db: str, seat: str | None = None) -> Planner:
    return Planner.open(db, TODAY, replace(Settings(), seat=seat))


def one_line(result: Result, *words: str) -> None:
    assert result.exit_code == 1, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith("inmail-tui: ") and "Traceback" not in result.output
    for word in words:
        assert word in line, line


@pytest.fixture
def team(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "leads.csv"
    path.write_text(LEADS, "utf-8")
    assert (
        run("plan", "recruiter_corporate", "--renewal-day", "15", "--balance", "40").exit_code == 0
    )
    assert run("import", str(path)).exit_code == 0


def test_seats_are_added_limited_and_listed(run: Run, db: str, team: None) -> None:
    assert run("seats").stdout.startswith("Pool main has no seats")
    assert run("seats", "add", "ana", "--limit", "2").stdout == "Added seat ana (limit 2).\n"
    assert run("seats", "add", "bo").exit_code == 0
    assert run("seats", "limit", "bo", "5").stdout == "Seat bo: limit 5 a month.\n"
    assert run("seats", "limit", "ana", "none").exit_code == 0
    listed = json.loads(run("--seat", "bo", "seats", "--json").stdout)
    assert listed["seat"] == "bo"
    assert [(s["name"], s["monthly_limit"], s["mine"]) for s in listed["seats"]] == [
        ("ana", None, False),
        ("bo", 5, True),
    ]
    assert [(s.name, s.monthly_limit) for s in planner(db).team.view().seats] == [
        ("ana", None),
        ("bo", 5),
    ]
    text = run("--seat", "bo", "seats").stdout.splitlines()
    assert text[0] == "Pool main: 40 credits, shared by 2 seats"
    assert text[2] == "* bo   0 of 5 used this month"


def test_bad_seats_are_one_sentence(run: Run, team: None) -> None:
    run("seats", "add", "ana")
    one_line(run("seats", "add", "ANA"), "already has a seat named 'ANA'")
    one_line(run("seats", "limit", "ana", "ten"), "whole number or 'none'")
    one_line(run("seats", "limit", "zed", "3"), "has no seat 'zed'; its seats: ana")
    one_line(run("--seat", "zed", "seats"), "has no seat 'zed'; its seats: ana")


def test_the_seat_comes_from_the_environment_too(
    run: Run, db: str, team: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("seats", "add", "ana")
    monkeypatch.setenv("INMAIL_TUI_SEAT", "ana")
    assert json.loads(run("seats", "--json").stdout)["seat"] == "ana"


def test_claim_and_release(run: Run, db: str, team: None) -> None:
    run("seats", "add", "ana")
    run("seats", "add", "bo")
    assert run("--seat", "ana", "claim", ANA, BO).stdout == "Claimed 2 prospects.\n"
    taken = run("--seat", "bo", "claim", ANA)
    assert taken.exit_code == 1
    assert taken.stdout == "Claimed 0 prospects.\n"
    assert taken.stderr == (
        f"Skipped {ANA}: Ana Two is claimed by ana since 15 Jan 2026: ask them, or claim with"
        " --force\n"
    )
    forced = json.loads(run("--seat", "bo", "claim", ANA, "--force", "--json").stdout)
    assert forced["changed"] == 1 and forced["claimed"][0]["prospect"] == ANA
    assert run("--seat", "ana", "release", BO).stdout == "Released 1 prospect.\n"
    assert planner(db).queue.prospect(BO).row.owner_seat is None
    assert planner(db).queue.prospect(ANA).row.claimed_on == TODAY
    one_line(run("claim", BO), "is shared by seats (ana, bo): pick yours with --seat NAME")


def test_sent_is_refused_past_the_seats_limit(run: Run, db: str, team: None) -> None:
    run("seats", "add", "ana", "--limit", "1")
    first = run("--seat", "ana", "sent", ANA, "--subject", "Hiring", "--yes", "--body-file", "-",
                input=BODY)  # fmt: skip
    assert first.exit_code == 0, first.output
    second = run("--seat", "ana", "sent", BO, "--subject", "Hiring", "--yes", "--body-file", "-",
                 input=BODY)  # fmt: skip
    one_line(second, "Seat ana has spent 1 of its 1 InMail credits this month")
    assert planner(db).team.view().seats[0].used_this_month == 1
    assert planner(db).credits.balance().balance == 39
