"""What the Pilot tests share: waiting for the app's planner work, waiting for a condition,
pressing keys and waiting, and reading what the app said in toasts.

- :func:`settle`: the app is idle. Its first frame is painted (the planner opens after it), no
  planner job is queued or running (``app.work.busy``), every worker has finished, and what they
  posted has been handled (a handler may start more work: it is waited for too).
- :func:`until`: poll a condition, a few milliseconds at a time, and fail with a sentence saying
  what never happened. For waits that have a condition (a timer's search, say): no fixed sleeps.
- :func:`press`: press keys, then settle.
- :func:`open_queue`: the queue mode, its first page shown and counted.
- :func:`open_balance`: the balance mode (a database with prospects opens on the Today screen).
- :func:`open_drafter`: the drafter mode, showing a prospect (as the queue's ``d`` opens it).
- :class:`Toasts`: the toasts the app showed (``notify``), recorded as they are made.

Import them as ``from tests.tui.pilot import settle`` (the repository root is on ``sys.path``
under ``python -m pytest``, and the package is installed in editable mode).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from textual.app import App
from textual.notifications import SeverityLevel
from textual.pilot import Pilot
from textual.widgets import OptionList
from textual.worker import Worker

from inmail_tui.planner import Planner
from inmail_tui.settings import Settings
from inmail_tui.tui.app import WATCH_GROUP, InmailApp
from inmail_tui.tui.screens.balance import BalanceScreen
from inmail_tui.tui.screens.drafter import DrafterScreen
from inmail_tui.tui.screens.queue import QueueScreen

TIMEOUT = 10.0  # seconds: far above any wait on this machine; a hang fails instead of stalling
DIRECTORY_LOADER = "_loader"  # the file tree's worker group: it waits for paths for ever
FOREVER = (DIRECTORY_LOADER, WATCH_GROUP)  # workers that run as long as their owner: not waited


class MakeApp(Protocol):
    """The ``make_app`` fixture: the app on the test's temp database and settings."""

    def __call__(
        self,
        today: date = ...,
        settings: Settings | None = None,
        keys: dict[str, str] | None = None,
    ) -> InmailApp: ...


OpenPlanner = Callable[[], Planner]
"""The ``planner`` fixture: a fresh planner on the test's database, to check what was stored."""


async def until(
    pilot: Pilot[Any], condition: Callable[[], object], what: str, timeout: float = TIMEOUT
) -> None:
    """Poll ``condition`` until it is true; fail with "gave up waiting for ``what``" after
    ``timeout`` seconds."""
    give_up = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > give_up:
            raise AssertionError(f"gave up waiting for {what} after {timeout:g} s")
        await pilot.pause(0.01)


def _running(app: App[Any]) -> list[Worker[Any]]:
    return [w for w in app.workers if not w.is_finished and w.group not in FOREVER]


def _busy(app: App[Any]) -> bool:
    return bool(_running(app)) or (isinstance(app, InmailApp) and app.work.busy)


async def settle(pilot: Pilot[Any]) -> None:
    """Until the app is idle: first frame painted, no planner job queued or running, every
    worker finished and its messages handled."""
    app = pilot.app
    if isinstance(app, InmailApp):
        await until(pilot, lambda: app.first_frame_painted, "the first frame")
    await pilot.pause()
    give_up = time.monotonic() + TIMEOUT
    while _busy(app):
        if time.monotonic() > give_up:
            raise AssertionError(f"gave up waiting for the app's work after {TIMEOUT:g} s")
        if running := _running(app):
            left = max(0.0, give_up - time.monotonic())
            await asyncio.wait_for(app.workers.wait_for_complete(running), timeout=left)
        await pilot.pause()
    await pilot.pause()


async def press(pilot: Pilot[Any], *keys: str) -> None:
    """Press ``keys``, then :func:`settle`."""
    await pilot.press(*keys)
    await settle(pilot)


async def open_queue(pilot: Pilot[Any]) -> QueueScreen:
    """Press ``q`` (once the app is idle) and wait until the queue's first page is counted."""
    await settle(pilot)
    await press(pilot, "q")
    screen = pilot.app.screen
    assert isinstance(screen, QueueScreen)
    return screen


async def open_balance(pilot: Pilot[Any]) -> BalanceScreen:
    """Once the app is idle, the balance screen: pressing ``b`` if the app went on to the Today
    screen (it does once the database has prospects)."""
    await settle(pilot)
    app = pilot.app
    assert isinstance(app, InmailApp)
    if app.current_mode != "balance":
        await press(pilot, "b")
    screen = app.screen
    assert isinstance(screen, BalanceScreen)
    return screen


async def open_drafter(pilot: Pilot[Any], prospect_id: int) -> DrafterScreen:
    """Open ``prospect_id`` in the drafter, as the queue's ``d`` does; wait until it is shown."""
    app = pilot.app
    assert isinstance(app, InmailApp)
    await settle(pilot)
    app.open_drafter(prospect_id)

    def shown() -> bool:
        screen = app.screen
        context = screen.session.context if isinstance(screen, DrafterScreen) else None
        return context is not None and context.item.row.id == prospect_id

    await until(pilot, shown, f"the drafter to show prospect {prospect_id}")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, DrafterScreen)
    return screen


async def pick_plan(pilot: Pilot[Any], plan_id: str) -> None:
    """Move the onboarding list's cursor to ``plan_id`` and press enter."""
    plans = pilot.app.screen.query_one("#plans", OptionList)
    target = next(i for i, option in enumerate(plans.options) if option.id == plan_id)
    for _ in range(target - (plans.highlighted or 0)):
        await pilot.press("down")
    await pilot.press("enter")


@dataclass(frozen=True, slots=True)
class Toast:
    message: str
    severity: SeverityLevel


class Toasts:
    """Every toast ``app`` shows from now on (``app.notify`` is wrapped: the toast still shows).

    ``toasts.messages`` is their text in order; ``toasts.of("warning")`` those of one severity.
    """

    def __init__(self, app: App[Any]) -> None:
        self.shown: list[Toast] = []
        notify = app.notify

        def record(
            message: str, *args: Any, severity: SeverityLevel = "information", **kw: Any
        ) -> None:
            self.shown.append(Toast(str(message), severity))
            notify(message, *args, severity=severity, **kw)

        app.notify = record  # type: ignore[method-assign]

    @property
    def messages(self) -> list[str]:
        return [toast.message for toast in self.shown]

    def of(self, severity: SeverityLevel) -> list[str]:
        return [toast.message for toast in self.shown if toast.severity == severity]
