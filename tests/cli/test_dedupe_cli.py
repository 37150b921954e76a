"""Likely duplicates from the command line: ``duplicates`` lists them (text and JSON, user text
made safe), ``merge`` joins a pair only with --yes or a terminal's yes, ``not-duplicate``
dismisses one for good; what the database holds afterwards is read by a fresh planner."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result

from inmail_tui.planner import Planner
from inmail_tui.settings import Settings

Run = Callable[..., Result]
TODAY = date(2026, 1, 15)
ANN = "https://www.linkedin.com/in/ann-lee"
ANN_MEMBER = "https://www.linkedin.com/in/ACwAAB00000042"
LEADS = (
    "Profile URL,Full Name,Company,Degree\n"
    f"{ANN},Ann Lee\x1b[31m,Acme Corp,2nd\n"
    f"{ANN_MEMBER},Lee Ann\x1b[31m,ACME,3rd\n"
    "https://www.linkedin.com/in/bob,Bob Roe,Hooli,2nd\n"
)


def planner(db: str) -> Planner:
    return Planner.open(db, TODAY, Settings())


@pytest.fixture
def twins(run: Run, tmp_path: Path) -> tuple[int, int]:
    path = tmp_path / "leads.csv"
    path.write_text(LEADS, "utf-8")
    assert run("plan", "sales_navigator_core", "--balance", "20").exit_code == 0
    assert run("import", str(path)).exit_code == 0
    return 1, 2


def test_duplicates_lists_the_pair_with_score_and_reason(run: Run, twins: tuple[int, int]) -> None:
    result = run("duplicates")
    assert result.exit_code == 0, result.output
    assert "1 likely duplicate pair:" in result.stdout
    assert "100%  names 100% alike at the same company" in result.stdout
    assert ANN in result.stdout and ANN_MEMBER in result.stdout
    assert "\x1b" not in result.stdout and "␛" in result.stdout  # the name's escape, shown
    assert "inmail-tui merge KEEP OTHER" in result.stdout
    shown = json.loads(run("duplicates", "--json").stdout)
    [pair] = shown["pairs"]
    assert (pair["score"], pair["reason"]) == (100, "names 100% alike at the same company")
    assert [p["url"] for p in pair["prospects"]] == [ANN, ANN_MEMBER]


def test_merge_without_yes_and_without_a_terminal_refuses_in_a_sentence(
    run: Run, db: str, twins: tuple[int, int]
) -> None:
    result = run("merge", "1", "2")
    assert result.exit_code == 1
    assert result.stderr.startswith("inmail-tui: merge deletes a prospect and asks first")
    assert "--yes" in result.stderr and "Traceback" not in result.output
    assert planner(db).queue.total() == 3


def test_merge_with_yes_merges_and_says_what_moved(
    run: Run, db: str, twins: tuple[int, int]
) -> None:
    result = run("merge", ANN, "2", "--yes", "--json")
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert (shown["kept"]["url"], shown["merged"]["url"]) == (ANN, ANN_MEMBER)
    assert planner(db).queue.total() == 2
    assert planner(db).queue.prospect(ANN).row.degree == 2  # the kept one's own degree stays
    assert json.loads(run("duplicates", "--json").stdout) == {"pairs": []}
    again = run("merge", ANN, "2", "--yes")
    assert again.exit_code == 1 and again.stderr.startswith("inmail-tui: No prospect '2'")


def test_not_duplicate_dismisses_the_pair_for_good(
    run: Run, db: str, twins: tuple[int, int]
) -> None:
    result = run("not-duplicate", "2", ANN)
    assert result.exit_code == 0, result.output
    assert "are two people" in result.stdout
    assert "No likely duplicates." in run("duplicates").stdout
    assert "(already known)" in run("not-duplicate", "1", "2").stdout
    assert planner(db).queue.total() == 3
    refused = run("not-duplicate", "1", "1")
    assert refused.exit_code == 1 and refused.stderr.startswith("inmail-tui: Prospect 1 is one")
