"""The TUI names statuses, outcomes, channels and severities as ``core.model`` labels them."""

from __future__ import annotations

import pytest

from inmail_tui.core.lint_checks import Severity
from inmail_tui.core.model import Channel, Outcome, Status
from inmail_tui.core.rules import Decision
from inmail_tui.tui.commands import all_commands
from inmail_tui.tui.screens import queue  # noqa: F401  (declares the queue's keys)
from inmail_tui.tui.screens.drafter import OUTCOMES
from inmail_tui.tui.screens.queue import MARKS
from inmail_tui.tui.widgets import draft_area, draft_findings
from inmail_tui.tui.widgets.draft_badge import badge_content, send_question
from inmail_tui.tui.widgets.prospect_words import STATUS_WORDS, decision_words


def test_the_queue_shows_each_status_by_its_label() -> None:
    assert {s.value: s.label for s in Status} == STATUS_WORDS


def test_the_mark_keys_are_named_by_the_label() -> None:
    marks = [
        c for c in all_commands() if c.id.startswith("queue.") and c.action.startswith("mark(")
    ]
    assert len(marks) == 5
    for command in marks:
        status = Status(command.action.removeprefix("mark('").removesuffix("')"))
        assert status in MARKS
        assert command.label.casefold() == status.label.casefold()
        assert command.help == f"Mark: {status.label}"


def test_the_outcome_list_offers_each_outcome_by_its_label() -> None:
    assert [Outcome(value) for value, _ in OUTCOMES] == list(Outcome)
    assert [label for _, label in OUTCOMES] == [o.label.capitalize() for o in Outcome]
    assert ("no_response", "No response") in OUTCOMES


@pytest.mark.parametrize("channel", list(Channel))
def test_a_decision_names_its_channel_by_the_label(channel: Channel) -> None:
    decision = Decision(channel, 1, True, "R12", "why")
    assert decision_words(decision) == f"1 credit · {channel.label}"
    assert f"Mark this {channel.label} to Ann" in send_question(decision, "Ann", 5, 4)[0]
    assert f" · {channel.label}" in badge_content(decision, 5, 4).plain


def test_every_severity_has_its_icon_style_and_colour() -> None:
    for severity in Severity:
        assert severity in draft_findings.ICONS
        assert severity in draft_findings.STYLES
        assert severity in draft_area._THEME_COLOUR
