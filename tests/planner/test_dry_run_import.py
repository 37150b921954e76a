"""``import --dry-run`` through the planner: a send in another window goes through while it
runs (issue 9, item 3), and the dry run writes nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from inmail_tui.core.model import Channel
from inmail_tui.planner import Planner
from inmail_tui.settings import Settings

TODAY = date(2026, 1, 15)
ANA = "https://www.linkedin.com/in/ana"


def planner_on(db: str) -> Planner:
    return Planner.open(db, TODAY, Settings())


def test_a_send_goes_through_while_a_dry_run_reads(tmp_path: Path, db_url: str) -> None:
    db = db_url
    planner_on(db).credits.set_plan("sales_navigator_core", balance=10)
    first = tmp_path / "ana.csv"
    first.write_text(f"Profile URL,Full Name,Degree\n{ANA},Ana Lee,2nd\n", "utf-8")
    planner_on(db).transfer.import_file(first)
    rows = "".join(f"https://www.linkedin.com/in/lead-{n},Lead {n},2nd\n" for n in range(5000))
    big = tmp_path / "big.csv"
    big.write_text("Profile URL,Full Name,Degree\n" + rows, "utf-8")
    sent: list[int | None] = []

    def meanwhile(done: int, _total: int) -> None:
        if not sent:  # another window marks an InMail sent during the dry run
            result = planner_on(db).outreach.mark_sent(
                ANA, Channel.INMAIL, "Your hiring plans", "Hi Ana, is hiring a priority?"
            )
            sent.append(result.balance_after)

    result = planner_on(db).transfer.import_file(big, dry_run=True, progress=meanwhile)
    assert sent == [9]
    assert (result.read, result.added, result.dry_run) == (5000, 5000, True)
    reread = planner_on(db)
    assert reread.queue.total() == 1
    assert reread.credits.balance().balance == 9
