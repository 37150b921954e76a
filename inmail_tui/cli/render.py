"""Plain-text renderings shared by CLI commands, and ``say``: how every line of text is printed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from inmail_tui.core.text import terminal_safe
from inmail_tui.core.words import plural

if TYPE_CHECKING:
    from inmail_tui.core.forecast import ForecastRow
    from inmail_tui.planner import BalanceView


def say(line: str = "", *, err: bool = False) -> None:
    """Print one line of text output (stdout, or stderr with ``err``).

    Every line a command prints goes through here, so names, notes and file names from the
    user's data reach the terminal with their control characters shown as symbols
    (``core.text.terminal_safe``): an escape sequence in an imported name is shown, never run.
    """
    click.echo(terminal_safe(line), err=err)


def day(d: object) -> str:
    from datetime import date

    from inmail_tui.core.words import full_day

    return full_day(d) if isinstance(d, date) else "-"


def balance_lines(view: BalanceView) -> list[str]:
    lines = [
        f"{view.plan.name} ({view.pool}): {view.balance} of {view.cap} credits",
    ]
    if view.next_grant is not None:
        left = "" if view.days_left is None else f" (in {plural(view.days_left, 'day')})"
        lines.append(f"Next grant: +{view.allowance} on {day(view.next_grant)}{left}")
    else:
        lines.append("No further grants.")
    lines.append(view.forfeit_warning)
    if view.pending_credit_back:
        lines.append(f"Pending credit-backs: {view.pending_credit_back}")
    lines.append(f"Spent this cycle: {view.spent_this_cycle}")
    if view.clock_warning:
        lines.append(view.clock_warning)
    return lines


def forecast_lines(rows: Sequence[ForecastRow]) -> list[str]:
    lines = [f"{'date':<12} {'grant':>6} {'forfeit':>8} {'balance':>8}"]
    lines += [
        f"{r.date.isoformat():<12} {r.grant:>6} {r.forfeit:>8} {r.balance_after:>8}" for r in rows
    ]
    return lines
