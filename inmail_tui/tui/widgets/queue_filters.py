"""The queue's filters: a dialog to pick tags, statuses and costs, and the line that names them.

``FilterDialog(query, apply)`` hands the query narrowed as picked (search and sort kept) to
``apply(dialog, query)``, which closes the dialog once the new rows are there (so the screen is
drawn once, with them); escape closes it with nothing changed. Everything is reachable from the
keyboard: tab between the lists, space ticks, ctrl+s (or enter in the tags box) applies.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, SelectionList

from inmail_tui.core.model import Status
from inmail_tui.core.rules_table import Verdict
from inmail_tui.core.tags import DERIVED_TAGS, parse_user_tags
from inmail_tui.core.words import CANNOT_SEND, cost
from inmail_tui.tui.commands import CANCEL, Command, declare
from inmail_tui.tui.widgets.prospect_words import STATUS_WORDS

if TYPE_CHECKING:
    from inmail_tui.planner.queue import QueueQuery

COST_WORDS: dict[str, str] = {  # what the queue says of each cost class (core.words)
    Verdict.FREE: cost(0),
    Verdict.CREDIT: cost(1),
    Verdict.BLOCKED: CANNOT_SEND,
}
_DERIVED = {tag.casefold(): tag for tag in DERIVED_TAGS}


def split_tags(tags: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """A query's tags as (derived, the user's own)."""
    derived = [_DERIVED[t.casefold()] for t in tags if t.casefold() in _DERIVED]
    return derived, [t for t in tags if t.casefold() not in _DERIVED]


def describe(query: QueueQuery) -> str:
    """The active filters in words: ``"tags: 1st hot · status: new · cost: free"``, or ``""``."""
    parts = []
    if query.tags:
        parts.append("tags: " + " ".join(query.tags))
    if query.statuses:
        parts.append("status: " + ", ".join(STATUS_WORDS.get(s, s) for s in query.statuses))
    if query.cost_classes:
        parts.append("cost: " + ", ".join(COST_WORDS.get(c, c) for c in query.cost_classes))
    return " · ".join(parts)


class FilterDialog(ModalScreen[None]):
    DEFAULT_CSS = """
    FilterDialog .dialog {
        width: 78;
    }
    FilterDialog .filter-lists {
        height: auto;
    }
    FilterDialog .filter-lists > Vertical {
        width: 1fr;
        height: auto;
    }
    FilterDialog SelectionList {
        height: auto;
        max-height: 10;
    }
    FilterDialog #filter-own {
        height: 1;
        margin-top: 1;
    }
    FilterDialog #filter-own Input {
        width: 1fr;
    }
    FilterDialog .buttons Button {
        min-width: 10;
    }
    """

    BINDINGS = declare(
        CANCEL,
        Command(
            "filters.apply",
            "ctrl+s",
            "apply",
            "Apply",
            "Filters",
            "Show only the prospects that match the filters",
            priority=True,
        ),
        Command(
            "filters.clear",
            "ctrl+r",
            "clear",
            "Clear",
            "Filters",
            "Untick every filter",
            priority=True,
        ),
    )

    def __init__(
        self, query: QueueQuery, apply: Callable[[FilterDialog, QueueQuery], None]
    ) -> None:
        super().__init__()
        self._query = query
        self._apply = apply

    def compose(self) -> ComposeResult:
        derived, own = split_tags(self._query.tags)
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = "Filter the queue"
            dialog.border_subtitle = "space ticks · ctrl+s applies · ctrl+r clears · esc cancels"
            with Horizontal(classes="filter-lists"):
                with Vertical():
                    yield Label("Tags (all)")
                    yield SelectionList[str](
                        *((tag, tag, tag in derived) for tag in DERIVED_TAGS), id="filter-tags"
                    )
                with Vertical():
                    yield Label("Status (any)")
                    yield SelectionList[str](
                        *(
                            (STATUS_WORDS[s.value], s.value, s.value in self._query.statuses)
                            for s in Status
                        ),
                        id="filter-status",
                    )
                with Vertical():
                    yield Label("Cost (any)")
                    yield SelectionList[str](
                        *(
                            (words, key, key in self._query.cost_classes)
                            for key, words in COST_WORDS.items()
                        ),
                        id="filter-cost",
                    )
            with Horizontal(id="filter-own"):
                yield Label("Your tags (all): ")
                yield Input(
                    " ".join(own),
                    placeholder="e.g. hot fintech",
                    id="filter-own-tags",
                    compact=True,
                )
            with Horizontal(classes="buttons"):
                yield Button("Apply", variant="primary", id="apply", compact=True)
                yield Button("Clear", id="clear", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def chosen(self) -> QueueQuery:
        """The query with the filters as ticked now."""
        derived = self.query_one("#filter-tags", SelectionList).selected
        own = parse_user_tags(self.query_one("#filter-own-tags", Input).value)
        statuses = self.query_one("#filter-status", SelectionList).selected
        costs = self.query_one("#filter-cost", SelectionList).selected
        return replace(
            self._query,
            tags=(*(t for t in DERIVED_TAGS if t in derived), *own),
            statuses=tuple(s.value for s in Status if s.value in statuses),
            cost_classes=tuple(str(c) for c in COST_WORDS if c in costs),
        )

    @on(Input.Submitted)
    @on(Button.Pressed, "#apply")
    def action_apply(self) -> None:
        self._apply(self, self.chosen())

    @on(Button.Pressed, "#clear")
    def action_clear(self) -> None:
        for selection in self.query(SelectionList):
            selection.deselect_all()
        self.query_one("#filter-own-tags", Input).value = ""

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
