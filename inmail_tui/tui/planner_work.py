"""The one way the TUI runs planner work off the UI thread.

The app owns one :class:`PlannerWork` (``app.work``; :func:`planner_work` finds it from any
screen or widget). A job is a function of the planner, run in a thread worker; its result comes
back as a message the asker declares, posted to the asker:

    work.read(self, lambda p: p.queue.page(query, limit=33), PageLoaded, key="queue.page")
    work.write(self, lambda p: p.queue.set_priority(ids, 1), Prioritised)

Two lanes:

- **writes** run one at a time, in the order they were asked for (the order the keys were
  pressed). After each, the app's refresh job runs (the balance and the analytics, posted to the
  app), the asker gets its reply, and every subscriber gets :class:`DataChanged`: each screen
  reloads what it shows, once. :meth:`PlannerWork.refresh` runs the refresh job alone, in the
  same lane.
- **reads** run at once, beside each other and beside the writes (a page fetch never waits for a
  count). A read with a ``key`` supersedes the older one with that key: its answer is dropped.

A job that fails fails its worker: the app's ``on_worker_state_changed`` shows the error (the one
error path), and the asker gets :class:`JobFailed`, to put itself back as it was. A long job
reports progress through a :class:`ProgressReport`, which also lets the asker cancel it. Jobs
asked for before the planner has opened wait for it; if it cannot be opened, they are dropped
(the balance screen says why).

Nothing here names a planner use case: jobs are callables, so the planner's API is the callers'.
"""

from __future__ import annotations

import threading
import weakref
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from textual.message import Message

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode
    from textual.message_pump import MessagePump

    from inmail_tui.planner import Planner

ResultT = TypeVar("ResultT")
# How long the opening worker waits for the app to paint its early message before it imports the
# planner anyway (a paint takes a few ms; this only bounds a busy or headless app).
EARLY_PAINT_WAIT = 0.5


class DataChanged(Message, bubble=False):
    """A write finished: show the data again, once. ``origin`` is the node that asked for it."""

    def __init__(self, origin: MessagePump) -> None:
        super().__init__()
        self.origin = origin


class JobFailed(Message, bubble=False):
    """A job this node asked for failed (the error dialog says why): put yourself back.
    ``wrote``: it was a write (refused: nothing changed), not a read."""

    def __init__(self, error: BaseException, *, wrote: bool = False) -> None:
        super().__init__()
        self.error = error
        self.wrote = wrote


class Cancelled(Exception):
    """Raised by a cancelled :class:`ProgressReport`: the job stops (an import rolls back)."""


class ProgressReport:
    """A long job's progress callback, ``report(done, total)``: posts ``message(done, total)``
    to ``asker`` at each whole percent. Once :meth:`cancel` was called (on the UI thread), the
    next report raises :class:`Cancelled` in the job."""

    def __init__(self, asker: MessagePump, message: Callable[[int, int], Message]) -> None:
        self._asker = asker
        self._message = message
        self._percent = -1
        self.cancelled = False

    def __call__(self, done: int, total: int) -> None:
        if self.cancelled:
            raise Cancelled
        percent = done * 100 // total if total else 0
        if percent != self._percent:
            self._percent = percent
            self._asker.post_message(self._message(done, total))

    def cancel(self) -> None:
        self.cancelled = True


@dataclass(eq=False, slots=True)
class _Job(Generic[ResultT]):
    asker: MessagePump
    run: Callable[[Planner], ResultT]
    reply: Callable[[ResultT], Message] | None
    key: str | None = None


class PlannerWork:
    """Runs planner jobs for the app's screens and widgets (see the module's docstring).

    ``refresh`` is the app's own reload after every write: a job whose message goes to the app.
    """

    def __init__(self, app: App[Any], refresh: Callable[[Planner], Message]) -> None:
        self._app = app
        self._refresh = refresh
        self.planner: Planner | None = None
        """The open planner; None until it has opened (and for good if it could not)."""
        self._closed = False  # the planner could not be opened: jobs are dropped
        self._writes: deque[_Job[Any] | None] = deque()  # None: the refresh job alone
        self._writing = False
        self._early_reads: list[_Job[Any]] = []  # asked for before the planner opened
        self._latest: dict[str, _Job[Any]] = {}  # the newest read of each key
        self._subscribers: weakref.WeakSet[MessagePump] = weakref.WeakSet()
        self.writes_done = 0
        """How many writes (and refreshes) have finished: the app's watch for another process's
        changes tells its own writes' traces from theirs by it."""
        self.marker_after_write: tuple[object, ...] | None = None
        """The database's change marker read right after the last write, before the screens
        reload: what the app shows from then on (a change by another process after it, even one
        landing before the app's next look, differs from it)."""

    @property
    def busy(self) -> bool:
        """Whether a write is queued or running, or a read waits for the planner to open."""
        return self._writing or bool(self._writes) or bool(self._early_reads)

    # -- asking ---------------------------------------------------------------------------------
    def subscribe(self, node: MessagePump) -> None:
        """Post :class:`DataChanged` to ``node`` after every write, until it closes."""
        self._subscribers.add(node)

    def read(
        self,
        asker: MessagePump,
        job: Callable[[Planner], ResultT],
        reply: Callable[[ResultT], Message],
        *,
        key: str | None = None,
    ) -> None:
        """Run ``job`` now, beside other work; post ``reply(result)`` to ``asker``. A later read
        with the same ``key`` supersedes this one (its reply is dropped)."""
        if self._closed:
            return
        entry = _Job(asker, job, reply, key)
        if key is not None:
            self._latest[key] = entry
        if self.planner is None:
            self._early_reads.append(entry)
        else:
            self._start_read(self.planner, entry)

    def write(
        self,
        asker: MessagePump,
        job: Callable[[Planner], ResultT],
        reply: Callable[[ResultT], Message] | None = None,
    ) -> None:
        """Run ``job`` after the writes asked for before it; then refresh the app, post
        ``reply(result)`` to ``asker`` and :class:`DataChanged` to every subscriber."""
        if not self._closed:
            self._writes.append(_Job(asker, job, reply))
            self._next_write()

    def refresh(self) -> None:
        """Run the app's refresh job alone, in the writes' order (nothing changed here)."""
        if not self._closed:
            self._writes.append(None)
            self._next_write()

    # -- opening --------------------------------------------------------------------------------
    def open(
        self, opener: Callable[[], Planner], early: Callable[[], Message | None] | None = None
    ) -> None:
        """Open the planner in a worker (``opener``), refresh the app, then run what waited.
        ``early``: read first in the same worker, before the planner is imported; its message
        (if any) is posted at once (the balance screen's first data), and the planner is opened
        once the app has painted it (or after ``EARLY_PAINT_WAIT`` seconds)."""
        self._app.run_worker(
            partial(self._open, opener, early),
            thread=True,
            group="planner-open",
            description="open the planner",
            exit_on_error=False,
        )

    def _open(  # in the worker thread
        self, opener: Callable[[], Planner], early: Callable[[], Message | None] | None
    ) -> None:
        try:
            first = early() if early is not None else None
            if first is not None:
                # shown and painted before the planner's imports compete for the interpreter
                painted = threading.Event()
                self._app.post_message(first)
                self._app.call_later(self._app.call_after_refresh, painted.set)
                painted.wait(EARLY_PAINT_WAIT)
            planner = opener()
            refreshed = self._refresh(planner)
        except BaseException:
            self._app.call_later(self._close)
            raise
        self._app.call_later(self._opened, planner, refreshed)

    def _opened(self, planner: Planner, refreshed: Message) -> None:
        self.planner = planner
        self._app.post_message(refreshed)
        waiting, self._early_reads = self._early_reads, []
        for job in waiting:
            self._start_read(planner, job)
        self._next_write()

    def _close(self) -> None:
        self._closed = True
        self._early_reads.clear()
        self._writes.clear()

    # -- running --------------------------------------------------------------------------------
    def _start_read(self, planner: Planner, job: _Job[Any]) -> None:
        self._app.run_worker(
            partial(self._read, planner, job),
            thread=True,
            group="planner-read",
            description=job.key or "read",
            exit_on_error=False,
        )

    def _superseded(self, job: _Job[Any]) -> bool:
        return job.key is not None and self._latest.get(job.key) is not job

    def _read(self, planner: Planner, job: _Job[Any]) -> None:  # in the worker thread
        try:
            result = job.run(planner)
        except Exception as error:
            if self._superseded(job):
                return  # nobody waits for this answer any more, nor for its failure
            job.asker.post_message(JobFailed(error))
            raise
        if not self._superseded(job) and job.reply is not None:
            job.asker.post_message(job.reply(result))

    def _next_write(self) -> None:
        if self._writing or not self._writes or self.planner is None:
            return
        self._writing = True
        job = self._writes.popleft()
        subscribers = list(self._subscribers)
        self._app.run_worker(
            partial(self._write, self.planner, job, subscribers),
            thread=True,
            group="planner-write",
            description="refresh" if job is None else "write",
            exit_on_error=False,
        )

    def _write(
        self, planner: Planner, job: _Job[Any] | None, subscribers: list[MessagePump]
    ) -> None:  # in the worker thread
        marker: tuple[object, ...] | None = None
        try:
            if job is None:
                marker = _marker(planner)
                self._app.post_message(self._refresh(planner))
                return
            try:
                result = job.run(planner)
            except Exception as error:
                job.asker.post_message(JobFailed(error, wrote=True))
                raise
            marker = _marker(planner)  # before anything reads what the write changed
            reply = job.reply(result) if job.reply is not None else None
            try:
                self._app.post_message(self._refresh(planner))
            finally:  # the write is done: its asker and the screens hear of it all the same
                if reply is not None:
                    job.asker.post_message(reply)
                for node in subscribers:
                    node.post_message(DataChanged(job.asker))
        finally:
            self._app.call_later(self._write_done, marker)

    def _write_done(self, marker: tuple[object, ...] | None) -> None:
        self._writing = False
        self.writes_done += 1
        self.marker_after_write = marker
        self._next_write()


def _marker(planner: Planner) -> tuple[object, ...] | None:
    """The change marker, or None where it cannot be read (a write is not failed for it; the
    app's next look then takes its own reading as the baseline, as before this was read)."""
    try:
        return planner.maintenance.change_marker()
    except Exception:
        return None


def planner_work(node: DOMNode) -> PlannerWork:
    """The app's :class:`PlannerWork`, from any of its screens or widgets."""
    work = getattr(node.app, "work", None)
    if not isinstance(work, PlannerWork):
        raise TypeError(f"{type(node.app).__name__} runs no PlannerWork")
    return work
