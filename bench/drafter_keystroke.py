"""The drafter's whole keystroke: a key press to the counters, findings and underlines on screen.

    .venv/bin/python bench/drafter_keystroke.py [--runs 9] [--keys 20]

``bench/lint_keystroke.py`` times the checks alone; this times what the user waits for. Headless
(``App.run_test``, 120x40), two apps take turns, a fresh session of each per round, after one
warm-up round of each that is not counted:

- the candidate: the real app on a database holding one prospect (a Sales Navigator pool), its
  drafter open on that prospect with the 2,000-character InMail body of ``lint_keystroke.py``
  (31 findings) and its subject; the cursor at the end of the body. Each key types one letter;
  it is timed from the key event to the first frame the app hands its driver after the editor
  has checked the new text (``DraftEditor.check``: the checks, both counters, the findings list
  and the body's underlines, all in that one handler);
- the floor: a bare Textual app holding one bare ``TextArea`` (soft wrap, no cursor-line
  highlight, as the drafter's) with the same text, the cursor at the end, taking the same keys,
  timed to the first frame after the letter is in its text.

What the floor leaves out: the checks, the counters, the findings list and the underlines (the
drafter's whole point), and the drafter's other widgets (the prospect card, the cost, the
subject, the tabs, the footer). Prints the median and 95th percentile of each and the ratio of
the medians; no target was set for it (issue 13 asks for the figure).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
from datetime import date
from functools import partial
from pathlib import Path

from lint_keystroke import realistic_body
from queue_screen import PaintClock, settle
from textual.app import App, ComposeResult
from textual.widgets import TextArea

from inmail_tui.planner import Planner
from inmail_tui.settings import Settings
from inmail_tui.tui.app import InmailApp
from inmail_tui.tui.screens.drafter import DrafterScreen
from inmail_tui.tui.widgets.draft_editor import DraftEditor

TODAY = date(2026, 11, 26)
SIZE = (120, 40)
SUBJECT = "Forecast timing at Zalando"
BODY = realistic_body(2000)
LETTERS = "etaoinshrdlu"


def seed(folder: Path) -> tuple[Path, int]:
    """A database with a pool and one prospect; the prospect's id."""
    db = folder / "drafter.db"
    planner = Planner.open(db, TODAY, Settings())
    planner.credits.set_plan("sales_navigator_core", 1, 140)
    leads = folder / "leads.csv"
    leads.write_text(
        "LinkedIn URL,Full Name,Company,Degree\n"
        "https://www.linkedin.com/in/priya-rao,Priya Rao,Zalando,2nd\n",
        "utf-8",
    )
    planner.transfer.import_file(leads)
    return db, planner.queue.ids(["https://www.linkedin.com/in/priya-rao"])[0]


def checked(editor: DraftEditor, before: object) -> bool:
    """The editor has checked a new text (counters, findings and underlines shown with it)."""
    return editor.result is not before


def typed(area: TextArea, length: int) -> bool:
    return len(area.text) > length


async def drafter_round(db: Path, prospect: int, keys: int) -> list[float]:
    app = InmailApp(str(db), TODAY, Settings())
    times: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        clock = PaintClock(app)
        await settle(pilot)
        app.open_drafter(prospect)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DrafterScreen)
        editor = screen.query_one(DraftEditor)
        editor.load(SUBJECT, BODY)
        editor.check()
        area = editor.area
        area.focus()
        area.move_cursor(area.document.end)
        await settle(pilot)
        for n in range(keys):
            key, before = LETTERS[n % len(LETTERS)], editor.result
            times.append(await clock.time(app, key, partial(checked, editor, before)))
            await pilot.pause()
    return times


class FloorApp(App[None]):
    def compose(self) -> ComposeResult:
        yield TextArea(BODY, soft_wrap=True, tab_behavior="focus", highlight_cursor_line=False)


async def floor_round(keys: int) -> list[float]:
    app = FloorApp()
    times: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        clock = PaintClock(app)
        area = app.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)
        await pilot.pause()
        for n in range(keys):
            key, length = LETTERS[n % len(LETTERS)], len(area.text)
            times.append(await clock.time(app, key, partial(typed, area, length)))
            await pilot.pause()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--keys", type=int, default=20)
    args = parser.parse_args()
    ours: list[float] = []
    floor: list[float] = []
    with tempfile.TemporaryDirectory(prefix="inmail-drafter-") as tmp:
        db, prospect = seed(Path(tmp))
        asyncio.run(drafter_round(db, prospect, args.keys))  # warm-up rounds, not counted
        asyncio.run(floor_round(args.keys))
        for _ in range(args.runs):
            ours += asyncio.run(drafter_round(db, prospect, args.keys))
            floor += asyncio.run(floor_round(args.keys))
    print(f"\n{len(BODY):,}-character body, {args.runs} rounds of {args.keys} keys, 120x40")
    print(f"{'key press -> on screen (ms)':40} {'median':>8} {'p95':>8}")
    for name, found in (
        ("drafter (counters, findings, underlines)", ours),
        ("bare TextArea", floor),
    ):
        p95 = statistics.quantiles(found, n=20)[-1]
        print(f"{name:40} {statistics.median(found):8.2f} {p95:8.2f}")
    print(f"ratio of the medians: {statistics.median(ours) / statistics.median(floor):.2f}x")


if __name__ == "__main__":
    main()
