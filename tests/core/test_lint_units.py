"""Issue 8, defect 13: LinkedIn's limits are enforced on the larger of two counts, grapheme
clusters (what a person sees, and what the counter shows) and UTF-16 code units (what a browser
counts: an emoji outside the Basic Multilingual Plane counts 2 there)."""

from __future__ import annotations

import pytest

from inmail_tui.core import text as text_module
from inmail_tui.core.lint import Limits, LintResult, lint, load_word_lists
from inmail_tui.core.model import Channel
from inmail_tui.core.plans import load_catalog
from inmail_tui.core.text import grapheme_offset, visible_length

PAID = Limits.for_plan(load_catalog()["sales_navigator_core"])
WORDS = load_word_lists()
ROCKET = "\U0001f680"  # one grapheme, two UTF-16 code units
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # one grapheme, 8 UTF-16 code units


def check(body: str, channel: Channel = Channel.CONNECT, subject: str = "") -> LintResult:
    return lint(channel, body, subject, limits=PAID, words=WORDS)


def note(graphemes: int, emoji: int) -> str:
    """A connection note of ``graphemes`` characters, the last ``emoji`` of them rockets."""
    return "a" * (graphemes - emoji) + ROCKET * emoji


def utf16_length(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def test_utf16_length_counts_an_astral_character_twice() -> None:
    utf16_length = text_module.utf16_length
    assert utf16_length("abc") == 3
    assert utf16_length("é" + ROCKET) == 3
    assert utf16_length(FAMILY) == 8 and visible_length(FAMILY) == 1


def test_a_note_under_the_limit_in_graphemes_but_over_it_in_utf16_is_refused() -> None:
    body = note(290, 20)  # 290 graphemes, 310 UTF-16 code units; the limit is 300
    result = check(body)
    errors = [f for f in result.findings if f.check == "note-over-limit"]
    assert errors, "a note of 310 UTF-16 code units passed a limit of 300"
    assert not result.ok
    assert (result.length, result.utf16_length) == (290, 310)
    [error] = errors
    assert "290 characters" in error.message and "310" in error.message
    # the span starts at the first character LinkedIn would refuse; cutting it is enough
    assert body[error.start :] == ROCKET * 5
    assert "Cut 5." in error.message


def test_the_counter_shows_graphemes_and_text_within_both_counts_passes() -> None:
    result = check(note(290, 10))  # 300 UTF-16 code units: exactly the limit
    assert (result.length, result.utf16_length, result.limit) == (290, 300, 300)
    assert result.ok and not result.findings


def test_the_inmail_subject_and_body_limits_count_utf16_too() -> None:
    subject = "a" * 190 + ROCKET * 6  # 196 graphemes, 202 code units; the limit is 200
    body = "b" * 1995 + ROCKET * 5  # 2,000 graphemes, 2,005 code units; the limit is 2,000
    result = check(body, Channel.INMAIL, subject)
    found = {f.check for f in result.findings}
    assert {"subject-over-limit", "body-over-limit"} <= found, found
    assert (result.subject_length, result.subject_utf16_length) == (196, 202)


@pytest.mark.parametrize("text", ["abc", ROCKET * 4, "x" + FAMILY * 3 + "é" * 5, "e\u0301" * 7])
@pytest.mark.parametrize("threshold", [0, 1, 2, 3, 5, 8, 30])
def test_limit_offset_is_the_first_grapheme_past_either_count(text: str, threshold: int) -> None:
    offset = text_module.limit_offset(text, threshold)
    head = text[:offset]
    assert max(visible_length(head), utf16_length(head)) <= threshold
    if offset < len(text):  # one more grapheme would pass the threshold
        more = text[: grapheme_offset(text, visible_length(head) + 1)]
        assert max(visible_length(more), utf16_length(more)) > threshold
