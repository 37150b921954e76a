"""After an archive import that found InMails missing from the ledger: the confirmation that
records them as spends (the import again, with ``apply_spends``), or leaves the ledger alone
because the balance was already reconciled by hand."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.screen import Screen

from inmail_tui.core.words import credits
from inmail_tui.tui.planner_work import planner_work
from inmail_tui.tui.screens.confirm import ConfirmScreen

if TYPE_CHECKING:
    from inmail_tui.planner import Planner
    from inmail_tui.planner.archive_summary import ArchiveResult

SHOWN_SPENDS = 8


def spends_question(result: ArchiveResult) -> str:
    """The InMails found without a spend, and what recording them does."""
    found = len(result.spends)
    lines = [
        f"The archive holds {found:,} InMail{'s' if found != 1 else ''} the ledger has no"
        " spend for:",
    ]
    lines += [
        f"  {spend.on.isoformat()}  {spend.name or spend.url}  {spend.subject}"
        for spend in result.spends[:SHOWN_SPENDS]
    ]
    if found > SHOWN_SPENDS:
        lines.append(f"  and {found - SHOWN_SPENDS:,} more")
    lines.append(
        "Record them as spends on their dates? Skip this if you have already set the balance"
        " to the one LinkedIn shows."
    )
    return "\n".join(lines)


def offer_spends(
    screen: Screen[Any], result: ArchiveResult, reply: Callable[[ArchiveResult], Message]
) -> None:
    """Ask whether to record the spends ``result`` found missing; on yes, record them (a
    planner write) and post ``reply(result)`` to ``screen``."""
    if result.dry_run or result.spends_applied or not result.spends or not result.source:
        return
    source = result.source

    def record(planner: Planner) -> ArchiveResult:
        return planner.archive.import_archive(source, apply_spends=True)

    def confirmed(yes: bool | None) -> None:
        if yes:
            planner_work(screen).write(screen, record, reply)

    screen.app.push_screen(
        ConfirmScreen(
            "InMails missing from the ledger",
            spends_question(result),
            "Record spends",
            cost=credits(len(result.spends)),
            danger=True,
        ),
        confirmed,
    )
