"""The pool's ledger history, newest first, in a DataTable. Notes are shown as plain text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len
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


def _row(event: LedgerEvent) -> tuple[str, str, Text, Text]:
    style = "green" if event.amount > 0 else "red" if event.amount < 0 else ""
    return (
        event.on.isoformat(),
        KIND_LABELS.get(event.kind, str(event.kind)),
        Text(f"{event.amount:+,}", style=style, justify="right"),
        Text(event.note or event.ref or ""),
    )


class LedgerTable(DataTable[str | Text]):
    """At most ``MAX_ROWS`` events; the border subtitle says "N of M" when there are more.

    Column widths are measured here and set on the columns: the DataTable's own measuring
    happens later, on idle, and may leave rows drawn at the header's widths.
    """

    MAX_ROWS: ClassVar[int] = 200
    HEADERS: ClassVar[tuple[str, ...]] = ("Date", "Event", "Amount", "For")

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        self.show([])

    def show(self, history: Sequence[LedgerEvent]) -> None:
        rows = [_row(event) for event in history[: self.MAX_ROWS]]
        self.clear(columns=True)
        for index, header in enumerate(self.HEADERS):
            cells = [row[index] for row in rows]
            width = max([cell_len(header), *(cell_len(str(cell)) for cell in cells)])
            label = Text(header, justify="right") if header == "Amount" else header
            self.add_column(label, width=width, key=header.lower())
        self.add_rows(rows)
        shown = len(rows)
        self.border_subtitle = f"{shown} of {len(history)} events" if history else "no events yet"
