"""The pool's ledger history, newest first, in a DataTable. Notes are shown as plain text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.widgets import DataTable

from inmail_tui.core.model import EventKind, LedgerEvent

KIND_LABELS: dict[EventKind, str] = {
    EventKind.OPEN: "Opening balance",
    EventKind.GRANT: "Monthly grant",
    EventKind.FORFEIT: "Forfeit (over the cap)",
    EventKind.SPEND: "Spent",
    EventKind.CREDIT_BACK: "Credit back",
    EventKind.PURCHASE: "Purchase",
    EventKind.EXPIRE: "Expired",
    EventKind.ADJUST: "Reconciled",
    EventKind.CANCEL: "Cancelled",
}


class LedgerTable(DataTable[str | Text]):
    """At most ``MAX_ROWS`` events; the border subtitle says "N of M" when there are more."""

    MAX_ROWS: ClassVar[int] = 200

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        self.add_column("Date", key="date")
        self.add_column("Event", key="event")
        self.add_column(Text("Amount", justify="right"), key="amount")
        self.add_column("For", key="note")

    def show(self, history: Sequence[LedgerEvent]) -> None:
        self.clear()
        for event in history[: self.MAX_ROWS]:
            style = "green" if event.amount > 0 else "red" if event.amount < 0 else ""
            self.add_row(
                event.on.isoformat(),
                KIND_LABELS.get(event.kind, str(event.kind)),
                Text(f"{event.amount:+,}", style=style, justify="right"),
                Text(event.note or event.ref or ""),
            )
        shown = min(len(history), self.MAX_ROWS)
        self.border_subtitle = f"{shown} of {len(history)} events" if history else "no events yet"
