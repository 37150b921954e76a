"""The README's screenshots, made by the app itself on the demo data.

    .venv/bin/python docs/screens.py

Seeds the demo database (``inmail-tui demo``'s) in a temporary folder as of a fixed day, runs the
app headless at 120x40 (``App.run_test``), waits until each screen has its data, and saves it
with ``App.save_screenshot`` as ``docs/screens/<screen>.svg``: Today (the demo has prospects, so
the app opens on it), the balance, the queue, the queue with the prospect detail pane beside it
(170x40), and the drafter. Nothing reads the user's data
folder or settings file; run it again after a change to a screen and commit the SVGs.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.tui.pilot: the Pilot helpers the tests wait with

from textual.widgets import Input, TextArea  # noqa: E402

from inmail_tui.planner.demo import seed_demo  # noqa: E402
from inmail_tui.settings import Settings  # noqa: E402
from inmail_tui.tui.app import InmailApp  # noqa: E402
from inmail_tui.tui.widgets.prospect_detail import ProspectDetailPane  # noqa: E402
from tests.tui.pilot import open_balance, open_drafter, open_queue, settle, until  # noqa: E402

TODAY = date(2026, 11, 25)  # the README's day: 6 days before a grant, credits at risk
SIZE = (120, 40)
WIDE = (170, 40)
OUT = ROOT / "docs" / "screens"
BODY = (
    "Hi {first},\n\nI am a recruiter at Northwind and I have a great opportunity for you. "
    "Your work on the payments platform stood out.\n\nLet's jump on a call this week: "
    "when are you free?\n\nBest,\nSam"
)


async def shoot(db: Path) -> list[Path]:
    saved: list[Path] = []

    def save(app: InmailApp, name: str) -> None:
        saved.append(Path(app.save_screenshot(f"{name}.svg", str(OUT))))

    app = InmailApp(str(db), TODAY, Settings())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        save(app, "today")
        await open_balance(pilot)
        save(app, "balance")
        queue = await open_queue(pilot)
        save(app, "queue")
        current = queue.table.current
        assert current is not None
        drafter = await open_drafter(pilot, current.row.id)
        # as a user would type it: a generic subject and an opener about oneself get findings
        drafter.query_one("#draft-subject", Input).value = "Quick question"
        drafter.query_one("#draft-body", TextArea).text = BODY.format(first=current.row.first_name)
        await settle(pilot)
        save(app, "drafter")

    app = InmailApp(str(db), TODAY, Settings())
    async with app.run_test(size=WIDE) as pilot:
        await open_queue(pilot)
        await pilot.press("down", "down")
        pane = app.screen.query_one(ProspectDetailPane)
        await until(pilot, lambda: pane.shown is not None, "the prospect detail")
        await settle(pilot)
        save(app, "queue-detail")
    return saved


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="inmail-tui-screens-") as tmp:
        db = Path(tmp) / "demo.sqlite"
        seed_demo(str(db), TODAY, Settings())
        for path in asyncio.run(shoot(db)):
            print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
