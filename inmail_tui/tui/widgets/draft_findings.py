"""The drafter's findings beside the text: severity and message; choosing one shows its span."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import on
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from inmail_tui.core.lint_checks import Severity
from inmail_tui.core.text import terminal_safe

if TYPE_CHECKING:
    from inmail_tui.core.lint import Finding

ICONS = {Severity.ERROR: "✖", Severity.WARNING: "▲", Severity.HINT: "•"}
STYLES = {
    Severity.ERROR: "bold $text-error",
    Severity.WARNING: "$text-warning",
    Severity.HINT: "$text-accent",
}
CLEAN = "No findings: nothing to fix."


def finding_prompt(finding: Finding) -> Content:
    """``✖ error  Subject is 201 characters…``; never markup (the message may quote the user)."""
    severity = finding.severity
    where = "subject: " if finding.field == "subject" else ""
    return Content.assemble(
        (f"{ICONS[severity]} {severity}", STYLES[severity]),
        "  ",
        where,
        terminal_safe(finding.message),
    )


def _key(finding: Finding) -> tuple[str, str, str, str]:
    return (finding.check, str(finding.severity), finding.field, finding.message)


class FindingsList(OptionList):
    """Lists findings; rebuilt only when what they say changes (not when their spans move)."""

    DEFAULT_CSS = """
    FindingsList {
        height: 1fr;
        border: round $primary 50%;
    }
    FindingsList:focus {
        border: round $primary;
    }
    """

    class Picked(Message):
        """The user chose a finding: show its span in the text."""

        def __init__(self, finding: Finding) -> None:
            super().__init__()
            self.finding = finding

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.findings: tuple[Finding, ...] = ()
        self._empty = CLEAN

    def show(self, findings: Sequence[Finding], empty: str = CLEAN) -> None:
        """List ``findings``; with none, ``empty`` says what to do next."""
        before = [_key(f) for f in self.findings]
        self.findings = tuple(findings)
        if (
            [_key(f) for f in self.findings] == before
            and self._empty == empty
            and self.option_count
        ):
            return
        self._empty = empty
        highlighted = self.highlighted
        self.clear_options()
        if not self.findings:
            self.add_option(Option(Content.styled(empty, "$text-muted"), disabled=True))
        else:
            self.add_options(Option(finding_prompt(f)) for f in self.findings)
            if highlighted is not None:
                self.highlighted = min(highlighted, len(self.findings) - 1)
        errors = sum(f.severity is Severity.ERROR for f in self.findings)
        self.border_title = f"Findings ({len(self.findings)})"
        self.border_subtitle = f"{errors} blocking" if errors else ""

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self.findings):
            self.post_message(self.Picked(self.findings[event.option_index]))
