"""Invariants of the drafting checks on arbitrary text (hypothesis)."""

import json
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from inmail_tui.core.lint import Limits, LintResult, Severity, lint, load_word_lists
from inmail_tui.core.model import Channel
from inmail_tui.core.plans import load_catalog
from inmail_tui.core.text import counted_length, visible_length

LIMITS = Limits.for_plan(load_catalog()["premium_business"])
SMALL = Limits(subject=12, body=40, body_warn=30, body_advice=20, message_warn=50, connect_note=25)
WORDS = load_word_lists()

FRAGMENTS = [
    "Hi Sarah,", "\n", "\r\n", " ", ".", "?", "!", ",", "-", "’", "'",
    "My name is Dana", "I'm", "I am", "we are", "synergy", "cutting", "edge", "best-in-class",
    "guaranteed results", "30", "minute demo", "book a call", "[Company Name]", "{first_name}",
    "{{x}}", "<name>", "[", "]", "{", "}", "<", ">", "Quick question", "hello",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467", "e\u0301", "\U0001f1eb\U0001f1f7", "你好",
    "\u200d", "\u0301", "\ufe0f",
]  # fmt: skip
drafts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join),
)
channels = st.sampled_from([Channel.INMAIL, Channel.CONNECT, Channel.MESSAGE, Channel.EMAIL])
days = st.one_of(st.none(), st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 12, 31)))
limits = st.sampled_from([LIMITS, SMALL])


def check(channel: Channel, body: str, subject: str, lim: Limits, today: date | None) -> LintResult:
    return lint(channel, body, subject, limits=lim, words=WORDS, today=today)


@settings(max_examples=300)
@given(channels, drafts, drafts, limits, days)
def test_lint_never_raises_spans_lie_within_their_field_and_findings_are_ordered(
    channel: Channel, body: str, subject: str, lim: Limits, today: date | None
) -> None:
    result = check(channel, body, subject, lim, today)
    texts = {"body": body, "subject": subject}
    for finding in result.findings:
        assert 0 <= finding.start <= finding.end <= len(texts[finding.field])
        assert finding.message
    keys = [(f.field != "subject", f.start, f.end) for f in result.findings]
    assert keys == sorted(keys)
    json.dumps(result.to_json())


@given(channels, drafts, drafts, limits, days)
def test_length_is_the_visible_length_and_ok_means_no_error(
    channel: Channel, body: str, subject: str, lim: Limits, today: date | None
) -> None:
    result = check(channel, body, subject, lim, today)
    assert result.length == visible_length(body)
    assert result.ok == (not any(f.severity is Severity.ERROR for f in result.findings))
    hard = {Channel.INMAIL: lim.body, Channel.CONNECT: lim.connect_note}.get(channel)
    over_body = hard is not None and counted_length(body) > hard
    over_subject = channel is Channel.INMAIL and counted_length(subject) > lim.subject
    assert result.ok == (not over_body and not over_subject)


@given(channels, drafts, drafts, limits)
def test_appending_text_never_lowers_the_length(
    channel: Channel, body: str, more: str, lim: Limits
) -> None:
    before = check(channel, body, "", lim, None).length
    after = check(channel, body + more, "", lim, None).length
    assert after >= before


@given(channels, drafts, limits, st.dates())
def test_only_inmail_gets_the_send_day_hint_on_weak_days(
    channel: Channel, body: str, lim: Limits, today: date
) -> None:
    hinted = any(f.check == "send-day" for f in check(channel, body, "", lim, today).findings)
    assert hinted == (channel is Channel.INMAIL and today.weekday() in (4, 5))
