"""Counting characters as a person sees them (grapheme clusters), and mapping counts to offsets;
showing user text with nothing in it a terminal would run."""

import json

import regex
from hypothesis import given
from hypothesis import strategies as st

from inmail_tui.core.text import (
    grapheme_offset,
    json_safe,
    json_safe_utf8,
    terminal_safe,
    visible_length,
)

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"  # man ZWJ woman ZWJ ...
THUMBS_MEDIUM = "\U0001f44d\U0001f3fd"  # thumbs up + skin tone modifier
HEART = "\u2764\ufe0f"  # heart + variation selector 16
FLAG_FR = "\U0001f1eb\U0001f1f7"
E_ACUTE_COMBINING = "e\u0301"
HANGUL_JAMO = "\u1100\u1161\u11a8"  # ᄀ + ᅡ + ᆨ, one syllable written as three jamo
KSSA = "\u0915\u094d\u0937"  # Devanagari क्ष: consonant, virama, consonant (one conjunct)


def test_plain_ascii_counts_code_points() -> None:
    assert visible_length("") == 0
    assert visible_length("Hello, Sarah!") == 13


def test_cr_lf_counts_once_but_lone_cr_and_lf_each_count() -> None:
    assert visible_length("a\r\nb") == 3
    assert visible_length("a\nb\rc") == 5


def test_an_emoji_zwj_sequence_counts_once() -> None:
    assert len(FAMILY) == 7
    assert visible_length(FAMILY) == 1
    assert visible_length(f"Hi {FAMILY}!") == 5


def test_skin_tones_variation_selectors_and_flags_count_once() -> None:
    assert visible_length(THUMBS_MEDIUM) == 1
    assert visible_length(HEART) == 1
    assert visible_length(FLAG_FR) == 1
    assert visible_length(FLAG_FR + FLAG_FR) == 2


def test_a_letter_with_a_combining_mark_counts_once() -> None:
    assert visible_length(f"caf{E_ACUTE_COMBINING}") == 4
    assert visible_length("café") == 4  # the precomposed é
    assert visible_length("A\u030a\u0301") == 1  # two marks on one letter


def test_cjk_hangul_and_indic_text() -> None:
    assert visible_length("你好世界") == 4
    assert visible_length("안녕하세요") == 5  # precomposed syllables
    assert visible_length(HANGUL_JAMO) == 1
    assert visible_length(KSSA) == 1


def test_grapheme_offset_steps_over_whole_clusters() -> None:
    text = f"ab{FAMILY}cd"
    assert grapheme_offset(text, 0) == 0
    assert grapheme_offset(text, 2) == 2
    assert grapheme_offset(text, 3) == 2 + len(FAMILY)
    assert text[grapheme_offset(text, 3) :] == "cd"
    assert grapheme_offset(text, 5) == len(text)
    assert grapheme_offset(text, 50) == len(text)


def test_grapheme_offset_with_combining_marks_and_cr_lf() -> None:
    text = f"{E_ACUTE_COMBINING}x\r\ny"
    assert grapheme_offset(text, 1) == 2
    assert grapheme_offset(text, 2) == 3
    assert grapheme_offset(text, 3) == 5  # after the CR LF pair, never between CR and LF
    assert grapheme_offset("abc", -1) == 0


TRICKY = [
    "a", "b", " ", ".", "\r", "\n", "\t", "é", "你", "한",
    "\u0301", "\u200d", "\ufe0f", "\U0001f3fd", "\U0001f1eb", "\U0001f1f7",
    "\U0001f468", "\U0001f469", "\u2764", "\u1100", "\u1161", "\u11a8",
    "\u0915", "\u094d", "\u0937", "\u0903", "\u0600", "\u0d4e",
]  # fmt: skip
texts = st.one_of(st.text(), st.text(alphabet=st.sampled_from(TRICKY)))


def _reference(text: str) -> list[str]:
    return list(regex.findall(r"\X", text))


@given(texts)
def test_visible_length_agrees_with_full_segmentation(text: str) -> None:
    assert visible_length(text) == len(_reference(text))


@given(texts, st.integers(min_value=0, max_value=40))
def test_grapheme_offset_agrees_with_full_segmentation(text: str, count: int) -> None:
    clusters = _reference(text)
    assert grapheme_offset(text, count) == sum(len(c) for c in clusters[:count])


# Showing user text: terminal_safe and json_safe (issue 9, item 4).

# Sequences an imported name could carry: OSC 0 sets the window title, OSC 52 writes the
# clipboard, CSI moves the cursor or clears the screen; the C1 forms (0x9B CSI, 0x9D OSC) need
# no ESC at all; U+202E reverses the rest of the line.
OSC_TITLE = "\x1b]0;pwned\x07"
OSC_CLIPBOARD = "\x1b]52;c;ZWNobyBoaQ==\x07"
CSI_CLEAR = "\x1b[2J\x1b[H"
C1_CSI = "\x9b31m"
C1_OSC = "\x9d0;title\x9c"
RLO = "\u202e"
UNSAFE = (
    *map(chr, range(0x20)),
    "\x7f",
    *map(chr, range(0x80, 0xA0)),
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
    "\u2028",
    "\u2029",
    "\ud800",
    "\udfff",
)


def reaches_the_terminal(shown: str) -> set[str]:
    """The unsafe code points left in ``shown``."""
    return {char for char in shown if any(char in unsafe for unsafe in UNSAFE)}


def test_escape_sequences_are_shown_not_run() -> None:
    assert terminal_safe(f"Eve{OSC_TITLE}") == "Eve␛]0;pwned␇"
    assert terminal_safe(OSC_CLIPBOARD) == "␛]52;c;ZWNobyBoaQ==␇"
    assert terminal_safe(CSI_CLEAR) == "␛[2J␛[H"
    assert terminal_safe(C1_CSI + C1_OSC) == "\ufffd31m\ufffd0;title\ufffd"
    assert terminal_safe(f"a{RLO}lave.exe") == "alave.exe"
    assert terminal_safe("tab\there\r\nnext\x7f\u2028") == "tab␉here␍␊next␡␤"


def test_every_unsafe_code_point_is_neutralised_and_others_kept() -> None:
    for unsafe in UNSAFE:
        assert reaches_the_terminal(terminal_safe(unsafe)) == set(), repr(unsafe)
    kept = f"Ana Müller محمد 太郎 {FAMILY} {FLAG_FR} {E_ACUTE_COMBINING} \u200d\u00a0\u00ad"
    assert terminal_safe(kept) == kept


def test_newlines_can_be_kept_for_a_widget_of_several_lines() -> None:
    assert terminal_safe("one\ntwo\x1b[2J", keep_newlines=True) == "one\ntwo␛[2J"
    assert terminal_safe("one\r\ntwo", keep_newlines=True) == "one␍\ntwo"


@given(st.text())
def test_nothing_unsafe_survives(text: str) -> None:
    shown = terminal_safe(text)
    assert reaches_the_terminal(shown) == set()
    assert len(shown) <= len(text)
    assert terminal_safe(shown) == shown


@given(st.recursive(st.text() | st.integers() | st.none(), lambda inner: st.lists(inner)))
def test_json_keeps_the_value_and_escapes_the_rest(value: object) -> None:
    document = json_safe(json.dumps({"v": value}, ensure_ascii=False, indent=2))
    assert json.loads(document) == {"v": value}
    assert reaches_the_terminal(document.replace("\n", "")) == set()


# What UTF-8 can hold of UNSAFE (a lone surrogate cannot be encoded), one code point each.
ENCODABLE = [char for char in "".join(UNSAFE) if not "\ud800" <= char <= "\udfff"]


@given(st.text(alphabet=st.sampled_from([*ENCODABLE, "é", "–", "’", "\u00a0", "a", "\u2030"])))
def test_json_safe_utf8_is_json_safe_of_the_decoded_document(text: str) -> None:
    """The byte look-up that skips the pattern never skips what the pattern escapes."""
    document = json.dumps({"v": text}, ensure_ascii=False, indent=2)
    assert json_safe_utf8(document.encode()) == json_safe(document)


def test_json_safe_utf8_escapes_each_unsafe_code_point_alone() -> None:
    for char in ENCODABLE:
        document = json.dumps([f"a{char}b"], ensure_ascii=False)
        assert json_safe_utf8(document.encode()) == json_safe(document)
