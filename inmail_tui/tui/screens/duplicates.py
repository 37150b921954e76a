"""Likely duplicates, one pair at a time, side by side: merge (after a question), say they are
two people, or skip. Opened from the queue (``D``); the pairs are ``planner.dedupe.duplicates()``
and nothing is merged without the user's yes.

A merge keeps the prospect on the side named by its key (``1`` left, ``2`` right) and moves the
other's touches, drafts and ledger references onto it. Every write goes through the app's
planner work, so the queue and the balance reload once after it; the list is read again too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Static

from inmail_tui.core.model import Status
from inmail_tui.core.text import terminal_safe
from inmail_tui.tui.commands import CANCEL, Command, declare, key_of
from inmail_tui.tui.planner_work import planner_work

if TYPE_CHECKING:
    from inmail_tui.planner import Planner
    from inmail_tui.planner.dedupe import DuplicatePair, ProspectRow


class PairsLoaded(Message, bubble=False):
    def __init__(self, pairs: list[DuplicatePair]) -> None:
        super().__init__()
        self.pairs = pairs


class PairDone(Message, bubble=False):
    """A merge or a dismissal was written: ``said`` is the toast."""

    def __init__(self, said: str) -> None:
        super().__init__()
        self.said = said


def facts(row: ProspectRow) -> str:
    """One side of the pair: what tells two people apart (user text made safe)."""
    lines = [
        row.full_name or "(no name)",
        row.title,
        row.company,
        row.email,
        row.url,
        f"Status: {Status(row.status).label}",
        f"Id {row.id} · tags: {' '.join(row.tags) or '-'}",
    ]
    return "\n".join(terminal_safe(line) for line in lines if line)


class DuplicatesScreen(ModalScreen[None]):
    """The likely duplicates dialog."""

    DEFAULT_CSS = """
    DuplicatesScreen #dupes-sides { height: auto; margin-top: 1; }
    DuplicatesScreen .side {
        width: 1fr; height: auto; border: round $primary-muted; padding: 0 1;
    }
    DuplicatesScreen #dupes-keys { margin-top: 1; color: $text-muted; }
    """
    BINDINGS = declare(
        Command("dupes.keep_left", "1", "merge(0)", "Keep left", "Duplicates",
                "Merge the right one into the left one (asks first)"),
        Command("dupes.keep_right", "2", "merge(1)", "Keep right", "Duplicates",
                "Merge the left one into the right one (asks first)"),
        Command("dupes.dismiss", "n", "dismiss_pair", "Not the same", "Duplicates",
                "Two people: never offer this pair again"),
        Command("dupes.skip", "s", "skip", "Skip", "Duplicates", "Show the next pair"),
        CANCEL,
    )  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self.pairs: list[DuplicatePair] | None = None  # None until read
        self.index = 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog duplicates") as dialog:
            dialog.border_title = "Likely duplicates"
            yield Static("Looking for likely duplicates…", id="dupes-title", markup=False)
            with Horizontal(id="dupes-sides"):
                yield Static("", id="dupes-left", classes="side", markup=False)
                yield Static("", id="dupes-right", classes="side", markup=False)
            yield Static("", id="dupes-keys", markup=False)

    def on_mount(self) -> None:
        self._load()

    def _load(self) -> None:
        planner_work(self).read(
            self, lambda p: p.dedupe.duplicates(), PairsLoaded, key="dupes.pairs"
        )

    def on_pairs_loaded(self, message: PairsLoaded) -> None:
        self.pairs = message.pairs
        self.index = min(self.index, max(len(self.pairs) - 1, 0))
        self._show()

    @property
    def pair(self) -> DuplicatePair | None:
        if not self.pairs or self.index >= len(self.pairs):
            return None
        return self.pairs[self.index]

    def _show(self) -> None:
        pair, sides = self.pair, self.query_one("#dupes-sides")
        title = self.query_one("#dupes-title", Static)
        if pair is None or self.pairs is None:
            title.update("No likely duplicates." if self.pairs is not None else "")
            sides.display = False
            self.query_one("#dupes-keys", Static).update(f"{key_of(self, 'dialog.cancel')} close")
            return
        sides.display = True
        title.update(
            terminal_safe(
                f"Pair {self.index + 1} of {len(self.pairs)} · {pair.score}% · {pair.reason}"
            )
        )
        self.query_one("#dupes-left", Static).update(facts(pair.first))
        self.query_one("#dupes-right", Static).update(facts(pair.second))
        for side, command in (
            ("#dupes-left", "dupes.keep_left"),
            ("#dupes-right", "dupes.keep_right"),
        ):
            self.query_one(side, Static).border_title = f"{key_of(self, command)}: keep this one"
        keys = [
            f"{key_of(self, 'dupes.keep_left')} keep left",
            f"{key_of(self, 'dupes.keep_right')} keep right",
            f"{key_of(self, 'dupes.dismiss')} not the same person",
            f"{key_of(self, 'dupes.skip')} skip",
            f"{key_of(self, 'dialog.cancel')} close",
        ]
        self.query_one("#dupes-keys", Static).update(" · ".join(keys))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"merge", "dismiss_pair", "skip"}:
            return True if self.pair is not None else None
        return True

    def action_skip(self) -> None:
        if self.pairs:
            self.index = (self.index + 1) % len(self.pairs)
            self._show()

    def action_merge(self, side: int) -> None:
        pair = self.pair
        if pair is None:
            return
        kept, other = (pair.first, pair.second) if side == 0 else (pair.second, pair.first)
        from inmail_tui.tui.screens.confirm import ConfirmScreen

        question = (
            f"Merge {other.full_name or other.url} (id {other.id}) into "
            f"{kept.full_name or kept.url} (id {kept.id})? Its touches, drafts and credits "
            f"move to id {kept.id}, which gains what it lacked; id {other.id} is deleted."
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._write(lambda p: p.dedupe.merge(kept.id, other.id).text())

        self.app.push_screen(
            ConfirmScreen("Merge two prospects", question, "Merge", danger=True), answered
        )

    def action_dismiss_pair(self) -> None:
        pair = self.pair
        if pair is None:
            return
        a, b = pair.first, pair.second

        def dismiss(planner: Planner) -> str:
            planner.dedupe.dismiss(a.id, b.id)
            return f"Ids {a.id} and {b.id} are two people: not offered again."

        self._write(dismiss)

    def _write(self, job: Callable[[Planner], str]) -> None:
        planner_work(self).write(self, job, PairDone)

    def on_pair_done(self, message: PairDone) -> None:
        self.notify(message.said, markup=False)
        self._load()

    def action_cancel(self) -> None:
        self.dismiss(None)
