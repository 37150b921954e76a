"""Copy to the clipboard two ways, and say which worked.

Textual's ``copy_to_clipboard`` writes an OSC 52 sequence: the terminal puts the text on the
clipboard if it supports it (many do not: macOS Terminal.app, some tmux set-ups), and nothing
tells the app whether it did. The system clipboard (pyperclip: pbcopy, xclip/xsel, wl-copy,
Windows) is tried as well; it says when it worked or why not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App


@dataclass(frozen=True, slots=True)
class Copied:
    """What a copy did: ``problem`` is why the system clipboard was not written ("" when it
    was); the terminal was asked either way."""

    problem: str

    @property
    def system(self) -> bool:
        return not self.problem

    def sentence(self, what: str, size: str) -> str:
        """The toast: ``"Text copied to the system clipboard (120 characters)"``, or what was
        tried and why the system clipboard was not."""
        if self.system:
            return f"{what} copied to the system clipboard ({size})"
        return (
            f"{what} sent through the terminal only (OSC 52, {size}): {self.problem}. "
            "If pasting gives nothing, this terminal does not support OSC 52."
        )


def copy_text(app: App[Any], text: str) -> Copied:
    """Put ``text`` on the clipboard through the terminal (OSC 52) and the system clipboard."""
    app.copy_to_clipboard(text)
    import pyperclip

    try:
        pyperclip.copy(text)
    except pyperclip.PyperclipException:
        return Copied("no system clipboard found (pbcopy; xclip, xsel or wl-copy on Linux)")
    except OSError as exc:  # the clipboard program failed
        return Copied(f"the system clipboard failed: {exc}")
    return Copied("")
