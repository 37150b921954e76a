"""The drafter's body editor: a TextArea that underlines what the checks found, by severity."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from bisect import bisect_right
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rich.style import Style
from rich.text import Text
from textual.app import App, SuspendNotSupported
from textual.widgets import TextArea
from textual.widgets.text_area import Selection

from inmail_tui.core.lint_checks import Severity

Mark = tuple[int, int, str]  # (start, end, severity): code-point offsets into the text
_THEME_COLOUR: dict[str, str] = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.HINT: "accent",
}


def line_starts(text: str) -> list[int]:
    """The offset where each line of ``text`` starts (lines split on ``\\n``)."""
    starts = [0]
    at = text.find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    return starts


def location(starts: list[int], offset: int) -> tuple[int, int]:
    """The (row, column) of a code-point ``offset``, given the text's :func:`line_starts`."""
    row = bisect_right(starts, offset) - 1
    return row, offset - starts[row]


class DraftArea(TextArea):
    """Soft-wrapped plain text; :meth:`mark` underlines spans (recomputed on every keystroke)."""

    DEFAULT_CSS = """
    DraftArea {
        height: 1fr;
        border: round $primary 50%;
    }
    DraftArea:focus {
        border: round $primary;
    }
    """

    def __init__(self, *, placeholder: str = "", id: str | None = None) -> None:
        # No cursor-line highlight: its style would paint over the findings' colours there.
        super().__init__(
            soft_wrap=True,
            tab_behavior="focus",
            highlight_cursor_line=False,
            placeholder=placeholder,
            id=id,
        )
        self._marks: dict[int, list[Mark]] = {}

    def load(self, text: str) -> None:
        """Replace the text (newlines normalised to ``\\n``, so offsets match ``self.text``)."""
        self.load_text(text.replace("\r\n", "\n").replace("\r", "\n"))

    @property
    def marks(self) -> dict[int, list[Mark]]:
        """The underlined spans by line: ``{row: [(start column, end column, severity)]}``."""
        return self._marks

    def mark(self, marks: Iterable[Mark]) -> None:
        """Underline these spans from now on (replacing the earlier marks)."""
        starts = line_starts(self.text)
        by_line: dict[int, list[Mark]] = {}
        for start, end, severity in marks:
            first, last = location(starts, start), location(starts, max(start, end))
            for row in range(first[0], last[0] + 1):
                lo = first[1] if row == first[0] else 0
                hi = last[1] if row == last[0] else len(self.document.get_line(row))
                by_line.setdefault(row, []).append((lo, max(hi, lo + 1), severity))
        if by_line != self._marks:
            self._marks = by_line
            self._line_cache.clear()  # rendered lines are cached by Textual; marks are not a key
            self.refresh()

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        marks = self._marks.get(line_index)
        if marks:
            colours = self.app.theme_variables
            for start, end, severity in marks:
                colour = colours.get(_THEME_COLOUR.get(severity, "accent"))
                line.stylize(
                    Style(underline=True, color=colour, bold=severity == Severity.ERROR), start, end
                )
        return line

    def select_span(self, start: int, end: int) -> None:
        """Focus the editor with ``text[start:end]`` selected and in view."""
        starts = line_starts(self.text)
        self.selection = Selection(location(starts, start), location(starts, end))
        self.focus()
        self.scroll_cursor_visible(center=True)


def edit_externally(app: App[Any], text: str) -> tuple[str | None, str]:
    """Hand ``text`` to ``$VISUAL`` or ``$EDITOR`` (the app suspended meanwhile).

    Returns the edited text, or None and the sentence saying why there is none.
    """
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        return None, "Set the EDITOR environment variable (EDITOR=nano, say) to use your editor."
    with tempfile.NamedTemporaryFile(
        "w", suffix=".txt", prefix="inmail-draft-", delete=False, encoding="utf-8"
    ) as stream:
        stream.write(text)
    path = Path(stream.name)
    try:
        with app.suspend():
            done = subprocess.run([*shlex.split(editor), str(path)], check=False)
        edited = path.read_text("utf-8")
    except SuspendNotSupported:
        return None, "This terminal cannot hand over to an editor."
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return None, f"Could not use {editor}: {exc}"
    finally:
        path.unlink(missing_ok=True)
    if done.returncode != 0:
        return None, f"{editor} exited with {done.returncode}: text unchanged."
    if edited.endswith("\n") and not text.endswith("\n"):
        edited = edited[:-1]  # editors end a file with a newline; the draft did not have one
    return edited, ""
