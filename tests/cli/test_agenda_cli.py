"""``inmail-tui agenda``: the day's lines as text and JSON (README, "The daily agenda"), the
commands that act on a line, and their errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from inmail_tui.core.agenda import Action
from tests.cli.people import ana_bo_cy, readme_key_table

Run = Callable[..., Result]

JSON_KEYS = {
    "on", "pool", "balance", "reserve", "available", "invitations_left", "forfeit", "counts",
    "groups",
}  # fmt: skip
FORFEIT_KEYS = {"credits", "lost", "before", "days_left", "says"}
GROUP_KEYS = {"action", "label", "count", "more", "lines"}
LINE_KEYS = {"id", "name", "url", "action", "channel", "fit", "why", "cost", "due"}
RESULT_KEYS = {"id", "action", "until", "message"}


def agenda(run: Run, today: str = "2026-01-15", *args: str) -> dict[str, object]:
    result = run("agenda", "--json", *args, today=today)
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def lines_of(data: dict[str, object], action: Action) -> list[str]:
    groups = data["groups"]
    assert isinstance(groups, list)
    [group] = [g for g in groups if g["action"] == action.value]
    return [line["name"] for line in group["lines"]]


def test_the_agenda_as_text(run: Run, tmp_path: Path) -> None:
    ana_bo_cy(run, tmp_path)
    result = run("agenda", today="2026-01-15")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Agenda for 15 Jan 2026 (main): 140 credits" in out
    assert "Connection requests left this week: 100" in out
    assert "Spend 40 credits before 1 Feb 2026 or lose them." in out
    assert "\x1b" not in out and "Ana ␛[31mRed: fit 5: connection request of 5 Jan 2026" in out
    assert "Send a connection request (1)" in out
    assert "Bo: fit 5: connect first; an InMail may follow on 22 Jan 2026 if unanswered" in out
    assert "Cy" not in out  # a connection, free: nothing to request


def test_the_agenda_as_json(run: Run, tmp_path: Path) -> None:
    ana_bo_cy(run, tmp_path)
    data = agenda(run)
    assert set(data) == JSON_KEYS
    assert isinstance(data["forfeit"], dict) and set(data["forfeit"]) == FORFEIT_KEYS
    assert data["counts"] == {a.value: int(a in (Action.REQUEST, Action.INMAIL)) for a in Action}
    groups = data["groups"]
    assert isinstance(groups, list)
    assert [g["action"] for g in groups] == [a.value for a in Action]
    assert all(set(g) == GROUP_KEYS for g in groups)
    [inmail] = groups[1]["lines"]
    assert set(inmail) == LINE_KEYS
    assert (inmail["name"], inmail["channel"], inmail["cost"], inmail["due"]) == (
        "Ana \x1b[31mRed", "inmail", "1 credit", "2026-01-12",
    )  # fmt: skip
    # --on: the agenda of another day (the wait not run out yet on 10 Jan)
    assert lines_of(agenda(run, "2026-01-15", "--on", "2026-01-10"), Action.INMAIL) == []


def test_done_skip_and_snooze_take_a_line_off(run: Run, tmp_path: Path) -> None:
    ana_bo_cy(run, tmp_path)
    done = run("agenda", "done", "linkedin.com/in/bo", "request", today="2026-01-15")
    assert done.exit_code == 0, done.output
    assert done.stdout == "Done: send a connection request (Bo), marked requested.\n"
    data = agenda(run)
    assert lines_of(data, Action.REQUEST) == [] and data["invitations_left"] == 99
    skipped = run("agenda", "skip", "1", "inmail", "--json", today="2026-01-15")
    assert skipped.exit_code == 0, skipped.output
    said = json.loads(skipped.stdout)
    assert set(said) == RESULT_KEYS and said["until"] == "2026-01-16"
    assert lines_of(agenda(run), Action.INMAIL) == []
    assert lines_of(agenda(run, "2026-01-16"), Action.INMAIL) == ["Ana \x1b[31mRed"]
    snoozed = run("agenda", "snooze", "1", "send an InMail", "--days", "3", today="2026-01-16")
    assert snoozed.exit_code == 0, snoozed.output
    assert "snoozed until 2026-01-19" in snoozed.stdout
    assert lines_of(agenda(run, "2026-01-18"), Action.INMAIL) == []
    assert lines_of(agenda(run, "2026-01-19"), Action.INMAIL) == ["Ana \x1b[31mRed"]


def test_errors_are_one_sentence(run: Run, tmp_path: Path) -> None:
    ana_bo_cy(run, tmp_path)
    inmail = run("agenda", "done", "1", "inmail", today="2026-01-15")
    assert inmail.exit_code == 1
    assert inmail.stderr.startswith("inmail-tui: An InMail to Ana ␛[31mRed is marked sent")
    assert inmail.stderr.count("\n") == 1
    missing = run("agenda", "skip", "99", "request", today="2026-01-15")
    assert missing.exit_code == 1 and "No prospect '99'" in missing.stderr
    assert run("agenda", "skip", "1", "dance").exit_code == 2
    assert run("agenda", "snooze", "1", "request", "--days", "0").exit_code == 2
    assert run("agenda", "snooze", "1", "request").exit_code == 2  # --days is required
    assert "Traceback" not in inmail.output + missing.output
    # nothing of it was written
    assert lines_of(agenda(run), Action.INMAIL) == ["Ana \x1b[31mRed"]


def test_the_readme_lists_the_json_keys() -> None:
    """README's "The daily agenda" table of ``--json`` keys is the document's: the top-level
    keys, and those of the forfeit, each group and each line."""
    rows = readme_key_table("`agenda --json` prints one document whose keys are stable:")
    assert {key for keys, _ in rows for key in keys} == JSON_KEYS
    described = {tuple(keys): what for keys, what in rows}
    assert described[("forfeit",)] == FORFEIT_KEYS
    # the groups' row names their keys, their lines' keys and every action word
    assert described[("groups",)] == GROUP_KEYS | LINE_KEYS | {a.value for a in Action}
