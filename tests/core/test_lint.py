"""The drafting checks (docs/rules.md, "Drafting checks"): each check, its severity and its span."""

import json
import re
from datetime import date

import pytest
import regex

from inmail_tui.core.lint import (
    Finding,
    Limits,
    LintResult,
    Severity,
    WordListError,
    WordLists,
    lint,
    load_word_lists,
)
from inmail_tui.core.model import Channel
from inmail_tui.core.plans import load_catalog
from inmail_tui.core.text import visible_length

CATALOG = load_catalog()
PAID = Limits.for_plan(CATALOG["sales_navigator_core"])
FREE = Limits.for_plan(CATALOG["free"])
WORDS = load_word_lists()
THURSDAY, FRIDAY, SATURDAY = date(2026, 11, 26), date(2026, 11, 27), date(2026, 11, 28)
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"

CLEAN_BODY = (
    "Hi Priya,\n\n"
    "Your talk on forecasting at the Berlin data summit stuck with me, especially the part "
    "about the planners trusting the numbers again once the error bars came back. We help "
    "retail teams get their weekly forecasts to buyers before Monday order meetings.\n\n"
    "Is this a priority for you right now?"
)


def padded(length: int, start: str = "Your team shipped a great release this spring. ") -> str:
    """Plain prose of exactly ``length`` characters that trips no content check."""
    text = start
    while len(text) < length:
        text += "The planners liked the weekly cycle and kept it. "
    return text[:length]


def run(
    body: str,
    subject: str = "Forecast timing question",
    channel: Channel = Channel.INMAIL,
    limits: Limits = PAID,
    today: date | None = None,
) -> LintResult:
    return lint(channel, body, subject, limits=limits, words=WORDS, today=today)


def by_check(result: LintResult, check: str) -> list[Finding]:
    return [f for f in result.findings if f.check == check]


def only(result: LintResult, check: str) -> Finding:
    found = by_check(result, check)
    assert len(found) == 1, result.findings
    return found[0]


# --- the "Done when" list of issue 4 --------------------------------------------------------


def test_a_201_character_subject_is_an_error_spanning_the_excess() -> None:
    subject = "Forecasts" + "!" * 192
    assert len(subject) == 201
    result = run(CLEAN_BODY, subject)
    finding = only(result, "subject-over-limit")
    assert finding.severity is Severity.ERROR
    assert finding.field == "subject"
    assert (finding.start, finding.end) == (200, 201)
    assert result.ok is False
    assert result.subject_length == 201
    assert "200" in finding.message and "Cut 1" in finding.message


def test_a_2001_character_body_is_an_error_spanning_the_excess() -> None:
    body = padded(2001)
    result = run(body)
    finding = only(result, "body-over-limit")
    assert finding.severity is Severity.ERROR
    assert (finding.start, finding.end) == (2000, 2001)
    assert result.ok is False
    assert (result.length, result.limit) == (2001, 2000)
    assert not by_check(result, "body-near-limit") and not by_check(result, "body-long")


def test_a_1950_character_body_is_a_warning_from_1900_on() -> None:
    body = padded(1950)
    result = run(body)
    finding = only(result, "body-near-limit")
    assert finding.severity is Severity.WARNING
    assert (finding.start, finding.end) == (1900, 1950)
    assert result.ok is True
    assert not by_check(result, "body-long")


def test_an_opening_about_the_sender_is_a_warning_on_the_first_sentence() -> None:
    body = "My name is Dana and I sell forecasting software. Your team grew fast this year."
    finding = only(run(body), "opener-about-sender")
    assert finding.severity is Severity.WARNING
    assert body[finding.start : finding.end] == "My name is Dana and I sell forecasting software."


def test_synergy_and_cutting_edge_are_each_a_warning_at_their_positions() -> None:
    body = "Your team's synergy with finance is rare. Cutting-edge tools won't fix planning."
    found = by_check(run(body), "jargon")
    assert [(f.start, f.end) for f in found] == [(12, 19), (42, 54)]
    assert [body[f.start : f.end] for f in found] == ["synergy", "Cutting-edge"]
    assert all(f.severity is Severity.WARNING for f in found)


def test_a_six_word_subject_is_a_warning() -> None:
    subject = "Thoughts on your weekly forecasting cycle"
    assert len(subject.split()) == 6
    finding = only(run(CLEAN_BODY, subject), "subject-wordy")
    assert finding.severity is Severity.WARNING
    assert (finding.field, finding.start, finding.end) == ("subject", 0, len(subject))


def test_a_hard_call_to_action_is_a_warning_suggesting_a_soft_question() -> None:
    body = "Your team grew fast. Can we book a call next week?"
    finding = only(run(body), "hard-cta")
    assert finding.severity is Severity.WARNING
    assert body[finding.start : finding.end] == "book a call"
    assert "Is this a priority for you right now?" in finding.message


def test_an_unfilled_company_name_placeholder_is_a_warning() -> None:
    body = "I saw the news about [Company Name] and your new role."
    finding = only(run(body), "placeholder")
    assert finding.severity is Severity.WARNING
    assert body[finding.start : finding.end] == "[Company Name]"


def test_a_clean_300_character_inmail_with_a_3_word_subject_gets_no_error_or_warning() -> None:
    assert visible_length(CLEAN_BODY) == 300
    result = run(CLEAN_BODY, "Forecast timing question", today=THURSDAY)
    assert result.ok
    assert result.findings == ()


# --- lengths, per channel -------------------------------------------------------------------


def test_a_body_over_400_characters_is_a_hint_only() -> None:
    result = run(padded(401))
    finding = only(result, "body-long")
    assert finding.severity is Severity.HINT
    assert (finding.start, finding.end) == (400, 401)
    assert result.advice == 400
    assert run(padded(400)).findings == ()


def test_length_counts_graphemes_and_the_span_starts_at_the_right_code_point() -> None:
    """The counter shows graphemes; the limit holds for the UTF-16 count too (issue 8, defect
    13): a family emoji is one character on screen and 11 code units in a browser."""
    body = FAMILY * 2001
    result = run(body)
    assert (result.length, result.utf16_length) == (2001, 11 * 2001)
    finding = only(result, "body-over-limit")
    assert (finding.start, finding.end) == (181 * len(FAMILY), len(body))  # 181 x 11 <= 2,000
    assert only(run(FAMILY * 173), "body-near-limit").severity is Severity.WARNING
    assert run(FAMILY * 181).ok and not run(FAMILY * 182).ok


def test_connection_note_limit_is_300_on_paid_plans_and_200_on_free() -> None:
    assert (PAID.connect_note, FREE.connect_note) == (300, 200)
    assert run(padded(300), channel=Channel.CONNECT).findings == ()
    paid = run(padded(301), channel=Channel.CONNECT)
    assert only(paid, "note-over-limit").severity is Severity.ERROR
    assert (paid.ok, paid.limit) == (False, 300)
    free = run(padded(201), channel=Channel.CONNECT, limits=FREE)
    finding = only(free, "note-over-limit")
    assert (finding.start, finding.end, free.limit) == (200, 201, 200)
    assert run(padded(200), channel=Channel.CONNECT, limits=FREE).ok


def test_a_long_regular_message_is_a_warning_never_an_error() -> None:
    result = run(padded(3001), channel=Channel.MESSAGE)
    finding = only(result, "message-long")
    assert finding.severity is Severity.WARNING
    assert (finding.start, finding.end) == (3000, 3001)
    assert result.ok and result.limit == 3000
    assert run(padded(9000), channel=Channel.MESSAGE).ok
    assert run(padded(3000), channel=Channel.MESSAGE).findings == ()


def test_limits_come_from_the_plan_catalog_and_its_overrides() -> None:
    plan = load_catalog({"sales_navigator_core": {"inmail_body_limit": 1500}})
    limits = Limits.for_plan(plan["sales_navigator_core"])
    assert limits == Limits(
        subject=200, body=1500, body_warn=1900, body_advice=400, message_warn=3000, connect_note=300
    )
    result = lint(Channel.INMAIL, padded(1501), "Hi", limits=limits, words=WORDS)
    assert only(result, "body-over-limit").start == 1500


def test_subject_checks_apply_to_inmail_only() -> None:
    subject = "Hello " * 50
    for channel in (Channel.CONNECT, Channel.MESSAGE):
        result = run(padded(100), subject, channel=channel)
        assert result.findings == ()
        assert result.subject_limit is None


# --- subjects --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("subject", "wordy"),
    [("Forecast timing", False), ("Your Lyon rollout plan", False), ("a b c d e", True)],
)
def test_subjects_of_five_words_or_more_are_wordy(subject: str, wordy: bool) -> None:
    assert bool(by_check(run(CLEAN_BODY, subject), "subject-wordy")) is wordy


def test_punctuation_is_not_a_word_but_a_placeholder_is_one() -> None:
    assert not by_check(run(CLEAN_BODY, "Forecasts — Lyon — Milan — Q3"), "subject-wordy")
    assert not by_check(run(CLEAN_BODY, "{first_name}, weekly forecasts?"), "subject-wordy")


@pytest.mark.parametrize(
    "subject", ["Quick question", "Opportunity for you", "Hello", "  hi there! ", "Hi Sarah"]
)
def test_generic_subjects_are_a_warning_on_the_whole_subject(subject: str) -> None:
    finding = only(run(CLEAN_BODY, subject), "subject-generic")
    assert finding.severity is Severity.WARNING
    assert subject[finding.start : finding.end] == subject.strip()


@pytest.mark.parametrize("subject", ["Lyon forecast question", "Hello from the Lyon team"])
def test_specific_subjects_are_not_generic(subject: str) -> None:
    assert not by_check(run(CLEAN_BODY, subject), "subject-generic")


def test_findings_in_the_subject_name_their_field_and_come_first() -> None:
    result = run("Synergy matters.", "Synergy at Acme")
    assert [(f.field, f.start) for f in by_check(result, "jargon")] == [("subject", 0), ("body", 0)]


# --- openers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "flagged"),
    [
        (
            "Hi Sarah,\n\nI am a recruiter at Acme. Your team is growing.",
            "I am a recruiter at Acme.",
        ),
        ("Hello! I’m reaching out because of your post.", "I’m reaching out because of your post."),
        ("Dear Sarah, I work at Acme\nYour post was great.", "I work at Acme"),
        ("Hi {first_name},\nI wanted to share an idea", "I wanted to share an idea"),
        ("  we are a forecasting company.", "we are a forecasting company."),
    ],
)
def test_openers_about_the_sender_after_any_greeting(body: str, flagged: str) -> None:
    finding = only(run(body), "opener-about-sender")
    assert body[finding.start : finding.end] == flagged


@pytest.mark.parametrize(
    "body",
    [
        "Hi Sarah,\n\nYour post on forecasting was sharp. My name is Dana, by the way.",
        "Hi Sarah, I noticed your talk in Berlin.",
        "Iambic verse aside, your post was great.",
        "",
    ],
)
def test_openers_about_the_recipient_pass(body: str) -> None:
    assert not by_check(run(body), "opener-about-sender")


# --- calls to action, jargon, placeholders ---------------------------------------------------


@pytest.mark.parametrize(
    "phrase",
    ["30-minute demo", "15 minute call", "Book A Call", "schedule a meeting", "grab 20 minutes"],
)
def test_hard_calls_to_action_in_their_variants(phrase: str) -> None:
    body = f"Your team grew fast; {phrase} next week?"
    finding = only(run(body), "hard-cta")
    assert body[finding.start : finding.end] == phrase


def test_jargon_is_case_insensitive_whole_words_with_spaces_or_hyphens() -> None:
    body = "SYNERGY, cutting edge, best-in-class. Synergyx and leverages are not listed words."
    found = [body[f.start : f.end] for f in by_check(run(body), "jargon")]
    assert found == ["SYNERGY", "cutting edge", "best-in-class"]


def test_the_longest_listed_phrase_wins() -> None:
    body = "We offer guaranteed results, guaranteed."
    found = [body[f.start : f.end] for f in by_check(run(body), "jargon")]
    assert found == ["guaranteed results", "guaranteed"]


def test_every_occurrence_of_a_jargon_word_is_flagged() -> None:
    body = "leverage this, leverage that, and leverage again"
    assert [f.start for f in by_check(run(body), "jargon")] == [0, 15, 34]


@pytest.mark.parametrize("placeholder", ["{first_name}", "<name>", "{{company}}", "[Your Name]"])
def test_placeholder_shapes_are_flagged(placeholder: str) -> None:
    body = f"Hi {placeholder}, your post was great."
    finding = only(run(body), "placeholder")
    assert (finding.start, finding.end) == (3, 3 + len(placeholder))


@pytest.mark.parametrize("text", ["see [1]", "mail <dana@example.com>", "<https://acme.example>"])
def test_brackets_that_are_not_placeholders_pass(text: str) -> None:
    assert not by_check(run(f"Your post was great, {text}."), "placeholder")


# --- the send day ----------------------------------------------------------------------------


def test_friday_and_saturday_sends_get_a_hint_not_a_warning() -> None:
    for day in (FRIDAY, SATURDAY):
        finding = only(run(CLEAN_BODY, today=day), "send-day")
        assert finding.severity is Severity.HINT
        assert (finding.start, finding.end) == (0, 0)
        assert day.strftime("%A") in finding.message
    assert not by_check(run(CLEAN_BODY, today=THURSDAY), "send-day")
    assert not by_check(run(CLEAN_BODY, today=None), "send-day")
    assert not by_check(run(CLEAN_BODY, channel=Channel.CONNECT, today=FRIDAY), "send-day")


# --- word lists, results, performance guards -------------------------------------------------


def test_user_words_extend_every_list_without_replacing_it() -> None:
    words = load_word_lists(
        {
            "jargon": ["Paradigm-busting", "synergy"],
            "hard_cta": ["coffee chat"],
            "weak_send_days": ["Sunday"],
        }
    )
    assert words.jargon[: len(WORDS.jargon)] == WORDS.jargon
    assert words.jargon[-1] == "Paradigm-busting"
    assert words.jargon.count("synergy") == 1
    body = "Our paradigm busting synergy. Coffee chat?"
    result = lint(Channel.INMAIL, body, "Hi", limits=PAID, words=words, today=date(2026, 11, 29))
    assert [body[f.start : f.end] for f in by_check(result, "jargon")] == [
        "paradigm busting",
        "synergy",
    ]
    assert only(result, "hard-cta").start == body.index("Coffee")
    assert only(result, "send-day").message.startswith("Sunday")


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        ({"jargn": ["x"]}, "unknown word list"),
        ({"jargon": "synergy"}, "list of strings"),
        ({"jargon": ["ok", 3]}, "list of strings"),
        ({"weak_send_days": ["Caturday"]}, "not a day of the week"),
    ],
)
def test_bad_user_word_lists_get_a_clear_message(extra: dict[str, object], words: str) -> None:
    with pytest.raises(WordListError, match=words) as info:
        load_word_lists(extra)  # type: ignore[arg-type]
    assert str(info.value).startswith(f"lint.{next(iter(extra))}:")


def test_empty_word_lists_flag_nothing_from_lists() -> None:
    empty = WordLists((), (), (), (), (), (), ())
    body = "My name is Dana. Synergy! Book a call?"
    result = lint(Channel.INMAIL, body, "Hello", limits=PAID, words=empty)
    assert result.findings == ()


def test_result_json_has_the_design_shape_plus_field() -> None:
    result = run("My name is Dana. Synergy!", "Hello", today=FRIDAY)
    data = json.loads(json.dumps(result.to_json()))
    assert {"ok", "length", "limit", "findings"} <= set(data)
    assert data["ok"] is True and data["length"] == 25 and data["limit"] == 2000
    assert {tuple(sorted(f)) for f in data["findings"]} == {
        ("check", "end", "field", "message", "severity", "start")
    }
    assert {f["severity"] for f in data["findings"]} == {"warning", "hint"}


def test_ok_is_false_only_with_an_error() -> None:
    assert run("My name is Dana. Synergy! [Company] Book a call?", "Hello", today=FRIDAY).ok
    assert not run(padded(2001)).ok


def test_every_message_is_one_plain_line() -> None:
    body = "Hi,\nMy name is Dana. Synergy! Book a call? [Company Name] " + padded(1950)
    result = run(body, "Quick question for you today, Sarah " * 6, today=FRIDAY)
    assert len({f.check for f in result.findings}) >= 8
    for finding in result.findings:
        assert "\n" not in finding.message and finding.message.strip() == finding.message


def test_lint_compiles_no_pattern_per_call(monkeypatch: pytest.MonkeyPatch) -> None:
    body = f"Hi {FAMILY} My name is Dana. Synergy, book a call? e\u0301 [Company Name]"
    run(body, "Quick question")  # warm the per-alphabet cache of the counter

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled a pattern inside lint")

    for module in (re, regex):
        monkeypatch.setattr(module, "compile", refuse)
    assert run(body, "Quick question").findings


def test_user_phrases_of_only_spaces_or_hyphens_match_nothing() -> None:
    words = load_word_lists({"jargon": ["- -", " \u2013 "], "hard_cta": ["# #"]})
    body = "Numbers 12 34 and 1234 - - are fine here."
    result = lint(Channel.INMAIL, body, "Forecast timing", limits=PAID, words=words)
    assert [body[f.start : f.end] for f in result.findings] == ["12 34"]
