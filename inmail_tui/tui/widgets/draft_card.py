"""The prospect the draft is for: name, title, company, tags and where they are in the pipeline.

Everything here is the user's data, so it is shown as plain text, never as markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from inmail_tui.core.model import Status
from inmail_tui.core.text import terminal_safe
from inmail_tui.core.words import first_up

if TYPE_CHECKING:
    from inmail_tui.planner.queue import QueueItem

NO_PROSPECT = "No prospect chosen. Open one from the queue (q) with its draft key."


def card_content(item: QueueItem) -> Content:
    row = item.row
    name = row.full_name or " ".join(p for p in (row.first_name, row.last_name) if p) or row.url
    name = terminal_safe(name)  # the user's words: never an escape sequence, never markup
    role = terminal_safe(" at ".join(p for p in (row.title, row.company) if p))
    status = Status(row.status).label
    parts: list[str | tuple[str, str]] = [(name, "bold"), "\n"]
    if role:
        parts += [role, "\n"]
    if item.tags:
        parts += [(terminal_safe(" ".join(item.tags)), "$text-accent"), "\n"]
    parts += [(f"{first_up(status)} · priority {row.priority}", "$text-muted"), "\n"]
    parts.append((f"Next: {item.next_action.label}", "$text-muted"))
    return Content.assemble(*parts)


class ProspectCard(Static):
    DEFAULT_CSS = """
    ProspectCard {
        height: auto;
        border: round $primary 50%;
        border-title-color: $text-primary;
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Content(NO_PROSPECT), id=id)
        self.border_title = "Prospect"

    def show(self, item: QueueItem | None) -> None:
        """``item``'s card; its whole text is the tooltip too (a narrow card cuts its lines)."""
        content = Content(NO_PROSPECT) if item is None else card_content(item)
        self.update(content)
        self.tooltip = Content(content.plain)  # plain: the user's words are never markup
