"""The drafter's small pieces, without an app: counter levels, offsets to lines, prompts that are
never markup, the analytics panel's bars and words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inmail_tui.core.analytics import Rate, outreach_stats
from inmail_tui.core.lint_checks import Finding, Severity
from inmail_tui.planner.analytics import AnalyticsView, PendingBack
from inmail_tui.tui.widgets.analytics_panel import bar, panel_content
from inmail_tui.tui.widgets.draft_area import line_starts, location
from inmail_tui.tui.widgets.draft_counter import counter_level, counter_text
from inmail_tui.tui.widgets.draft_findings import finding_prompt


@pytest.mark.parametrize(
    ("length", "limit", "advice", "hard", "level"),
    [
        (312, 2000, 400, True, "ok"),
        (401, 2000, 400, True, "warn"),
        (2000, 2000, 400, True, "warn"),
        (2001, 2000, 400, True, "over"),
        (301, 300, None, True, "over"),
        (3001, 3000, None, False, "warn"),
        (5, None, None, True, "ok"),
    ],
)
def test_counter_level(
    length: int, limit: int | None, advice: int | None, hard: bool, level: str
) -> None:
    assert counter_level(length, limit, advice, hard) == level


def test_counter_text() -> None:
    assert counter_text(312, 2000) == "312 / 2,000"
    assert counter_text(1950, None) == "1,950"


@given(st.text(alphabet="ab\n", max_size=40), st.data())
def test_location_matches_the_lines(text: str, data: st.DataObject) -> None:
    offset = data.draw(st.integers(0, len(text)))
    row, column = location(line_starts(text), offset)
    lines = text.split("\n")
    assert sum(len(line) + 1 for line in lines[:row]) + column == offset
    assert column <= len(lines[row])


def test_a_finding_prompt_is_never_markup() -> None:
    finding = Finding("jargon", Severity.WARNING, 0, 5, '"[b]x[/b]" is salesy jargon.', "subject")
    assert finding_prompt(finding).plain == '▲ warning  subject: "[b]x[/b]" is salesy jargon.'


def test_bar() -> None:
    assert bar(0.0, 4) == "    "
    assert bar(1.0, 4) == "████"
    assert bar(0.5, 4) == "██  "
    assert bar(0.3, 4) == "█▎  "  # 9.6 eighths -> 10: one full cell and two eighths
    assert bar(2.0, 4) == "████"


@dataclass(frozen=True)
class T:
    prospect_id: int
    kind: str
    variant: str = ""
    on: date = date(2026, 1, 5)
    template_id: int | None = None
    user_tags: tuple[str, ...] = ()


def test_panel_words() -> None:
    rows = [T(i, "inmail_sent", "A" if i < 7 else "B") for i in range(16)]
    rows += [T(i, "replied") for i in (0, 1, 7, 8, 9)]
    view = AnalyticsView(
        stats=outreach_stats(rows),
        credits_spent=16,
        credited_back=5,
        pending=[PendingBack("[red]Ann[/red]", None, date(2026, 1, 5), date(2026, 4, 5), 80)],
    )
    text = panel_content(view).plain
    assert "16 InMails sent · 5 responses (31%) · 5 replies" in text
    assert "Credits spent 16, 5 came back · per reply 2.2" in text
    assert "B 3/9 vs A 2/7: too few to tell" in text
    assert "[red]Ann[/red]" in text
    assert "reply by 5 Apr (in 80 days)" in text
    assert Rate("A", 2, 7).percent() in text


def test_pending_credit_backs_fit_the_panel_on_one_line_each() -> None:
    """The panel is 54 columns: 48 for text once border, padding and a scrollbar are taken."""
    rows = [T(i, "inmail_sent") for i in range(3)]
    pending = [
        PendingBack("Maximiliane Konstantinopoulou", None, date(2026, 1, 5), date(2026, 4, 25), 99),
        PendingBack("Ann Lee", None, date(2026, 1, 5), date(2026, 2, 14), 30),
    ]
    view = AnalyticsView(outreach_stats(rows), 3, 0, pending=pending)
    lines = panel_content(view).plain.split("\n")
    start = lines.index("Credits that may come back")
    assert lines[start + 1 :] == [
        "  Maximiliane Kon… reply by 25 Apr (in 99 days)",
        "  Ann Lee          reply by 14 Feb (in 30 days)",
    ]
    assert all(len(line) <= 48 for line in lines[start + 1 :])


def test_panel_before_anything_was_sent() -> None:
    view = AnalyticsView(outreach_stats([]), 0, 0)
    assert panel_content(view).plain == "Nothing sent yet: response rates appear here."
