"""Counting text the way a person sees it: by grapheme clusters, not code points; and the way a
browser counts it, in UTF-16 code units.

LinkedIn's limits are shown to the user as characters; an emoji built from several code points
(a family joined with zero-width joiners, a flag, a skin tone) or a letter written with a
combining accent is one character on screen, so it counts once here (:func:`visible_length`,
what the drafter's counters show). A browser counts the same text in UTF-16 code units, where
an emoji may count 2 or more (:func:`utf16_length`); the hard limits are checked against the
larger of the two (:func:`counted_length`), so a draft that passes here is never cut by LinkedIn.

The drafter counts on every keystroke, so segmenting a whole 2,000-character body with ``\\X``
(about 0.4 ms) is avoided: code points join into one cluster only next to a *joining* code point
(Unicode grapheme break classes Extend, ZWJ, SpacingMark, Prepend, Regional_Indicator, Hangul
L/V/T, and CR of a CR LF). Everywhere else each code point is a cluster of its own, so only short
windows around runs of joining code points are segmented with ``\\X``.

Showing user text safely: :func:`terminal_safe` is the one function every screen cell and every
printed line passes user text through, and :func:`json_safe` escapes the same code points in a
JSON document. The ``regex`` module loads on the first count, so a command that only prints
never pays for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Any

# Code points that drive a terminal or change how what follows them is shown: the C0 controls
# (ESC starts every escape sequence; BS, TAB, LF, CR move the cursor), DEL, the C1 controls
# 0x80-0x9F (CSI 0x9B and OSC 0x9D start sequences on their own), the bidirectional embeddings,
# overrides and isolates (they reorder the rest of the line), the line and paragraph separators,
# and lone surrogates (which cannot even be written out). Nothing else is touched.
_C0 = range(0x20)
_C1 = range(0x80, 0xA0)
_BIDI = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
_SEPARATORS = (0x2028, 0x2029)
_SURROGATES = range(0xD800, 0xE000)
_UNSAFE = (*_C0, 0x7F, *_C1, *_BIDI, *_SEPARATORS, *_SURROGATES)

# How each is shown: a control picture for C0 and DEL (ESC is ``␛``, LF ``␊``), ``␤`` for a line
# or paragraph separator, U+FFFD for a C1 control or a surrogate; a bidi control is dropped.
_SHOWN: dict[int, int | None] = {
    **{code: 0x2400 + code for code in _C0},
    0x7F: 0x2421,
    **dict.fromkeys((*_C1, *_SURROGATES), 0xFFFD),
    **dict.fromkeys(_BIDI),
    **dict.fromkeys(_SEPARATORS, 0x2424),
}
_SHOWN_LINES = {**_SHOWN, ord("\n"): ord("\n")}
# In a JSON document from ``json.dumps`` a C0 control is already a ``\\u`` escape inside a
# string, and outside strings only whitespace (newlines of the indentation) is raw.
_UNSAFE_IN_JSON = re.compile(  # the same code points as _UNSAFE, less C0, as ranges (fast)
    "["
    + "".join(
        f"\\u{r.start:04x}-\\u{r.stop - 1:04x}"
        for r in (range(0x7F, 0x80), _C1, range(0x202A, 0x202F), range(0x2066, 0x206A), _SURROGATES)
    )
    + "".join(f"\\u{code:04x}" for code in _SEPARATORS)
    + "]+"
)


def terminal_safe(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` as it may reach a terminal: no code point in it can move the cursor, start an
    escape sequence (OSC 52 writes the clipboard, OSC 0 the window title) or reorder the line.

    Controls are shown as visible symbols (``\\x1b`` as ``␛``, a tab as ``␉``, CSI 0x9B as
    ``\\ufffd``); bidi overrides are dropped. ``keep_newlines`` keeps ``\\n`` for a widget
    that shows several lines. Every other character, emoji and right-to-left scripts included,
    is kept as it is.
    """
    if text.isprintable():  # every unsafe code point is unprintable: the common case is free
        return text
    return text.translate(_SHOWN_LINES if keep_newlines else _SHOWN)


def json_safe(document: str) -> str:
    """A document from ``json.dumps`` with every code point :func:`terminal_safe` neutralises
    written as a four-digit ``\\u`` escape, as JSON allows for any character: the same value,
    safe to print.

    ``json.dumps(..., ensure_ascii=False)`` escapes the C0 controls (ESC is ``\\u001b``) but
    writes DEL, the C1 controls, bidi controls, separators and lone surrogates raw.
    """
    return _UNSAFE_IN_JSON.sub(_escaped, document)


def json_safe_utf8(document: bytes) -> str:
    """``json_safe(document.decode())`` for a JSON document in UTF-8 (orjson's), without the
    pattern's scan when none of the first bytes that the code points it escapes are written
    with is in ``document``: looking for a byte is a ``memchr``, some hundred times faster."""
    text = document.decode()
    if any(lead in document for lead in _unsafe_leads()):
        return json_safe(text)
    return text


@cache
def _unsafe_leads() -> tuple[bytes, ...]:
    """The first UTF-8 byte of each code point ``json_safe`` escapes (a lone surrogate has no
    UTF-8 form: a decoded document holds none)."""
    return tuple({chr(code).encode()[:1] for code in (0x7F, *_C1, *_BIDI, *_SEPARATORS)})


def _escaped(run: re.Match[str]) -> str:
    return "".join(f"\\u{ord(char):04x}" for char in run.group())


@cache
def _patterns() -> tuple[Any, Any]:
    """The grapheme and joining-code-point patterns (``regex`` loads on first use)."""
    import regex

    grapheme = regex.compile(r"\X")
    joining = regex.compile(
        r"[\r\p{GCB=Extend}\p{GCB=ZWJ}\p{GCB=SpacingMark}\p{GCB=Prepend}"
        r"\p{GCB=Regional_Indicator}\p{GCB=L}\p{GCB=V}\p{GCB=T}]"
    )
    return grapheme, joining


@lru_cache(maxsize=8192)
def _joins(char: str) -> bool:
    return _patterns()[1].match(char) is not None


@lru_cache(maxsize=256)
def _runs_of(chars: frozenset[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]+")


def _windows(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, piece)`` spans that may hold multi-code-point clusters, in order.

    Each span is a run of joining code points with one code point either side, merged with its
    neighbour when they overlap. A cluster boundary always falls at a span's edges, so segmenting
    the piece alone gives the same clusters as segmenting the whole text.
    """
    if text.isascii() and "\r" not in text:
        return
    joining = frozenset(c for c in set(text) if (c == "\r" or not c.isascii()) and _joins(c))
    if not joining:
        return
    start = end = -1
    for run in _runs_of(joining).finditer(text):
        lo, hi = max(run.start() - 1, 0), min(run.end() + 1, len(text))
        if lo < end:
            end = hi
            continue
        if end >= 0:
            yield start, end, text[start:end]
        start, end = lo, hi
    yield start, end, text[start:end]


def visible_length(text: str) -> int:
    """How many user-perceived characters (extended grapheme clusters) ``text`` holds."""
    length = len(text)
    for start, end, piece in _windows(text):
        length -= (end - start) - len(_patterns()[0].findall(piece))
    return length


def utf16_length(text: str) -> int:
    """How many UTF-16 code units ``text`` holds: what a browser's ``maxlength`` and LinkedIn's
    counters count. A character beyond the Basic Multilingual Plane (most emoji) counts 2."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def counted_length(text: str) -> int:
    """The length a hard limit is checked against: the larger of the graphemes a person sees
    and the UTF-16 code units a browser counts."""
    return max(visible_length(text), utf16_length(text))


def _utf16_offset(text: str, units: int) -> int:
    """The code-point offset just after the first ``units`` UTF-16 code units of ``text`` (a
    character that would straddle the edge is left out)."""
    if text.isascii():
        return min(units, len(text))
    used = 0
    for index, char in enumerate(text):
        used += 2 if ord(char) > 0xFFFF else 1
        if used > units:
            return index
    return len(text)


def limit_offset(text: str, limit: int) -> int:
    """The code-point offset where ``text`` passes ``limit`` counted as :func:`counted_length`
    does: ``text[:offset]`` is the longest run of whole graphemes within both counts, and
    ``text[offset:]`` is the part a hard limit refuses (empty when the text is within it)."""
    graphemes = grapheme_offset(text, limit)
    units = _utf16_offset(text, limit)
    if units >= graphemes:
        return graphemes
    # snap back to the start of the grapheme the UTF-16 edge falls in
    whole = visible_length(text[:units])
    offset = grapheme_offset(text, whole)
    return offset if offset <= units else grapheme_offset(text, whole - 1)


def grapheme_offset(text: str, count: int) -> int:
    """The code-point offset just after the first ``count`` graphemes of ``text``.

    ``text[grapheme_offset(text, limit):]`` is the part beyond a limit of ``limit`` characters;
    it is ``len(text)`` when the text has ``count`` graphemes or fewer.
    """
    if count <= 0:
        return 0
    position = 0  # code points consumed
    left = count  # graphemes still to step over
    for start, end, piece in _windows(text):
        if start - position >= left:
            return position + left
        left -= start - position
        clusters = _patterns()[0].findall(piece)
        if len(clusters) >= left:
            return start + sum(len(c) for c in clusters[:left])
        left -= len(clusters)
        position = end
    return min(position + left, len(text))
