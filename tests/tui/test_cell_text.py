"""Issue 9, item 4: a queue cell shows user text through core.text.terminal_safe, the one function
for every screen and printed line (C1 controls and bidi overrides included, not only C0)."""

from inmail_tui.tui.widgets.prospect_words import plain

HOSTILE = "Eve\x1b]52;c;ZWNobyBoaQ==\x07\x9b2J\x9d0;title\x9c\x7f\u202elive\u2028[b]x[/b]"


def test_a_cell_shows_every_control_as_a_symbol_and_never_markup() -> None:
    cell = plain(HOSTILE)
    assert cell.plain == "Eve␛]52;c;ZWNobyBoaQ==␇\ufffd2J\ufffd0;title\ufffd␡live␤[b]x[/b]"
    assert not cell.spans


def test_a_cell_is_the_core_functions_text() -> None:
    from inmail_tui.core.text import terminal_safe

    assert plain(HOSTILE).plain == terminal_safe(HOSTILE)


def test_analytics_labels_and_finding_messages_are_terminal_safe() -> None:
    """Tags, template names and quoted draft text reach the panels without escape sequences."""
    from inmail_tui.core.lint_checks import Finding, Severity
    from inmail_tui.tui.widgets.analytics_panel import _label
    from inmail_tui.tui.widgets.draft_findings import finding_prompt

    assert "\x1b" not in _label("\x1b]52;c;eA==\x07vip")
    finding = Finding("jargon", Severity.WARNING, 0, 4, "Avoid \x1b[31msynergy")
    assert "\x1b" not in finding_prompt(finding).plain
