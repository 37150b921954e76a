"""The pool's ledger history, newest first, in a DataTable. Notes are shown as plain text.

The last column ("For", the user's words) gets the width the others leave, and a longer text is
cut there with "…": the table never scrolls sideways. The full text is the row's tooltip (under
the mouse), and enter on a row shows it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.content import Content
from textual.coordinate import Coordinate
from textual.widgets import DataTable

from inmail_tui.core.model import EventKind, LedgerEvent
from inmail_tui.core.text import terminal_safe

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
    EventKind.VOID: "Voided (wrong date)",
}
MIN_NOTE_WIDTH = 8  # below this the last column is not cut further (the table scrolls instead)


def _row(event: LedgerEvent) -> tuple[str, str, Text, str]:
    style = "green" if event.amount > 0 else "red" if event.amount < 0 else ""
    return (
        event.on.isoformat(),
        KIND_LABELS[event.kind],
        Text(f"{event.amount:+,}", style=style, justify="right"),
        terminal_safe(event.note or event.ref or ""),  # the user's words: a prospect's name
    )


def cut(text: str, width: int) -> Text:
    """``text`` as plain text in at most ``width`` cells, ending in "…" when it was cut."""
    shown = Text(text, no_wrap=True)
    shown.truncate(max(1, width), overflow="ellipsis")
    return shown


class LedgerTable(DataTable[str | Text]):
    """At most ``MAX_ROWS`` events; the border subtitle says "N of M" when there are more.

    Column widths are measured here and set on the columns: the DataTable's own measuring
    happens later, on idle, and may leave rows drawn at the header's widths.
    """

    MAX_ROWS: ClassVar[int] = 200
    HEADERS: ClassVar[tuple[str, ...]] = ("Date", "Event", "Amount", "For")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[tuple[str, str, Text, str]] = []
        self._note_width: int | None = None  # the last column's width as drawn (None: not yet)

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        self.watch(self, "hover_coordinate", self._hovered, init=False)
        self.show([])

    def show(self, history: Sequence[LedgerEvent]) -> None:
        self._rows = [_row(event) for event in history[: self.MAX_ROWS]]
        shown = len(self._rows)
        self.border_subtitle = f"{shown} of {len(history)} events" if history else "no events yet"
        self._draw()

    def note(self, row: int) -> str:
        """Row ``row``'s full "For" text (the cell may show it cut)."""
        return self._rows[row][3] if 0 <= row < len(self._rows) else ""

    def on_resize(self) -> None:
        if self._note_width != self._room_for_note():
            self._draw()

    def _widths(self) -> list[int]:
        return [
            max([cell_len(header), *(cell_len(str(row[index])) for row in self._rows)])
            for index, header in enumerate(self.HEADERS)
        ]

    def _room_for_note(self) -> int | None:
        """The cells left for the last column, or None before the table has a size."""
        width = self.content_region.width
        if not width:
            return None
        if len(self._rows) + 1 > self.content_region.height:  # rows and header: a scrollbar
            width -= self.styles.scrollbar_size_vertical
        used = sum(w + 2 * self.cell_padding for w in self._widths()[:-1])
        return max(MIN_NOTE_WIDTH, width - used - 2 * self.cell_padding)

    def _draw(self) -> None:
        widths = self._widths()
        room = self._room_for_note()
        self._note_width = room
        if room is not None:
            widths[-1] = min(widths[-1], room)
        cursor = self.cursor_row
        self.clear(columns=True)
        for header, width in zip(self.HEADERS, widths, strict=True):
            label = Text(header, justify="right") if header == "Amount" else header
            self.add_column(label, width=width, key=header.lower())
        self.add_rows([(*row[:3], cut(row[3], widths[-1])) for row in self._rows])
        if self._rows:
            self.move_cursor(row=min(cursor, len(self._rows) - 1))

    def _is_cut(self, row: int) -> bool:
        return self._note_width is not None and cell_len(self.note(row)) > self._note_width

    def _hovered(self, coordinate: Coordinate) -> None:
        row = coordinate.row
        self.tooltip = Content(self.note(row)) if self._is_cut(row) else None  # never markup

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if self._is_cut(event.cursor_row):
            self.notify(self.note(event.cursor_row), title="For", markup=False)
