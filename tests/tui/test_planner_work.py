"""The one way the TUI runs planner work (``app.work``): writes one at a time in the order asked,
a superseded read's answer dropped, and after a write every screen reloads exactly once."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.message import Message

import inmail_tui.tui.app
from inmail_tui.core.model import Channel
from inmail_tui.errors import UserError
from inmail_tui.planner import Planner
from inmail_tui.settings import Settings
from inmail_tui.tui.app import InmailApp
from inmail_tui.tui.planner_work import JobFailed
from inmail_tui.tui.widgets.gauge import CreditGauge
from inmail_tui.tui.widgets.queue_table import QueueTable
from tests.tui.pilot import MakeApp, open_balance, open_drafter, open_queue, press, settle, until

TODAY = date(2026, 1, 15)
URL = "https://www.linkedin.com/in/{}"


def seed(db: Path, tmp_path: Path) -> Planner:
    """Recruiter Lite (a reply gives the credit back) holding 30; Ann was sent an InMail."""
    planner = Planner.open(db, TODAY, Settings())
    planner.credits.set_plan("recruiter_lite", 1, 30)
    leads = tmp_path / "leads.csv"
    leads.write_text(
        "LinkedIn URL,Full Name,Degree,Priority\n"
        f"{URL.format('ann')},Ann Lee,2nd,3\n{URL.format('bob')},Bob Ray,2nd,2\n"
    )
    planner.transfer.import_file(leads)
    planner.outreach.mark_sent(URL.format("ann"), Channel.INMAIL, "Your team", "A priority?")
    return planner


def counted(
    monkeypatch: pytest.MonkeyPatch, calls: Counter[str], service: object, name: str
) -> None:
    """Count the calls of ``service.name`` (on this planner only) in ``calls``."""
    real: Callable[..., Any] = getattr(service, name)

    def call(*args: Any, **kwargs: Any) -> Any:
        calls[f"{type(service).__name__}.{name}"] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(service, name, call)


async def test_marking_a_response_in_the_queue_reloads_every_screen_once(
    db: Path, tmp_path: Path, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    bob = seed(db, tmp_path).queue.prospect(URL.format("bob")).row.id
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_balance(pilot)
        assert app.screen.query_one(CreditGauge).figures == (29, 120)
        await open_drafter(pilot, bob)  # the drafter shows Bob: it listens for changes too
        await pilot.press("escape")  # out of the text, so that q is a key
        queue = await open_queue(pilot)
        current = queue.query_one(QueueTable).current
        assert current is not None and current.row.full_name == "Ann Lee"
        assert app.planner is not None
        calls: Counter[str] = Counter()
        for service, name in (
            (app.planner.queue, "page"),
            (app.planner.queue, "summary"),
            (app.planner.credits, "balance"),
            (app.planner.analytics, "view"),
            (app.planner.drafts, "draft_context"),
            (app.planner.agenda, "day"),  # Today, out of sight: once back, not now
        ):
            counted(monkeypatch, calls, service, name)
        await press(pilot, "r")  # Ann replied: her credit comes back
        assert calls == {
            "QueueService.page": 1,  # the queue's page, once
            "QueueService.summary": 1,  # and its summary line, counted after the page painted
            "CreditsService.balance": 1,  # the balance screen's view
            "AnalyticsService.view": 1,  # and its analytics
            "DraftService.draft_context": 1,  # the drafter's prospect
        }
        await press(pilot, "b")
        assert app.screen.query_one(CreditGauge).figures == (30, 120)


async def test_writes_run_one_at_a_time_in_the_order_they_were_asked_for(
    db: Path, tmp_path: Path, make_app: MakeApp
) -> None:
    seed(db, tmp_path)
    app = make_app()
    order: list[int] = []
    running: list[int] = []
    overlaps: list[int] = []
    guard = threading.Lock()

    def job(number: int) -> Callable[[Planner], None]:
        def run(planner: Planner) -> None:
            with guard:
                running.append(number)
                overlaps.append(len(running))
            planner.queue.total()  # a little real work, so that the threads could overlap
            with guard:
                running.remove(number)
                order.append(number)

        return run

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for number in range(20):
            app.work.write(app, job(number))
        await settle(pilot)
    assert order == list(range(20))
    assert set(overlaps) == {1}


class Answer(Message):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class AnsweredApp(InmailApp):
    """The app, keeping the answers of the reads a test asks for."""

    CSS_PATH = str(Path(inmail_tui.tui.app.__file__).parent / InmailApp.CSS_PATH)

    def __init__(self, db: Path) -> None:
        super().__init__(str(db), TODAY, Settings())
        self.answers: list[str] = []

    def on_answer(self, message: Answer) -> None:
        self.answers.append(message.text)


async def test_a_read_superseded_by_a_newer_one_with_its_key_is_not_answered(
    db: Path, tmp_path: Path
) -> None:
    seed(db, tmp_path)
    app = AnsweredApp(db)
    first_may_end = threading.Event()

    def slow(planner: Planner) -> str:
        first_may_end.wait(timeout=10)
        return "first"

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.work.read(app, slow, Answer, key="search")
        app.work.read(app, lambda planner: "second", Answer, key="search")
        await until(pilot, lambda: app.answers == ["second"], "the second read's answer")
        first_may_end.set()
        await settle(pilot)
        assert app.answers == ["second"]
        app.work.read(app, lambda planner: "other key", Answer, key="count")
        await settle(pilot)
        assert app.answers == ["second", "other key"]


class FailuresApp(AnsweredApp):
    """The app, keeping which of its jobs failed: a read or a write."""

    def on_job_failed(self, message: JobFailed) -> None:
        self.answers.append("write failed" if message.wrote else "read failed")


async def test_a_failure_says_whether_a_read_or_a_write_failed(db: Path, tmp_path: Path) -> None:
    """A screen that took a line off before its write answered puts it back only when that
    write failed, not when a read of its failed meanwhile (the Today screen)."""
    seed(db, tmp_path)
    app = FailuresApp(db)

    def refused(planner: Planner) -> str:
        raise UserError("Refused.")

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.work.read(app, refused, Answer)
        await until(pilot, lambda: app.answers == ["read failed"], "the read's failure")
        app.work.write(app, refused)
        await until(pilot, lambda: app.answers[-1:] == ["write failed"], "the write's failure")
