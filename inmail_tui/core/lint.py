"""Drafting checks: a draft's length against LinkedIn's limits and what makes a good InMail.

``lint`` runs on every keystroke in the drafter, so it does no compiling and no I/O: the limits
come from the plan catalog (:meth:`Limits.for_plan`) and the word lists from ``data/lint.toml``
plus the user's settings (:func:`load_word_lists`), each list compiled once into one pattern.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from importlib import resources
from typing import Any

from inmail_tui.core import lint_checks as checks
from inmail_tui.core.errors import DomainError
from inmail_tui.core.lint_checks import Finding, Severity
from inmail_tui.core.model import Channel
from inmail_tui.core.plans import Plan
from inmail_tui.core.text import limit_offset, utf16_length, visible_length

__all__ = [
    "Finding",
    "Limits",
    "LintResult",
    "Severity",
    "WordListError",
    "WordLists",
    "lint",
    "load_word_lists",
]


@dataclass(frozen=True, slots=True)
class Limits:
    """A plan's character limits (docs/rules.md, "Drafting checks"): a hard limit holds for the
    larger of the characters people see and the UTF-16 code units a browser counts."""

    subject: int  # InMail subject, hard
    body: int  # InMail body, hard
    body_warn: int  # InMail body: warn above
    body_advice: int  # InMail body: best under (a hint above)
    message_warn: int  # regular message: warn above, never blocks
    connect_note: int  # connection-request note, hard (300 paid plans, 200 free)
    subject_words_warn: int = 5  # InMail subject: warn at this many words or more

    @classmethod
    def for_plan(cls, plan: Plan) -> Limits:
        return cls(
            subject=plan.inmail_subject_limit,
            body=plan.inmail_body_limit,
            body_warn=plan.inmail_body_warn,
            body_advice=plan.inmail_body_advice,
            message_warn=plan.message_warn,
            connect_note=plan.connect_note_limit,
        )


class WordListError(DomainError):
    """A word list from the settings cannot be used; ``name`` is the list's key."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"lint.{name}: {message}")
        self.name = name


@dataclass(frozen=True, slots=True)
class _Compiled:
    jargon: re.Pattern[str]
    hard_cta: re.Pattern[str]
    self_openers: re.Pattern[str]
    greeting: re.Pattern[str]
    generic_subjects: frozenset[tuple[str, ...]]
    weak_days: tuple[int, ...]


@dataclass(frozen=True)
class WordLists:
    """The phrase lists the checks look for (see ``data/lint.toml`` for how phrases match)."""

    jargon: tuple[str, ...]
    generic_subjects: tuple[str, ...]
    hard_cta: tuple[str, ...]
    self_openers: tuple[str, ...]
    soft_cta: tuple[str, ...]
    greetings: tuple[str, ...]
    weak_send_days: tuple[str, ...]
    compiled: _Compiled = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        bad = [d for d in self.weak_send_days if d.strip().casefold() not in checks.WEEKDAYS]
        if bad:
            raise WordListError("weak_send_days", f"{bad[0]!r} is not a day of the week")
        compiled = _Compiled(
            jargon=checks.compile_phrases(self.jargon),
            hard_cta=checks.compile_phrases(self.hard_cta),
            self_openers=checks.compile_phrases(self.self_openers),
            greeting=checks.compile_greeting(self.greetings),
            generic_subjects=frozenset(
                key for key in map(checks.word_key, self.generic_subjects) if key
            ),
            weak_days=tuple(
                checks.WEEKDAYS.index(d.strip().casefold()) for d in self.weak_send_days
            ),
        )
        object.__setattr__(self, "compiled", compiled)


_LIST_NAMES = tuple(f.name for f in fields(WordLists) if f.init)


def _merge(name: str, base: Sequence[str], extra: Any) -> tuple[str, ...]:
    if isinstance(extra, str) or not isinstance(extra, Sequence):
        raise WordListError(name, "must be a list of strings")
    merged = list(base)
    seen = {w.casefold() for w in base}
    for word in extra:
        if not isinstance(word, str):
            raise WordListError(name, f"must be a list of strings, not containing {word!r}")
        if word.strip() and word.strip().casefold() not in seen:
            merged.append(word.strip())
            seen.add(word.strip().casefold())
    return tuple(merged)


def load_word_lists(extra: Mapping[str, Sequence[str]] | None = None) -> WordLists:
    """The shipped word lists, each extended by the user's ``extra`` words (never replaced)."""
    text = resources.files("inmail_tui.core").joinpath("data/lint.toml").read_text("utf-8")
    shipped: dict[str, list[str]] = tomllib.loads(text)
    extra = extra or {}
    for name in extra:
        if name not in _LIST_NAMES:
            raise WordListError(name, f"unknown word list; known: {', '.join(_LIST_NAMES)}")
    return WordLists(
        **{name: _merge(name, shipped[name], extra.get(name, ())) for name in _LIST_NAMES}
    )


@dataclass(frozen=True, slots=True)
class LintResult:
    """What the checks found in one draft; ``length`` and ``limit`` are the body's counter.

    ``length`` counts graphemes, the characters a person sees (what a counter shows);
    ``utf16_length`` counts UTF-16 code units, as a browser does (an emoji may count 2). The
    hard limits hold for the larger of the two (``counted``). ``limit`` is the hard limit of
    the channel (for a regular message, the warning figure: it never blocks; ``None`` for
    e-mail); ``advice`` is where the counter should turn amber.
    """

    length: int
    limit: int | None
    findings: tuple[Finding, ...]
    advice: int | None = None
    subject_length: int = 0
    subject_limit: int | None = None
    utf16_length: int = 0
    subject_utf16_length: int = 0

    @property
    def counted(self) -> int:
        """The body's length as its hard limit counts it: the larger of the two counts."""
        return max(self.length, self.utf16_length)

    @property
    def subject_counted(self) -> int:
        return max(self.subject_length, self.subject_utf16_length)

    @property
    def ok(self) -> bool:
        """False only when a finding is an error (the draft cannot be marked sent)."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "length": self.length,
            "limit": self.limit,
            "advice": self.advice,
            "subject_length": self.subject_length,
            "subject_limit": self.subject_limit,
            "utf16_length": self.utf16_length,
            "subject_utf16_length": self.subject_utf16_length,
            "findings": [f.to_json() for f in self.findings],
        }


def _characters(length: int, units: int) -> str:
    """``"1,990 characters"``, and how LinkedIn counts them when that is more."""
    said = f"{length:,} characters"
    if units > length:
        said += f" ({units:,} as LinkedIn counts them: an emoji may count 2)"
    return said


def _cut(text: str, limit: int) -> str:
    """How many characters (graphemes) to cut from the end for ``text`` to fit ``limit``."""
    return f"{visible_length(text[limit_offset(text, limit) :]):,}"


def _body_length(
    channel: Channel, body: str, length: int, units: int, limits: Limits
) -> Finding | None:
    """At most one length finding for the body: the most severe threshold it passes.

    The hard limits, and the warnings near them, hold for the larger of the grapheme count and
    the UTF-16 count; the advice on reading length counts graphemes.
    """
    counted = max(length, units)
    n = _characters(length, units)

    def past(threshold: int, check: str, severity: Severity, message: str) -> Finding:
        return checks.beyond("body", body, threshold, check, severity, message)

    if channel is Channel.INMAIL:
        if counted > limits.body:
            cut = _cut(body, limits.body)
            message = f"Body is {n}; LinkedIn allows {limits.body:,}. Cut {cut}."
            return past(limits.body, checks.BODY_OVER_LIMIT, Severity.ERROR, message)
        if counted > limits.body_warn:
            message = f"Body is {n}, close to the {limits.body:,} limit; shorten it."
            return past(limits.body_warn, checks.BODY_NEAR_LIMIT, Severity.WARNING, message)
        if length > limits.body_advice:
            message = (
                f"Body is {length:,} characters; under {limits.body_advice:,} gets the most "
                "replies."
            )
            return checks.beyond(
                "body",
                body,
                limits.body_advice,
                checks.BODY_LONG,
                Severity.HINT,
                message,
                utf16=False,
            )
    elif channel is Channel.CONNECT and counted > limits.connect_note:
        cut = _cut(body, limits.connect_note)
        message = f"Note is {n}; your plan allows {limits.connect_note:,}. Cut {cut}."
        return past(limits.connect_note, checks.NOTE_OVER_LIMIT, Severity.ERROR, message)
    elif channel is Channel.MESSAGE and counted > limits.message_warn:
        message = f"Message is {n}; keep it under {limits.message_warn:,} or it may be cut."
        return past(limits.message_warn, checks.MESSAGE_LONG, Severity.WARNING, message)
    return None


def _subject(
    subject: str, length: int, units: int, limits: Limits, words: WordLists
) -> list[Finding | None]:
    over = None
    counted = max(length, units)
    if counted > limits.subject:
        cut = _cut(subject, limits.subject)
        n = _characters(length, units)
        msg = f"Subject is {n}; LinkedIn allows {limits.subject:,}. Cut {cut}."
        over = checks.beyond(
            "subject", subject, limits.subject, checks.SUBJECT_OVER_LIMIT, Severity.ERROR, msg
        )
    return [
        over,
        checks.wordy_subject_finding(subject, limits.subject_words_warn),
        checks.generic_subject_finding(subject, words.compiled.generic_subjects),
    ]


def _content(field_name: str, text: str, words: WordLists) -> list[Finding]:
    """The checks that apply to any text: hard CTAs, jargon, unfilled placeholders."""
    soft = f': "{words.soft_cta[0]}"' if words.soft_cta else "."
    return [
        *checks.phrase_findings(
            field_name,
            text,
            words.compiled.hard_cta,
            checks.HARD_CTA,
            lambda hit: f'"{hit}" asks a lot up front; ask a soft question instead{soft}',
        ),
        *checks.phrase_findings(
            field_name,
            text,
            words.compiled.jargon,
            checks.JARGON,
            lambda hit: f'"{hit}" is salesy jargon; say what you mean in plain words.',
        ),
        *checks.placeholder_findings(field_name, text),
    ]


def _order(finding: Finding) -> tuple[int, int, int, str]:
    return (0 if finding.field == "subject" else 1, finding.start, finding.end, finding.check)


def lint(
    channel: Channel,
    body: str,
    subject: str = "",
    *,
    limits: Limits,
    words: WordLists,
    today: date | None = None,
) -> LintResult:
    """Every drafting check on one draft (docs/rules.md); subject checks only for InMail.

    ``today`` is the day it would be sent (for the weak-send-day hint); ``None`` skips that check.
    """
    length, units = visible_length(body), utf16_length(body)
    found: list[Finding | None] = [_body_length(channel, body, length, units, limits)]
    found += _content("body", body, words)
    c = words.compiled
    found.append(checks.opener_finding(body, c.greeting, c.self_openers))
    limit: int | None = None
    advice: int | None = None
    subject_length, subject_units, subject_limit = 0, 0, None
    if channel is Channel.INMAIL:
        limit, advice = limits.body, limits.body_advice
        subject_length, subject_limit = visible_length(subject), limits.subject
        subject_units = utf16_length(subject)
        found += _subject(subject, subject_length, subject_units, limits, words)
        found += _content("subject", subject, words)
        found.append(checks.send_day_finding(today, c.weak_days))
    elif channel is Channel.CONNECT:
        limit = limits.connect_note
    elif channel is Channel.MESSAGE:
        limit = limits.message_warn
    return LintResult(
        length=length,
        limit=limit,
        findings=tuple(sorted((f for f in found if f is not None), key=_order)),
        advice=advice,
        subject_length=subject_length,
        subject_limit=subject_limit,
        utf16_length=units,
        subject_utf16_length=subject_units,
    )
