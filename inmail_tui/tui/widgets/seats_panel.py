"""The seats of a team pool on the balance screen: your seat's use of its monthly limit, and
every seat's use this month. Hidden on a solo pool (no seats). Seat names are plain text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.message import Message
from textual.widgets import Static

from inmail_tui.core.text import terminal_safe
from inmail_tui.tui.planner_work import planner_work

if TYPE_CHECKING:
    from inmail_tui.planner.team import SeatUsage, TeamView


class TeamLoaded(Message, bubble=False):
    """The pool's seats and their usage, as just read."""

    def __init__(self, view: TeamView) -> None:
        super().__init__()
        self.view = view


def _limit(seat: SeatUsage) -> str:
    return "-" if seat.monthly_limit is None else f"{seat.monthly_limit:,}"


def seats_table(view: TeamView) -> Table:
    """Each seat's use this month against its limit; yours marked with *."""
    table = Table(box=None, padding=(0, 1, 0, 0), expand=True, show_edge=False)
    table.add_column("Seat", ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column("Used", justify="right")
    table.add_column("Limit", justify="right")
    for seat in view.seats:
        name = Text(terminal_safe(seat.name) + (" *" if seat.mine else ""))
        if seat.mine:
            name.stylize("bold")
        used = Text(f"{seat.used_this_month:,}")
        if seat.left == 0:
            used.stylize("red")
        table.add_row(name, used, _limit(seat))
    if view.without_seat:
        table.add_row(Text("(no seat)", style="dim"), f"{view.without_seat:,}", "")
    return table


def mine_line(view: TeamView) -> str:
    mine = view.mine
    if mine is None:
        return "No seat chosen (--seat NAME, or seat in settings.toml)"
    name = terminal_safe(mine.name)
    if mine.monthly_limit is None:
        return f"You ({name}): {mine.used_this_month:,}, no limit"
    return f"You ({name}): {mine.used_this_month:,} of {mine.monthly_limit:,}, {mine.left:,} left"


class SeatsPanel(Static):
    """Reads ``planner.team.view()`` when asked (after each balance reload) and shows it."""

    DEFAULT_CSS = """
    SeatsPanel {
        display: none;
        width: 1fr;
        height: auto;
        max-height: 12;
        border: round $primary 60%;
        border-title-color: $text-primary;
        padding: 0 1;
    }
    SeatsPanel.-team {
        display: block;
    }
    """

    def on_mount(self) -> None:
        self.border_title = "Seats this month"

    def load(self) -> None:
        planner_work(self).read(self, lambda p: p.team.view(), TeamLoaded, key="balance.seats")

    def on_team_loaded(self, message: TeamLoaded) -> None:
        self.show(message.view)

    def show(self, view: TeamView) -> None:
        self.set_class(bool(view.seats), "-team")
        if not view.seats:
            return
        grid = Table.grid(expand=True)
        grid.add_row(Text(mine_line(view)))
        grid.add_row(Text(""))
        grid.add_row(seats_table(view))
        self.update(grid)
